// The JavaScript contract of the OrderWatch core (core.wasm). Every shape here is the JSON of a
// Go type under shared/ (named beside each), field for field from its json tags; the contract
// tests in test/ check the module against the native core. Keep the two in step.
//
// Times are strings: RFC 3339 with an offset ("2026-02-23T10:05:00+08:00"), or, where the
// source gave no zone, a wall clock without one ("2026-03-09T08:01:00"; order.Time).

// ---------------------------------------------------------------------------------------
// Taxonomy (shared/taxonomy)

/** A parcel status (taxonomy.ParcelStatus), shared/DESIGN.md §2. */
export type ParcelStatus =
  | "info_received"
  | "accepted"
  | "in_transit"
  | "departed_origin"
  | "arrived_transit"
  | "arrived_destination"
  | "customs"
  | "customs_held"
  | "out_for_delivery"
  | "pickup_ready"
  | "delivery_failed"
  | "delivered"
  | "returning"
  | "returned"
  | "exception"
  | "unknown";

/** An AliExpress order status, normalised (taxonomy.OrderStatus). */
export type OrderStatus = "awaiting_payment" | "processing" | "shipped" | "completed" | "closed" | "in_dispute" | "unknown";

/** Whether a pause is fine, worth watching, or calls for action now (taxonomy.Verdict). */
export type Verdict = "normal" | "watch" | "act";

/** A timestamp as written by the core: RFC 3339, or a wall clock when the zone was unknown. */
export type Timestamp = string;

// ---------------------------------------------------------------------------------------
// classify (shared/classify)

/**
 * One carrier event to classify (classify.Input); only text is required. Other fields are
 * ignored (as by `orderwatch classify`), so an order's events can be passed as they are.
 * An empty text is classified (as "unknown"), not refused, so one blank event cannot fail a batch.
 */
export interface ClassifyInput {
  text: string;
  carrier?: string;
  code?: string;
  lang?: string;
}

/** The classification of one event (classify.Result): one line of `orderwatch classify`. */
export interface ClassifyResult {
  status: ParcelStatus;
  /** Sub-status: "lost", "duties_due", "refused", "address_issue", … or "". */
  reason: string;
  /** 0..1 */
  confidence: number;
  /** Which rule fired, for explanations. */
  rule: string;
  /** The language the rule matched in. */
  lang: string;
  seventeen_track: string;
  aftership: string;
}

// ---------------------------------------------------------------------------------------
// number (shared/number)

/** What a pasted input is (number.Kind). */
export type NumberKind = "order_number" | "tracking_number" | "invalid";

/** A named place to check a number (number.Link). */
export interface Link {
  name: string;
  url: string;
}

/** One carrier a number may belong to (number.Candidate). */
export interface Candidate {
  /** What this reading makes of the input. */
  kind: "order_number" | "tracking_number";
  /** Id of the matching format: "yunexpress", "s10", "aliexpress_order". */
  format: string;
  /** How well the format is backed: "SPEC", "SEEN" or "FOLK". */
  evidence: string;
  /** false: the format fits but a check failed (check digit, country). */
  valid: boolean;
  /** Display name, "YunExpress". */
  carrier: string;
  /** Stable slug, "yunexpress". */
  carrier_id: string;
  service?: string;
  /** Issuing country (ISO 3166-1 alpha-2) when the format says. */
  country?: string;
  check_digit: "valid" | "invalid" | "none";
  /** 0..1; candidates are sorted by it, best first. */
  score: number;
  /** Why this carrier fits, in plain words. */
  why: string[];
  /** Where to check it: the carrier, Cainiao, 17TRACK. */
  urls: Link[];
}

/** Everything known about one raw input (number.Result): one line of `orderwatch number`. */
export interface NumberResult {
  input: string;
  normalized: string;
  kind: NumberKind;
  valid: boolean;
  /** Plain words: why invalid, or "this is an order number, not a tracking number". */
  message?: string;
  /** Best first; never null. */
  candidates: Candidate[];
}

// ---------------------------------------------------------------------------------------
// The order (shared/order): what assess reads. Every field except order_id is optional.

/**
 * A time as accepted in an order: RFC 3339, a date, a wall clock without zone, or Unix
 * milliseconds (order.Time).
 */
