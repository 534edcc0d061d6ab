// The UI language at run time. chrome.i18n speaks only the browser's language and cannot switch,
// so the pages, the service worker and (through the worker) the badges read the same
// _locales/<lang>/messages.json files themselves and format them here. Pure apart from
// loadCatalog's fetch; tested in Node.
//
// Numbers, dates and every plural go through Intl (NumberFormat with the day unit,
// RelativeTimeFormat, PluralRules): no plural table is written by hand.

/** The 13 UI languages, as _locales folder names (Chrome's spelling: pt_BR). */
export const LANGS = ["en", "ru", "uk", "pt_BR", "es", "fr", "pl", "de", "nl", "it", "tr", "ko", "he"] as const;
export type Lang = (typeof LANGS)[number];

/** Each language in its own words, for the options page's choice. */
export const LANG_NAMES: Record<Lang, string> = {
  en: "English", ru: "Русский", uk: "Українська", pt_BR: "Português (Brasil)", es: "Español", fr: "Français",
  pl: "Polski", de: "Deutsch", nl: "Nederlands", it: "Italiano", tr: "Türkçe", ko: "한국어", he: "עברית",
};

const RTL = new Set<Lang>(["he"]);

/** The storage.local key holding the buyer's choice: "auto" (or absent) or one of LANGS. */
export const LANG_KEY = "uiLang";

/** BCP 47 tag of a language (for Intl, <html lang> and the core: "pt-BR"). */
export const bcp47 = (l: Lang): string => l.replace("_", "-");

export const dirOf = (l: Lang): "rtl" | "ltr" => (RTL.has(l) ? "rtl" : "ltr");

export const isLang = (s: unknown): s is Lang => typeof s === "string" && (LANGS as readonly string[]).includes(s);

/**
 * matchLang maps a browser language tag ("pt-PT", "en-GB", "iw", "he-IL", "uk") to the UI
 * language that serves it, or null when none does. Every Portuguese is served by pt_BR.
 */
export function matchLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().replace(/_/g, "-").toLowerCase();
  const base = t.split("-")[0];
  if (base === "pt") return "pt_BR";
  if (base === "iw") return "he"; // the old code for Hebrew, still sent by some browsers
  return isLang(base) ? base : null;
}

/** resolveLang: the buyer's choice if it names a language, else the browser's, else English. */
export function resolveLang(choice: unknown, uiLanguages: readonly (string | null | undefined)[]): Lang {
  if (isLang(choice)) return choice;
  for (const tag of uiLanguages) {
    const l = matchLang(tag);
    if (l) return l;
  }
  return "en";
}

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

/**
 * format fills a message the way chrome.i18n.getMessage does: $1…$9 are the substitutions,
 * $name$ is a named placeholder (its content, usually "$1", filled in turn), $$ is a dollar.
 */
export function format(entry: CatalogEntry, subs: readonly string[]): string {
  const fill = (s: string) => s.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === "$" ? "$" : subs[Number(d) - 1] ?? ""));
  const named = entry.placeholders ?? {};
  const lower = Object.fromEntries(Object.entries(named).map(([k, v]) => [k.toLowerCase(), v.content]));
  // One pass over the message: named placeholders and positional ones are both read from the
  // original text, so a substitution that itself contains "$1" is never filled again.
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$|\$(\$|[1-9])/g, (m, name: string | undefined, d: string | undefined) => {
    if (name !== undefined) {
      const c = lower[name.toLowerCase()];
      return c === undefined ? m : fill(c);
    }
    return d === "$" ? "$" : subs[Number(d) - 1] ?? "";
  });
}

/** The placeholders a message uses: positional ($1) and named ($name$, resolved to their $n). */
export function placeholdersOf(entry: CatalogEntry): string[] {
  const out = new Set<string>();
  const named = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  for (const m of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$|\$(\$|[1-9])/g)) {
    if (m[1] !== undefined) {
      const c = named[m[1].toLowerCase()];
      if (c === undefined) out.add(`$${m[1]}$?`);
      else for (const d of c.matchAll(/\$([1-9])/g)) out.add(`$${d[1]}`);
    } else if (m[2] !== "$") out.add(`$${m[2]}`);
  }
  return [...out].sort();
}

export interface I18n {
  lang: Lang;
  /** The messages this formatter reads (English filling gaps), for handing a share to the content script. */
  catalog?: Catalog;
  /** BCP 47 tag ("pt-BR") for Intl, <html lang> and the core. */
  tag: string;
  dir: "rtl" | "ltr";
  /** The message under key, filled; English when this language lacks it; the key when none has it. */
  t(key: string, subs?: string | number | readonly (string | number)[]): string;
  /** A count of days in words with the language's plural ("1 day", "3 дня", "5 ימים"). */
  days(n: number, style?: "long" | "short" | "narrow"): string;
  /** A time relative to now: ago(4) → "4 days ago", ago(1) → "yesterday", ago(-2) → "in 2 days". */
  ago(days: number): string;
  /** The plural category of n in this language (Intl.PluralRules). */
  plural(n: number): Intl.LDMLPluralRule;
  /** A date (and time when withTime) in the language's own order and month names. */
  date(v: string | number | Date | null | undefined, withTime?: boolean): string;
  number(n: number): string;
}

/**
 * The Intl formatters of a language, each made on first use and kept per context, shared by every
 * I18n of that language: making one costs ICU's first use (the two date formats with their time
 * zone data most), and a content script makes an I18n from the browser's messages and then
 * another from the stored ones. Made all at once they were 58 ms of a first visit's main thread
 * in a fresh profile (CPU profile of the content script), most of it ICU's first use and the
 * rest formats the page never used.
 */
