// Cainiao's public tracking by number (shared/DESIGN.md §7, "Tracking"), used by the service worker when
// no AliExpress tab is open or AliExpress has no events yet. No login, no cookies.
import type { TrackingEvent } from "./order.js";
import { clip } from "./text.js";

export const CAINIAO_URL = "https://global.cainiao.com/global/detail.json";

export function cainiaoUrl(number: string): string {
  return `${CAINIAO_URL}?${new URLSearchParams({ mailNos: number, lang: "en-US" })}`;
}

export interface CainiaoReading {
  number: string;
  events: TrackingEvent[];
  /** The destination carrier, when Cainiao names it. */
  destCarrier?: string;
}

export class CainiaoError extends Error {
  constructor(public code: "not_found" | "layout_changed", message: string) {
    super(message);
    this.name = "CainiaoError";
  }
}

const s = (v: unknown): string => (typeof v === "string" ? clip(v.trim()) : "");

/** parseCainiao reads the answer for one number; older answers wrap it in `body`. */
export function parseCainiao(json: unknown, number: string): CainiaoReading {
  let root = json as Record<string, unknown> | null;
  if (root && typeof root === "object" && root.body && typeof root.body === "object") root = root.body as Record<string, unknown>;
  const list = root && typeof root === "object" ? root.module : undefined;
  if (!Array.isArray(list)) throw new CainiaoError("layout_changed", "cainiao: answer without a module list");
  const entry = (list.find((m) => m && typeof m === "object" && (m as Record<string, unknown>).mailNo === number) ?? list[0]) as Record<string, unknown> | undefined;
  if (!entry || typeof entry !== "object") throw new CainiaoError("not_found", `cainiao: ${number} is unknown`);
  const events: TrackingEvent[] = [];
  for (const raw of Array.isArray(entry.detailList) ? entry.detailList : []) {
    if (!raw || typeof raw !== "object") continue;
    const d = raw as Record<string, unknown>;
    const text = s(d.standerdDesc) || s(d.desc) || s(d.descTitle);
    if (!text) continue;
    const ev: TrackingEvent = { text, carrier: "Cainiao", number, lang: "en" };
    if (typeof d.time === "number" && Number.isFinite(d.time)) ev.time = d.time;
    const code = s(d.actionCode);
    if (code) ev.code = code;
    events.push(ev);
  }
  if (events.length === 0 && /NOT_FOUND|NOTFOUND/i.test(s(entry.status))) throw new CainiaoError("not_found", `cainiao: ${number} has no tracking yet`);
  const cp = (entry.destCpInfo ?? {}) as Record<string, unknown>;
  const reading: CainiaoReading = { number, events };
  if (s(cp.cpName)) reading.destCarrier = s(cp.cpName);
  return reading;
}

/** mergeEvents adds new events to old ones, dropping exact duplicates (same time, text, number). */
export function mergeEvents(old: TrackingEvent[], added: TrackingEvent[]): TrackingEvent[] {
  const key = (e: TrackingEvent) => `${e.time ?? ""}|${e.text}|${e.number ?? ""}`;
  const seen = new Set(old.map(key));
  const out = old.slice();
  for (const e of added) if (!seen.has(key(e))) { seen.add(key(e)); out.push(e); }
  return out;
}