export type OrderTime = string | number | null;

/** One order line (order.Item). */
export interface Item {
  title?: string;
  quantity?: number;
  price?: string;
  product_id?: string;
  sku?: string;
}

/** Buyer Protection as the order page shows it (order.Protection). */
export interface OrderProtection {
  ends_at?: OrderTime;
  /** As shown on the page, counted from read_at. */
  days_left?: number | null;
  /** When days_left was read; defaults to "now". */
  read_at?: OrderTime;
  /** The page's own words. */
  text?: string;
}

/** Number roles: the number the seller shipped with, or the last-mile carrier's own. */
export type NumberRole = "origin" | "last_mile";

/** One tracking number of a parcel (order.ParcelNumber). */
export interface ParcelNumber {
  number: string;
  carrier?: string;
  /** "origin" (default) or "last_mile". */
  role?: NumberRole | "";
}

/** One carrier checkpoint, raw as the carrier gave it (order.Event). */
export interface OrderEvent {
  time?: OrderTime;
  text: string;
  location?: string;
  carrier?: string;
  code?: string;
  lang?: string;
  /** Which tracking number reported it. */
  number?: string;
}

/** AliExpress's own arrival estimate for one parcel: querydetail's etaInfo (order.ParcelETA). */
export interface ParcelETA {
  /** beginEtaTime. */
  earliest?: OrderTime;
  /** endEtaTime. */
  latest?: OrderTime;
  /** etaTimeText as shown, e.g. "Jul. 28". */
  text?: string;
}

/** One package of an order (order.Parcel). */
export interface OrderParcel {
  shipping_method?: string;
  numbers?: ParcelNumber[];
  events?: OrderEvent[];
  /** AliExpress's own estimate, when the tracking page gives one. */
  eta?: ParcelETA;
}

/** AliExpress's own delivery guarantee: querydetail's fastDeliveryInfoDTO (order.Promise). */
export interface OrderPromise {
  /** "Refund if no delivery before <date>": a deadline like Buyer Protection's end. */
  refund_by?: OrderTime;
  /** "Apply for … coupon code if delayed by <date>". */
  coupon_by?: OrderTime;
  /** The promises as the page words them (at most 10). */
  texts?: string[];
}

/** What the buyer tells OrderWatch (order.BuyerFacts). Never a name, address or phone. */
export interface BuyerFacts {
  /** null/absent: not said; false: says not received. */
  received?: boolean | null;
  dispute_opened?: boolean;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  /** Stays in the browser: stripped before sync. */
  city?: string;
  /** Language for advice texts: a BCP 47 tag ("pt-BR", "he-IL", "iw", "uk-UA"; any case, - or _), resolved as by `orderwatch advise --lang`; unknown → "en". */
  lang?: string;
  /** When the buyer last wrote to the seller about this order. */
  seller_asked_at?: OrderTime;
  /** Whether the seller has answered since seller_asked_at. */
  seller_replied?: boolean;
}

/** One AliExpress order with everything known about its parcels (order.Order). */
export interface Order {
  /** 14–19 digits, or "manual-<uuid>" for a hand-added tracking number. */
  order_id: string;
  order_date?: OrderTime;
  store?: string;
  /** AliExpress's order status as shown. */
  status_text?: string;
  shipping_method?: string;
  total?: string;
  items?: Item[];
  protection?: OrderProtection;
  parcels?: OrderParcel[];
  buyer?: BuyerFacts;
  /** What AliExpress itself promises about delivery. */
  promise?: OrderPromise;
}

// ---------------------------------------------------------------------------------------
// assess (shared/assess, shared/advice): the result of assess, `orderwatch advise --json`

/** Where in its journey a parcel or an order is (assess.Stage). */
export type Stage =
  | "not_shipped"
  | "label_created"
  | "origin"
  | "international"
  | "customs"
  | "destination"
  | "last_mile"
  | "delivered"
  | "returning"
  | "exception"
  | "unknown";

