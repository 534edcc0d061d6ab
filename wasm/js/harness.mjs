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

/** Starts the built core in this realm (once) and returns its API. */
export function loadCore() {
  requireBuild();
  return loadOrderWatch({ wasmUrl: new URL(`file://${coreWasm}`), wasmExecUrl: new URL(`file://${wasmExec}`) });
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
 * The labelled carrier checkpoints as classify inputs: the shared checkpoint set as copied
 * into shared/classify/testdata by the classifier's owner (or, until then, the reference copy
 * in /work/shared), plus every other labelled CSV there. Labels are dropped: parity compares
 * the two builds, not the classifier's accuracy.
 * @returns {Promise<{source: string, events: import("./orderwatch").ClassifyInput[]}>}
 */
export async function checkpointEvents() {
  const dir = join(repoRoot, "shared/classify/testdata");
  const files = existsSync(dir) ? (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".csv")).map((f) => join(dir, f)) : [];
  if (!files.some((f) => f.endsWith("dev.csv"))) {
    const reference = "/work/shared/data/checkpoints/dev.csv";
    if (!existsSync(reference)) {
      throw new Error(`the checkpoint set (dev.csv) is neither under ${dir} nor at ${reference}`);
    }
    files.push(reference);
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
