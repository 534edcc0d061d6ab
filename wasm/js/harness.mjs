// Shared by the contract tests (test/) and the benchmark (bench.mjs): where things are, how to
// start the built core, how to run the native core, and the shared test data. Kept out of
// test/ because node --test runs every file there as a test file.

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadOrderWatch } from "./loader.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const coreWasm = join(repoRoot, "extension/dist/core.wasm");
export const wasmExec = join(repoRoot, "extension/dist/wasm_exec.js");

/** Fails with a clear message when `make wasm` has not run. */
export function requireBuild() {
  for (const f of [coreWasm, wasmExec]) {
    if (!existsSync(f)) {
      throw new Error(`${f} is missing: run \`make wasm\` first`);
    }
  }
}

/** Where the advice texts are: the module embeds English alone; the extension ships them all. */
export const textsDir = join(repoRoot, "shared/advice/texts");

/** The languages that have advice texts (texts/<lang>.json), sorted. */
export async function textLanguages() {
  return (await readdir(textsDir)).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();
}

/**
 * Starts the built core in this realm (once) and returns its API, with every language's
 * advice texts loaded (loadTexts), as the native core has them all built in.
 */
export async function loadCore() {
  requireBuild();
  const ow = await loadOrderWatch({ wasmUrl: new URL(`file://${coreWasm}`), wasmExecUrl: new URL(`file://${wasmExec}`) });
  for (const lang of await textLanguages()) ow.loadTexts(lang, await readFile(join(textsDir, `${lang}.json`), "utf8"));
  return ow;
}

/**
 * Runs a program with stdin, resolving with stdout; rejects with stderr on a non-zero exit.
 * @param {string} file
 * @param {string[]} args
 * @param {{input?: string, cwd?: string, env?: NodeJS.ProcessEnv}} [opts]
 * @returns {Promise<string>}
 */
