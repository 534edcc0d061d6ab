// CSV and JSON export of the dashboard. Pure; the dashboard saves the text as a file.
import type { Assessment } from "./assessment.js";
import type { LocalRecord } from "./sync.js";
import { stripForServer } from "./sync.js";

export interface ExportRow {
  rec: LocalRecord;
  a: Assessment;
}

// A cell starting with = + - @ is a formula in spreadsheets: prefix it so it stays text.
function cell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = ["order_id", "order_date", "store", "status_text", "status", "verdict", "reason", "days_since_update", "protection_days_left", "protection_deadline", "tracking_numbers", "received", "dispute_opened", "archived", "note"];

export function toCSV(rows: ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const { rec, a } of rows) {
    const o = rec.order;
    lines.push([
      o.order_id, o.order_date, o.store, o.status_text, a.status, a.verdict, a.reasons[0]?.text ?? a.summary,
      a.days_since_update, a.protection.days_left, a.protection.deadline,
      (o.parcels ?? []).flatMap((p) => (p.numbers ?? []).map((n) => n.number)).join(" "),
      rec.marks.received, rec.marks.dispute_opened, rec.marks.archived, rec.note,
    ].map(cell).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export function toJSON(rows: ExportRow[]): string {
  return JSON.stringify({
    exported_by: "OrderWatch",
    orders: rows.map(({ rec, a }) => ({
      order: stripForServer(rec.order), marks: rec.marks, note: rec.note,
      assessment: { status: a.status, verdict: a.verdict, reason: a.reasons[0]?.text ?? "", days_since_update: a.days_since_update, protection: a.protection },
    })),
  }, null, 2);
}
