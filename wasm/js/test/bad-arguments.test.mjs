// Wrong arguments and failures become thrown Errors with clear messages, and the module keeps
// serving after each one.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadCore } from "../harness.mjs";

/** @type {any} */
let ow;
before(async () => {
  ow = await loadCore();
});

/** An array nested `depth` deep. */
const nested = (/** @type {number} */ depth) => {
  /** @type {unknown[]} */
  let v = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

const circular = () => {
  /** @type {any} */
  const o = { order_id: "8214937669763641" };
  o.self = o;
  return o;
};

/** n good orders, with events, each a different object. */
const manyOrders = (/** @type {number} */ n) =>
  Array.from({ length: n }, (_, i) => ({
    order_id: String(8214937669763641 + i),
    parcels: [{ events: Array.from({ length: 20 }, (_, k) => ({ time: `2026-03-${String(1 + k).padStart(2, "0")}T10:00:00Z`, text: "Departed from sorting center" })) }],
  }));

// Past the 64 MiB bound on the orders' JSON as a whole; each order's own text is large too.
const hugeOrders = Array.from({ length: 9 }, (_, i) => ({ order_id: String(8214937669763641 + i), store: "x".repeat(15 << 19) }));

// [name, call, what the message must say]
/** @type {[string, (ow: any) => unknown, RegExp][]} */
const cases = [
  ["classify without arguments", (ow) => ow.classify(), /^OrderWatch\.classify: expects 1 argument/],
  ["classify with two arguments", (ow) => ow.classify([], []), /expects 1 argument .*got 2/],
  ["classify of a string", (ow) => ow.classify("Delivered"), /events must be an array.*got a string/],
  ["classify of null", (ow) => ow.classify(null), /events must be an array.*got null/],
  ["classify of an object", (ow) => ow.classify({ text: "Delivered" }), /events must be an array.*got an object/],
  ["classify of strings", (ow) => ow.classify(["Delivered"]), /^OrderWatch\.classify: event 0: /],
  ["classify of an event without text", (ow) => ow.classify([{ text: "ok" }, { carrier: "ups" }]), /event 1: text is required/],
  ["classify of a number as text", (ow) => ow.classify([{ text: 42 }]), /event 0: text must be of type string/],
  ["classify of a lang that is not a string", (ow) => ow.classify([{ text: "a", lang: { code: "en" } }]), /event 0: lang must be of type string, got a JSON object/],
  ["classify of a BigInt", (ow) => ow.classify([{ text: 1n }]), /unable to read the argument: .*BigInt/],
  ["classify of a huge text", (ow) => ow.classify([{ text: "x".repeat(1 << 20) }]), /event 0: text is 1048576 bytes, more than the 8192 allowed/],
  ["classify of a huge batch", (ow) => ow.classify(new Array(50_001).fill({ text: "" })), /50001 events in one call/],
  ["classify of a huge argument", (ow) => ow.classify([{ text: "x".repeat(9 << 20) }]), /more than the 8388608 allowed/],
  ["classify of a deeply nested field", (ow) => ow.classify([{ text: "a", code: nested(20_000) }]), /^OrderWatch\.classify: /],
  ["classify of a sparse array", (ow) => ow.classify([, { text: "a" }]), /event 0: /],
  ["parseNumber without arguments", (ow) => ow.parseNumber(), /^OrderWatch\.parseNumber: expects 1 argument/],
  ["parseNumber of a number", (ow) => ow.parseNumber(8214937669763641), /input must be a string, got a number/],
  ["parseNumber of undefined", (ow) => ow.parseNumber(undefined), /input must be a string, got undefined/],
  ["parseNumber of an object", (ow) => ow.parseNumber({ number: "RB123456785GB" }), /input must be a string, got an object/],
  ["parseNumber of a huge string", (ow) => ow.parseNumber("9".repeat(100 << 20)), /input is 104857600 characters, more than the 1024 allowed/],
  ["assess without arguments", (ow) => ow.assess(), /^OrderWatch\.assess: expects 1 or 2 arguments/],
  ["assess of a string", (ow) => ow.assess('{"order_id":"8214937669763641"}'), /order must be an object.*got a string/],
  ["assess of an array", (ow) => ow.assess([{ order_id: "8214937669763641" }]), /order must be an object.*got an array/],
  ["assess of null", (ow) => ow.assess(null), /order must be an object.*got null/],
  ["assess of an order without order_id", (ow) => ow.assess({ store: "Example Store" }, "2026-03-20T00:00:00Z"), /^OrderWatch\.assess: order: order_id/],
  ["assess of a malformed order", (ow) => ow.assess({ order_id: "8214937669763641", parcels: [{ events: [{ time: "yesterday", text: "x" }] }] }, "2026-03-20T00:00:00Z"), /parcels\[0\]\.events\[0\]\.time/],
  ["assess of an order with a field of the wrong type", (ow) => ow.assess({ order_id: "8214937669763641", items: "many" }), /items/],
  ["assess of an order with the buyer's name", (ow) => ow.assess({ order_id: "8214937669763641", buyer: { name: "Jane" } }), /buyer\.name/],
  ["assess of a circular order", (ow) => ow.assess(circular()), /unable to read the argument: .*circular/i],
  ["assess of a huge order", (ow) => ow.assess({ order_id: "8214937669763641", store: "x".repeat(2 << 20) }), /^OrderWatch\.assess: /],
  ["assess at a word", (ow) => ow.assess({ order_id: "8214937669763641" }, "tomorrow"), /now must be an RFC 3339 time/],
  ["assess at a zoneless time", (ow) => ow.assess({ order_id: "8214937669763641" }, "2026-03-20T00:00:00"), /now must be an RFC 3339 time with an offset/],
  ["assess at an invalid Date", (ow) => ow.assess({ order_id: "8214937669763641" }, new Date("nope")), /now must be a valid time/],
  ["assess at NaN", (ow) => ow.assess({ order_id: "8214937669763641" }, NaN), /now must be a valid time/],
  ["assess at a boolean", (ow) => ow.assess({ order_id: "8214937669763641" }, true), /now must be a Date, Unix milliseconds or an RFC 3339 string, got a boolean/],
  ["assess with three arguments", (ow) => ow.assess({ order_id: "8214937669763641" }, 0, "en"), /expects 1 or 2 arguments.*got 3/],
  // assessBatch stringifies the orders a few at a time: a problem far down the array is found.
  ["assessBatch of a circular order after good ones", (ow) => ow.assessBatch([...manyOrders(40), circular()], 0), /^OrderWatch\.assessBatch: unable to read the argument: .*circular/i],
  ["assessBatch of a BigInt after good ones", (ow) => ow.assessBatch([...manyOrders(40), { order_id: 1n }], 0), /^OrderWatch\.assessBatch: unable to read the argument: .*BigInt/],
  ["assessBatch of an array whose toJSON is not an array", (ow) => ow.assessBatch(Object.assign(manyOrders(2), { toJSON: () => 5 }), 0), /^OrderWatch\.assessBatch: orders must be an array of orders: /],
  ["assessBatch of a huge argument", (ow) => ow.assessBatch(hugeOrders), new RegExp(`^OrderWatch\\.assessBatch: the argument is ${JSON.stringify(hugeOrders).length} characters of JSON, more than the 67108864 allowed`)],
];

for (const [name, call, message] of cases) {
  test(`${name} throws, and the module keeps serving`, () => {
    assert.throws(() => call(ow), (/** @type {unknown} */ err) => {
      assert.ok(err instanceof Error, `threw ${String(err)}, not an Error`);
      assert.match(err.message, message);
      assert.match(err.message, /^OrderWatch\.(classify|parseNumber|assess|assessBatch): /);
      return true;
    });
    // Still serving: each function answers a good call.
    assert.equal(ow.classify([{ text: "Delivered" }]).length, 1);
    assert.equal(ow.parseNumber("RB123456785GB").input, "RB123456785GB");
    assert.equal(ow.assess({ order_id: "8214937669763641" }, 0).order_id, "8214937669763641");
  });
}

test("a thrown Error's stack points at the caller, not the Go runtime", () => {
  try {
    ow.parseNumber(1);
    assert.fail("no throw");
  } catch (err) {
    assert.match(/** @type {Error} */ (err).stack ?? "", /bad-arguments\.test\.mjs/);
  }
});
