// Manifest assertions (shared/DESIGN.md §6, "Extension": permissions and content security policy) on the generator and on the built
// extension, and `web-ext lint` on the Firefox build with no errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { root } from "../../scripts/test-lib.mjs";
import { manifest, CSP, ORDER_PAGE_MATCHES } from "../../scripts/manifest.mjs";
import { load } from "../../scripts/test-lib.mjs";

const EXPECTED_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const ALLOWED_PERMISSIONS = ["alarms", "notifications", "storage", "unlimitedStorage"];
// AliExpress hosts: the storefronts whose My Orders tab the background looks for (tabs.query by
// URL). No gateway (acs.*) and no aliexpress.ru: content-script requests go out as the page.
const ALLOWED_HOSTS = ["http://127.0.0.1/*", "http://localhost/*", "https://*.aliexpress.com/*", "https://global.cainiao.com/*", "https://www.aliexpress.us/*"];
const CONTENT_MATCHES = ["https://*.aliexpress.com/p/order/*", "https://www.aliexpress.us/p/order/*", "https://aliexpress.ru/order-list*", "https://www.aliexpress.ru/order-list*"];

const builds = [
  { name: "chromium", dir: join(root, "dist") },
  { name: "firefox", dir: join(root, "dist-firefox") },
];

for (const { name, dir } of builds) {
  test(`${name} manifest: CSP, permissions, hosts, no extra surface`, () => {
    const m = manifest(name, "1.2.3");
    assert.equal(CSP, EXPECTED_CSP);
    assert.deepEqual(m.content_security_policy, { extension_pages: EXPECTED_CSP });
    assert.equal(m.manifest_version, 3);
    assert.deepEqual([...m.permissions].sort(), ALLOWED_PERMISSIONS);
    assert.deepEqual([...m.host_permissions].sort(), ALLOWED_HOSTS);
    assert.deepEqual(m.optional_host_permissions, ["https://*/*"]);
    // activeTab only for an evidence-pack screenshot, asked for then and given back.
    assert.deepEqual(m.optional_permissions, ["activeTab"]);
    for (const k of ["web_accessible_resources", "externally_connectable", "content_scripts_world", "sandbox"]) assert.equal(m[k], undefined, k);
    assert.ok(!JSON.stringify(m).includes("<all_urls>"));
    assert.ok(!JSON.stringify(m).includes("unsafe-eval'") || JSON.stringify(m).includes("wasm-unsafe-eval"), "no plain unsafe-eval");
    assert.deepEqual(m.content_scripts.map((c) => c.matches), [CONTENT_MATCHES]);
    for (const h of m.host_permissions) assert.ok(!/acs\.aliexpress|aliexpress\.ru|<all_urls>|^\*:|^https:\/\/\*\/$/.test(h), `${h}: no gateway, no .ru, no wildcard host`);
  });
}

test("the content script runs on every storefront's My Orders and nowhere else", async () => {
  const storefront = await load("shared/storefront.ts");
  // One list for the manifest, the background's tab queries and the sender checks.
  assert.deepEqual([...storefront.ORDER_PAGE_MATCHES], ORDER_PAGE_MATCHES);
  // Host permissions cover the tabs the background queries (paths are ignored by host permissions).
  const hostOf = (p) => new URL(p.replace("*.", "wildcard.").replace(/\*$/, "")).hostname.replace(/^wildcard\./, "");
  const m = manifest("chromium", "1");
  for (const p of storefront.REFRESHABLE_ORDER_PAGE_MATCHES) {
    assert.ok(m.host_permissions.some((h) => hostOf(h) === hostOf(p) && h.startsWith(p.slice(0, p.indexOf(hostOf(p))))), `${p} has a host permission`);
  }
  assert.ok(!storefront.REFRESHABLE_ORDER_PAGE_MATCHES.some((p) => p.includes("aliexpress.ru")), "no refresh through aliexpress.ru");
});

