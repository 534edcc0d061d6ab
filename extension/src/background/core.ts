// The WASM core in the service worker: all judgement (assess, parseNumber) comes from it.
import { loadOrderWatch } from "../../../wasm/js/loader.js";
import type { Assessment, OrderWatchAPI } from "../shared/assessment.js";
import { ext, t } from "../shared/browser.js";
import { orderForCore } from "../shared/badge.js";
import type { LocalRecord } from "../shared/sync.js";

let core: Promise<OrderWatchAPI> | null = null;

export function getCore(): Promise<OrderWatchAPI> {
  if (!core) {
    core = loadOrderWatch({ wasmUrl: ext.runtime.getURL("core.wasm"), wasmExecUrl: ext.runtime.getURL("wasm_exec.js") });
    core.catch(() => {
      core = null;
    });
  }
  return core;
}

/**
 * warmUp judges one small made-up order right after the core starts: the core reads its
 * advice texts on first use, and a page's first badges should not pay for that.
 */
export async function warmUp(): Promise<void> {
  const api = await getCore();
  const order = {
    order_id: "80000000000000",
    parcels: [{ numbers: [{ number: "RB123456785GB" }], events: [{ time: "2026-01-02T10:00:00Z", text: "Delivered" }] }],
    buyer: { lang: uiLang() },
  };
  try {
    api.assess(order as Parameters<OrderWatchAPI["assess"]>[0], new Date());
  } catch {
    // Only a warm-up: the real calls report their own errors.
  }
}

/** The language of advice texts: the browser's UI language when the core has it. */
export function uiLang(): string {
  return ext.i18n.getUILanguage().toLowerCase().startsWith("ru") ? "ru" : "en";
}

/**
 * Assessments are remembered per order for ASSESS_TTL_MS as long as the order as the core sees
 * it is unchanged: one assess costs milliseconds, and the dashboard redraws on every change.
 * Day counts move slowly, so a few minutes' reuse changes nothing the buyer can see.
 */
export const ASSESS_TTL_MS = 5 * 60 * 1000;
const memo = new Map<string, { input: string; at: number; a: Assessment }>();

/** assessAll judges a batch of records in one go (one load, one loop, one clock). */
export async function assessAll(records: LocalRecord[], now = new Date()): Promise<Map<string, Assessment>> {
  const api = await getCore();
  const lang = uiLang();
  const out = new Map<string, Assessment>();
  for (const rec of records) {
    const id = rec.order.order_id;
    const order = orderForCore(rec, lang);
    const input = JSON.stringify(order);
    const hit = memo.get(id);
    if (hit && hit.input === input && now.getTime() - hit.at >= 0 && now.getTime() - hit.at < ASSESS_TTL_MS) {
      out.set(id, hit.a);
      continue;
    }
    let a: Assessment;
    try {
      a = api.assess(order as Parameters<OrderWatchAPI["assess"]>[0], now);
    } catch (err) {
      // A record the core refuses still shows, with the reason, instead of vanishing.
      a = fallbackAssessment(id, (err as Error).message, now);
    }
    memo.set(id, { input, at: now.getTime(), a });
    out.set(id, a);
  }
  return out;
}

function fallbackAssessment(id: string, message: string, now: Date): Assessment {
  return {
    order_id: id, order_status: "unknown", status: "unknown", reason: "", stage: "unknown", verdict: "watch",
    reasons: [{ code: "core_error", verdict: "watch", text: message, facts: {} }], summary: message,
    last_update: null, days_since_update: null, days_since_shipment: null,
    method: { id: "unknown", name: "", min_days: 0, max_days: 0, tracking: "", known: false },
    protection: { deadline: null, source: "", basis: "", days_left: null, warning: 0, expired: false },
    parcels: [], advice: [], confidence: 0, lang: "en", now: now.toISOString(),
  };
}

export const statusLabel = (code: string): string => t(`status_${code}`);
