// Every UI language has every message of English with the same placeholders, nothing empty and
// nothing English lacks; every message the code asks for by name exists in English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { load, root } from "../../scripts/test-lib.mjs";

const i18n = await load("shared/i18n.ts");
const dir = join(root, "_locales");
const read = (l) => JSON.parse(readFileSync(join(dir, l, "messages.json"), "utf8"));
const en = read("en");

test("a _locales folder for each of the 13 UI languages", () => {
  const missing = i18n.LANGS.filter((l) => !existsSync(join(dir, l, "messages.json")));
  assert.deepEqual(missing, [], `languages without messages.json: ${missing.join(", ")}`);
  const extra = readdirSync(dir).filter((l) => !i18n.LANGS.includes(l));
  assert.deepEqual(extra, [], "folders for languages the UI does not offer");
});

for (const lang of readdirSync(dir).filter((l) => l !== "en")) {
  test(`${lang}: every key of English, same placeholders, no empty or leftover text`, () => {
    const cat = read(lang);
    const problems = [];
    for (const [key, entry] of Object.entries(en)) {
      const got = cat[key];
      if (!got) {
        problems.push(`${key}: missing`);
        continue;
      }
      if (typeof got.message !== "string" || got.message.trim() === "") problems.push(`${key}: empty`);
      const want = i18n.placeholdersOf(entry);
      const have = i18n.placeholdersOf(got);
      if (want.join(",") !== have.join(",")) problems.push(`${key}: placeholders ${have.join(",") || "none"}, English has ${want.join(",") || "none"}`);
      if (/\{\{|\}\}|%s|%d|\bTODO\b|\bundefined\b/.test(got.message)) problems.push(`${key}: template debris in "${got.message}"`);
    }
    for (const key of Object.keys(cat)) if (!(key in en)) problems.push(`${key}: not in English (stale)`);
    assert.deepEqual(problems, [], `${lang}: ${problems.length} problems`);
  });
}

test("English: every placeholder is described, and every key the code asks for exists", () => {
  for (const [key, entry] of Object.entries(en)) {
    assert.ok(entry.message.trim(), `${key} is empty`);
    if (i18n.placeholdersOf(entry).length)
      assert.ok(entry.description, `${key} has a placeholder but no description saying what it holds`);
  }
  // t("key") and t(`prefix_${x}`) in the sources: literal keys must exist; each prefix must
  // have at least one key.
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(d, f.name));
      else if (f.name.endsWith(".ts")) files.push(join(d, f.name));
    }
  };
  walk(join(root, "src"));
  const missing = new Set();
  let literal = 0;
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    for (const m of src.matchAll(/\bt\(\s*"([a-z0-9_@]+)"/g)) {
      literal++;
      if (!m[1].startsWith("@@") && !(m[1] in en)) missing.add(`${m[1]} (${f.slice(root.length + 1)})`);
    }
    for (const m of src.matchAll(/\bt\(\s*`([a-z0-9_]+)\$\{/g)) {
      if (!Object.keys(en).some((k) => k.startsWith(m[1]))) missing.add(`${m[1]}* (${f.slice(root.length + 1)})`);
    }
  }
  assert.ok(literal > 50, `found only ${literal} t("…") calls: the scan is broken`);
  assert.deepEqual([...missing], []);
});

test("every stage, verdict, status and page state the UI names has English words", async () => {
  const pics = await load("ui/pictures.ts");
  for (const s of pics.STAGES) assert.ok(en[`stage_${s}`], `stage_${s}`);
  for (const v of ["normal", "watch", "act"]) assert.ok(en[`verdict_${v}`], `verdict_${v}`);
});

test("no English left in place of a translation", () => {
  // The product's name stays as it is; a few words are the same in some languages ("Email",
  // "Total"), so a handful of identical messages is allowed, no more.
  const KEEP = new Set(["ext_name"]);
  const SCRIPT = { he: /[\u0590-\u05FF]/, ru: /[\u0400-\u04FF]/, uk: /[\u0400-\u04FF]/, ko: /[\uAC00-\uD7AF]/ };
  for (const lang of readdirSync(dir).filter((l) => l !== "en")) {
    const cat = read(lang);
    const same = Object.keys(en).filter((k) => !KEEP.has(k) && cat[k]?.message === en[k].message);
    assert.ok(same.length <= 5, `${lang}: ${same.length} messages are the English text: ${same.join(", ")}`);
    if (SCRIPT[lang]) {
      // A message of placeholders and punctuation only ("$1: $2") has no words to translate.
      const words = (m) => /\p{L}/u.test(m.replace(/\$[1-9]/g, ""));
      const latin = Object.keys(cat).filter((k) => !KEEP.has(k) && words(cat[k].message) && !SCRIPT[lang].test(cat[k].message));
      assert.deepEqual(latin, [], `${lang}: messages without a letter of the language's own script`);
    }
  }
});