/** The numbers a reason rests on; absent ones are omitted (assess.Facts). */
export interface Facts {
  stage?: Stage;
  status?: ParcelStatus;
  days_silent?: number;
  days_since_shipment?: number;
  days_since_order?: number;
  /** The threshold the rule used. */
  limit_days?: number;
  /** "15–30" */
  method_days?: string;
  protection_days_left?: number;
  number?: string;
  carrier?: string;
  location?: string;
  /** E.g. the buyer's city or country. */
  expected?: string;
}

/** Why an assessment says what it says (assess.ReasonCode). */
export type ReasonCode =
  | "not_paid" | "closed" | "completed" | "received" | "dispute_open"
  | "processing_normal" | "processing_long" | "no_tracking_number" | "invalid_number" | "no_events"
  | "label_normal" | "no_acceptance_scan" | "origin_normal" | "origin_slow" | "international_normal"
  | "customs_normal" | "customs_slow" | "destination_local" | "destination_slow" | "last_mile"
  | "status_unknown" | "silent_long" | "overdue" | "overdue_long"
  | "customs_held" | "pickup_waiting" | "delivery_failed" | "delivered" | "delivered_not_received"
  | "returning" | "returned" | "exception"
  | "wrong_country" | "wrong_city"
  | "protection_warning" | "protection_expired" | "protection_before_delivery" | "seller_silent" | "unknown_method"
  | "eta_passed" | "refund_date_near" | "refund_date_passed";

/** One finding behind the verdict (assess.Reason). */
export interface Reason {
  /** Stable identifier: a ReasonCode from the core (its text is in every language); the
   * extension's own fallback assessment uses "core_error". */
  code: ReasonCode | (string & {});
  verdict: Verdict;
  text: string;
  facts: Facts;
}

/** The shipping method and its usual duration (assess.Method). */
export interface Method {
  /** "aliexpress_standard", …, "unknown". */
  id: string;
  name: string;
  min_days: number;
  max_days: number;
  /** "detailed", "good", "limited", "varies". */
  tracking: string;
  /** false: a default was used, confidence is lower. */
  known: boolean;
}

/** The Buyer Protection countdown (assess.Protection). */
export interface Protection {
  /** null when nothing is known to estimate from. */
  deadline: Timestamp | null;
  /** "page", "estimated", or "" when unknown. */
  source: "page" | "estimated" | "";
  /** In plain words: what the deadline came from. */
  basis: string;
  days_left: number | null;
  /** 7, 3 or 1 when that many days or fewer are left; 0 otherwise. */
  warning: 0 | 1 | 3 | 7;
  expired: boolean;
}

/** One carrier event of a merged timeline, with its classification (assess.Event). */
export interface TimelineEvent {
  /** As the carrier gave it. */
  time: Timestamp | null;
  /**
   * The instant the timeline is ordered by, in UTC: time, or for a time without a zone, the
   * wall clock read in the zone the same number's other events use. Null when no time.
   */
  at: Timestamp | null;
  text: string;
  location?: string;
  carrier?: string;
  number?: string;
  status: ParcelStatus;
  reason?: string;
  confidence: number;
  /** An event that does not change the parcel's state, such as a stray scan after delivery. */
  noise?: boolean;
}

/** One part of the route (assess.Leg). */
export interface Leg {
  /** "origin", "transit", "destination". */
  name: string;
  /** "done", "current", "pending". */
  state: string;
  start: Timestamp | null;
  end: Timestamp | null;
  /** Distinct locations in order of appearance. */
  places: string[] | null;
  carrier?: string;
  number?: string;
}

/** The state of one parcel of the order (assess.Parcel). */
export interface ParcelAssessment {
  numbers: ParcelNumber[] | null;
  status: ParcelStatus;
  reason: string;
  stage: Stage;
  last_update: Timestamp | null;
  days_since_update: number | null;
  /** Merged, deduplicated, oldest first. */
  timeline: TimelineEvent[] | null;
  legs: Leg[] | null;
}

/** A problem an order can be in (advice.Situation). */
export type Situation =
  | "no_tracking_yet"
  | "invalid_tracking_number"
  | "no_updates_too_long"
  | "customs_held"
  | "delivered_not_received"
  | "wrong_destination"
  | "returned_to_sender"
  | "protection_ending"
  | "protection_expired"
  | "seller_not_responding"
  | "parcel_exception"
  | "awaiting_pickup";

