// The screenshot in an evidence pack: the visible area of the AliExpress page the buyer has open,
// captured with tabs.captureVisibleTab when the buyer presses "Evidence pack" with the screenshot
// box ticked.
//
// What the browsers need (checked in headless Chromium 156 and Firefox 153, see
// test/e2e/steps/evidence.mjs): the AliExpress host permissions the extension already holds are
// NOT enough — Chromium answers "Either the '<all_urls>' or 'activeTab' permission is required."
// and Firefox does not even expose captureVisibleTab without one of them. Of the two, activeTab
// is the narrow one (no install warning; it reaches a tab only after the buyer presses the
// extension's toolbar button over it, and only until that tab navigates away). So activeTab is
// an optional permission, asked for at this click and never before; <all_urls> is never asked.
import { ext } from "../shared/browser.js";
import { storefrontOf } from "../shared/storefront.js";

/** The one permission a screenshot needs. */
export const CAPTURE_PERMISSION: chrome.permissions.Permissions = { permissions: ["activeTab"] };

export interface Shot {
  data_uri: string;
  url: string;
  title: string;
  taken_at: string;
}

/**
 * captureAliExpressTab asks for activeTab (at the buyer's click) and captures the AliExpress page
 * that is showing: the active tab of the window the popup opened over (the last focused one), or
 * else the active AliExpress tab of another window (the dashboard open in a window of its own).
 * The capture works for a tab once the buyer has pressed the toolbar button over it while the
 * extension held activeTab: the first time, the permission is granted by this click and the
 * buyer opens the popup over the page again (the status line says so). null when refused, when
 * no AliExpress page is showing, or when the browser refuses the capture.
 */
export async function captureAliExpressTab(): Promise<Shot | null> {
  const granted = await ext.permissions.request(CAPTURE_PERMISSION).catch(() => false);
  if (!granted) return null;
  const tabs: chrome.tabs.Tab[] = await ext.tabs.query({ active: true, windowType: "normal" });
  const shown = tabs.filter((x) => storefrontOf(x.url ?? "") !== null && x.windowId !== undefined);
  if (!shown.length) return null;
  const focused: chrome.windows.Window | null = await ext.windows.getLastFocused({ windowTypes: ["normal"] }).catch(() => null);
  const tab = shown.find((x) => x.windowId === focused?.id) ?? shown[0]!;
  if (typeof ext.tabs.captureVisibleTab !== "function") return null;
  const data_uri: string = await ext.tabs.captureVisibleTab(tab.windowId, { format: "png" });
  return { data_uri, url: tab.url ?? "", title: tab.title ?? "", taken_at: new Date().toISOString() };
}
