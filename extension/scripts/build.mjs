// Builds extension/dist (Chromium) and extension/dist-firefox from the same source.
// `make wasm` has already written dist/core.wasm and dist/wasm_exec.js: they are kept in dist
// and copied into dist-firefox. Output is deterministic (no timestamps, no absolute paths), so
// a reviewer rebuilds it byte for byte (FIREFOX-SOURCE.md).
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { manifest } from "./manifest.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const WASM_FILES = ["core.wasm", "wasm_exec.js"];

/** wasm_exec.js is loaded by the browser, not bundled: Chromium imports it, Firefox lists it first. */
const wasmExec = (target) => ({
  name: "wasm-exec",
  setup(b) {
    b.onResolve({ filter: /^\.\/wasm_exec\.js$/ }, () =>
      target === "firefox" ? { path: "wasm_exec", namespace: "empty" } : { path: "./wasm_exec.js", external: true });
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
});

function cleanExcept(dir, keep) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (!keep.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

async function bundle(target, out) {
  const common = { bundle: true, target: target === "firefox" ? "firefox128" : "chrome120", logLevel: "warning", legalComments: "none", charset: "utf8", sourcemap: false, minify: false, absWorkingDir: root };
  await build({ ...common, entryPoints: ["src/background/index.ts"], outfile: join(out, "background.js"), format: target === "firefox" ? "iife" : "esm", plugins: [wasmExec(target)],
    // The loader only reads import.meta.url when no URLs are given; background passes both.
    logOverride: { "empty-import-meta": "silent" } });
  for (const [entry, file] of [["src/content/index.ts", "content.js"], ["src/popup/index.ts", "popup.js"], ["src/dashboard/index.ts", "dashboard.js"], ["src/options/index.ts", "options.js"]]) {
    await build({ ...common, entryPoints: [entry], outfile: join(out, file), format: "iife" });
  }
  cpSync(join(root, "static"), out, { recursive: true });
  cpSync(join(root, "_locales"), join(out, "_locales"), { recursive: true });
  // The core's advice texts: core.wasm embeds English alone, the worker gives it the buyer's
  // language from here (background/texts.ts).
  cpSync(join(root, "../shared/advice/texts"), join(out, "texts"), { recursive: true, filter: (f) => !/\.[^/]+$/.test(f) || f.endsWith(".json") });
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest(target, pkg.version), null, 2) + "\n");
}

const dist = join(root, "dist");
const ff = join(root, "dist-firefox");
cleanExcept(dist, WASM_FILES);
await bundle("chromium", dist);
rmSync(ff, { recursive: true, force: true });
mkdirSync(ff, { recursive: true });
await bundle("firefox", ff);
const missing = WASM_FILES.filter((f) => !existsSync(join(dist, f)));
for (const f of WASM_FILES) if (existsSync(join(dist, f))) cpSync(join(dist, f), join(ff, f));
if (missing.length) console.warn(`build: ${missing.join(", ")} missing in dist/ — run \`make wasm\` first; the extension cannot judge orders without the core`);
const size = (d) => readdirSync(d).reduce((n, f) => n + (statSync(join(d, f)).isFile() ? statSync(join(d, f)).size : 0), 0);
console.log(`build: dist/ (${(size(dist) / 1024).toFixed(0)} KiB) and dist-firefox/ (${(size(ff) / 1024).toFixed(0)} KiB) written`);
