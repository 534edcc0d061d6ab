// The one place that knows Chromium and Firefox apart. Everything else calls `ext` (promise-based
// in both browsers under MV3) and these helpers; no other module checks which browser it runs in.

type Ext = typeof chrome;
const g = globalThis as unknown as { browser?: Ext; chrome?: Ext };

/** The extension API namespace: Firefox's `browser`, else Chromium's `chrome`. */
export const ext: Ext = (g.browser ?? g.chrome) as Ext;

/** Firefox runs the background as an event page; Chromium as a service worker. */
export const isFirefox = typeof g.browser !== "undefined" && typeof (g.browser as unknown as { runtime?: { getBrowserInfo?: unknown } }).runtime?.getBrowserInfo === "function";

/**
 * Keep storage (the access token in session, the refresh token and orders in local) out of
 * content scripts' reach; they never need it. Chromium supports this for both areas; Firefox
 * hides storage.session from content scripts already and may lack setAccessLevel.
 */
// storage.session (the access token) is for trusted contexts only. storage.local stays readable
// by the content script, which draws the badges it caches (badgecache.ts) without waking the
// worker; it holds no secret (the refresh token is in the extension's IndexedDB, state.ts).
export async function restrictStorage(): Promise<void> {
  for (const area of [ext.storage.session]) {
    const a = area as chrome.storage.StorageArea & { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
    if (typeof a?.setAccessLevel === "function") await a.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => undefined);
  }
}

/** notify shows a basic notification (Firefox supports no buttons or requireInteraction). */
export async function notify(id: string, title: string, message: string): Promise<void> {
  await ext.notifications.create(id, { type: "basic", iconUrl: ext.runtime.getURL("icons/icon-128.png"), title, message });
}

/** The base URL of this extension's own pages. */
export const extensionBase = (): string => ext.runtime.getURL("");

export const t = (key: string, subs?: string | string[]): string => ext.i18n.getMessage(key, subs) || key;

/**
 * pageFetch makes a request as the page itself would (its cookies, its Origin). Firefox gives
 * content scripts `content.fetch` for that; Chromium's content-script fetch already behaves so.
 */
export const pageFetch: typeof fetch = (() => {
  const c = (globalThis as unknown as { content?: { fetch?: typeof fetch } }).content;
  return typeof c?.fetch === "function" ? c.fetch.bind(c) : (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init);
})();
