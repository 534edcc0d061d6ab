// Limits for text that comes from pages and carriers: long enough for any real title or event,
// short enough that a hostile 1 MB string cannot bloat storage, messages or the UI.
export const MAX_TEXT = 2000;

/** clip cuts s to at most max UTF-16 units, ending with "…" when it cut. */
export function clip(s: string, max = MAX_TEXT): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}
