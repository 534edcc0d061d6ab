// Types of loader.js; the contract itself is orderwatch.d.ts.
import type { LoadOptions, OrderWatchAPI } from "./orderwatch";

export type { LoadOptions, OrderWatchAPI } from "./orderwatch";

/**
 * Loads and starts core.wasm and resolves with its API, which is then also
 * globalThis.OrderWatch. One core runs per realm: later calls return the same promise. In a
 * module service worker, `import "./wasm_exec.js"` statically before importing the loader.
 */
export function loadOrderWatch(options?: LoadOptions): Promise<OrderWatchAPI>;
