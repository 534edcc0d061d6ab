// Local-first sync with the server's push/pull protocol (shared/DESIGN.md §5).
// Pure functions over plain data, no chrome.*: the service worker keeps the state in storage and
// calls these; the unit tests run them in Node.
import type { Order, Parcel, TrackingEvent } from "./order.js";
import { FIELD_MAX as F, COUNT_MAX, MAX_NOTE, MAX_PROTECTION_DAYS, MAX_QUANTITY } from "./limits.gen.js";
import { clip } from "./text.js";

export interface Marks {
  received: boolean | null;
  dispute_opened: boolean;
  archived: boolean;
}

export interface ConflictEntry {
  field: string;
  lost_value: string;
  device_id: string;
  at: string;
}

/** SyncData is the `data` of a push mutation and of a pulled row; absent = unchanged. */
export interface SyncData {
  order?: Order;
  /**
   * Local only: "the tracking data changed; send the record's order when this goes out". Keeps
   * the stored queue small (the order itself is in the record); materialize() fills it in.
   */
  orderChanged?: true;
  marks?: Partial<Marks>;
  note?: string;
  conflicts?: ConflictEntry[];
}

/** The local record of one order: what the dashboard shows and what syncs. */
export interface LocalRecord {
  order: Order;
  marks: Marks;
  note: string;
  conflicts: ConflictEntry[];
  /** The server row version this record last saw; 0 = never synced. */
  version: number;
  /** Conflict entries (by key) this browser already showed and the buyer dismissed. */
  dismissed: string[];
  manual?: boolean;
  /** The last tracking failure, local only. */
  error?: { code: string; message: string; at: string };
  trackedAt?: string;
  firstSeen: string;
  /** The pageKey of the last My Orders reading of this order, local only. */
  pageKey?: string;
}

export interface Mutation {
  mutation_id: string;
  order_id: string;
  base_version: number;
  op: "upsert" | "delete";
  data: SyncData;
  /** Set once the mutation went out: its id is then bound to this payload on the server. */
  sent?: boolean;
}

export interface ServerRow {
  order_id: string;
  version: number;
  deleted?: boolean;
  updated_at?: string;
  data: SyncData;
  derived?: Record<string, unknown>;
}

export const emptyMarks = (): Marks => ({ received: null, dispute_opened: false, archived: false });
export const MARK_FIELDS = ["received", "dispute_opened", "archived"] as const;
export const MAX_CONFLICTS = 20;

export function newRecord(order: Order, now: string): LocalRecord {
  return { order, marks: emptyMarks(), note: "", conflicts: [], version: 0, dismissed: [], firstSeen: now };
}

/** The city stays in the browser (brief: "the client strips it"); name/address/phone never exist. */
export function stripForServer(order: Order): Order {
  if (!order.buyer || order.buyer.city === undefined) return order;
  const { city: _city, ...buyer } = order.buyer;
  return { ...order, buyer };
}

function mergeData(a: SyncData, b: SyncData): SyncData {
  const out: SyncData = { ...a };
  if (b.order !== undefined) {
    out.order = b.order;
    delete out.orderChanged;
  }
  if (b.orderChanged) {
    out.orderChanged = true;
    delete out.order;
  }
  if (b.note !== undefined) out.note = b.note;
  if (b.marks !== undefined) out.marks = { ...(a.marks ?? {}), ...b.marks };
  if (b.conflicts !== undefined) out.conflicts = [...(a.conflicts ?? []), ...b.conflicts];
  return out;
}

/**
 * enqueue records a local change. Changes to an order coalesce into its pending mutation while
 * that one has not gone out; once sent, its id is bound to its payload, so a new one starts.
 */
export function enqueue(queue: Mutation[], orderId: string, baseVersion: number, data: SyncData, newId: () => string): Mutation[] {
  const i = queue.findIndex((m) => m.order_id === orderId && !m.sent && m.op === "upsert");
  if (i >= 0) {
    const next = queue.slice();
    next[i] = { ...queue[i], data: mergeData(queue[i].data, data) };
    return next;
  }
  return [...queue, { mutation_id: newId(), order_id: orderId, base_version: baseVersion, op: "upsert", data }];
}

