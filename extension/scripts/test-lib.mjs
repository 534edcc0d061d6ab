// Lets the Node unit tests import the TypeScript sources: bundles one module with esbuild into a
// temporary ESM file and imports it. Modules under test have no chrome.* at import time.
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(tmpdir(), `orderwatch-unit-${process.pid}`);
process.on("exit", () => rmSync(outDir, { recursive: true, force: true }));

/** load bundles src/<rel> (a .ts module) and returns its exports. */
export async function load(rel) {
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, rel.replace(/[\\/]/g, "_").replace(/\.ts$/, ".mjs"));
  await build({
    entryPoints: [join(root, "src", rel)], bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "error",
    // CommonJS dependencies (js-md5) may require() Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(out).href);
}

/**
 * loadTogether bundles several src/ modules into one, so that they share module state (the
 * worker's state cache, say); returns { name: exports } for the names given.
 */
export async function loadTogether(modules) {
  mkdirSync(outDir, { recursive: true });
  const names = Object.keys(modules);
  const out = join(outDir, `together-${names.join("-")}.mjs`);
  await build({
    stdin: { contents: names.map((n) => `export * as ${n} from ${JSON.stringify("./" + modules[n])};`).join("\n"), resolveDir: join(root, "src"), loader: "ts" },
    bundle: true, format: "esm", platform: "node", outfile: out, logLevel: "error",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(out).href);
}

/** fixture reads a file under test/fixtures. */
export async function fixture(rel) {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile(join(root, "test", "fixtures", rel), "utf8");
  return rel.endsWith(".json") ? JSON.parse(text) : text;
}

/** A chrome.* stand-in for modules that call chrome.i18n at run time (badge texts). */
export function stubI18n(messages = {}) {
  globalThis.chrome = {
    i18n: {
      getMessage: (key, subs) => {
        const m = messages[key] ?? key;
        const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
        return m.replace(/\$(\d)/g, (_, i) => list[Number(i) - 1] ?? "");
      },
      getUILanguage: () => "en",
    },
    runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: "test" },
  };
}

/**
 * An in-memory chrome.storage area with the promise API the worker uses; `onGet` sees every
 * get's keys (null for a full read), for tests that count storage reads.
 */
export function storageArea(initial = {}, onGet = () => {}) {
  const data = structuredClone(initial);
  return {
    data,
    async get(keys) {
      onGet(keys ?? null);
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      Object.assign(data, structuredClone(items));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) delete data[k];
    },
  };
}

/**
 * A dashboard row of a made-up account as the worker hands it to the page (record, assessment,
 * badge): order i is delivered every fourth, "act" every seventh, in transit otherwise.
 */
export function dashboardRow(i) {
  const id = String(8000000000000000 + i);
  const done = i % 4 === 0;
  const a = {
    order_id: id, order_status: "shipped", status: done ? "delivered" : "in_transit", reason: "", stage: "international", verdict: i % 7 === 0 ? "act" : "normal",
    reasons: [], summary: "", last_update: null, days_since_update: 1, days_since_shipment: 3,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: null, source: "", basis: "", days_left: 30, warning: 0, expired: false },
    parcels: [], advice: [], confidence: 1, lang: "en", now: "2026-03-08T12:00:00Z",
  };
  const record = { order: { order_id: id, store: `Store ${i}` }, marks: { received: null, dispute_opened: false, archived: false }, note: "", conflicts: [], version: 1, dismissed: [], firstSeen: "x" };
  return { record, assessment: a, badge: { orderId: id, status: a.status, orderStatus: "shipped", verdict: a.verdict, label: a.status, daysSinceUpdate: 1, protectionDaysLeft: 30, reason: "", tracked: true }, conflicts: [] };
}
