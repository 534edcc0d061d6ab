// The loader and the core in real headless Chromium: in an MV3 module service worker (wasm_exec.js
// imported statically, as the extension does) and on an extension page (wasm_exec.js as a
// classic script), under the extension CSP that allows WebAssembly and nothing more.
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { coreWasm, repoRoot, requireBuild, wasmExec } from "../harness.mjs";

const CHROMIUM = "/usr/lib/chromium/chromium";

/** @type {string} */
let dir;
/** @type {any} */
let ctx;
/** @type {any} */
let sw;

before(async () => {
  requireBuild();
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run make deps-apt`);
  dir = await mkdtemp(join(tmpdir(), "orderwatch-wasm-browser-"));
  const ext = join(dir, "ext");
  await (await import("node:fs/promises")).mkdir(ext);
  await copyFile(coreWasm, join(ext, "core.wasm"));
  await copyFile(wasmExec, join(ext, "wasm_exec.js"));
  await copyFile(new URL("../loader.js", import.meta.url), join(ext, "loader.js"));
  await writeFile(join(ext, "manifest.json"), JSON.stringify({
    manifest_version: 3, name: "OrderWatch core test", version: "1.0",
    background: { service_worker: "sw.js", type: "module" },
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
  }));
  // What the worker and the page run: every function once, and a bad call that must throw.
  const probe = `
    const started = performance.now();
    async function probe(ow) {
      const readyMs = Math.round(performance.now() - started);
      let thrown = "";
      try { ow.classify([{ carrier: "ups" }]); } catch (err) { thrown = err instanceof Error ? err.message : String(err); }
      return {
        readyMs,
        version: ow.version,
        same: globalThis.OrderWatch === ow,
        classify: ow.classify([{ text: "Delivered" }, { text: "" }]).length,
        number: ow.parseNumber("RB123456785GB").input,
        assess: ow.assess({ order_id: "8214937669763641" }, "2026-03-20T12:00:00Z").order_id,
        thrown,
        after: ow.classify([{ text: "Delivered" }]).length,
      };
    }`;
  await writeFile(join(ext, "sw.js"), `import "./wasm_exec.js";
import { loadOrderWatch } from "./loader.js";
${probe}
globalThis.result = loadOrderWatch().then(probe, (err) => ({ error: String(err) }));
`);
  await writeFile(join(ext, "page.html"), `<!doctype html><script src="wasm_exec.js"></script><script type="module" src="page.js"></script>`);
  await writeFile(join(ext, "page.js"), `import { loadOrderWatch } from "./loader.js";
${probe}
globalThis.result = loadOrderWatch().then(probe, (err) => ({ error: String(err) }));
`);
  const { chromium } = createRequire(join(repoRoot, "extension/package.json"))("playwright-core");
  ctx = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM, headless: true, ignoreDefaultArgs: ["--disable-extensions"],
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, "--no-sandbox", "--disable-gpu", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker", { timeout: 60_000 }));
});

after(async () => {
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** @param {any} t @param {any} got */
function assertProbe(t, got) {
  assert.equal(got.error, undefined, `the core did not start: ${got.error}`);
  t.diagnostic(`ready ${got.readyMs} ms after the script started (a figure, not a limit)`);
  assert.match(got.version, /\(go\d/);
  assert.deepEqual({ ...got, version: "", readyMs: 0 }, {
    readyMs: 0, version: "", same: true, classify: 2, number: "RB123456785GB", assess: "8214937669763641",
    thrown: "OrderWatch.classify: event 0: text is required", after: 1,
  });
}

test("in an MV3 module service worker", async (t) => {
  assertProbe(t, await sw.evaluate(() => /** @type {any} */ (globalThis).result));
});

test("on an extension page", async (t) => {
  const page = await ctx.newPage();
  await page.goto(new URL("page.html", sw.url()).href);
  await page.waitForFunction(() => /** @type {any} */ (globalThis).result !== undefined, null, { timeout: 60_000 });
  assertProbe(t, await page.evaluate(() => /** @type {any} */ (globalThis).result));
});
