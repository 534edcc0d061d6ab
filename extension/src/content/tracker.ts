// "Track all": every order of the account from the mtop order list (all pages), then the
// tracking JSON of each order, in the buyer's own session, within the politeness limits.
// Only parcels leave this module; the receiver's name, address and phone are dropped in
// mapQueryDetail before anything is sent to the service worker.
import { pageFetch } from "../shared/browser.js";
import { API_ORDER_LIST, API_QUERY_DETAIL, MtopError, ORDER_LIST_INIT, buildRequest, checkAnswer, mapQueryDetail, parseOrderList, queryDetailData, tokenFromCookie, type TrackingReading } from "../shared/mtop.js";
import type { Order } from "../shared/order.js";
import { Limiter, Retryable, realClock, withRetries, type Clock } from "../shared/politeness.js";

export interface TrackerDeps {
  fetch: typeof fetch;
  cookie: () => string;
  clock: Clock;
  limiter: Limiter;
}

// One limiter for the tab: "Track all" and the background's refresh share the same budget.
const pageLimiter = new Limiter();

export const defaultDeps = (): TrackerDeps => ({ fetch: pageFetch, cookie: () => document.cookie, clock: realClock, limiter: pageLimiter });

/** Fatal errors stop the whole run: every further call would fail the same way. */
export const FATAL = new Set(["captcha", "not_logged_in"]);

export class Tracker {
  cancelled = false;
  constructor(private deps: TrackerDeps) {}

  cancel(): void {
    this.cancelled = true;
  }

  private async call(api: string, data: string, post = false): Promise<Record<string, unknown>> {
    for (let attempt = 0; ; attempt++) {
      if (this.cancelled) throw new MtopError("cancelled", "cancelled");
      const req = buildRequest(api, data, tokenFromCookie(this.deps.cookie()), this.deps.clock.now(), post);
      // Every try takes its own slot from the limiter, so retries count against the rate too.
      const answer = await withRetries(() => this.deps.limiter.run(async () => {
        // Checked again once a slot is free: a cancel may have come while this call waited.
        if (this.cancelled) throw new MtopError("cancelled", "cancelled");
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
          throw err;
        }
      }), this.deps.clock, undefined, () => this.cancelled).catch((err) => {
        if (err instanceof Retryable) throw new MtopError("network", err.message);
        // The gateway sets a fresh _m_h5_tk cookie with the "expired" answer: retry once with it.
        if (err instanceof MtopError && err.code === "token_expired" && attempt === 0) return null;
        throw err;
      });
      if (answer === null) continue;
      return answer;
    }
  }

  /** listAllOrders walks the order list until hasMore is false (or a page adds nothing new). */
  async listAllOrders(maxPages = 200): Promise<Order[]> {
    const seen = new Map<string, Order>();
    let page = parseOrderList(await this.call(API_ORDER_LIST, ORDER_LIST_INIT));
    for (let i = 0; ; i++) {
      let added = 0;
      for (const o of page.orders) if (!seen.has(o.order_id)) { seen.set(o.order_id, o); added++; }
      if (!page.hasMore || added === 0 || i >= maxPages) break;
      page = parseOrderList(await this.call(API_ORDER_LIST, page.next, true));
    }
    return [...seen.values()];
  }

  async trackOrder(orderId: string): Promise<TrackingReading> {
    return mapQueryDetail(await this.call(API_QUERY_DETAIL, queryDetailData(orderId)));
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
      await onResult(id, r);
    }));
    return fatal;
  }
}
