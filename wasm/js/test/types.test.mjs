// The typed contract compiles, and catches what it should (contract.check.ts), with the
// extension's own TypeScript.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot, run } from "../harness.mjs";

test("orderwatch.d.ts, loader.d.ts and loader.js type-check", async () => {
  const tsc = join(repoRoot, "extension/node_modules/typescript/bin/tsc");
  assert.ok(existsSync(tsc), `${tsc} is missing: run npm ci in extension/`);
  await run(process.execPath, [tsc, "-p", join(repoRoot, "wasm/js/tsconfig.json")]);
});
