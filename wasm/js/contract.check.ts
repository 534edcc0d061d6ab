// Compile-time checks of orderwatch.d.ts: what the extension writes must type-check, and the
// mistakes below must not (each @ts-expect-error fails the check if the line compiles).
import { loadOrderWatch } from "./loader.js";
import type { Assessment, BatchItem, ClassifyResult, NumberResult, Order, OrderWatchAPI, ParcelStatus, Verdict } from "./orderwatch";

export async function usage(): Promise<void> {
  const ow: OrderWatchAPI = await loadOrderWatch({ wasmUrl: "core.wasm" });
  const same: OrderWatchAPI | undefined = globalThis.OrderWatch;
  void same;

  const results: ClassifyResult[] = ow.classify([{ text: "Delivered", carrier: "ups", code: "D", lang: "en" }]);
  const status: ParcelStatus = results[0].status;
  const n: NumberResult = ow.parseNumber("RB123456785GB");
  const carriers: string[] = n.candidates.map((c) => c.carrier_id);

  const order: Order = {
    order_id: "8214937669763641",
    order_date: "2026-02-21",
    protection: { days_left: 12 },
    parcels: [{ numbers: [{ number: "RB123456785GB", role: "last_mile" }], events: [{ time: 1772366400000, text: "Delivered" }] }],
    buyer: { received: null, lang: "en" },
  };
  const a: Assessment = ow.assess(order, new Date());
  const verdict: Verdict = a.verdict;
  const deadline: string | null = a.protection.deadline;
  const steps: string[] = a.advice.flatMap((x) => x.steps ?? []);
  ow.assess(order);
  ow.assess(order, "2026-03-20T09:30:00Z");
  ow.assess(order, Date.now());
  const batch: BatchItem[] = ow.assessBatch([order, order], new Date());
  const verdicts: Verdict[] = batch.flatMap((x) => ("error" in x ? [] : [x.verdict]));
  ow.assessBatch([]);
  // @ts-expect-error: a batch is an array of orders
  ow.assessBatch(order);
  // @ts-expect-error: an item may be an error: narrow it first
  const v0: Verdict = batch[0].verdict;
  void [status, carriers, verdict, deadline, steps, verdicts, v0];

  // @ts-expect-error: an event needs its text
  ow.classify([{ carrier: "ups" }]);
  // @ts-expect-error: a misspelt field in a literal (at run time it would be ignored)
  ow.classify([{ text: "x", lnag: "en" }]);
  // An order's events are classify inputs as they are.
  ow.classify(order.parcels?.[0]?.events ?? []);
  // @ts-expect-error: not a status
  const wrong: ParcelStatus = "shipped";
  // @ts-expect-error: an order needs its id
  ow.assess({ store: "x" });
  // @ts-expect-error: the buyer's name has no place in an order
  ow.assess({ order_id: "1", buyer: { name: "Jane" } });
  // @ts-expect-error: version is read-only
  ow.version = "x";
  void wrong;
}