// The server refuses control and bidirectional-override characters (they can disguise text),
// texts over the limits table (limits.gen.ts, in characters), odd tracking numbers and years
// outside 2000–2100 (server/validate.go).
// Page and carrier text can contain all of these; the synced copy is cleaned instead of the
// whole push being refused. The local copy keeps what the page said.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
const NUMBER = /^[A-Za-z0-9-]{1,64}$/;
/** cleanText drops control characters and cuts to max characters (code points), as the limits table counts. */
export function cleanText(s: string, max: number = F["parcels[].events[].text"]): string {
  return clip(s.replace(CONTROL, ""), max);
}

const okYear = (v: unknown): boolean => {
  const d = typeof v === "number" ? new Date(v) : typeof v === "string" ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : null;
  if (!d || Number.isNaN(d.getTime())) return false;
  const y = d.getUTCFullYear();
  return y >= 2000 && y <= 2100;
};
const okPrice = (p: string | undefined): boolean => !!p && /\d/.test(p) && !/[-−]/.test(p) && !/\de[+-]?\d/i.test(p);

const encoder = new TextEncoder();

/** cleanLostValue: a conflict's lost value is bounded in UTF-8 bytes (server.MaxLostValue), not a field of an order. */
function cleanLostValue(s: string, maxBytes = 16000): string {
  let out = s.replace(CONTROL, "");
  if (encoder.encode(out).length <= maxBytes) return out;
  while (encoder.encode(out).length > maxBytes - 3) out = out.slice(0, Math.floor(out.length * 0.9));
  return out + "…";
}

/** forServer is the copy of an order the server accepts: cleaned texts, no city. */
export function forServer(order: Order): Order {
  const o = stripForServer(order);
  const t = (v: string | undefined, max: number) => (v === undefined ? undefined : cleanText(v, max));
  const out: Order = { order_id: o.order_id };
  if (o.order_date && okYear(o.order_date)) out.order_date = o.order_date;
  for (const k of ["store", "status_text", "shipping_method"] as const) if (o[k]) out[k] = t(o[k], F[k]);
  if (okPrice(o.total)) out.total = t(o.total, F.total);
  if (o.items) {
    out.items = o.items.slice(0, COUNT_MAX.items).map((it) => {
      const i: NonNullable<Order["items"]>[number] = {};
      if (it.title) i.title = t(it.title, F["items[].title"]);
      if (it.quantity !== undefined && it.quantity >= 0 && it.quantity <= MAX_QUANTITY) i.quantity = it.quantity;
      if (okPrice(it.price)) i.price = t(it.price, F["items[].price"]);
      if (it.product_id) i.product_id = t(it.product_id, F["items[].product_id"]);
      if (it.sku) i.sku = t(it.sku, F["items[].sku"]);
      return i;
    });
  }
  if (o.protection) {
    const p: NonNullable<Order["protection"]> = {};
    if (o.protection.ends_at && okYear(o.protection.ends_at)) p.ends_at = o.protection.ends_at;
    if (o.protection.read_at && okYear(o.protection.read_at)) p.read_at = o.protection.read_at;
    if (typeof o.protection.days_left === "number" && Math.abs(o.protection.days_left) <= MAX_PROTECTION_DAYS) p.days_left = o.protection.days_left;
    if (o.protection.text) p.text = t(o.protection.text, F["protection.text"]);
    if (Object.keys(p).length) out.protection = p;
  }
  if (o.parcels) {
    out.parcels = o.parcels.slice(0, COUNT_MAX.parcels).map((p) => {
      const parcel: Parcel = {};
      if (p.shipping_method) parcel.shipping_method = t(p.shipping_method, F["parcels[].shipping_method"]);
      if (p.numbers) parcel.numbers = p.numbers.filter((n) => NUMBER.test(n.number)).slice(0, COUNT_MAX["parcels[].numbers"]).map((n) => ({ ...n, ...(n.carrier ? { carrier: t(n.carrier, F["parcels[].numbers[].carrier"]) } : {}) }));
      if (p.events) {
        parcel.events = p.events.slice(0, COUNT_MAX["parcels[].events"]).filter((e) => e.time === undefined || okYear(e.time)).map((e) => {
          const ev: TrackingEvent = { text: t(e.text, F["parcels[].events[].text"]) ?? "" };
          if (e.time !== undefined) ev.time = e.time;
          for (const k of ["location", "carrier", "code", "lang"] as const) if (e[k]) ev[k] = t(e[k], F[`parcels[].events[].${k}`]);
          if (e.number && NUMBER.test(e.number)) ev.number = e.number;
          return ev;
        });
      }
      return parcel;
    });
  }
  if (o.buyer) out.buyer = o.buyer;
  return out;
}

