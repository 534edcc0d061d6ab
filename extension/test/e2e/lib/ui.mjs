// How the scenario talks to the extension's UI: only through the stable test contract
// (data-orderwatch-* attributes, data-mark, data-note, data-conflict-notice). Everything here is
// plain DOM code evaluated in the page, so it is the same for Chromium and Firefox.

import { click, evaluate, fill, waitFor } from "./browsers.mjs";
import { fatal, poll } from "./checks.mjs";

export const TAXONOMY = ["info_received", "accepted", "in_transit", "departed_origin", "arrived_transit", "arrived_destination",
  "customs", "customs_held", "out_for_delivery", "pickup_ready", "delivery_failed", "delivered", "returning", "returned",
  "exception", "unknown",
  // order-level codes (taxonomy.OrderStatus), for orders without tracking yet
  "awaiting_payment", "processing", "shipped", "completed", "closed", "in_dispute"];
export const VERDICTS = ["normal", "watch", "act"];

/** Cards and badges on the My Orders page. */
export function readCardsAndBadges(page) {
  return evaluate(page, () => {
    const cards = [...document.querySelectorAll("div.order-item")].map((c) => {
      const m = (c.textContent || "").match(/Order ID:\s*(\d{14,19})/);
      return m ? m[1] : null;
    });
    const badges = [...document.querySelectorAll("[data-orderwatch-badge]")].map((b) => ({
      id: b.getAttribute("data-order-id"), status: b.getAttribute("data-status"), verdict: b.getAttribute("data-verdict"),
      inCard: !!b.closest("div.order-item"), cardId: (b.closest("div.order-item")?.textContent?.match(/Order ID:\s*(\d{14,19})/) || [])[1] ?? null,
      title: b.getAttribute("title") || b.querySelector("[title]")?.getAttribute("title") || "", text: (b.textContent || "").trim().slice(0, 200),
    }));
    return { cards, badges };
  });
}

/** Waits until every card has exactly one well-formed badge for its own order id. */
export async function waitBadgesOnEveryCard(page, minCards, what) {
  return poll(async () => {
    const { cards, badges } = await readCardsAndBadges(page);
    if (cards.length < minCards) return false;
    const byCard = new Map();
    for (const b of badges) if (b.cardId) byCard.set(b.cardId, [...(byCard.get(b.cardId) ?? []), b]);
    const missing = cards.filter((id) => !byCard.has(id));
    if (missing.length) return false;
    const bad = badges.filter((b) => b.id !== b.cardId || !TAXONOMY.includes(b.status) || !VERDICTS.includes(b.verdict));
    if (bad.length) throw new Error(`malformed badges: ${JSON.stringify(bad.slice(0, 3))}`);
    const dup = [...byCard.values()].filter((l) => l.length > 1);
    if (dup.length) throw new Error(`cards with ${dup[0].length} badges: ${dup[0][0].cardId}`);
    return { cards, badges };
  }, { timeoutMs: 20000, intervalMs: 200, what });
}

export function readProgress(page) {
  return evaluate(page, () => {
    const p = document.querySelector("[data-orderwatch-progress]");
    if (!p) return null;
    return { done: Number(p.getAttribute("data-done")), total: Number(p.getAttribute("data-total")), state: p.getAttribute("data-state"), text: (p.textContent || "").trim() };
  });
}

/** trackAll presses Track all on an open My Orders page and waits until it has finished at least `count` orders. */
export async function trackAll(page, count, { timeoutMs = 120000, intervalMs = 300 } = {}) {
  await waitFor(page, () => !!document.querySelector("[data-orderwatch-track-all]"), null, { what: "Track all button" });
  await click(page, "[data-orderwatch-track-all]");
  return poll(async () => {
    const x = await readProgress(page);
    return x && x.total >= count && x.done === x.total && x.state !== "running" ? x : false;
  }, { timeoutMs, intervalMs, what: "Track all done" });
}

