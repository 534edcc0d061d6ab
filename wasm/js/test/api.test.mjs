// The API of the built core.wasm, function by function, in Node.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { loadCore, repoRoot } from "../harness.mjs";

const PARCEL_STATUSES = [
  "info_received", "accepted", "in_transit", "departed_origin", "arrived_transit", "arrived_destination",
  "customs", "customs_held", "out_for_delivery", "pickup_ready", "delivery_failed", "delivered",
  "returning", "returned", "exception", "unknown",
];

/** @type {import("../orderwatch").OrderWatchAPI} */
let ow;
before(async () => {
  ow = await loadCore();
});

describe("OrderWatch", () => {
  test("is on globalThis once ready, frozen, with a version", () => {
    assert.equal(globalThis.OrderWatch, ow);
    assert.ok(Object.isFrozen(ow));
    assert.match(ow.version, /^(devel|v\d+\.\d+\.\d+\S*) \(go\d/);
  });

  test("classify returns one result per event, in order, as plain objects", () => {
    const events = [
      { text: "Delivered", carrier: "ups", code: "D", lang: "en" },
      { text: "Zugestellt", lang: "de" },
      { text: "" },
      { text: "已签收" },
    ];
    const results = ow.classify(events);
    assert.ok(Array.isArray(results));
    assert.equal(results.length, events.length);
    for (const r of results) {
      assert.equal(Object.getPrototypeOf(r), Object.prototype);
      assert.ok(PARCEL_STATUSES.includes(r.status), `status ${r.status} is not in the taxonomy`);
      for (const k of ["reason", "rule", "lang", "seventeen_track", "aftership"]) {
        assert.equal(typeof r[k], "string", `${k} of ${JSON.stringify(r)}`);
      }
      assert.ok(r.confidence >= 0 && r.confidence <= 1, `confidence ${r.confidence}`);
    }
    // Each event is judged on its own: the batch equals the events one by one.
    assert.deepEqual(results, events.map((e) => ow.classify([e])[0]));
    assert.deepEqual(ow.classify([]), []);
  });

  test("classify reads an order's events as they are, ignoring their other fields", () => {
    const event = { time: "2026-03-09T08:01:00", text: "Delivered", location: "Leeds", carrier: "Royal Mail", number: "RB123456785GB" };
    assert.deepEqual(ow.classify([event]), ow.classify([{ text: "Delivered", carrier: "Royal Mail" }]));
  });

  test("classify does not change its argument", () => {
    const events = [{ text: "Accepted by carrier", carrier: "Cainiao" }];
    const copy = structuredClone(events);
    ow.classify(events);
    assert.deepEqual(events, copy);
  });

  test("parseNumber returns the number result", () => {
    for (const input of ["RB123456785GB", "8214937669763641", " lp00123456789012 ", "", "not a number"]) {
      const r = ow.parseNumber(input);
      assert.equal(r.input, input);
      assert.equal(typeof r.normalized, "string");
      assert.ok(["order_number", "tracking_number", "invalid"].includes(r.kind), `kind ${r.kind}`);
      assert.equal(typeof r.valid, "boolean");
      assert.ok(Array.isArray(r.candidates), "candidates is never null");
      for (const c of r.candidates) {
        assert.equal(typeof c.carrier, "string");
        assert.ok(["valid", "invalid", "none"].includes(c.check_digit), `check_digit ${c.check_digit}`);
        assert.ok(Array.isArray(c.urls) && Array.isArray(c.why));
      }
    }
  });

  test("assess judges an order at the given clock, in any of its forms", async () => {
    const order = JSON.parse(await readFile(join(repoRoot, "shared/order/testdata/example.json"), "utf8"));
    const at = "2026-03-20T09:30:00Z";
    const a = ow.assess(order, at);
    assert.equal(a.order_id, order.order_id);
    assert.equal(Date.parse(a.now), Date.parse(at));
    assert.ok(PARCEL_STATUSES.includes(a.status));
    assert.ok(["normal", "watch", "act"].includes(a.verdict));
    for (const k of ["reasons", "parcels", "advice"]) {
      assert.ok(Array.isArray(a[k]), `${k} is never null`);
    }
    assert.equal(typeof a.method, "object");
    assert.equal(typeof a.protection, "object");
    // The same clock as a Date, as milliseconds and with another offset gives the same answer.
    assert.deepEqual(ow.assess(order, new Date(at)), a);
    assert.deepEqual(ow.assess(order, Date.parse(at)), a);
    const { now: otherNow, ...other } = ow.assess(order, "2026-03-20T17:30:00+08:00");
    const { now: _, ...same } = a;
    assert.equal(Date.parse(otherNow), Date.parse(at));
    assert.deepEqual(other, same);
  });

  test("assess without a clock uses the current time", () => {
    const before = Date.now();
    const a = ow.assess({ order_id: "8214937669763641" });
    const after = Date.now();
    const now = Date.parse(a.now);
    assert.ok(now >= before - 1000 && now <= after + 1000, `now ${a.now} is not the current time`);
    assert.equal(Date.parse(ow.assess({ order_id: "8214937669763641" }, null).now) >= before - 1000, true);
  });

  test("results are fresh objects the caller may change", () => {
    const a = ow.parseNumber("RB123456785GB");
    a.kind = "changed";
    assert.notEqual(ow.parseNumber("RB123456785GB").kind, "changed");
  });
});
