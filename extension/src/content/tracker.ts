// "Track all": every order of the account from the mtop order list (all pages), then the
// tracking JSON of each order, in the buyer's own session, within the politeness limits.
// Only parcels leave this module; the receiver's name, address and phone are scrubbed in
// mapQueryDetail (and from every later message through `scrubber`) before anything is sent to
// the service worker.
//
// Every request is built and signed inside its limiter slot, just before it is sent, with the
// `_m_h5_tk` cookie of that moment and a fresh `t`: a token refreshed while a request waited in
// the queue is the one it is signed with (maxwellmezadre/aliexpress-mcp src/mtop/client.ts
// @33243bb1 re-signs every attempt with a fresh t; docs/INTERNAL-API.md @4bc8266a).
import { pageFetch } from "../shared/browser.js";
import {
  API_ORDER_LIST, API_QUERY_DETAIL, MTOP_HOST, MtopError, Scrubber, browserTimeZone, buildRequest, checkAnswer, mapQueryDetail, orderListInit,
  parseOrderList, queryDetailData, tokenFromCookie, type Regional, type TrackingReading,
} from "../shared/mtop.js";
import type { Order } from "../shared/order.js";
import { Limiter, Retryable, realClock, withRetries, type Clock } from "../shared/politeness.js";
import { shipToCountry, storefrontOf } from "../shared/storefront.js";

export interface TrackerDeps {
  fetch: typeof fetch;
  cookie: () => string;
  clock: Clock;
  limiter: Limiter;
  /** Gateway origin of the page's storefront (acs.aliexpress.com, acs.aliexpress.us). */
  gateway?: string;
  /** The buyer's time zone as the gateway wants it ("GMT+2"). */
  timeZone?: () => string;
}

// One limiter for the tab: "Track all" and the background's refresh share the same budget.
const pageLimiter = new Limiter();

export const defaultDeps = (): TrackerDeps => ({
  fetch: pageFetch, cookie: () => document.cookie, clock: realClock, limiter: pageLimiter,
  gateway: storefrontOf(location.href)?.gateway || MTOP_HOST, timeZone: () => browserTimeZone(),
});

/** Fatal errors stop the whole run: every further call would fail the same way. */
export const FATAL = new Set(["captcha", "not_logged_in"]);
/**
 * Token errors (FAIL_SYS_TOKEN_EMPTY / _EXOIRED / _EXPIRED / FAIL_SYS_ILLEGAL_ACCESS) come with a
 * fresh `_m_h5_tk`; a call is re-signed and sent again at most this many times (MCP: 3 attempts
 * in all, "never a loop").
 */
export const MAX_TOKEN_RETRIES = 2;
/** The most list pages one run reads (10 orders a page on the real list: 5000 orders). */
export const MAX_LIST_PAGES = 500;

/** Marks a flow-limit answer inside the retry loop (retried with back-off like HTTP 429). */
class RateLimited extends Retryable {}

export class Tracker {
  cancelled = false;
  /** The orders of the list pages read so far (kept when a later page fails, for the fallback). */
  listedSoFar: Order[] = [];
  /** The receivers seen in this run's tracking answers, for scrubbing every message that leaves. */
  readonly scrubber = new Scrubber();
  constructor(private deps: TrackerDeps) {}

  cancel(): void {
    this.cancelled = true;
  }

  private regional(): Regional {
    return { shipToCountry: shipToCountry(this.deps.cookie()), timeZone: this.deps.timeZone?.() ?? browserTimeZone() };
  }

