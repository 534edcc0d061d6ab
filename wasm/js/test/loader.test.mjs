// loadOrderWatch in each way a page, a worker or Node starts the core. Each case runs in a
// fresh worker thread, since one core runs per JavaScript realm.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { coreWasm, repoRoot, requireBuild, wasmExec } from "../harness.mjs";

requireBuild();
const loaderURL = new URL("../loader.js", import.meta.url).href;
const wasmURL = pathToFileURL(coreWasm).href;
const execURL = pathToFileURL(wasmExec).href;

/**
 * Runs an ES module body in a fresh worker; it must end with `report(value)`.
 * @param {string} body
 * @returns {Promise<any>}
 */
function inWorker(body) {
  const src = `import { parentPort } from "node:worker_threads";
const report = (v) => parentPort.postMessage(JSON.parse(JSON.stringify(v)));
try { ${body} } catch (err) { report({ error: String(err && err.message || err) }); }`;
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(src)}`));
    w.once("message", (m) => {
      resolve(m);
      w.terminate();
    });
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`worker exited (${code}) without reporting`)));
  });
}

test("loads with wasm_exec.js imported by the loader (extension page, Node)", async () => {
  const got = await inWorker(`
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    const hadGo = typeof globalThis.Go;
    const ow = await loadOrderWatch({ wasmUrl: ${JSON.stringify(wasmURL)}, wasmExecUrl: ${JSON.stringify(execURL)} });
    report({ hadGo, same: globalThis.OrderWatch === ow, version: ow.version, n: ow.classify([{ text: "Delivered" }]).length });`);
  assert.deepEqual({ ...got, version: typeof got.version }, { hadGo: "undefined", same: true, version: "string", n: 1 });
});

test("loads after a static import of wasm_exec.js, never importing it again (MV3 service worker)", async () => {
  // A module service worker may not call import(): with Go already defined, the loader must
  // not try, so a wasm_exec.js URL that does not exist must not matter.
  const got = await inWorker(`
    await import(${JSON.stringify(execURL)});
    const { readFile } = await import("node:fs/promises");
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    const ow = await loadOrderWatch({ wasmBytes: await readFile(${JSON.stringify(coreWasm)}), wasmExecUrl: "file:///nonexistent/wasm_exec.js" });
    report({ status: typeof ow.classify([{ text: "Delivered" }])[0].status });`);
  assert.deepEqual(got, { status: "string" });
});

test("loads wasm_exec.js with importScripts in a classic worker", async () => {
  const got = await inWorker(`
    const vm = await import("node:vm");
    const { readFileSync } = await import("node:fs");
    const { fileURLToPath } = await import("node:url");
    const loaded = [];
    globalThis.importScripts = (url) => { loaded.push(url); vm.runInThisContext(readFileSync(fileURLToPath(url), "utf8")); };
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    const mod = await WebAssembly.compile(readFileSync(${JSON.stringify(coreWasm)}));
    const ow = await loadOrderWatch({ wasmBytes: mod, wasmExecUrl: ${JSON.stringify(execURL)} });
    report({ loaded, kind: ow.parseNumber("RB123456785GB").input });`);
  assert.deepEqual(got, { loaded: [execURL], kind: "RB123456785GB" });
});

test("concurrent calls share one core", async () => {
  const got = await inWorker(`
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    const opts = { wasmUrl: ${JSON.stringify(wasmURL)}, wasmExecUrl: ${JSON.stringify(execURL)} };
    const [a, b] = await Promise.all([loadOrderWatch(opts), loadOrderWatch(opts)]);
    report({ same: a === b && b === await loadOrderWatch() });`);
  assert.deepEqual(got, { same: true });
});

test("a missing core.wasm rejects clearly, and a retry can succeed", async () => {
  const got = await inWorker(`
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    let first;
    try { await loadOrderWatch({ wasmUrl: "file:///nonexistent/core.wasm", wasmExecUrl: ${JSON.stringify(execURL)} }); first = "resolved"; }
    catch (err) { first = err.message; }
    const ow = await loadOrderWatch({ wasmUrl: ${JSON.stringify(wasmURL)} });
    report({ first, retried: typeof ow.version });`);
  assert.match(got.first, /nonexistent\/core\.wasm/);
  assert.equal(got.retried, "string");
});

test("bytes that are not a WebAssembly module reject", async () => {
  const got = await inWorker(`
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    await loadOrderWatch({ wasmBytes: new TextEncoder().encode("not wasm"), wasmExecUrl: ${JSON.stringify(execURL)} });
    report({ resolved: true });`);
  assert.match(got.error, /WebAssembly|magic/i);
});

test("without wasm_exec.js the error says how to load it in a service worker", async () => {
  const got = await inWorker(`
    const { loadOrderWatch } = await import(${JSON.stringify(loaderURL)});
    await loadOrderWatch({ wasmUrl: ${JSON.stringify(wasmURL)}, wasmExecUrl: "file:///nonexistent/wasm_exec.js" });
    report({ resolved: true });`);
  assert.match(got.error, /wasm_exec\.js could not be loaded from file:\/\/\/nonexistent\/wasm_exec\.js/);
  assert.match(got.error, /import "\.\/wasm_exec\.js";/);
});

test("loads when bundled into a classic script (esbuild iife, the Firefox event page)", async () => {
  const { createRequire } = await import("node:module");
  const esbuild = createRequire(join(repoRoot, "extension/package.json"))("esbuild");
  const out = await esbuild.build({
    stdin: { contents: `import { loadOrderWatch } from ${JSON.stringify(fileURLToPath(loaderURL))}; globalThis.loadOrderWatch = loadOrderWatch;`, resolveDir: repoRoot },
    bundle: true, format: "iife", write: false, logLevel: "silent",
  });
  const script = out.outputFiles[0].text;
  const got = await inWorker(`
    const vm = await import("node:vm");
    const { readFileSync } = await import("node:fs");
    vm.runInThisContext(readFileSync(${JSON.stringify(wasmExec)}, "utf8"));
    vm.runInThisContext(${JSON.stringify(script)});
    const ow = await globalThis.loadOrderWatch({ wasmBytes: readFileSync(${JSON.stringify(coreWasm)}) });
    report({ n: ow.classify([{ text: "Delivered" }, { text: "" }]).length });`);
  assert.deepEqual(got, { n: 2 });
});
