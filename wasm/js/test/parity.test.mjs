// Parity: the same inputs through the WebAssembly build and through the native core (the
// orderwatch binary, built here once) give identical JSON.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assessmentCases, checkpointEvents, cleanup, loadCore, nativeBinary, run, textLanguages } from "../harness.mjs";

/** @type {import("../orderwatch").OrderWatchAPI} */
let ow;
/** @type {string} */
let bin;
before(async () => {
  [ow, bin] = await Promise.all([loadCore(), nativeBinary()]);
});
after(cleanup);

/** @param {string} out */
const jsonLines = (out) => out.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));

/**
 * Compares item by item so that a failure names the first input that differs.
 * @param {unknown[]} inputs @param {unknown[]} wasm @param {unknown[]} native
 */
function assertSame(inputs, wasm, native) {
  assert.equal(wasm.length, inputs.length, "WASM gave one result per input");
  assert.equal(native.length, inputs.length, "native gave one result per input");
  for (let i = 0; i < inputs.length; i++) {
    assert.deepStrictEqual(wasm[i], native[i], `input ${i} differs (WASM vs native): ${JSON.stringify(inputs[i]).slice(0, 300)}`);
  }
}

test("classify: the checkpoint set, in one batch", async (t) => {
  const { source, events } = await checkpointEvents();
  t.diagnostic(`${events.length} events from ${source}`);
  assert.ok(events.length >= 400, `only ${events.length} checkpoint events found`);
  const native = jsonLines(await run(bin, ["classify"], { input: events.map((e) => JSON.stringify(e)).join("\n") + "\n" }));
  assertSame(events, ow.classify(events), native);
});

// Blank lines are left out: the command reports them as unreadable lines, not inputs.
test("parseNumber: order numbers, tracking numbers and junk, as pasted", async () => {
  const inputs = [
    "8214937669763641", "3012345678901234", "82149376697636", "8214 9376 6976 3641", "Order ID: 8214937669763641",
    "RB123456785GB", "RB123456784GB", "rb 123 456 785 gb", "RI002972278CN", "LP00123456789012", "lp00123456789012",
    "YT2212345678901234", "UB123456789CN", "1Z999AA10123456784", "9400111899223197428490", "AEL123456789012",
    "ＲＢ１２３４５６７８５ＧＢ", "RB\u200b123456785GB", "Tracking number: CNUSUP00012345678", "hello", "1234", "!!!",
    "12345678901234567890123", "JJD0002249582359", "00340434161094042557",
  ];
  const native = jsonLines(await run(bin, ["number"], { input: inputs.join("\n") + "\n" }));
  assertSame(inputs, inputs.map((s) => ow.parseNumber(s)), native);
});

test("assess: the example order, the assessment scenarios and a composed account", async (t) => {
  const cases = await assessmentCases();
  const scenarios = cases.filter((c) => c.name.startsWith("scenarios/")).length;
  t.diagnostic(`${cases.length} orders, ${scenarios} of them the assessment scenarios`);
  assert.ok(scenarios > 0, "no scenarios found in shared/assess/testdata/scenarios");
  // One native run per clock, all its orders as JSON lines.
  /** @type {Map<string, typeof cases>} */
  const byNow = new Map();
  for (const c of cases) byNow.set(c.now, [...(byNow.get(c.now) ?? []), c]);
  for (const [now, group] of byNow) {
    const input = group.map((c) => JSON.stringify(c.order)).join("\n") + "\n";
    const native = jsonLines(await run(bin, ["advise", "--json", "--lines", "--now", now], { input }));
    const wasm = group.map((c) => ow.assess(c.order, now));
    assertSame(group.map((c) => c.name), wasm, native);
  }
});

// The module embeds English alone and is given the others with loadTexts (harness loadCore):
// every language's advice, evidence wording and dates as the native core writes them.
test("assess: the scenarios in every language with texts, as native", async (t) => {
  const langs = await textLanguages();
  assert.ok(langs.length >= 13, `only ${langs.length} languages: ${langs}`);
  const cases = (await assessmentCases()).filter((c) => c.name.startsWith("scenarios/") || c.name.startsWith("shared/"));
  t.diagnostic(`${cases.length} orders × ${langs.length} languages`);
  for (const lang of langs) {
    const tag = lang === "pt" ? "pt-BR" : lang;
    /** @type {Map<string, typeof cases>} */
    const byNow = new Map();
    for (const c of cases) byNow.set(c.now, [...(byNow.get(c.now) ?? []), c]);
    for (const [now, group] of byNow) {
      const orders = group.map((c) => ({ ...c.order, buyer: { ...c.order.buyer, lang: tag } }));
      const native = jsonLines(await run(bin, ["advise", "--json", "--lines", "--now", now], { input: orders.map((o) => JSON.stringify(o)).join("\n") + "\n" }));
      const wasm = orders.map((o) => ow.assess(o, now));
      assert.ok(wasm.every((a) => a.lang === lang), `${tag}: answered in ${wasm.find((a) => a.lang !== lang)?.lang}`);
      assertSame(group.map((c) => `${c.name} (${tag})`), wasm, native);
    }
  }
});