/** materialize turns "orderChanged" into the record's current order, just before sending. */
export function materialize(m: Mutation, rec: LocalRecord | undefined): Mutation {
  if (!m.data.orderChanged) return m;
  const { orderChanged: _c, ...data } = m.data;
  return { ...m, data: rec ? { ...data, order: rec.order } : data };
}

/** dataForServer cleans every field of a push's data. */
export function dataForServer(d: SyncData): SyncData {
  const out: SyncData = {};
  if (d.order) out.order = forServer(d.order);
  if (d.marks) out.marks = d.marks;
  if (d.note !== undefined) out.note = cleanText(d.note, MAX_NOTE);
  if (d.conflicts) out.conflicts = d.conflicts.map((c) => ({ ...c, lost_value: cleanLostValue(c.lost_value) }));
  return out;
}

/** pushBody is what goes to POST /api/v1/sync/push for these mutations. */
export function pushBody(deviceId: string, mutations: Mutation[]) {
  return {
    device_id: deviceId,
    mutations: mutations.map((m) => ({
      mutation_id: m.mutation_id, order_id: m.order_id, base_version: m.base_version, op: m.op, data: dataForServer(m.data),
    })),
  };
}

/** The fields of a SyncData as dotted names: "order", "note", "marks.received", … */
export function fieldsOf(d: SyncData): string[] {
  const f: string[] = [];
  if (d.order !== undefined || d.orderChanged) f.push("order");
  if (d.note !== undefined) f.push("note");
  for (const k of MARK_FIELDS) if (d.marks && d.marks[k] !== undefined) f.push(`marks.${k}`);
  return f;
}

function valueOf(d: SyncData, field: string): unknown {
  if (field === "order") return d.order;
  if (field === "note") return d.note;
  if (field.startsWith("marks.")) return d.marks?.[field.slice(6) as keyof Marks];
  return undefined;
}

const show = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
const conflictKey = (c: ConflictEntry) => `${c.field}|${c.at}|${c.device_id}`;

const parcelKey = (p: Parcel): string => (p.numbers ?? []).map((n) => n.number).sort().join("|");
const eventKey = (e: TrackingEvent) => `${e.time ?? ""}|${e.text}|${e.number ?? ""}`;

/**
 * mergeOrders combines two copies of an order's tracking data. They are facts from different
 * reads (a page, AliExpress's JSON, Cainiao, another browser), not competing opinions, so
 * nothing is dropped: page facts come from `mine` when it has them, parcels are united by their
 * numbers and their events by time, text and number. The city is always ours.
 */
export function mergeOrders(theirs: Order, mine: Order): Order {
  const out: Order = { ...theirs };
  if (mine.order_date) out.order_date = mine.order_date;
  for (const k of ["store", "status_text", "shipping_method", "total"] as const) if (mine[k]) out[k] = mine[k];
  if (mine.items?.length) out.items = mine.items;
  if (mine.protection && Object.keys(mine.protection).length) out.protection = mine.protection;
  const parcels: Parcel[] = (theirs.parcels ?? []).map((p) => ({ ...p }));
  for (const p of mine.parcels ?? []) {
    const nums = new Set((p.numbers ?? []).map((n) => n.number));
    const same = parcels.find((q) => (nums.size === 0 && parcelKey(q) === "") || (q.numbers ?? []).some((n) => nums.has(n.number)));
    if (!same) {
      parcels.push(p);
      continue;
    }
    const numbers = [...(same.numbers ?? [])];
    for (const n of p.numbers ?? []) if (!numbers.some((m) => m.number === n.number)) numbers.push(n);
    const seen = new Set((same.events ?? []).map(eventKey));
    const events = [...(same.events ?? []), ...(p.events ?? []).filter((e) => !seen.has(eventKey(e)))];
    Object.assign(same, { ...same, ...(p.shipping_method ? { shipping_method: p.shipping_method } : {}), numbers, events });
  }
  if (parcels.length) out.parcels = parcels;
  const city = mine.buyer?.city;
  if (mine.buyer || theirs.buyer) out.buyer = { ...(theirs.buyer ?? {}), ...(mine.buyer ?? {}) };
  if (!city && out.buyer) delete out.buyer.city;
  return out;
}

