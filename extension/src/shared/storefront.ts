// Which AliExpress storefront a page belongs to, and what follows from it: the mtop gateway the
// page's own scripts call, the cookie domain, the site language and the buyer's ship-to country.
//
// Facts (shared/DESIGN.md §7 and extension/docs/aliexpress-facts.md, "Storefronts"):
// - Localised storefronts are subdomains of aliexpress.com with the same /p/order/index.html
//   (es., pt., fr., pl., ko., nl., he., it., de., tr., ja., ar., th., vi., id. …); they share the
//   gateway acs.aliexpress.com and the .aliexpress.com cookies (Flkalas/aliexpress-userscripts,
//   aliexpress-tracking-collector.user.js v1.7.7, matches *.aliexpress.com).
// - US buyers use www.aliexpress.us, whose pages call acs.aliexpress.us (same userscript matches
//   www.aliexpress.us; the gateway host rests on one public source only).
// - aliexpress.ru is a separate site with its own order-list JSON API.
// - The ship-to country is the `region` field of the `aep_usuc_f` cookie
//   (nrbrook/AliExpress-Order-Export aliexpress_export.py @da503ea2 reads it from there).

export type StorefrontKind = "global" | "us" | "ru";

export interface Storefront {
  kind: StorefrontKind;
  /** The page's host, e.g. "es.aliexpress.com". */
  host: string;
  /** Origin of the mtop gateway, e.g. "https://acs.aliexpress.com"; "" for aliexpress.ru. */
  gateway: string;
  /** Domain the session cookies live on, e.g. ".aliexpress.com". */
  cookieDomain: string;
  /** The site's language as a BCP 47 tag ("es", "pt-BR", "en"); the page's <html lang> wins when known. */
  siteLang: string;
}

/** Subdomain → site language. Unlisted subdomains (www, m, …) are English. */
const SUBDOMAIN_LANG: Record<string, string> = {
  es: "es", pt: "pt-BR", fr: "fr", pl: "pl", ko: "ko", nl: "nl", he: "he", it: "it", de: "de", tr: "tr",
  ja: "ja", ar: "ar", th: "th", vi: "vi", id: "id", ru: "ru", uk: "uk",
};

/** The host patterns of My Orders pages, for manifests and tab queries. */
export const ORDER_PAGE_MATCHES = [
  "https://*.aliexpress.com/p/order/*",
  "https://www.aliexpress.us/p/order/*",
  "https://aliexpress.ru/order-list*",
  "https://www.aliexpress.ru/order-list*",
] as const;

/** The My Orders pages with an mtop gateway, whose tab can run the periodic refresh (not aliexpress.ru). */
export const REFRESHABLE_ORDER_PAGE_MATCHES = ORDER_PAGE_MATCHES.filter((p) => !p.includes("aliexpress.ru"));

/** storefrontOf tells the storefront of a page URL, or null for anything that is not AliExpress. */
export function storefrontOf(url: string): Storefront | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:") return null;
  const host = u.hostname.toLowerCase();
  if (host === "aliexpress.ru" || host === "www.aliexpress.ru") {
    return { kind: "ru", host, gateway: "", cookieDomain: ".aliexpress.ru", siteLang: "ru" };
  }
  if (host === "www.aliexpress.us") {
    return { kind: "us", host, gateway: "https://acs.aliexpress.us", cookieDomain: ".aliexpress.us", siteLang: "en" };
  }
  // The bare aliexpress.com is matched by the manifests' *.aliexpress.com too: a global storefront.
  const m = /^(?:([a-z0-9-]+)\.)?aliexpress\.com$/.exec(host);
  if (!m || m[1] === "acs" || m[1] === "login") return null;
  return { kind: "global", host, gateway: "https://acs.aliexpress.com", cookieDomain: ".aliexpress.com", siteLang: SUBDOMAIN_LANG[m[1] ?? ""] ?? "en" };
}

/**
 * cookieValues lists the decoded values of every cookie called name in a `document.cookie`
 * string, in order (a page can see two of the same name: a domain cookie and a host-only one).
 * A value that is not valid percent-encoding is skipped.
 */
export function cookieValues(cookie: string, name: string): string[] {
  const out: string[] = [];
  for (const part of cookie.split(";")) {
    const i = part.indexOf("=");
    if (i < 0 || part.slice(0, i).trim() !== name) continue;
    try {
      out.push(decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // not percent-encoding: a cookie some other script wrote; not ours to guess
    }
  }
  return out;
}

/** shipToCountry reads the two-letter `region` of the aep_usuc_f cookie; "" when absent. */
export function shipToCountry(cookie: string): string {
  const v = cookieValues(cookie, "aep_usuc_f")[0] ?? "";
  const r = /(?:^|&)region=([A-Za-z]{2})(?:&|$)/.exec(v);
  return r ? r[1].toUpperCase() : "";
}
