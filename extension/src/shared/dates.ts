// Order dates as AliExpress writes them in its languages → ISO dates the core and the server
// accept. The month names and the order of numeric dates come from the card data files
// (shared/cards/*.json); the browser's locale plays no part. A date this cannot read with
// certainty is "" — never a guessed date.
//
//   "Feb 21, 2026" · "21 feb 2026" · "5 dic 2026" · "12. Mär 2024" · "5 de dez. de 2026"
//   "24 nov, 2023" · "5 déc. 2026" · "5 груд. 2026 р." · "5 בדצמ׳ 2026" · "2026. 12. 5."
//   "2026年12月5日" · "2026-12-05" · "05.12.2026"
import { CARD_LANGUAGES, cardLanguage, fold, type CardLanguage } from "./cards/index.js";

const monthIndex = new Map<string, Map<string, number>>();
for (const l of Object.values(CARD_LANGUAGES)) {
  const m = new Map<string, number>();
  l.months.forEach((forms, i) => {
    for (const f of forms) m.set(fold(f), i + 1);
  });
  monthIndex.set(l.lang, m);
}

function monthIn(l: CardLanguage, word: string): number {
  const table = monthIndex.get(l.lang)!;
  const direct = table.get(word);
  if (direct) return direct;
  for (const p of l.monthPrefixes ?? []) {
    const fp = fold(p);
    if (word.startsWith(fp) && word.length > fp.length) {
      const m = table.get(word.slice(fp.length));
      if (m) return m;
    }
  }
  return 0;
}

/** monthInLanguage: the month (1–12) a word names in that language alone; 0 when it names none. */
export function monthInLanguage(word: string, langTag: string): number {
  const l = cardLanguage(langTag);
  return l ? monthIn(l, fold(word)) : 0;
}

/** The month a word names: in the page's language, else in any language if they all agree. */
function monthOf(word: string, lang: CardLanguage | null): number {
  const w = fold(word);
  if (!w) return 0;
  if (lang) {
    const m = monthIn(lang, w);
    if (m) return m;
  }
  let found = 0;
  for (const l of Object.values(CARD_LANGUAGES)) {
    const m = monthIn(l, w);
    if (!m) continue;
    if (found && found !== m) return 0; // one word, two months: not certain
    found = m;
  }
  return found;
}

function iso(y: number, m: number, d: number): string {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return ""; // 31 Feb and the like
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * parseOrderDate reads an order date (with or without its label) into YYYY-MM-DD; "" when it
 * cannot be read with certainty. lang is the page's language tag ("es", "pt-BR"); without it
 * month names of every language are tried.
 */
export function parseOrderDate(s: string, langTag?: string): string {
  const lang = cardLanguage(langTag);
  const text = s.normalize("NFC");
  const isoDate = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (isoDate) return iso(Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3]));

  // CJK: 2026年12月5日 (ja, zh) and 2026년 12월 5일 (ko).
  const cjk = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/.exec(text);
  if (cjk) return iso(Number(cjk[1]), Number(cjk[2]), Number(cjk[3]));

  // A month written as a word: whatever the order, the 4-digit number is the year and the
  // other one the day ("Feb 21, 2026", "12. Mär 2024", "5 de dez. de 2026").
  const words = text.match(/[\p{L}][\p{L}\p{M}'’׳.]*/gu) ?? [];
  const months = [...new Set(words.map((w) => monthOf(w, lang)).filter((m) => m > 0))];
  const numbers = (text.match(/\d+/g) ?? []).map((n) => ({ n: Number(n), len: n.length }));
  if (months.length === 1) {
    const years = numbers.filter((x) => x.len === 4);
    const days = numbers.filter((x) => x.len <= 2);
    if (years.length === 1 && days.length === 1) return iso(years[0].n, months[0], days[0].n);
    return "";
  }
  if (months.length > 1) return "";

  // All numbers: "2026. 12. 5." (ko), "05.12.2026", "12/05/2026" — the year's place tells the
  // first or last; the page's language tells day and month apart.
  const num = /(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})/.exec(text);
  if (!num) return "";
  const [a, b, c] = [num[1], num[2], num[3]];
  if (a.length === 4) return iso(Number(a), Number(b), Number(c));
  if (c.length !== 4 || !lang) return "";
  return lang.dateOrder === "MDY" ? iso(Number(c), Number(a), Number(b)) : iso(Number(c), Number(b), Number(a));
}
