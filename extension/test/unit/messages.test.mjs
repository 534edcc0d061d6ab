// Message checks: every message's sender and shape (shared/DESIGN.md §6, "Extension").
import { test } from "node:test";
import assert from "node:assert/strict";
import { load } from "../../scripts/test-lib.mjs";

const m = await load("shared/messages.ts");
const ID = "abcdefghijklmnopabcdefghijklmnop";
const BASE = `chrome-extension://${ID}/`;
const content = { id: ID, url: "https://www.aliexpress.com/p/order/index.html", tab: { id: 3, url: "https://www.aliexpress.com/p/order/index.html" }, frameId: 0 };
const dashboard = { id: ID, url: `${BASE}dashboard.html`, tab: { id: 4, url: `${BASE}dashboard.html` } };
const popup = { id: ID, url: `${BASE}popup.html` };

test("senders are classified by extension id, page origin and tab", () => {
  const cases = [
    { name: "content script on My Orders", sender: content, want: "content" },
    { name: "dashboard in a tab", sender: dashboard, want: "extension" },
    { name: "popup", sender: popup, want: "extension" },
    { name: "another extension", sender: { ...popup, id: "zzzz" }, want: "rejected" },
    { name: "content script on evil.com", sender: { ...content, url: "https://evil.com/x", tab: { id: 1, url: "https://evil.com/x" } }, want: "rejected" },
    { name: "look-alike host", sender: { ...content, url: "https://www.aliexpress.com.evil.com/p/order/", tab: { id: 1 } }, want: "rejected" },
    { name: "plain http AliExpress", sender: { ...content, url: "http://www.aliexpress.com/p/order/", tab: { id: 1 } }, want: "rejected" },
    { name: "no tab, page URL", sender: { id: ID, url: "https://www.aliexpress.com/p/order/" }, want: "rejected" },
    { name: "nothing", sender: {}, want: "rejected" },
  ];
  for (const c of cases) assert.equal(m.classifySender(c.sender, ID, BASE), c.want, c.name);
});

test("a content script cannot sign out, read the account, change the server or sync", () => {
  for (const type of [m.MSG.signOut, m.MSG.getAccount, m.MSG.setServer, m.MSG.signIn, m.MSG.syncNow, m.MSG.getOrders, m.MSG.setMark, m.MSG.setSellerContact, m.MSG.exportData]) {
    assert.throws(() => m.parseMessage({ type, url: "https://x", email: "a@b.c", password: "p" }, "content"), m.MessageError, type);
  }
});

test("extension pages cannot pretend to be the content script", () => {
  assert.throws(() => m.parseMessage({ type: m.MSG.ordersFound, orders: [], page: "ok" }, "extension"), m.MessageError);
  assert.throws(() => m.parseMessage({ type: m.MSG.getOrders }, "rejected"), m.MessageError);
});

test("the dashboard asks for the list as summaries and for the bodies of up to 500 named orders", () => {
  assert.deepEqual(m.parseMessage({ type: m.MSG.getOrders }, "extension"), { type: m.MSG.getOrders });
  assert.deepEqual(m.parseMessage({ type: m.MSG.getOrders, summary: true }, "extension"), { type: m.MSG.getOrders, summary: true });
  const ids = ["8214937669763641", "manual-0f8fad5b-d9cb-469f-a165-70867728950e"];
  assert.deepEqual(m.parseMessage({ type: m.MSG.getOrders, summary: true, ids }, "extension"), { type: m.MSG.getOrders, summary: true, ids });
  assert.deepEqual(m.parseMessage({ type: m.MSG.getOrders, ids }, "extension"), { type: m.MSG.getOrders, ids });
  const many = Array.from({ length: 501 }, (_, i) => String(8214937669763641 + i));
  for (const bad of [{ summary: 1 }, { summary: "yes" }, { ids: "8214937669763641" }, { ids: [42] }, { ids: ["x<y"] }, { ids: many }]) {
    assert.throws(() => m.parseMessage({ type: m.MSG.getOrders, ...bad }, "extension"), m.MessageError, JSON.stringify(bad).slice(0, 60));
  }
  assert.equal(m.parseMessage({ type: m.MSG.getOrders, ids: many.slice(0, 500) }, "extension").ids.length, 500);
  // The head of the list (the opening screen's rows), only with the summaries.
  assert.deepEqual(m.parseMessage({ type: m.MSG.getOrders, summary: true, ids: [], head: 30 }, "extension"), { type: m.MSG.getOrders, summary: true, ids: [], head: 30 });
  for (const bad of [{ head: 30 }, { summary: true, head: 0 }, { summary: true, head: 2.5 }, { summary: true, head: "30" }, { summary: true, head: 501 }]) {
    assert.throws(() => m.parseMessage({ type: m.MSG.getOrders, ...bad }, "extension"), m.MessageError, JSON.stringify(bad));
  }
});