test("the background differs only where the browsers differ", () => {
  const c = manifest("chromium", "1");
  const f = manifest("firefox", "1");
  assert.deepEqual(c.background, { service_worker: "background.js", type: "module" });
  assert.deepEqual(f.background, { scripts: ["wasm_exec.js", "background.js"] });
  assert.equal(c.browser_specific_settings, undefined);
  const g = f.browser_specific_settings.gecko;
  assert.match(g.id, /@/);
  assert.ok(Number.parseFloat(g.strict_min_version) >= 140);
  assert.deepEqual(g.data_collection_permissions, { required: ["none"] });
  const strip = (m) => ({ ...m, background: null, browser_specific_settings: null });
  assert.deepEqual(strip(c), strip(f));
});

for (const { name, dir } of builds) {
  test(`${name} build: manifest as generated, every file it names exists, no token keys in the content script`, () => {
    assert.ok(existsSync(join(dir, "manifest.json")), `${dir} is not built: npm test builds it first (npm run build)`);
    const built = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.deepEqual(built, manifest(name, JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version));
    const files = [
      ...(built.background.scripts ?? [built.background.service_worker]),
      ...built.content_scripts.flatMap((c) => [...c.js, ...c.css]),
      built.action.default_popup, built.options_ui.page, "dashboard.html", ...Object.values(built.icons),
    ];
    for (const f of files) assert.ok(existsSync(join(dir, f)), `${name}: ${f} missing`);
    for (const l of ["en", "ru"]) assert.ok(existsSync(join(dir, "_locales", l, "messages.json")));
    const content = readFileSync(join(dir, "content.js"), "utf8");
    for (const key of ["access_token", "refresh_token", "Authorization", "/api/v1/"]) assert.ok(!content.includes(key), `content.js mentions ${key}`);
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".js") && x !== "wasm_exec.js")) {
      const js = readFileSync(join(dir, f), "utf8");
      assert.ok(!/\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(js), `${f} writes HTML`);
      assert.ok(!/\beval\(|new Function\(/.test(js), `${f} evaluates code`);
    }
  });
}

test("every message key exists in both languages", () => {
  const en = JSON.parse(readFileSync(join(root, "_locales/en/messages.json"), "utf8"));
  const ru = JSON.parse(readFileSync(join(root, "_locales/ru/messages.json"), "utf8"));
  assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
  for (const status of ["info_received", "accepted", "in_transit", "departed_origin", "arrived_transit", "arrived_destination", "customs", "customs_held", "out_for_delivery", "pickup_ready", "delivery_failed", "delivered", "returning", "returned", "exception", "unknown", "awaiting_payment", "processing", "shipped", "completed", "closed", "in_dispute"]) {
    assert.ok(en[`status_${status}`], `status_${status}`);
  }
  // Every key the code asks for exists.
  const src = ["src/content/index.ts", "src/content/badge.ts", "src/content/panel.ts", "src/ui/view.ts", "src/ui/page.ts", "src/options/index.ts", "src/background/index.ts"].map((f) => readFileSync(join(root, f), "utf8")).join("\n");
  for (const [, key] of src.matchAll(/\bt\("([a-z_]+)"/g)) assert.ok(en[key], `missing message ${key}`);
});

test("web-ext lint reports no errors on the Firefox build", { timeout: 240000 }, async () => {
  assert.ok(existsSync(join(root, "dist-firefox", "manifest.json")), "dist-firefox is not built: npm test builds it first");
  const out = await new Promise((resolve, reject) => {
    execFile(join(root, "node_modules", ".bin", "web-ext"), ["lint", "--source-dir", join(root, "dist-firefox"), "--output", "json", "--no-input"], { maxBuffer: 1 << 26, timeout: 230000 }, (err, stdout) => {
      // web-ext exits non-zero when there are errors; the JSON still says which.
      if (!stdout) reject(err ?? new Error("web-ext printed nothing"));
      else resolve(stdout);
    });
  });
  const report = JSON.parse(out.slice(out.indexOf("{")));
  assert.equal(report.summary.errors, 0, JSON.stringify(report.errors, null, 1));
});
