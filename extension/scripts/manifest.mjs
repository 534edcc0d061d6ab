// The two manifests, from one description. Chromium: a module service worker. Firefox: an event
// page (background.scripts) with wasm_exec.js loaded first, and browser_specific_settings.gecko.

export const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

/** Only what the features need (shared/DESIGN.md §6, "Extension"); the unit tests compare against this. */
// unlimitedStorage: a heavy buyer's account (2,000 orders, years of tracking) can pass
// storage.local's 10 MB quota; a write the browser still refuses is reported (state.ts).
export const PERMISSIONS = ["storage", "unlimitedStorage", "alarms", "notifications"];
//
// AliExpress: the background only needs to see which tab is a My Orders page (tabs.query by URL
// for the periodic refresh) on the storefronts it can refresh: every *.aliexpress.com
// (www., es., pt., de. …) and www.aliexpress.us. Host permissions ignore the path, so the
// patterns name hosts only. The mtop gateways (acs.aliexpress.com, acs.aliexpress.us) need no
// host permission: the content script calls them from the page, and in Manifest V3 host
// permissions do not lift CORS for content-script requests (Chromium since 85: developer.chrome.com
// "Cross-origin network requests" — content scripts request on behalf of the page's origin;
// Firefox: MDN host_permissions — "though not for requests from content scripts"), so a host
// permission would change nothing: the gateway's own CORS answer to its storefront decides, and
// credentials: "include" sends the storefront's same-site cookies. aliexpress.ru is only a content-script match (it shows that it is not supported yet;
// nothing refreshes there).
export const HOST_PERMISSIONS = [
  "https://*.aliexpress.com/*",
  "https://www.aliexpress.us/*",
  "https://global.cainiao.com/*", // public tracking by number, from the background
  "http://127.0.0.1/*", // the default sync server (http://127.0.0.1:8080)
  "http://localhost/*",
];
/**
 * The My Orders pages the content script runs on; the same list as ORDER_PAGE_MATCHES in
 * src/shared/storefront.ts (test/unit/manifest.test.mjs holds them equal).
 */
export const ORDER_PAGE_MATCHES = [
  "https://*.aliexpress.com/p/order/*",
  "https://www.aliexpress.us/p/order/*",
  "https://aliexpress.ru/order-list*",
  "https://www.aliexpress.ru/order-list*",
];
/** A sync server elsewhere: asked for from the options page, for that one origin. */
export const OPTIONAL_HOST_PERMISSIONS = ["https://*/*"];
/**
 * activeTab: asked for only when the buyer presses Evidence pack with a screenshot
 * (tabs.captureVisibleTab needs activeTab or <all_urls>, never <all_urls>; the AliExpress host
 * permissions are not enough in Chromium or Firefox), then kept: it reaches a tab only after the
 * toolbar button is pressed over it (src/ui/capture.ts).
 */
export const OPTIONAL_PERMISSIONS = ["activeTab"];
export const GECKO_ID = "orderwatch@orderwatch.github.io";

const icons = { 16: "icons/icon-16.png", 32: "icons/icon-32.png", 48: "icons/icon-48.png", 128: "icons/icon-128.png" };

export function manifest(target, version) {
  const m = {
    manifest_version: 3,
    name: "__MSG_ext_name__",
    short_name: "OrderWatch",
    description: "__MSG_ext_description__",
    version,
    default_locale: "en",
    icons,
    action: { default_popup: "popup.html", default_icon: icons, default_title: "__MSG_ext_name__" },
    options_ui: { page: "options.html", open_in_tab: true },
    background: target === "firefox" ? { scripts: ["wasm_exec.js", "background.js"] } : { service_worker: "background.js", type: "module" },
    permissions: PERMISSIONS,
    host_permissions: HOST_PERMISSIONS,
    optional_host_permissions: OPTIONAL_HOST_PERMISSIONS,
    optional_permissions: OPTIONAL_PERMISSIONS,
    content_scripts: [{ matches: ORDER_PAGE_MATCHES, js: ["content.js"], css: ["content.css"], run_at: "document_start" }],
    content_security_policy: { extension_pages: CSP },
  };
  if (target === "firefox") {
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: "140.0",
        // Orders go only to the sync server the buyer signs in to; nothing goes to us.
        data_collection_permissions: { required: ["none"] },
      },
    };
  }
  return m;
}