export function run(file, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: opts.cwd ?? repoRoot, env: opts.env ?? process.env, maxBuffer: 256 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${file} ${args.join(" ")} failed: ${err.message}\n${stderr}`));
          return;
        }
        resolve(stdout);
      },
    );
    child.stdin?.end(opts.input ?? "");
  });
}

/** @type {Promise<{bin: string, dir: string}> | undefined} */
let native;

/**
 * Builds the native `orderwatch` binary once per process (into a temporary directory) and
 * returns its path; cleanup() removes it.
 */
export function nativeBinary() {
  native ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "orderwatch-native-"));
    const bin = join(dir, "orderwatch");
    await run("go", ["build", "-o", bin, "./server/cmd/orderwatch"]);
    return { bin, dir };
  })();
  return native.then((n) => n.bin);
}

export async function cleanup() {
  if (native) {
    const { dir } = await native;
    await rm(dir, { recursive: true, force: true });
    native = undefined;
  }
}

/**
 * Parses CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into objects
 * keyed by the header row.
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
export function parseCSV(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== "");
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/**
 * The labelled carrier checkpoints as classify inputs: every labelled CSV under
 * shared/classify/testdata (dev.csv and the others). Labels are dropped: parity compares the
 * two builds, not the classifier's accuracy.
 * @returns {Promise<{source: string, events: import("./orderwatch").ClassifyInput[]}>}
 */
export async function checkpointEvents() {
  const dir = join(repoRoot, "shared/classify/testdata");
  const files = existsSync(dir) ? (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".csv")).map((f) => join(dir, f)) : [];
  if (!files.some((f) => f.endsWith("dev.csv"))) {
    throw new Error(`the checkpoint set (dev.csv) is not under ${dir}`);
  }
  /** @type {import("./orderwatch").ClassifyInput[]} */
  const events = [];
  for (const f of files.sort()) {
    for (const r of parseCSV(await readFile(f, "utf8"))) {
      const text = r.message ?? r.text;
      if (text === undefined) {
        throw new Error(`${f}: no "message" or "text" column`);
      }
      /** @type {import("./orderwatch").ClassifyInput} */
      const e = { text };
      if (r.carrier) e.carrier = r.carrier;
      if (r.code) e.code = r.code;
      const lang = r.language ?? r.lang;
      if (lang && lang !== "und") e.lang = lang;
      events.push(e);
    }
  }
  return { source: files.map((f) => f.replace(repoRoot, "")).join(", "), events };
}

/**
 * Orders to assess through both builds: the documented example, the assessment scenarios
 * written for shared/assess (when present), and an account composed from the checkpoint set
 * covering each shipping method, protection form and buyer mark. Each comes with the clock to
 * assess it at.
 * @returns {Promise<{name: string, order: import("./orderwatch").Order, now: string}[]>}
 */
export async function assessmentCases() {
  const now = "2026-03-20T09:30:00Z";
  const cases = [];
  const example = JSON.parse(await readFile(join(repoRoot, "shared/order/testdata/example.json"), "utf8"));
  cases.push({ name: "shared/order/testdata/example.json", order: example, now });

  // Each scenario is an order (NAME.json, beside its NAME.golden.json), assessed at the
  // clock of shared/assess/scenario_test.go.
  const scenarios = join(repoRoot, "shared/assess/testdata/scenarios");
  const scenarioNow = "2026-03-20T12:00:00Z";
  if (existsSync(scenarios)) {
    for (const f of (await readdir(scenarios)).filter((f) => f.endsWith(".json") && !f.endsWith(".golden.json")).sort()) {
      const order = JSON.parse(await readFile(join(scenarios, f), "utf8"));
      cases.push({ name: `scenarios/${f}`, order, now: scenarioNow });
    }
  }

  // A few sources give a whole description table as the "code"; an order page never would
  // (and order.Decode rejects codes that long).
  const events = (await checkpointEvents()).events.filter((e) => (e.code ?? "").length <= 40);
  const methods = ["AliExpress Standard Shipping", "AliExpress Saver Shipping", "AliExpress Premium Shipping", "ePacket", "China Post Registered Air Mail", "DHL", "Cainiao Super Economy Global", "Seller's Shipping Method", ""];
  const statuses = ["Awaiting delivery", "Awaiting shipment", "Completed", "Closed", "Dispute in progress", ""];
  const day = 24 * 3600 * 1000;
  const clock = Date.parse(now);
  for (let i = 0; i < 40; i++) {
    const ordered = clock - (3 + ((i * 7) % 70)) * day;
    const count = i % 10 === 0 ? 0 : 1 + ((i * 5) % 23);
    const evs = [];
    for (let k = 0; k < count; k++) {
      const e = events[(i * 31 + k * 17) % events.length];
      const t = ordered + day + ((clock - ordered - day) * (k + 1)) / (count + 1);
      evs.push({ ...e, time: new Date(t - (t % 60000)).toISOString().replace(".000Z", "Z"), location: k % 2 ? "Shenzhen" : "", number: `LP${String(123456789012 + i).padStart(14, "0")}` });
    }
    /** @type {import("./orderwatch").Order} */
    const order = {
      order_id: String(8214937669763641 + i * 104729),
      order_date: new Date(ordered).toISOString().slice(0, 10),
      status_text: statuses[i % statuses.length],
      shipping_method: methods[i % methods.length],
      parcels: count ? [{ numbers: [{ number: evs[0].number, carrier: "Cainiao" }], events: evs.map(({ location, ...e }) => (location ? { ...e, location } : e)) }] : [],
      buyer: { country: "GB", lang: ["en", "ru", "de", "fr", ""][i % 5] },
    };
    if (i % 4 === 1) order.protection = { days_left: (i * 3) % 20, read_at: new Date(clock - day).toISOString() };
    if (i % 4 === 2) order.protection = { ends_at: new Date(clock + ((i % 9) - 2) * day).toISOString() };
    if (i % 6 === 3) order.buyer = { ...order.buyer, received: i % 12 === 3 };
    if (i % 8 === 5) order.buyer = { ...order.buyer, dispute_opened: true };
    cases.push({ name: `composed order ${i}`, order, now });
  }
  return cases;
}
