// The dashboard's "Seller contact" form: shows what the buyer said, sends it, keeps an unsaved
// form across a redraw and shows a refusal in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { load } from "../../scripts/test-lib.mjs";

const view = await load("ui/view.ts");
const ID = "8214937669763641";

function row(buyer) {
  const a = {
    order_id: ID, order_status: "shipped", status: "in_transit", reason: "", stage: "international", verdict: "watch",
    reasons: [], summary: "s", last_update: null, days_since_update: 3, days_since_shipment: 20,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: null, source: "", basis: "", days_left: null, warning: 7, expired: false },
    parcels: [], advice: [], confidence: 1, lang: "en", now: "2026-03-08T12:00:00Z",
  };
  const record = { order: { order_id: ID, store: "S", ...(buyer ? { buyer } : {}) }, marks: { received: null, dispute_opened: false, archived: false }, note: "", conflicts: [], version: 1, dismissed: [], firstSeen: "x" };
  return { record, assessment: a, badge: { orderId: ID, status: "in_transit", orderStatus: "shipped", verdict: "watch", label: "In transit", daysSinceUpdate: 3, protectionDaysLeft: null, reason: "", tracked: true }, conflicts: [] };
}

function setup(buyer, answer = "") {
  const { document, Event } = parseHTML("<!doctype html><html><body><main id=app></main></body></html>");
  const root = document.getElementById("app");
  const sent = [];
  const actions = {
    t: (k) => k, setMark() {}, saveNote() {}, dismissConflict() {}, copy: async () => {}, exportData() {}, syncNow() {}, addNumber: async () => "",
    setSellerContact: async (...args) => (sent.push(args), answer),
  };
  const data = { rows: [row(buyer)], pageNotice: null, account: { signedIn: false, email: "", serverUrl: "", lastSyncAt: "", lastSyncError: "", pending: 0 } };
  const state = { filter: "all", search: "", open: new Set() };
  const draw = (d = data) => view.render(document, root, d, state, actions, "dashboard");
  draw();
  const form = () => root.querySelector(`[data-orderwatch-order="${ID}"] [data-seller-contact]`);
  const input = (el) => el.dispatchEvent(new Event("input"));
  return { root, sent, draw, form, data, input };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test("the form shows the stored day and reply, as text and inputs", () => {
  const { form } = setup({ seller_asked_at: "2026-02-16T00:00:00Z", seller_replied: true, city: "<img src=x onerror=alert(1)>" });
  const f = form();
  assert.ok(f, "seller contact block in the order's detail");
  assert.equal(f.querySelector("[data-seller-asked]").value, "2026-02-16");
  assert.equal(f.querySelector("[data-seller-asked]").getAttribute("type"), "date");
  assert.equal(f.querySelector("[data-seller-asked]").getAttribute("min"), "2010-01-01");
  assert.equal(f.querySelector("[data-seller-replied]").checked, true);
  assert.ok(f.textContent.includes("seller_asked_label") && f.textContent.includes("seller_replied_label"), "labels come from i18n");
  assert.equal(f.querySelectorAll("img").length, 0);
});

test("an order with nothing said shows an empty form", () => {
  const f = setup(undefined).form();
  assert.equal(f.querySelector("[data-seller-asked]").value, "");
  assert.equal(f.querySelector("[data-seller-replied]").checked, false);
});

test("Save sends the order, the day and the reply; an empty day is null", async () => {
  const { form, sent } = setup(undefined);
  form().querySelector("[data-seller-asked]").value = "2026-02-16";
  form().querySelector("[data-seller-contact-save]").click();
  await settle();
  form().querySelector("[data-seller-asked]").value = "";
  form().querySelector("[data-seller-replied]").checked = true;
  form().querySelector("[data-seller-contact-save]").click();
  await settle();
  assert.deepEqual(sent, [[ID, "2026-02-16", false], [ID, null, true]]);
  assert.equal(form().querySelector("[data-seller-contact-result]").textContent, "saved");
});

test("a refused save says why and keeps what the buyer typed through a redraw", async () => {
  const { form, draw } = setup({ seller_asked_at: "2026-02-16T00:00:00Z" }, "seller_contact_invalid");
  form().querySelector("[data-seller-asked]").value = "2099-01-01";
  form().querySelector("[data-seller-contact-save]").click();
  await settle();
  assert.equal(form().querySelector("[data-seller-contact-result]").textContent, "seller_contact_invalid");
  draw();
  assert.equal(form().querySelector("[data-seller-asked]").value, "2099-01-01", "unsaved day kept");
});

test("an unsaved edit survives a redraw from a sync; a clean form shows the new stored values", () => {
  const { form, draw, data, input } = setup({ seller_asked_at: "2026-02-16T00:00:00Z" });
  draw({ ...data, rows: [row({ seller_asked_at: "2026-02-20T00:00:00Z", seller_replied: true })] });
  assert.equal(form().querySelector("[data-seller-asked]").value, "2026-02-20");
  assert.equal(form().querySelector("[data-seller-replied]").checked, true);
  form().querySelector("[data-seller-asked]").value = "2026-03-01";
  input(form().querySelector("[data-seller-asked]"));
  draw();
  assert.equal(form().querySelector("[data-seller-asked]").value, "2026-03-01");
});
