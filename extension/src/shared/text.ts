// Limits for text that comes from pages and carriers: long enough for any real title or event,
// short enough that a hostile 1 MB string cannot bloat storage, messages or the UI.
export const MAX_TEXT = 2000;

/** clip cuts s to at most max UTF-16 units, ending with "…" when it cut. */
export function clip(s: string, max = MAX_TEXT): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
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
