// Tiny DOM helpers for the extension pages. Text always goes in through textContent, links only
// to https pages on allowlisted hosts: page and carrier text can never become markup.
import { clip } from "../shared/text.js";

type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? doc.createTextNode(clip(c, 10000)) : c);
  }
  return el;
}

/** Hosts a link may point to: AliExpress and carriers' public tracking pages. */
export const LINK_HOSTS = ["aliexpress.com", "global.cainiao.com", "cainiao.com", "17track.net", "parcelsapp.com"];

export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== "https:" || u.username || u.password) return null;
    const host = u.hostname.toLowerCase();
    return LINK_HOSTS.some((d) => host === d || host.endsWith("." + d)) ? u.href : null;
  } catch {
    return null;
  }
}

/** link makes an <a> for an allowlisted https URL, or plain text when the URL is not allowed. */
export function link(doc: Document, url: string, text: string): HTMLElement {
  const safe = safeUrl(url);
  if (!safe) return h(doc, "span", {}, text);
  return h(doc, "a", { href: safe, target: "_blank", rel: "noopener noreferrer" }, text);
}
