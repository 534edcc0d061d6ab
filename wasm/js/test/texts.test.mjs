// loadTexts and needTexts: the module embeds English alone; a language's advice texts come
// from the host. A fresh core (its own Node process, nothing loaded) answers a question in a
// language not loaded in English and says which to load; loading it is strict and idempotent.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { coreWasm, repoRoot, requireBuild, textsDir, wasmExec } from "../harness.mjs";

const script = `
import { readFileSync } from "node:fs";
import { loadOrderWatch } from ${JSON.stringify(join(repoRoot, "wasm/js/loader.js"))};
const ow = await loadOrderWatch({ wasmUrl: new URL(${JSON.stringify(`file://${coreWasm}`)}), wasmExecUrl: new URL(${JSON.stringify(`file://${wasmExec}`)}) });
const texts = (l) => readFileSync(${JSON.stringify(textsDir)} + "/" + l + ".json", "utf8");
const order = { order_id: "8214937669763641", order_date: "2026-02-01", parcels: [], buyer: { lang: "de-AT" } };
const out = { before: [ow.needTexts("de-AT"), ow.needTexts("en-GB"), ow.needTexts("ja"), ow.needTexts("iw-IL"), ow.needTexts("zh, pt-BR;q=0.5")] };
const a = ow.assess(order, "2026-03-20T12:00:00Z");
out.englishBefore = a.lang;
const errs = [];
const tryLoad = (...args) => { try { ow.loadTexts(...args); errs.push(null); } catch (e) { errs.push(e.message); } };
tryLoad("ja", texts("de"));
tryLoad("de", "{");
tryLoad("de", texts("de").replace("{day}", "{tag}"));
tryLoad("fr", texts("de"));
tryLoad("de");
tryLoad("de", 42);
out.stillMissing = ow.needTexts("de");
tryLoad("de", texts("de"));
tryLoad("de", texts("de"));
tryLoad("de", texts("de").replace('"name"', ' "name"'));
tryLoad("en", texts("en"));
out.errs = errs;
out.after = [ow.needTexts("de-AT"), ow.needTexts("he")];
out.german = ow.assess(order, "2026-03-20T12:00:00Z").lang;
console.log(JSON.stringify(out));
`;

test("a fresh core: needTexts names what a question needs, loadTexts is strict and idempotent", async () => {
  requireBuild();
  const stdout = await new Promise((resolve, reject) =>
    execFile(process.execPath, ["--input-type=module", "-e", script], { maxBuffer: 16 << 20 }, (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out))));
  const out = JSON.parse(stdout.trim().split("\n").pop());
  assert.deepEqual(out.before, ["de", null, null, "he", "pt"]);
  assert.equal(out.englishBefore, "en", "a language not loaded is answered in English (the host loads it first)");
  const [ja, badJSON, badDate, wrongLang, noText, notString, first, again, changed, en] = out.errs;
  assert.match(ja, /^OrderWatch\.loadTexts: advice: no language "ja"/);
  assert.match(badJSON, /^OrderWatch\.loadTexts: advice: texts of "de"/);
  assert.match(badDate, /date_format/);
  assert.match(wrongLang, /the texts given for "fr" are those of "de"/);
  assert.match(noText, /expects 2 arguments/);
  assert.match(notString, /must be strings/);
  assert.equal(out.stillMissing, "de", "a refused load leaves the language missing");
  assert.equal(first, null);
  assert.equal(again, null, "the same texts again are a no-op");
  assert.match(changed, /already loaded/);
  assert.equal(en, null, "the embedded English again is a no-op");
  assert.deepEqual(out.after, [null, "he"]);
  assert.equal(out.german, "de");
});

