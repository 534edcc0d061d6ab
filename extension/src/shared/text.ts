// Limits for text that comes from pages and carriers: long enough for any real title or event,
// short enough that a hostile 1 MB string cannot bloat storage, messages or the UI. They are
// the core's one table (shared/order/limits.go), in characters (code points), generated.
import { MAX_TEXT } from "./limits.gen.js";
export { MAX_TEXT };

/** codePoints counts the characters of s as the limits table does (not UTF-16 units). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** clip cuts s to at most max characters (code points), ending with "…" when it cut. */
export function clip(s: string, max = MAX_TEXT): string {
  // .length counts UTF-16 units, never fewer than the characters: within it, s fits.
  if (s.length <= max) return s;
  let i = 0;
  for (let n = 0; n < max - 1 && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  if (i >= s.length) return s;
  // One character left for "…"; s fits when what is left is that one character.
  const rest = s.length - i;
  if (rest === 1 || (rest === 2 && (s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00)) return s;
  return s.slice(0, i) + "…";
}

/** fnv1a is a fast 32-bit hash with the length appended: for cache keys, not for security. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16) + ":" + s.length;
}

/**
 * canonicalJSON is JSON with object keys sorted, so two copies of a value agree whatever order
 * their keys were set in (chrome.storage hands objects back with their keys sorted).
 */
export function canonicalJSON(v: unknown): string {
  if (Array.isArray(v)) return "[" + v.map((x) => (x === undefined ? "null" : canonicalJSON(x))).join(",") + "]";
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return "{" + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ":" + canonicalJSON(o[k])).join(",") + "}";
  }
  return JSON.stringify(v) ?? "null";
}