/** Dashboard rows as {id: {status, verdict, marks, note}}. */
export function readDashboard(page) {
  return evaluate(page, () => {
    const out = {};
    for (const row of document.querySelectorAll("[data-orderwatch-order]")) {
      const id = row.getAttribute("data-orderwatch-order");
      const marks = {};
      for (const m of row.querySelectorAll("[data-mark]")) {
        const v = m.getAttribute("aria-pressed") ?? m.getAttribute("aria-checked") ?? m.getAttribute("data-value")
          ?? ("checked" in m ? String(m.checked) : null);
        marks[m.getAttribute("data-mark")] = v === "true" ? true : v === "false" ? false : v === "mixed" || v === "null" ? null : v;
      }
      const noteEl = row.querySelector("[data-note]");
      const note = noteEl ? ("value" in noteEl ? noteEl.value : noteEl.textContent) : null;
      const conflict = row.querySelector("[data-conflict-notice]");
      const asked = row.querySelector("[data-seller-asked]");
      const replied = row.querySelector("[data-seller-replied]");
      out[id] = {
        status: row.getAttribute("data-status"), verdict: row.getAttribute("data-verdict"), marks, note,
        conflict: conflict ? (conflict.textContent || "").trim() : null,
        advice: [...row.querySelectorAll("[data-advice]")].map((a) => a.getAttribute("data-advice")),
        seller: asked ? { askedAt: asked.value || null, replied: !!replied?.checked } : null,
        text: (row.textContent || "").slice(0, 4000),
      };
    }
    return out;
  });
}

/** Shows every order in the dashboard (clears filters/search when the page has them). */
export async function showAllOrders(page) {
  await evaluate(page, () => {
    const all = document.querySelector("[data-orderwatch-filter='all'], [data-filter='all']");
    if (all) all.click();
    const search = document.querySelector("[data-orderwatch-search]");
    if (search && search.value) { search.value = ""; search.dispatchEvent(new Event("input", { bubbles: true })); }
  });
}

export async function waitDashboardRows(page, ids, what, timeoutMs = 30000) {
  return poll(async () => {
    await showAllOrders(page);
    const rows = await readDashboard(page);
    const missing = ids.filter((id) => !rows[id]);
    return missing.length === 0 ? rows : false;
  }, { timeoutMs, intervalMs: 500, what });
}

/** Clicks a row's mark toggle until it reads `want`; after each click waits for the row to change. */
export async function setMark(page, orderId, mark, want) {
  const sel = `[data-orderwatch-order="${orderId}"] [data-mark="${mark}"]`;
  const read = async () => (await readDashboard(page))[orderId]?.marks?.[mark];
  for (let i = 0; i < 3; i++) {
    const cur = await read();
    if (cur === want) return;
    await click(page, sel);
    await poll(async () => (await read()) !== cur, { timeoutMs: 10000, intervalMs: 200, what: `mark ${mark} on ${orderId} to change from ${cur}` });
  }
  const last = await read();
  if (last !== want) throw new Error(`mark ${mark} on ${orderId} reads ${last} after 3 clicks, want ${want}`);
}

export async function setNote(page, orderId, text) {
  const sel = `[data-orderwatch-order="${orderId}"] [data-note]`;
  await fill(page, sel, text);
  // A save button next to the note, when the dashboard has one.
  await evaluate(page, (id) => {
    const row = document.querySelector(`[data-orderwatch-order="${id}"]`);
    row?.querySelector("[data-note-save], [data-orderwatch-note-save]")?.click();
  }, orderId);
  await waitFor(page, ([id, t]) => {
    const el = document.querySelector(`[data-orderwatch-order="${id}"] [data-note]`);
    return el && ("value" in el ? el.value : el.textContent) === t;
  }, [orderId, text], { what: `note on ${orderId}` });
}

/**
 * Fills an order's "Seller contact" form as the buyer would (the day they wrote, whether the
 * seller answered), saves it, and waits until the redrawn row shows the saved values.
 */
export async function setSellerContact(page, orderId, day, replied) {
  const saved = await evaluate(page, ([id, d, r]) => {
    const box = document.querySelector(`[data-orderwatch-order="${id}"] [data-seller-contact]`);
    if (!box) return false;
    const asked = box.querySelector("[data-seller-asked]");
    asked.value = d ?? "";
    asked.dispatchEvent(new Event("input", { bubbles: true }));
    const cb = box.querySelector("[data-seller-replied]");
    if (cb.checked !== r) cb.click();
    box.querySelector("[data-seller-contact-save]").click();
    return true;
  }, [orderId, day, replied]);
  if (!saved) throw new Error(`order ${orderId} has no seller contact form (data-seller-contact)`);
  // Saved means the worker holds it: asked the way the page itself asks for its rows.
  return poll(async () => {
    const r = await evaluate(page, async (id) => {
      const box = document.querySelector(`[data-orderwatch-order="${id}"] [data-seller-contact]`);
      const refused = box?.dataset.dirty ? box.querySelector("[data-seller-contact-result]")?.textContent ?? "" : "";
      const rows = (await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: "popup-sw-get-orders" }))?.rows ?? [];
      const buyer = rows.find((x) => x.record.order.order_id === id)?.record.order.buyer ?? {};
      return { refused, askedAt: buyer.seller_asked_at ?? null, replied: buyer.seller_replied === true };
    }, orderId);
    if (r.refused) throw fatal(`seller contact on ${orderId} refused: ${r.refused}`);
    const sameDay = (r.askedAt === null && !day) || (r.askedAt !== null && String(r.askedAt).slice(0, 10) === day);
    return sameDay && r.replied === replied ? r : false;
  }, { timeoutMs: 15000, intervalMs: 250, what: `seller contact on ${orderId} stored by the worker` });
}