test("oversized and malformed messages are refused", () => {
  const big = { type: m.MSG.ordersFound, page: "ok", orders: [{ order_id: "8214937669763641", store: "x".repeat(5_000_000) }] };
  assert.throws(() => m.parseMessage(big, "content"), /too large/);
  const cases = [
    [{ type: m.MSG.ordersFound, orders: "x", page: "ok" }, "content"],
    [{ type: m.MSG.ordersFound, orders: [{ order_id: "123" }], page: "ok" }, "content"],
    [{ type: m.MSG.ordersFound, orders: [], page: "hacked" }, "content"],
    [{ type: m.MSG.trackingResult, orderId: "javascript:1", parcels: [] }, "content"],
    [{ type: m.MSG.trackingError, orderId: "8214937669763641", code: "pwned" }, "content"],
    [{ type: m.MSG.setNote, orderId: "8214937669763641", note: "x".repeat(4001) }, "extension"],
    [{ type: m.MSG.setMark, orderId: "8214937669763641", mark: "deleted", value: true }, "extension"],
    [{ type: m.MSG.setMark, orderId: "8214937669763641", mark: "received", value: "yes" }, "extension"],
    [{ type: m.MSG.signIn, email: "not-an-email", password: "x" }, "extension"],
    [{ type: m.MSG.signIn, email: "a@b.c", password: "x".repeat(2000) }, "extension"],
    [{ type: "cs-sw-unknown" }, "content"],
    [null, "content"],
    ["string", "extension"],
  ];
  for (const [msg, sender] of cases) assert.throws(() => m.parseMessage(msg, sender), m.MessageError, JSON.stringify(msg)?.slice(0, 80));
});

test("orders from the page keep only known fields: nothing else can ride along", () => {
  const raw = {
    order_id: "8214937669763641", store: "S", status_text: "Awaiting delivery",
    buyer: { name: "Jane Buyer", address: "1 Example Road", phone: "+44", received: true, city: "Leeds", country: "GB" },
    contactName: "Jane Buyer",
    items: [{ title: "T", quantity: 2, secret: "x" }],
    parcels: [{ numbers: [{ number: "LP00123456789012", role: "origin", owner: "Jane" }], events: [{ text: "Accepted", time: 1772000000000, receiver: "Jane" }, { text: "" }, "junk"] }],
  };
  const o = m.sanitizeOrder(raw);
  assert.deepEqual(o, {
    order_id: "8214937669763641", store: "S", status_text: "Awaiting delivery",
    items: [{ title: "T", quantity: 2 }],
    parcels: [{ numbers: [{ number: "LP00123456789012", role: "origin" }], events: [{ text: "Accepted", time: 1772000000000 }] }],
    buyer: { received: true, country: "GB", city: "Leeds" },
  });
});

test("valid messages come back clean", () => {
  const msg = m.parseMessage({ type: m.MSG.trackingResult, orderId: "8214937669763641", parcels: [{ numbers: [{ number: "RB1" }], events: [{ text: "x".repeat(10000) }] }], extra: 1 }, "content");
  assert.equal(msg.parcels[0].events[0].text.length, 2000);
  assert.equal(msg.extra, undefined);
  assert.deepEqual(m.parseMessage({ type: m.MSG.setMark, orderId: "manual-0f8fad5b-d9cb-469f-a165-70867728950e", mark: "received", value: null }, "extension"),
    { type: m.MSG.setMark, orderId: "manual-0f8fad5b-d9cb-469f-a165-70867728950e", mark: "received", value: null });
});

