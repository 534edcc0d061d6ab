// Starts the OrderWatch core (core.wasm, the Go core compiled to WebAssembly) and resolves
// with its API once it is ready; the same object is then globalThis.OrderWatch. Types:
// loader.d.ts and orderwatch.d.ts beside this file.
//
// core.wasm needs the Go runtime's JavaScript half, wasm_exec.js, copied next to core.wasm by
// `make wasm`. It defines globalThis.Go; how it gets loaded depends on where this runs:
//   - MV3 service worker (a module worker): import() and importScripts() are not allowed there,
//     so import it statically, before this loader:
//         import "./wasm_exec.js";
//         import { loadOrderWatch } from "./loader.js";
//   - classic worker: loaded with importScripts() from options.wasmExecUrl;
//   - extension page, Node: loaded with import() from options.wasmExecUrl, unless a <script>
//     tag or an import already loaded it.
//
// One core runs per JavaScript realm: later calls return the same promise.

/** @typedef {import("./orderwatch").OrderWatchAPI} OrderWatchAPI */
/** @typedef {import("./loader").LoadOptions} LoadOptions */

/** The environment variable main_js.go reads to find the function to call when ready. */
const READY_ENV = "ORDERWATCH_READY";

/** @type {Promise<OrderWatchAPI> | undefined} */
let loading;

/**
 * Loads and starts core.wasm; resolves with the API when the core is ready.
 * @param {LoadOptions} [options]
 * @returns {Promise<OrderWatchAPI>}
 */