/** What to do about one situation of one order (advice.Advice). */
export interface Advice {
  situation: Situation;
  title: string;
  /** The date that matters for this situation (usually the end of Buyer Protection). */
  deadline: Timestamp | null;
  deadline_text: string;
  steps: string[] | null;
  evidence: string[] | null;
  seller_message: string;
  dispute_text: string;
  /** The same message in English, for the seller; present only when the texts are in another language. */
  seller_message_en?: string;
  /** The same dispute text in English, for AliExpress support; present only when the texts are in another language. */
  dispute_text_en?: string;
}

/** What AliExpress's own page says: its estimate and its refund promise (assess.SiteETA). */
export interface SiteETA {
  earliest: Timestamp | null;
  latest: Timestamp | null;
  /** etaTimeText as shown. */
  text: string;
  refund_by: Timestamp | null;
  /** Whole days to refund_by, negative once passed; null without a refund date. */
  refund_days_left: number | null;
  refund_passed: boolean;
  /** The promises as the page words them; never null. */
  texts: string[];
}

/** The arrival window (assess.ETA): the days the parcel should arrive between. */
export interface ETA {
  /** A day (midnight UTC): not before this day. */
  earliest: Timestamp;
  /** A day (midnight UTC): by the end of this day. */
  latest: Timestamp;
  /** What it rests on: the buyer's own delivered trips, the stage reached, or the method. */
  basis: "history" | "stage" | "method";
  /** Delivered trips a history window rests on; 0 otherwise. */
  samples: number;
  /** The latest day is over and the parcel has not arrived. */
  passed: boolean;
  /** AliExpress's own estimate and promise, shown beside ours; null when it says nothing. */
  aliexpress: SiteETA | null;
}

/** One delivered parcel of the buyer's own history (assess.Trip), for the arrival window (assessBatch, evidencePack). */
export interface Trip {
  /** Method.id. */
  method: string;
  /** ISO 3166-1 alpha-2; "" when the order's country is not known (compares with orders of unknown country). */
  country: string;
  /** From the first carrier event to the delivery. */
  days: number;
}

/** A picture of a page for the evidence pack (evidence.Screenshot). */
export interface Screenshot {
  taken_at?: OrderTime;
  /** The page's address, shown as text only. */
  url?: string;
  title?: string;
  /** data:image/png;base64,… or data:image/jpeg;base64,… (checked; at most 4 MB). */
  data_uri: string;
}

/** assessBatch's options (wasm BatchOptions). */
export interface BatchOptions {
  /** The buyer's delivered trips, for the arrival window of the orders still on their way (at most 20,000). */
  history?: Trip[];
}

/** evidencePack's options (wasm EvidenceOptions). */
export interface EvidenceOptions {
  /** Language of the pack; default: the order's buyer.lang, else English. */
  lang?: string;
  /** At most 8. */
  screenshots?: Screenshot[];
  /** The buyer's delivered trips, for the arrival window. */
  history?: Trip[];
}

/** The judgement of one order (assess.Assessment): `orderwatch advise --json`. */
export interface Assessment {
  order_id: string;
  order_status: OrderStatus;
  /** Of the order's least advanced live parcel. */
  status: ParcelStatus;
  /** Sub-status of status: "lost", "duties_due", … or "". */
  reason: string;
  stage: Stage;
  verdict: Verdict;
  /** Most serious first; never null. */
  reasons: Reason[];
  /** One or two sentences in plain words. */
  summary: string;
  /** Last meaningful carrier event; null if none. */
  last_update: Timestamp | null;
  days_since_update: number | null;
  /** From the first carrier event; null if none. */
  days_since_shipment: number | null;
  method: Method;
  protection: Protection;
  /** The arrival window of the parcels still on their way; null once nothing is expected. */
  eta: ETA | null;
  /** Never null. */
  parcels: ParcelAssessment[];
  /** Most urgent first; never null. */
  advice: Advice[];
  /** 0..1: how much to trust the verdict given the data. */
  confidence: number;
  /** Language of every text in the assessment: one of en, ru, uk, pt (Brazil), es, fr, pl, de, nl, it, tr, ko, he. */
  lang: string;
  /** The clock the assessment was made with (RFC 3339, UTC). */
  now: Timestamp;
}