/**
 * applyServerData sets the record's fields from the server, except those listed in keep; the
 * tracking data is merged rather than replaced when we have unpushed tracking of our own.
 */
export function applyServerData(rec: LocalRecord, data: SyncData, keep: Set<string>): LocalRecord {
  const out: LocalRecord = { ...rec, marks: { ...rec.marks } };
  if (data.order !== undefined) {
    // The city never comes back from the server; keep ours.
    out.order = keep.has("order") ? mergeOrders(data.order, rec.order) : mergeOrders(data.order, { order_id: rec.order.order_id, ...(rec.order.buyer?.city ? { buyer: { city: rec.order.buyer.city } } : {}) });
  }
  if (data.note !== undefined && !keep.has("note")) out.note = data.note;
  for (const k of MARK_FIELDS) {
    const v = data.marks?.[k];
    if (v !== undefined && !keep.has(`marks.${k}`)) (out.marks as unknown as Record<string, unknown>)[k] = v;
  }
  if (Array.isArray(data.conflicts)) {
    const seen = new Set(out.conflicts.map(conflictKey));
    const merged = out.conflicts.slice();
    for (const c of data.conflicts) if (!seen.has(conflictKey(c))) merged.push(c);
    out.conflicts = merged.slice(-MAX_CONFLICTS);
  }
  return out;
}

/** pendingFields lists the fields of an order that local, unpushed mutations change. */
export function pendingFields(queue: Mutation[], orderId: string): Set<string> {
  return new Set(queue.filter((m) => m.order_id === orderId).flatMap((m) => fieldsOf(m.data)));
}

export type PushOutcome =
  | { status: "applied"; mutation_id: string; version: number; merged?: boolean }
  | { status: "conflict"; mutation_id: string; row: ServerRow; conflicting_fields?: string[] }
  | { status: "rejected"; mutation_id: string; reason: string };

/** normalizeOutcome reads one result of the push answer. */
export function normalizeOutcome(raw: unknown): PushOutcome | null {
  // The one shape the server sends (server/api/sync.go, resultOut): mutation_id, status, and
  // version and merged (applied), row and conflicting_fields (conflict), error {code, message}
  // (rejected).
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const id = typeof r.mutation_id === "string" ? r.mutation_id : "";
  const status = r.status;
  if (status === "applied") return { status, mutation_id: id, version: Number(r.version ?? 0), merged: r.merged === true };
  if (status === "conflict") {
    // No row: the order is gone on the server (or never was); start it again from version 0.
    const row = (r.row as ServerRow | null | undefined) ?? { order_id: "", version: 0, deleted: true, data: {} };
    if (typeof row !== "object") return null;
    const cf = Array.isArray(r.conflicting_fields) ? (r.conflicting_fields as string[]) : undefined;
    return cf ? { status, mutation_id: id, row, conflicting_fields: cf } : { status, mutation_id: id, row };
  }
  if (status === "rejected") {
    const e = r.error as { message?: unknown; code?: unknown } | undefined;
    const reason = e && typeof e === "object" && typeof e.message === "string" ? e.message : "rejected";
    return { status, mutation_id: id, reason };
  }
  return null;
}

export interface SyncState {
  records: Record<string, LocalRecord>;
  queue: Mutation[];
}

const canonicalField = (f: string) => (MARK_FIELDS.includes(f as (typeof MARK_FIELDS)[number]) ? `marks.${f}` : f);

/**
 * applyOutcome folds one push result into the state.
 * - applied: the record takes the new version; later local mutations of the order that were
 *   made on the old version move onto the new one (they were made on top of this write).
 * - conflict: fields we did not touch take the server's values; for each field we did touch and
 *   the server changed, we keep ours (last writer by server order wins), re-push on the server's
 *   version under a new mutation id, and add a conflicts entry carrying the value we replace, so
 *   the other browser shows it.
 * - rejected: the mutation is dropped; the local data stays as it is.
 */
