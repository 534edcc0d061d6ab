// The card data files and the core agree: every status text a card shows, in every language,
// is mapped by the core (shared/classify/orders.txt, compiled into core.wasm) to the order status
// the data file gives it. The reader sends status texts as shown, so this is the whole contract.
// Needs the built core (`make extension` or `make wasm`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";
import { loadCore } from "../../../wasm/js/harness.mjs";

const cards = await load("shared/cards/index.ts");
const core = await loadCore();
const NOW = "2026-12-06T12:00:00Z";

test("the core maps every card status text of every language to the data file's status", () => {
  let n = 0;
  for (const l of Object.values(cards.CARD_LANGUAGES)) {
    for (const status of cards.CARD_STATUSES) {
      for (const text of l.statuses[status]) {
        // As the page shows it (pt-BR adds a space) and as the reader sends it (trimmed).
        for (const shown of new Set([text + (l.render.statusSuffix ?? ""), text])) {
          const a = core.assess({ order_id: "8214937669763641", order_date: "2026-11-01", status_text: shown }, NOW);
          assert.equal(a.order_status, status, `${l.lang}: ${JSON.stringify(shown)}`);
          n++;
        }
      }
    }
  }
  assert.ok(n > 200, `${n} texts checked`);
});

test("a wording no file knows stays unknown in the core too (no silent guess)", () => {
  for (const text of ["Paket unterwegs zum Mond", "Lorem ipsum", "배고파"]) {
    assert.equal(core.assess({ order_id: "8214937669763641", status_text: text }, NOW).order_status, "unknown", text);
    assert.equal(cards.statusOf(text), null, text);
  }
});
