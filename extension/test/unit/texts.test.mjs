// background/texts.ts: the core (which embeds English alone) is given a language's advice
// texts before the first question in it, once, and a failed read fails the question.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { load, root } from "../../scripts/test-lib.mjs";

const { ensureTexts } = await load("background/texts.ts");

/** A stand-in for the core's needTexts/loadTexts, resolving tags as the core does for these. */
function fakeCore() {
  const loaded = new Set(["en"]);
  const calls = [];
  const code = (tag) => ({ "pt-BR": "pt", "de-AT": "de", de: "de", he: "he", "iw-IL": "he", ja: "en", en: "en" })[tag] ?? "en";
  return {
    calls, loaded,
    needTexts: (tag) => (loaded.has(code(tag)) ? null : code(tag)),
    loadTexts: (lang, text) => {
      calls.push(["load", lang, text]);
      if (text !== `texts of ${lang}`) throw new Error(`OrderWatch.loadTexts: bad texts for ${lang}`);
      loaded.add(lang);
    },
  };
}

test("ensureTexts loads the language a tag needs before it resolves, once for concurrent questions", async () => {
  const api = fakeCore();
  const reads = [];
  const read = async (code) => {
    reads.push(code);
    await new Promise((r) => setTimeout(r, 5));
    return `texts of ${code}`;
  };
  await Promise.all([ensureTexts(api, "pt-BR", read), ensureTexts(api, "pt-BR", read), ensureTexts(api, "de-AT", read)]);
  assert.deepEqual(reads.sort(), ["de", "pt"]);
  assert.ok(api.loaded.has("pt") && api.loaded.has("de"), "loaded before ensureTexts resolved");
  await ensureTexts(api, "pt-BR", read);
  await ensureTexts(api, "en", read);
  await ensureTexts(api, "ja", read);
  assert.deepEqual(reads.sort(), ["de", "pt"], "nothing read again, nothing for English");
  await ensureTexts(api, "iw-IL", read);
  assert.deepEqual(api.calls.map((c) => c[1]).sort(), ["de", "he", "pt"]);
});

test("a failed read or refused texts reject the question, and the next one tries again", async () => {
  const api = fakeCore();
  let fail = true;
  const read = async (code) => {
    if (fail) throw new Error("HTTP 404");
    return `texts of ${code}`;
  };
  await assert.rejects(ensureTexts(api, "he", read), /HTTP 404/);
  assert.equal(api.needTexts("he"), "he");
  fail = false;
  await ensureTexts(api, "he", read);
  assert.equal(api.needTexts("he"), null);
  await assert.rejects(ensureTexts(api, "de", async () => "junk"), /bad texts for de/);
  await ensureTexts(api, "de", read);
  assert.equal(api.needTexts("de"), null);
});

test("the build ships every advice language beside core.wasm, byte for byte", () => {
  const src = join(root, "../shared/advice/texts");
  const langs = readdirSync(src).filter((f) => f.endsWith(".json")).sort();
  assert.ok(langs.length >= 13);
  for (const dist of ["dist", "dist-firefox"]) {
    const dir = join(root, dist, "texts");
    assert.ok(existsSync(dir), `${dir} missing: run npm run build`);
    assert.deepEqual(readdirSync(dir).sort(), langs, dist);
    for (const f of langs) assert.equal(readFileSync(join(dir, f), "utf8"), readFileSync(join(src, f), "utf8"), `${dist}/texts/${f}`);
  }
});
