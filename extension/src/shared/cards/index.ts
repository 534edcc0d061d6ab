// The order-card wordings of every language AliExpress serves, as data: one JSON file per
// language beside this module (README.md says which strings rest on public evidence and which
// are the site's expected wording, unverified). esbuild bundles the JSON; nothing here reads the
// browser's locale.
import de from "./de.json";
import en from "./en.json";
import es from "./es.json";
import fr from "./fr.json";
import he from "./he.json";
import it from "./it.json";
import ja from "./ja.json";
import ko from "./ko.json";
import nl from "./nl.json";
import pl from "./pl.json";
import pt from "./pt.json";
import ru from "./ru.json";
import tr from "./tr.json";
import uk from "./uk.json";

/** The order statuses of the core (taxonomy.OrderStatus) a card's status text stands for. */
export type CardStatus = "awaiting_payment" | "processing" | "shipped" | "completed" | "closed" | "in_dispute";
export const CARD_STATUSES: readonly CardStatus[] = ["awaiting_payment", "processing", "shipped", "completed", "closed", "in_dispute"];
export type TabKey = "all" | "unpaid" | "processing" | "shipped" | "completed" | "recycle";

export interface CardLanguage {
  lang: string;
  name: string;
  verified: string;
  evidence: Record<string, string>;
  /** Order of day, month and year in all-numeric dates. */
  dateOrder: "DMY" | "MDY" | "YMD";
  /** Letters a month name may carry in front (Hebrew "ב", "in"). */
  monthPrefixes?: string[];
  /** Twelve lists of the forms a month is written in (abbreviated, full, genitive). */
  months: string[][];
  labels: { date: string[]; id: string[]; total: string[] };
  statuses: Record<CardStatus, string[]>;
  tabs: Record<TabKey, string>;
  /** How the site writes a card: used by the fake site, and a reference for the reader's tests. */
  render: {
    date: string;
    monthNames: string[];
    dateLabel: string;
    idLabel: string;
    totalLabel: string;
    copy: string;
    details: string;
    more: string;
    statusSuffix?: string;
    buttons: Record<CardStatus, string[]>;
  };
}

export const CARD_LANGUAGES: Readonly<Record<string, CardLanguage>> = Object.freeze(
  Object.fromEntries([en, ru, pt, es, fr, pl, ko, nl, uk, he, de, it, tr, ja].map((l) => [l.lang, l as CardLanguage])),
);

/** cardLanguage picks the data for a BCP 47 tag ("pt-BR" → pt, "es_ES" → es); null when there is none. */
export function cardLanguage(tag: string | null | undefined): CardLanguage | null {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return CARD_LANGUAGES[primary] ?? null;
}

/**
 * fold is the form every wording is compared in: lower case, accents and dots dropped, Hebrew
 * geresh and apostrophes dropped, spaces collapsed. "Mär." → "mar", "févr." → "fevr",
 * "Concluído " → "concluido".
 */
export function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'’׳״"]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// Lookup tables, built once from the data.
const statusIndex = new Map<string, { lang: string; status: CardStatus }[]>();
for (const l of Object.values(CARD_LANGUAGES)) {
  for (const st of CARD_STATUSES) {
    for (const text of l.statuses[st]) {
      const k = fold(text);
      const list = statusIndex.get(k) ?? [];
      list.push({ lang: l.lang, status: st });
      statusIndex.set(k, list);
    }
  }
}

/**
 * statusOf tells which order status a card's status text stands for, the page's language
 * first, then any language; null for a wording no data file knows.
 */
export function statusOf(text: string, lang?: CardLanguage | null): CardStatus | null {
  const hits = statusIndex.get(fold(text));
  if (!hits?.length) return null;
  return (lang && hits.find((h) => h.lang === lang.lang)?.status) || hits[0].status;
}

const labelMemo = new Map<string, string[]>();

/** Every label of one kind in every language, folded, longest first (so "Order date" wins over "Date"). */
export function allLabels(kind: "date" | "id" | "total", first?: CardLanguage | null): string[] {
  const key = `${kind}:${first?.lang ?? ""}`;
  const memo = labelMemo.get(key);
  if (memo) return memo;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const l of [first, ...Object.values(CARD_LANGUAGES)]) {
    if (!l) continue;
    for (const s of l.labels[kind]) {
      const f = fold(s);
      if (f && !seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  }
  out.sort((a, b) => b.length - a.length);
  labelMemo.set(key, out);
  return out;
}

/** The language's wording of a status, as the site writes it on a card (fake site, tests). */
export function statusText(lang: CardLanguage, status: CardStatus): string {
  return lang.statuses[status][0] + (lang.render.statusSuffix ?? "");
}

/** formatDate writes a date the way the language's cards do (fake site, tests). */
export function formatDate(lang: CardLanguage, y: number, m: number, d: number): string {
  return lang.render.date
    .replace("{y}", String(y))
    .replace("{m}", String(m))
    .replace("{d}", String(d))
    .replace("{mon}", lang.render.monthNames[m - 1]);
}