export function applyOutcome(state: SyncState, outcome: PushOutcome, deviceId: string, now: string, newId: () => string): { state: SyncState; error?: string } {
  const idx = state.queue.findIndex((m) => m.mutation_id === outcome.mutation_id);
  if (idx < 0) return { state };
  const m = state.queue[idx];
  const queue = state.queue.slice();
  const records = { ...state.records };
  const rec = records[m.order_id];
  if (outcome.status === "applied") {
    queue.splice(idx, 1);
    for (let i = 0; i < queue.length; i++) {
      if (queue[i].order_id === m.order_id && !queue[i].sent && queue[i].base_version === m.base_version) queue[i] = { ...queue[i], base_version: outcome.version };
    }
    if (rec) records[m.order_id] = { ...rec, version: Math.max(rec.version, outcome.version) };
    return { state: { records, queue } };
  }
  if (outcome.status === "rejected") {
    queue.splice(idx, 1);
    return { state: { records, queue }, error: `sync: the server refused order ${m.order_id}: ${outcome.reason}` };
  }
  const row = outcome.row;
  const ours = fieldsOf(m.data);
  const server = row.data ?? {};
  const contested = outcome.conflicting_fields ? outcome.conflicting_fields.map(canonicalField) : ours.filter((f) => valueOf(server, f) !== undefined);
  const entries: ConflictEntry[] = [];
  for (const f of ours) {
    if (!contested.includes(f) || f === "order") continue; // tracking data is not the buyer's words
    const theirs = valueOf(server, f);
    if (show(theirs) === show(valueOf(m.data, f))) continue;
    entries.push({ field: f, lost_value: show(theirs), device_id: deviceId, at: now });
  }
  if (rec) {
    const keep = pendingFields(queue, m.order_id);
    const updated = applyServerData(rec, server, keep);
    updated.version = row.deleted ? 0 : row.version;
    if (entries.length) {
      updated.conflicts = [...updated.conflicts, ...entries].slice(-MAX_CONFLICTS);
      updated.dismissed = [...updated.dismissed, ...entries.map(conflictKey)]; // our own entries are not news to us
    }
    records[m.order_id] = updated;
  }
  let data: SyncData = entries.length ? { ...m.data, conflicts: entries } : m.data;
  // Tracking data is merged, not fought over: re-push the union of both copies.
  if (data.order && server.order && contested.includes("order")) data = { ...data, order: mergeOrders(server.order, data.order) };
  if (data.orderChanged) {
    const { orderChanged: _c, ...rest } = data;
    data = { ...rest, order: records[m.order_id]?.order ?? server.order };
  }
  queue[idx] = { ...m, mutation_id: newId(), base_version: row.deleted ? 0 : row.version, data, sent: false };
  return { state: { records, queue } };
}

/**
 * applyPulled folds pulled rows into the records. Fields with local changes still waiting to be
 * pushed keep the local value (the push will settle them); a pull never queues anything.
 */
export function applyPulled(state: SyncState, rows: ServerRow[], now: string): SyncState {
  const records = { ...state.records };
  for (const row of rows) {
    if (!row || typeof row.order_id !== "string") continue;
    const rec = records[row.order_id];
    if (row.deleted) {
      if (rec && pendingFields(state.queue, row.order_id).size === 0) delete records[row.order_id];
      continue;
    }
    const data = row.data ?? {};
    const base = rec ?? newRecord(data.order ?? { order_id: row.order_id }, now);
    if (!rec && row.order_id.startsWith("manual-")) base.manual = true;
    const updated = applyServerData(base, data, pendingFields(state.queue, row.order_id));
    updated.version = Math.max(rec?.version ?? 0, row.version);
    records[row.order_id] = updated;
  }
  return { records, queue: state.queue };
}

/** Conflict notices this browser should show: entries written by other devices, not dismissed. */
export function conflictNotices(rec: LocalRecord, deviceId: string): ConflictEntry[] {
  const dismissed = new Set(rec.dismissed);
  return rec.conflicts.filter((c) => c.device_id !== deviceId && !dismissed.has(conflictKey(c)));
}

export function dismissConflicts(rec: LocalRecord, deviceId: string): LocalRecord {
  return { ...rec, dismissed: [...rec.dismissed, ...conflictNotices(rec, deviceId).map(conflictKey)].slice(-100) };
}

/** initialMutations queues every local order the server does not know yet (after sign-in). */
export function queueUnsynced(state: SyncState, newId: () => string): SyncState {
  let queue = state.queue;
  for (const [id, rec] of Object.entries(state.records)) {
    if (rec.version > 0 || queue.some((m) => m.order_id === id)) continue;
    queue = enqueue(queue, id, 0, { orderChanged: true, marks: { ...rec.marks }, note: rec.note }, newId);
  }
  return { records: state.records, queue };
}