test("seller contact: a real day from 2010 to the buyer's today, from extension pages only", () => {
  const now = Date.parse("2026-03-08T12:00:00Z");
  const ok = { type: m.MSG.setSellerContact, orderId: "8214937669763641", askedAt: "2026-02-16", replied: false };
  assert.deepEqual(m.parseMessage(ok, "extension", now), { ...ok, askedAt: "2026-02-16T00:00:00Z" });
  assert.deepEqual(m.parseMessage({ ...ok, askedAt: null, replied: true, extra: "x" }, "extension", now), { ...ok, askedAt: null, replied: true });
  // East of Greenwich the buyer's today is already UTC's tomorrow.
  assert.equal(m.parseMessage({ ...ok, askedAt: "2026-03-09" }, "extension", now).askedAt, "2026-03-09T00:00:00Z");
  assert.equal(m.parseMessage({ ...ok, askedAt: "2010-01-01" }, "extension", now).askedAt, "2010-01-01T00:00:00Z");
  const bad = [
    { name: "from a content script", msg: ok, sender: "content" },
    { name: "future", msg: { ...ok, askedAt: "2026-03-10" }, sender: "extension" },
    { name: "far future", msg: { ...ok, askedAt: "2099-01-01" }, sender: "extension" },
    { name: "before 2010", msg: { ...ok, askedAt: "2009-12-31" }, sender: "extension" },
    { name: "no such day", msg: { ...ok, askedAt: "2026-02-30" }, sender: "extension" },
    { name: "month 13", msg: { ...ok, askedAt: "2025-13-01" }, sender: "extension" },
    { name: "not a date", msg: { ...ok, askedAt: "yesterday" }, sender: "extension" },
    { name: "time with a date", msg: { ...ok, askedAt: "2026-02-16T00:00:00Z" }, sender: "extension" },
    { name: "number", msg: { ...ok, askedAt: 1772000000000 }, sender: "extension" },
    { name: "empty", msg: { ...ok, askedAt: "" }, sender: "extension" },
    { name: "missing date", msg: { type: ok.type, orderId: ok.orderId, replied: false }, sender: "extension" },
    { name: "replied not a boolean", msg: { ...ok, replied: "no" }, sender: "extension" },
    { name: "bad order id", msg: { ...ok, orderId: "<img>" }, sender: "extension" },
  ];
  for (const c of bad) assert.throws(() => m.parseMessage(c.msg, c.sender, now), m.MessageError, c.name);
});

test("server URLs: https anywhere, plain http only on this computer, no credentials", () => {
  assert.equal(m.normalizeServerUrl("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  assert.equal(m.normalizeServerUrl(" https://sync.example.org/path "), "https://sync.example.org");
  for (const bad of ["http://sync.example.org", "https://user:pw@x.org", "javascript:alert(1)", "ftp://x", "not a url", "file:///etc/passwd"]) {
    assert.throws(() => m.normalizeServerUrl(bad), m.MessageError, bad);
  }
});

test("AliExpress's own estimate on a parcel survives the gate, bounded; junk in it is dropped", () => {
  const o = m.sanitizeOrder({
    order_id: "8214937669763641",
    parcels: [
      { numbers: [{ number: "LP00123456789012" }], eta: { earliest: 1772000000000, latest: "2026-03-20", text: "Estimated delivery " + "я".repeat(500), secret: "x" } },
      { numbers: [{ number: "RB1" }], eta: { earliest: Infinity, latest: { x: 1 } } },
    ],
  });
  const [a, b] = o.parcels;
  assert.equal(a.eta.earliest, 1772000000000);
  assert.equal(a.eta.latest, "2026-03-20");
  assert.equal(a.eta.secret, undefined);
  assert.equal([...a.eta.text].length, 200, "the text is clipped to the limits table's characters");
  assert.equal(b.eta, undefined, "an estimate with nothing usable is left out");
});