class Formatters {
  private made = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules | Intl.DateTimeFormat>();
  constructor(private readonly tag: string) {}
  private once<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules | Intl.DateTimeFormat>(key: string, make: () => T): T {
    let f = this.made.get(key) as T | undefined;
    if (!f) this.made.set(key, (f = make()));
    return f;
  }
  nf = () => this.once("nf", () => new Intl.NumberFormat(this.tag));
  day = (style: "long" | "short" | "narrow") => this.once(`day:${style}`, () => new Intl.NumberFormat(this.tag, { style: "unit", unit: "day", unitDisplay: style }));
  rtf = () => this.once("rtf", () => new Intl.RelativeTimeFormat(this.tag, { numeric: "auto" }));
  pr = () => this.once("pr", () => new Intl.PluralRules(this.tag));
  date = () => this.once("date", () => new Intl.DateTimeFormat(this.tag, { year: "numeric", month: "short", day: "numeric" }));
  dateTime = () => this.once("dateTime", () => new Intl.DateTimeFormat(this.tag, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }));
}
const formatters = new Map<string, Formatters>();
function formattersOf(tag: string): Formatters {
  let f = formatters.get(tag);
  if (!f) formatters.set(tag, (f = new Formatters(tag)));
  return f;
}

/** makeI18n builds the formatter for one language over its catalog, English filling any gap. */
export function makeI18n(lang: Lang, catalog: Catalog, english: Catalog = catalog): I18n {
  const tag = bcp47(lang);
  const f = formattersOf(tag);
  // The number format now: the first Intl object pays ICU's start (tens of ms on a fresh page),
  // and this is made when a page starts, before its cards are there, where the first badge
  // that formats a number would otherwise pay it.
  f.nf();
  return {
    lang, tag, dir: dirOf(lang), catalog: english === catalog ? catalog : { ...english, ...catalog },
    t(key, subs) {
      const entry = catalog[key] ?? english[key];
      if (!entry) return key;
      const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
      return format(entry, list.map((s) => (typeof s === "number" ? f.nf().format(s) : String(s))));
    },
    days: (n, style = "long") => f.day(style).format(n),
    ago: (days) => f.rtf().format(-days, "day"),
    plural: (n) => f.pr().select(n),
    date(v, withTime = false) {
      if (v === null || v === undefined || v === "") return "";
      const d = v instanceof Date ? v : new Date(v);
      if (Number.isNaN(d.getTime())) return String(v);
      return (withTime ? f.dateTime() : f.date()).format(d);
    },
    number: (n) => f.nf().format(n),
  };
}

/** The URL of a language's catalog, given the extension's base URL (runtime.getURL("")). */
export const catalogUrl = (base: string, l: Lang): string => `${base}_locales/${l}/messages.json`;

const catalogs = new Map<string, Promise<Catalog>>();

/** loadCatalog fetches one language's messages once per context; {} when it cannot be read. */
export function loadCatalog(base: string, l: Lang, get: typeof fetch = fetch): Promise<Catalog> {
  const url = catalogUrl(base, l);
  let p = catalogs.get(url);
  if (!p) {
    p = get(url).then((r) => (r.ok ? (r.json() as Promise<Catalog>) : {})).catch(() => ({}));
    catalogs.set(url, p);
  }
  return p;
}

/** loadI18n: the formatter for a language, loaded from the extension's own files. */
export async function loadI18n(base: string, l: Lang, get: typeof fetch = fetch): Promise<I18n> {
  const [cat, en] = await Promise.all([loadCatalog(base, l, get), l === "en" ? Promise.resolve(null) : loadCatalog(base, "en", get)]);
  return makeI18n(l, cat, en ?? cat);
}

/**
 * protectionState: what to say about Buyer Protection on a badge or row. No countdown on orders
 * not paid, cancelled (closed) or completed (it means nothing there); once it has ended, how
 * long ago — never a negative count.
 */
export function protectionState(orderStatus: string, daysLeft: number | null, expired: boolean): { kind: "none" } | { kind: "left"; days: number } | { kind: "ended"; daysAgo: number } {
  if (orderStatus === "awaiting_payment" || orderStatus === "closed" || orderStatus === "completed") return { kind: "none" };
  if (daysLeft === null) return expired ? { kind: "ended", daysAgo: 0 } : { kind: "none" };
  if (expired || daysLeft < 0) return { kind: "ended", daysAgo: Math.max(0, -daysLeft) };
  return { kind: "left", days: daysLeft };
}

/**
 * fromGetMessage: a formatter over chrome.i18n.getMessage (the browser's language), for code
 * that must draw before the chosen language is loaded (or in tests).
 */
export function fromGetMessage(get: (key: string, subs?: string[]) => string, uiLanguage: string): I18n {
  const base = makeI18n(matchLang(uiLanguage) ?? "en", {});
  return {
    ...base,
    t(key, subs) {
      const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
      return get(key, list.map((s) => (typeof s === "number" ? base.number(s) : String(s)))) || key;
    },
  };
}

/** The storage.local key where the worker leaves the content script's messages in the chosen language. */
export const CONTENT_TEXT_KEY = "uiText";

/** Messages the content script (badges, the My Orders panel, notices) may need. */
export const CONTENT_KEY = /^(order|track_all|cancel|list_fallback|page_|error_|card_partial|badge_|verdict_|status_)/;

export interface ContentText {
  lang: Lang;
  catalog: Catalog;
}

/** contentText: the content script's share of a language's catalog, English filling any gap. */
export function contentText(lang: Lang, catalog: Catalog, english: Catalog): ContentText {
  const out: Catalog = {};
  for (const [k, v] of Object.entries({ ...english, ...catalog })) if (CONTENT_KEY.test(k)) out[k] = { message: v.message, ...(v.placeholders ? { placeholders: v.placeholders } : {}) };
  return { lang, catalog: out };
}
