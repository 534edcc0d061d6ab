// evidencePack of the built core.wasm: the contract of orderwatch.d.ts (a string of HTML,
// options checked, errors thrown with the function's name).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { before, test } from "node:test";
import { loadCore, repoRoot } from "../harness.mjs";

/** @type {import("../orderwatch").OrderWatchAPI} */
let ow;
/** @type {import("../orderwatch").Order} */
let order;
before(async () => {
  ow = await loadCore();
  order = JSON.parse(await readFile(join(repoRoot, "shared/assess/testdata/scenarios/aliexpress_refund_promise.json"), "utf8"));
});

/** A real 1×1 PNG: signature, IHDR, IDAT, IEND (CRCs are not checked by the core). */
function png() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from([0, 255, 0, 0]))), chunk("IEND", Buffer.alloc(0))]);
}

test("evidencePack returns the pack's HTML as a string, with the screenshots and the timeline", () => {
  const uri = `data:image/png;base64,${png().toString("base64")}`;
  const html = ow.evidencePack(order, "2026-03-20T12:00:00Z", { lang: "ru", screenshots: [{ data_uri: uri, title: "Tracking", taken_at: "2026-03-20T11:00:00Z" }] });
  assert.equal(typeof html, "string");
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<html lang="ru"/);
  assert.ok(html.includes(`src="${uri}"`), "the screenshot is inside");
  for (const e of order.parcels[0].events) assert.ok(html.includes(e.text), `event ${e.text}`);
  assert.ok(!/<script/i.test(html));
});

test("evidencePack without options and with null options", () => {
  const a = ow.evidencePack(order, "2026-03-20T12:00:00Z");
  const b = ow.evidencePack(order, "2026-03-20T12:00:00Z", null);
  assert.equal(a, b);
  assert.match(a, /No screenshots attached/);
});

test("evidencePack refuses wrong arguments with a clear error", () => {
  assert.throws(() => ow.evidencePack(order, "2026-03-20T12:00:00Z", { screenshots: [{ data_uri: "data:image/svg+xml;base64,PHN2Zz4=" }] }), /evidencePack: evidence\.screenshots\[0\]\.data_uri/);
  assert.throws(() => ow.evidencePack(order, "2026-03-20T12:00:00Z", { script: 1 }), /evidencePack: options: .*unknown field/);
  assert.throws(() => ow.evidencePack(order, "2026-03-20T12:00:00Z", [1]), /evidencePack: options must be an object/);
  assert.throws(() => ow.evidencePack({ order_id: "12" }), /evidencePack: order: order_id/);
  assert.throws(() => ow.evidencePack("x"), /evidencePack: order must be an object/);
  // The module keeps serving after a throw.
  assert.match(ow.evidencePack(order, Date.parse("2026-03-20T12:00:00Z")), /8200000000000091/);
});

test("assessBatch takes the buyer's history as options: the window of an order on its way says basis history", () => {
  const now = "2026-04-01T12:00:00Z";
  const onWay = {
    order_id: "8200000000000009", order_date: "2026-03-01", status_text: "Awaiting delivery", shipping_method: "AliExpress Standard Shipping",
    parcels: [{ numbers: [{ number: "LP00123456789CN" }], events: [
      { time: "2026-03-02T08:00:00Z", text: "Package collected by carrier" },
      { time: "2026-03-04T08:00:00Z", text: "Departed from country of origin" },
    ] }],
  };
  const history = [32, 35, 39].map((days) => ({ method: "aliexpress_standard", country: "", days }));
  const [plain] = ow.assessBatch([onWay], now);
  const [withHistory] = ow.assessBatch([onWay], now, { history });
  assert.notEqual(plain.eta.basis, "history");
  assert.equal(withHistory.eta.basis, "history");
  assert.equal(withHistory.eta.samples, 3);
  assert.deepEqual(ow.assessBatch([onWay], now, null), [plain], "null options: no history");
  assert.throws(() => ow.assessBatch([onWay], now, { history, more: true }), /assessBatch: options/);
  assert.throws(() => ow.assessBatch([onWay], now, "history"), /assessBatch: options must be an object/);
  assert.throws(() => ow.assessBatch([onWay], now, {}, 4), /assessBatch: expects 1 to 3 arguments/);
});