  private async call(api: string, data: string, post = false): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      if (this.cancelled) throw new MtopError("cancelled", "cancelled");
      // Every try takes its own slot from the limiter, so retries count against the rate too.
      const answer = await withRetries(() => this.deps.limiter.run(async () => {
        // Checked again once a slot is free: a cancel may have come while this call waited.
        if (this.cancelled) throw new MtopError("cancelled", "cancelled");
        // Signed now, in the slot, with the cookie as it is at this moment.
        const req = buildRequest(api, data, tokenFromCookie(this.deps.cookie()), this.deps.clock.now(), { post, gateway: this.deps.gateway });
        let res: Response;
        try {
          res = await this.deps.fetch(req.url, {
            method: req.method, credentials: "include", body: req.body,
            headers: req.body ? { "Content-Type": "application/x-www-form-urlencoded" } : undefined,
          });
        } catch (err) {
          throw new Retryable(`mtop: network error: ${(err as Error).message}`);
        }
        if (res.status === 429 || res.status >= 500) throw new Retryable(`mtop: HTTP ${res.status}`);
        if (!res.ok) throw new MtopError("layout_changed", `mtop: HTTP ${res.status}`);
        let json: unknown;
        try {
          json = await res.json();
        } catch {
          throw new MtopError("layout_changed", "mtop: the answer is not JSON");
        }
        try {
          return checkAnswer(json);
        } catch (err) {
          // A captcha or an ended session stops the run before this slot is given back, so no
          // further request starts after such an answer.
          if (err instanceof MtopError && FATAL.has(err.code)) this.cancelled = true;
          if (err instanceof MtopError && err.code === "rate_limited") throw new RateLimited(err.message);
          throw err;
        }
      }), this.deps.clock, undefined, () => this.cancelled).catch((err) => {
        if (err instanceof RateLimited) throw new MtopError("rate_limited", err.message);
        if (err instanceof Retryable) throw new MtopError("network", err.message);
        // The gateway sets a fresh _m_h5_tk cookie with a token error: retry, re-signed, a bounded number of times.
        if (err instanceof MtopError && err.code === "token_expired" && attempt < MAX_TOKEN_RETRIES) return null;
        throw err;
      });
      if (answer === null) continue;
      return answer;
    }
  }

  /**
   * listAllOrders walks the order list until hasMore is false. A page that brings nothing new,
   * or reports a page index that did not go up, is the gateway serving page 1 again (a request it
   * did not accept): that stops the walk with an error rather than a silently short list.
   */
  async listAllOrders(maxPages = MAX_LIST_PAGES): Promise<Order[]> {
    const seen = new Map<string, Order>();
    this.listedSoFar = [];
    const regional = this.regional();
    let page = parseOrderList(await this.call(API_ORDER_LIST, orderListInit(regional)), regional);
    let lastIndex = page.pageIndex;
    for (let i = 1; ; i++) {
      let added = 0;
      for (const o of page.orders) if (!seen.has(o.order_id)) { seen.set(o.order_id, o); added++; }
      this.listedSoFar = [...seen.values()];
      if (i > 1 && (added === 0 || (page.pageIndex !== null && lastIndex !== null && page.pageIndex <= lastIndex))) {
        throw new MtopError("layout_changed", `mtop: the order list answered page ${page.pageIndex ?? "?"} again after ${seen.size} orders`);
      }
      if (page.pageIndex !== null) lastIndex = page.pageIndex;
      if (!page.hasMore || i >= maxPages) break;
      page = parseOrderList(await this.call(API_ORDER_LIST, page.next, true), regional);
    }
    return [...seen.values()];
  }

  async trackOrder(orderId: string): Promise<TrackingReading> {
    return mapQueryDetail(await this.call(API_QUERY_DETAIL, queryDetailData(orderId, this.deps.timeZone?.() ?? browserTimeZone())), this.scrubber);
  }

  /**
   * trackOrders fetches every order's tracking; onResult is called once per order (success or
   * error). A fatal error (captcha, signed out) stops the run and is returned.
   */
  async trackOrders(ids: string[], onResult: (id: string, r: TrackingReading | MtopError) => Promise<void>): Promise<MtopError | null> {
    let fatal: MtopError | null = null;
    await Promise.all(ids.map(async (id) => {
      if (this.cancelled || fatal) return;
      let r: TrackingReading | MtopError;
      try {
        r = await this.trackOrder(id);
      } catch (err) {
        r = err instanceof MtopError ? err : new MtopError("layout_changed", (err as Error).message);
      }
      if (r instanceof MtopError && r.code === "cancelled") return;
      if (r instanceof MtopError && FATAL.has(r.code)) {
        fatal ??= r;
        this.cancelled = true;
      }
      // Whatever leaves goes through every receiver seen so far (texts of other orders too).
      const out = r instanceof MtopError ? new MtopError(r.code, this.scrubber.text(r.message)) : this.scrubber.deep(r);
      await onResult(id, out);
    }));
    return fatal;
  }
}