export function loadOrderWatch(options = {}) {
  if (!loading) {
    loading = start(options);
    // A failed start may be retried (e.g. after a network error).
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/**
 * @param {LoadOptions} options
 * @returns {Promise<OrderWatchAPI>}
 */
async function start(options) {
  const Go = await obtainGo(() => options.wasmExecUrl ?? defaultURL("wasm_exec.js"));
  const go = new Go();
  let exitCode = -1;
  go.exit = (/** @type {number} */ code) => {
    exitCode = code;
  };

  const readyName = `__orderWatchReady_${Math.random().toString(36).slice(2)}`;
  /** @type {Promise<RawCore>} */
  const ready = new Promise((resolve) => {
    /** @type {any} */ (globalThis)[readyName] = resolve;
  });
  // GOGC=off while the Go packages initialise (main_js.go turns collection back on before it
  // is ready): their tables are built from many small allocations, and collecting midway
  // only costs start-up time.
  go.env = { ...go.env, GOGC: "off", [READY_ENV]: readyName };

  try {
    const instance = await instantiate(options, go.importObject);
    const exited = go.run(instance).then(() => {
      throw new Error(`OrderWatch: core.wasm exited (code ${exitCode}) before it was ready; see the console for its output`);
    });
    const core = await Promise.race([ready, exited]);
    const api = Object.freeze({
      version: core.version,
      classify: wrapClassify(core.classify),
      parseNumber: wrap(core.parseNumber),
      assess: wrap(core.assess),
      assessBatch: wrapBatch(core.assessBatch),
      evidencePack: wrap(core.evidencePack, false),
      needTexts: wrapNeed(core.needTexts),
      loadTexts: wrapLoad(core.loadTexts),
    });
    /** @type {any} */ (globalThis).OrderWatch = api;
    return /** @type {OrderWatchAPI} */ (api);
  } finally {
    delete (/** @type {any} */ (globalThis)[readyName]);
  }
}

/**
 * @typedef {{version: string, classify: RawFunction, parseNumber: RawFunction, assess: RawFunction, assessBatch: RawPartsFunction, evidencePack: RawFunction, needTexts: RawFunction, loadTexts: (...args: unknown[]) => true | Error}} RawCore
 * @typedef {(...args: unknown[]) => string | Error} RawFunction
 * @typedef {(...args: unknown[]) => string[] | Error} RawPartsFunction
 */

/**
 * The Go side cannot throw into its caller, so each of its functions returns either the
 * result's JSON text or an Error; this turns that into a plain object or a throw.
 * @param {RawFunction} fn
 * @param {boolean} [json] false: the result is text (evidencePack's HTML), returned as it is
 */
function wrap(fn, json = true) {
  return (/** @type {unknown[]} */ ...args) => {
    const out = fn(...args);
    if (out instanceof Error) {
      // A fresh Error so that the stack shows the caller, not the Go runtime.
      throw new Error(out.message);
    }
    return json ? JSON.parse(out) : out;
  };
}

/**
 * needTexts answers the language's code, or "" when nothing is missing (null here).
 * @param {RawFunction} fn
 */
function wrapNeed(fn) {
  const call = wrap(fn, false);
  return (/** @type {unknown[]} */ ...args) => call(...args) || null;
}

/**
 * loadTexts answers true, or an Error; nothing is returned.
 * @param {(...args: unknown[]) => true | Error} fn
 */
function wrapLoad(fn) {
  return (/** @type {unknown[]} */ ...args) => {
    const out = fn(...args);
    if (out instanceof Error) throw new Error(out.message);
  };
}

/**
 * assessBatch's Go side answers in parts, each the JSON array of some of the answers, in
 * order (V8 makes a string past ~64K characters several times more slowly per character, and
 * a whole account's answer is far past that); this parses each and joins them into one array.
 * @param {RawPartsFunction} fn
 */
function wrapBatch(fn) {
  return (/** @type {unknown[]} */ ...args) => {
    const parts = fn(...args);
    if (parts instanceof Error) {
      throw new Error(parts.message);
    }
    /** @type {unknown[]} */
    const all = JSON.parse(parts[0]);
    for (let i = 1; i < parts.length; i++) {
      for (const a of JSON.parse(parts[i])) all.push(a);
    }
    return all;
  };
}

/**
 * classify's Go side answers {results, index}: each distinct result once and, per event, the
 * index of its result (an account's events repeat; the text crossing into JavaScript and its
 * JSON.parse were most of a call). This expands it into one fresh object per event, in order.
 * @param {RawFunction} fn
 */
function wrapClassify(fn) {
  const call = wrap(fn);
  return (/** @type {unknown[]} */ ...args) => {
    const { results, index } = /** @type {{results: object[], index: number[]}} */ (call(...args));
    return index.map((k) => ({ ...results[k] }));
  };
}

/**
 * Returns globalThis.Go, loading wasm_exec.js first if nothing has yet.
 * @param {() => string | URL} where wasm_exec.js is; asked only when it must be loaded
 * @returns {Promise<any>}
 */
async function obtainGo(where) {
  const g = /** @type {any} */ (globalThis);
  if (typeof g.Go === "function") {
    return g.Go;
  }
  const href = String(where());
  const problems = [];
  // Classic workers have importScripts; module workers have it too, but it throws there.
  if (typeof g.importScripts === "function") {
    try {
      g.importScripts(href);
    } catch (err) {
      problems.push(`importScripts: ${/** @type {Error} */ (err).message}`);
    }
  }
  if (typeof g.Go !== "function") {
    try {
      await import(/* webpackIgnore: true */ href);
    } catch (err) {
      problems.push(`import(): ${/** @type {Error} */ (err).message}`);
    }
  }
  if (typeof g.Go !== "function") {
    throw new Error(
      `OrderWatch: wasm_exec.js could not be loaded from ${href} (${problems.join("; ") || "it did not define Go"}). ` +
        `In a module service worker, add \`import "./wasm_exec.js";\` before importing the loader.`,
    );
  }
  return g.Go;
}

/**
 * Compiles and instantiates core.wasm from the given bytes or module, a file: URL (Node) or
 * any URL fetch() can read.
 * @param {LoadOptions} options
 * @param {WebAssembly.Imports} imports
 * @returns {Promise<WebAssembly.Instance>}
 */
async function instantiate(options, imports) {
  const { wasmBytes } = options;
  if (wasmBytes instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(wasmBytes, imports);
  }
  if (wasmBytes) {
    return (await WebAssembly.instantiate(wasmBytes, imports)).instance;
  }
  const url = new URL(options.wasmUrl ?? defaultURL("core.wasm"), baseURL());
  if (url.protocol === "file:") {
    // Node's fetch() does not read files. The module name is a variable so that bundlers for
    // the browser leave it alone; this branch never runs there.
    const fsModule = "node:fs/promises";
    const { readFile } = await import(fsModule);
    return (await WebAssembly.instantiate(await readFile(url), imports)).instance;
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`OrderWatch: unable to fetch ${url}: HTTP ${response.status}`);
  }
  if (typeof WebAssembly.instantiateStreaming === "function" && response.headers.get("content-type") === "application/wasm") {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

/**
 * A file next to this module (next to the bundle, once bundled).
 * @param {string} name
 */
function defaultURL(name) {
  return new URL(name, baseURL());
}

/**
 * What relative URLs are resolved against: this module's URL, or, when it was bundled into a
 * classic script (esbuild's iife format empties import.meta), the script's location.
 * @returns {string | undefined}
 */
function baseURL() {
  return import.meta.url ?? /** @type {any} */ (globalThis).location?.href;
}