/**
 * Asks the extension to sync now: the dashboard's or options page's sync button when present,
 * else the extension's own "sync now" message sent from its page (what that button sends).
 */
export async function syncNow(page) {
  return evaluate(page, async () => {
    const btn = document.querySelector("[data-orderwatch-sync-now], [data-orderwatch-sync]");
    if (btn) { btn.click(); return "button"; }
    const rt = (globalThis.browser ?? globalThis.chrome).runtime;
    const r = await rt.sendMessage({ type: "popup-sw-sync-now" });
    return JSON.stringify(r ?? null).slice(0, 300);
  });
}

/** The account state shown on the options page. */
export function readAccount(page) {
  return evaluate(page, () => {
    const el = document.querySelector("[data-orderwatch-account], [data-orderwatch-account-status], [data-orderwatch-status]");
    return el ? { text: (el.textContent || "").trim(), state: el.getAttribute("data-state") ?? el.getAttribute("data-signed-in") ?? el.getAttribute("data-status") } : null;
  });
}

const SIGNED_IN = (a) => !!a && (a.state === "signed_in" || a.state === "true" || a.state === "signed-in" || /signed in as/i.test(a.text));
const SIGNED_OUT = (a) => !!a && (a.state === "signed_out" || a.state === "false" || a.state === "signed-out" || /not signed in|signed out|sign in again/i.test(a.text));
export { SIGNED_IN, SIGNED_OUT };

/** Fills the options form and presses sign up or sign in; waits for "signed in". */
export async function signInOnOptions(page, { server, email, password, signUp }) {
  await poll(() => evaluate(page, () => !!document.querySelector("[data-orderwatch-email]")), { timeoutMs: 15000, what: "options form" });
  const urlSel = await evaluate(page, () => ["[data-orderwatch-server-url]", "[data-orderwatch-server]", "[data-orderwatch-url]"].find((s) => document.querySelector(s)) ?? null);
  if (!urlSel) throw new Error("options page has no server URL field (data-orderwatch-server-url)");
  await fill(page, urlSel, server);
  // Save the server when it has its own button.
  await evaluate(page, () => document.querySelector("[data-orderwatch-server-save], [data-orderwatch-save-server]")?.click());
  await fill(page, "[data-orderwatch-email]", email);
  await fill(page, "[data-orderwatch-password]", password);
  const btn = signUp ? ["[data-orderwatch-sign-up]", "[data-orderwatch-signup]", "[data-orderwatch-register]"] : ["[data-orderwatch-sign-in]", "[data-orderwatch-signin]", "[data-orderwatch-login]"];
  const found = await evaluate(page, (list) => list.find((s) => document.querySelector(s)) ?? null, btn);
  if (!found) throw new Error(`options page has no ${signUp ? "sign-up" : "sign-in"} button (${btn[0]})`);
  await click(page, found);
  return poll(async () => {
    const a = await readAccount(page);
    return SIGNED_IN(a) ? a : false;
  }, { timeoutMs: 20000, what: "account shows signed in" }).catch(async (err) => {
    const msg = await evaluate(page, () => ({ message: document.querySelector("[data-orderwatch-options-message]")?.textContent ?? "", account: document.querySelector("[data-orderwatch-account]")?.textContent ?? "" })).catch(() => null);
    throw new Error(`${err.message}; options page says ${JSON.stringify(msg)}`);
  });
}

export async function signOutOnOptions(page) {
  const found = await evaluate(page, () => ["[data-orderwatch-sign-out]", "[data-orderwatch-signout]", "[data-orderwatch-logout]"].find((s) => document.querySelector(s)) ?? null);
  if (!found) throw new Error("options page has no sign-out button (data-orderwatch-sign-out)");
  await click(page, found);
  return poll(async () => { const a = await readAccount(page); return SIGNED_OUT(a) ? a : false; }, { timeoutMs: 15000, what: "account shows signed out" });
}
