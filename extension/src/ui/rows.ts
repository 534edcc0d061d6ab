// The dashboard's list as the worker sends it: one small summary per order — what a closed row
// shows, and what the filters, the search and the list order read — packed as an array. The
// full record and assessment of an order (a row's body: marks, note, advice, timeline, copy and
// evidence buttons) travel only for the rows drawn (rowDetails). Pure: the worker builds the
// summaries, the view reads them; tested in Node.
//
// Why: 2,000 orders as full rows were 3.5 MB to send to the page (records 0.93 MB, assessments
// 1.74 MB, before any tracking), most of the dashboard's opening time; their summaries are a
// tenth of that, and the list draws 30 rows at a time anyway.
import type { Assessment, BadgeInfo, Verdict } from "../shared/assessment.js";
import { compareActFirst, filterMatches, searchTexts, textsMatch, type Filter } from "../shared/badge.js";
import type { ConflictEntry, LocalRecord } from "../shared/sync.js";
import { protectionPicture, protectionPictureOf, stagePicture, type ProtectionPicture, type StagePicture } from "./pictures.js";

/** A complete row: the record, its assessment and badge, and the conflicts to show. */
export interface Row {
  record: LocalRecord;
  assessment: Assessment;
  badge: BadgeInfo;
  conflicts: ConflictEntry[];
}

/** One order of the list, without its body. */
export interface RowSummary {
  id: string;
  manual: boolean;
  archived: boolean;
  received: boolean | null;
  /** The badge's parcel status code, order status code, verdict, words and days since the last update. */
  status: string;
  orderStatus: string;
  verdict: Verdict;
  label: string;
  daysSinceUpdate: number | null;
  /** The title's parts: the store and the first item's title. */
  store: string;
  item: string;
  /** The other texts the search looks in (order status text, note, other item titles, tracking numbers). */
  find: string[];
  stage: StagePicture;
  protection: ProtectionPicture;
}

/** A row as the list holds it: complete (tests, small lists) or a summary whose body comes later. */
export type ListRow = Row | RowSummary;

export const isFull = (r: ListRow): r is Row => "record" in r;

/**
 * A list of up to LIST_WHOLE rows is drawn whole; a longer one LIST_WINDOW rows at a time, more
 * each time the end of the list comes near the screen (a row is built whole, closed or not, so
 * each costs milliseconds).
 */
export const LIST_WHOLE = 100;
export const LIST_WINDOW = 30;

/** summarize: the summary of a complete row (what the worker sends; the view draws a row's head from it). */
export function summarize(row: Row): RowSummary {
  const { record: rec, assessment: a, badge } = row;
  const o = rec.order;
  const texts = searchTexts(rec);
  // The title's parts are searched as themselves; the rest is sent once, as find.
  const item = o.items?.find((i) => i.title)?.title ?? "";
  const find: string[] = [];
  let itemSkipped = false;
  for (const t of texts.slice(2)) {
    if (typeof t !== "string" || t === "") continue;
    if (!itemSkipped && t === item) {
      itemSkipped = true;
      continue;
    }
    find.push(t);
  }
  return {
    id: o.order_id,
    manual: rec.manual === true,
    archived: rec.marks.archived === true,
    received: rec.marks.received,
    status: badge.status,
    orderStatus: badge.orderStatus,
    verdict: badge.verdict,
    label: badge.label,
    daysSinceUpdate: badge.daysSinceUpdate,
    store: typeof o.store === "string" ? o.store : "",
    item,
    find,
    stage: stagePicture(a),
    protection: protectionPicture(a),
  };
}

export const summaryOf = (r: ListRow): RowSummary => (isFull(r) ? summarize(r) : r);

/** The packed form of a summary: an array, in this order (the JSON keys of 2,000 objects cost more than their values). */
export type PackedRow = [
  id: string, flags: number, status: string, orderStatus: string, verdict: Verdict, label: string, daysSinceUpdate: number | null,
  store: string, item: string, find: string[], stageAt: number, stageMode: StagePicture["mode"], protection: number | null,
];

const MANUAL = 1;
const ARCHIVED = 2;
const RECEIVED_YES = 4;
const RECEIVED_NO = 8;

export function packRow(s: RowSummary): PackedRow {
  const flags = (s.manual ? MANUAL : 0) | (s.archived ? ARCHIVED : 0) | (s.received === true ? RECEIVED_YES : s.received === false ? RECEIVED_NO : 0);
  // Protection as one number: days left (≥ 0), or -1 - days since it ended, or null (no bar).
  const p = s.protection.kind === "left" ? s.protection.days : s.protection.kind === "ended" ? -1 - s.protection.days : null;
  return [s.id, flags, s.status, s.orderStatus, s.verdict, s.label, s.daysSinceUpdate, s.store, s.item, s.find, s.stage.at, s.stage.mode, p];
}

export function unpackRow(p: PackedRow): RowSummary {
  const [id, flags, status, orderStatus, verdict, label, daysSinceUpdate, store, item, find, at, mode, prot] = p;
  const state = prot === null ? ({ kind: "none" } as const) : prot >= 0 ? ({ kind: "left", days: prot } as const) : ({ kind: "ended", daysAgo: -1 - prot } as const);
  return {
    id, manual: (flags & MANUAL) !== 0, archived: (flags & ARCHIVED) !== 0,
    received: flags & RECEIVED_YES ? true : flags & RECEIVED_NO ? false : null,
    status, orderStatus, verdict, label, daysSinceUpdate, store, item, find,
    stage: { at, mode },
    protection: protectionPictureOf(state),
  };
}

export function summaryMatches(s: RowSummary, filter: Filter, search: string): boolean {
  return filterMatches(s, filter) && textsMatch([s.id, s.store, s.item, ...s.find], search);
}

/** The list's order: act first (compareActFirst), archived orders last whatever their verdict. */
export function listOrder<T extends { archived: boolean }>(rows: T[]): T[] {
  return rows.slice().sort((x, y) => Number(x.archived) - Number(y.archived));
}

/** sortRows sorts complete rows act-first, as the worker sends the list. */
export function sortRows(rows: Row[]): Row[] {
  return rows.sort((x, y) => compareActFirst(x.assessment, y.assessment));
}

/**
 * The rows whose bodies come with the list: every row of a list short enough to be drawn whole
 * (up to LIST_WHOLE). A longer list is windowed and draws closed rows from their summaries: a
 * body comes when its row opens (the page names the open rows it has).
 */
export function firstDrawn<T extends { archived: boolean }>(sorted: T[]): T[] {
  return sorted.length <= LIST_WHOLE ? listOrder(sorted) : [];
}