// ---------------------------------------------------------------------------------------
// The API: globalThis.OrderWatch once loadOrderWatch() has resolved

/** The clock for assess: a Date, Unix milliseconds, or RFC 3339 with an offset. */
export type Clock = Date | number | string;

/**
 * The core's functions. Each checks its arguments first and throws an Error with a clear
 * message ("OrderWatch.classify: event 3: text is required") on a wrong argument or a failure;
 * the module keeps serving after any throw. Results are fresh plain objects.
 *
 * Limits of one call (wasm/bridge.go), beyond which the functions throw: 50,000 events, 8 KiB
 * of text per event, 1 KiB of parseNumber input, 8 MiB of JSON per argument (1 MiB per order,
 * shared/order).
 */
export interface OrderWatchAPI {
  /** The build's version, e.g. "devel (go1.26.8)". */
  readonly version: string;
  /** Classifies a batch of events, one result per event, in order. Batch: one call costs ≈ 14 µs of overhead. */
  classify(events: readonly ClassifyInput[]): ClassifyResult[];
  /** Tells an order number from a tracking number and ranks the carriers it may belong to. */
  parseNumber(input: string): NumberResult;
  /** Assesses one order at now (default: the current time). */
  assess(order: Order, now?: Clock | null): Assessment;
  /**
   * Assesses many orders at one clock: one element per order, in order — its Assessment (the
   * same as assess would give), or {error} for an order the core refuses. Each distinct
   * carrier event is classified once per call. At most 10,000 orders.
   */
  assessBatch(orders: readonly Order[], now?: Clock | null, options?: BatchOptions | null): BatchItem[];
  /**
   * The order's dispute evidence pack: one self-contained HTML document (no scripts, no
   * external resources; screenshots inside as data: URIs) to save, attach or print.
   */
  evidencePack(order: Order, now?: Clock | null, options?: EvidenceOptions | null): string;
  /**
   * The language whose advice texts must be loaded (loadTexts) before asking in `tag` (a
   * buyer.lang or options.lang value: "pt-BR", "he-IL,he;q=0.9", "iw"), or null when nothing
   * is missing (its texts are loaded, it is English, or no language with texts matches, which
   * is answered in English). The core embeds English alone: a question in a language whose
   * texts are not loaded is answered in English, so ask here first and load what is named.
   */
  needTexts(tag: string): string | null;
  /**
   * Gives the core one language's advice texts: lang is the file's name and jsonText its
   * contents (shared/advice/texts/<lang>.json, shipped as texts/<lang>.json beside core.wasm).
   * Checked as strictly as the embedded English (the same parser; the file's own "lang" must
   * be lang; at most 1 MiB); throws an Error saying what is wrong otherwise. Loading the same
   * texts again is a no-op; other texts for a language already loaded throw. Answers then are
   * those of the native core, which embeds every language.
   */
  loadTexts(lang: string, jsonText: string): void;
}

/** One answer of assessBatch: the order's assessment, or why the core refused the order. */
export type BatchItem = Assessment | BatchError;

/** An order assessBatch could not assess; message as assess would throw it, less the prefix. */
export interface BatchError {
  error: string;
}

/** Options of loadOrderWatch (loader.js). */
export interface LoadOptions {
  /**
   * Where core.wasm is: any URL fetch() reads, or a file: URL in Node. Default: core.wasm next
   * to the loader (next to the bundle once bundled).
   */
  wasmUrl?: string | URL;
  /** core.wasm itself, already read or compiled; wins over wasmUrl. */
  wasmBytes?: BufferSource | WebAssembly.Module;
  /**
   * Where wasm_exec.js is, used only when globalThis.Go is not defined yet. Default: next to
   * the loader. A module service worker cannot load it this way: import it statically first.
   */
  wasmExecUrl?: string | URL;
}

/** Starts core.wasm; resolves with the API (also globalThis.OrderWatch) when it is ready. */
export type LoadOrderWatch = (options?: LoadOptions) => Promise<OrderWatchAPI>;

declare global {
  /** Set by loadOrderWatch() once the core is ready. */
  var OrderWatch: OrderWatchAPI | undefined;
}
