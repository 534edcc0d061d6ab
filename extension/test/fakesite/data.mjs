// Deterministic fake AliExpress account for the end-to-end tests and the bench.
//
// Everything here is invented: store names, item titles, tracking numbers and the receiver are
// fictional (the phone number is in Ofcom's drama range, the postcode cannot exist). Carrier
// event texts are our own wording of the kind of messages carriers send, in several languages.
//
// generateAccount() returns the orders as the fake site serves them (page cards, mtop tracking,
// Cainiao) and, for each, the ground truth in the shared/order JSON shape, so the test can ask
// the real core what the verdict should be instead of hard-coding it.

const DAY = 86400000;
const HOUR = 3600000;

/** mulberry32: small seeded PRNG, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

/**
 * The receiver the fake tracking JSON carries, in the field names of the real answer
 * (logisticsReceiverInfo in maxwellmezadre/aliexpress-mcp test/fixtures/logistics-querydetail.json
 * @226cf08b: contactName, phoneCountry, phoneNumber, address, address2, city, province, zipCode;
 * older shapes: phone, mobileNo, fullPhoneNo). It must never leave the browser.
 */
export const RECEIVER = Object.freeze({
  contactName: "Quillon Testaverde-Fakename",
  phone: "+44 7700 900417",
  phoneCountry: "+44",
  phoneNumber: "7700900417",
  mobileNo: "07700900417",
  fullPhoneNo: "+44 7700 900417",
  address: "Flat 9Z, 404 Nonexistent Crescent",
  address2: "Imaginary Estate",
  city: "Zedsborough",
  province: "Notashire",
  country: "GB",
  zipCode: "ZZ9 9QZ",
});

/** Strings whose presence anywhere outside the page would be a privacy leak. */
export const PII_NEEDLES = [RECEIVER.contactName, "Quillon", "Testaverde", "Fakename", RECEIVER.phone, RECEIVER.mobileNo, RECEIVER.phoneNumber,
  "7700 900417", "900417", RECEIVER.address, "Nonexistent Crescent", RECEIVER.address2, RECEIVER.zipCode, RECEIVER.city, RECEIVER.province];

/** A hostile item title: must show up as text, never as markup, in page and dashboard. */
export const HOSTILE_TITLE = `<img src=x onerror="window.__owPwned=1;document.title='pwned'"> Phone case \u202Egnp.exe`;

// S10 (UPU) check digit, so the fake numbers are valid for the core's number parser.
function s10(prefix, serial, country) {
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  const digits = String(serial).padStart(8, "0");
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * w[i];
  let c = 11 - (sum % 11);
  if (c === 10) c = 0;
  if (c === 11) c = 5;
  return `${prefix}${digits}${c}${country}`;
}

const STORES = [
  ["Bright Harbor Electronics Store", 1102231], ["Lumen Garden Official Store", 1104457],
  ["Tiny Gear Workshop", 1208890], ["Maple & Thread Fabrics", 1300125], ["North Pier Tools Store", 1311290],
  ["Pocket Orchard Kitchen", 1402221], ["Cobalt Kite Sports Store", 1500310], ["Velvet Owl Accessories", 1609981],
];
const PRODUCTS = [
  ["USB-C cable 2 m braided 100W", "Length:2m;Color:Grey", "US $2.39"],
  ["Silicone baking mats set of 3", "Color:Red", "US $5.10"],
  ["Mechanical keyboard keycaps PBT 129 keys", "Color:Retro", "US $18.75"],
  ["LED strip 5 m warm white with remote", "Length:5m", "US $7.42"],
  ["Stainless steel watch band 20 mm", "Color:Silver;Size:20mm", "US $4.06"],
  ["Cycling gloves half finger", "Size:L", "US $6.33"],
  ["Phone stand aluminium adjustable", "Color:Black", "US $3.99"],
  ["Embroidery hoop kit for beginners", "Pattern:Flowers", "US $8.50"],
  ["Mini screwdriver set 24 in 1", "Color:Blue", "US $9.91"],
  ["Garden plant labels 100 pcs", "Color:White", "US $1.87"],
  ["Wireless earbuds case cover", "Color:Green", "US $1.25"],
  ["Camping headlamp rechargeable", "Color:Orange", "US $11.60"],
];

// Event templates by stage: [code, fulfillStage, trackingName, description, lang, location].
const EV = {
  placed: ["AE_ORDER_PLACED", 0, "Order placed", "Order placed", "en", ""],
  paid: ["AE_ORDER_PAID", 0, "Payment confirmed", "Payment confirmed", "en", ""],
  shipped: ["AE_ORDER_SHIPPED", 0, "Order shipped", "Seller has shipped your package", "en", ""],
  wAccept: ["AE_GWMS_ACCEPT", 1000, "Processing", "Received by the sorting warehouse", "en", "Shenzhen"],
  wAcceptZh: ["AE_GWMS_ACCEPT", 1000, "Processing", "【深圳市】仓库已接收包裹", "zh", "深圳市"],
  wPack: ["AE_GWMS_PACKAGE", 1000, "Processing", "Package packed at the warehouse", "en", "Shenzhen"],
  wOut: ["AE_GWMS_OUTBOUND", 1000, "Processing", "Left the warehouse", "en", "Shenzhen"],
  hoIn: ["AE_LH_HO_IN_SUCCESS", 1400, "In transit", "Received by the line-haul office", "en", "Shenzhen"],
  airline: ["AE_LH_HO_AIRLINE", 1400, "In transit", "Awaiting flight", "en", "Hong Kong"],
  exStart: ["AE_CC_EX_START_SUCCESS", 1600, "In transit", "Export customs clearance started", "en", "Hong Kong"],
  exDone: ["AE_CC_EX_SUCCESS_SUCCESS", 1600, "In transit", "Export customs clearance complete", "en", "Hong Kong"],
  depart: ["AE_LH_DEPART_SUCCESS", 1400, "In transit", "Departed from the country of origin", "en", "Hong Kong"],
  arriveHub: ["AE_LH_ARRIVE_SUCCESS", 1400, "In transit", "Arrived at the transit hub", "en", "Liege"],
  arriveDest: ["AE_LH_ARRIVE", 1400, "In transit", "Arrived at destination country", "en", "London Heathrow"],
  imStart: ["AE_CC_IM_START", 1600, "Customs", "Import customs clearance started", "en", "London Heathrow"],
  imHeld: ["", 1600, "Customs", "Held by customs: import duties must be paid before release", "en", "London Heathrow"],
  imDone: ["AE_CC_IM_SUCCESS", 1600, "Customs", "Import customs clearance complete", "en", "London Heathrow"],
  ccOut: ["AE_CC_HO_OUT_SUCCESS", 1600, "In transit", "Handed over to the local delivery company", "en", "London Heathrow"],
  lmAccept: ["AE_GTMS_ACCEPT", 1700, "In transit", "Received by the local delivery company", "en", "Coventry"],
  lmSort: ["AE_GTMS_SC_ARRIVE", 1700, "In transit", "Arrived at the local sorting centre", "en", "Coventry"],
  delivering: ["AE_GTMS_DELIVERING", 1700, "Out for delivery", "Out for delivery with the courier", "en", "Coventry"],
  signed: ["AE_GTMS_SIGNED", 1700, "Delivered", "Delivered, signed for", "en", "Coventry"],
  failed: ["", 1700, "Delivery failed", "Delivery attempt failed: nobody at the address, a card was left", "en", "Coventry"],
  pickup: ["", 1700, "Ready for pickup", "Parcel is waiting at the pickup point for collection", "en", "Coventry"],
  returning: ["", 1700, "Returning", "Returning to sender: addressee unknown", "en", "Coventry"],
  returned: ["", 1400, "Returned", "Returned to the sender", "en", "Shenzhen"],
  lost: ["", 1400, "Exception", "Parcel lost in transit, investigation closed", "en", "Liege"],
  // Local carriers in their own languages (our wording).
  ruArrive: ["", 1700, "In transit", "Прибыло в сортировочный центр", "ru", "Москва"],
  ruDeliver: ["", 1700, "Delivered", "Вручение адресату", "ru", "Москва"],
  esOut: ["", 1700, "Out for delivery", "En reparto", "es", "Madrid"],
  esDeliver: ["", 1700, "Delivered", "Entregado", "es", "Madrid"],
  ptOut: ["", 1700, "Out for delivery", "Objeto saiu para entrega ao destinatário", "pt", "Curitiba"],
  ptDeliver: ["", 1700, "Delivered", "Objeto entregue ao destinatário", "pt", "Curitiba"],
  deDeliver: ["", 1700, "Delivered", "Die Sendung wurde zugestellt", "de", "Berlin"],
  frDeliver: ["", 1700, "Delivered", "Votre colis a été livré", "fr", "Lyon"],
  plPickup: ["", 1700, "Ready for pickup", "Paczka czeka na odbiór w automacie Paczkomat", "pl", "Warszawa"],
  rmDeliver: ["", 1700, "Delivered", "We've delivered your item", "en", "Coventry"],
};

// Where parcels go: the destination's air hub and delivery city, so a route stays in one country.
const DESTS = {
  GB: { hub: "London Heathrow", city: "Coventry" }, RU: { hub: "Москва Внуково", city: "Москва" },
  ES: { hub: "Madrid Barajas", city: "Madrid" }, BR: { hub: "Curitiba CTCE", city: "Curitiba" },
  DE: { hub: "Leipzig", city: "Berlin" }, FR: { hub: "Paris Roissy", city: "Lyon" }, PL: { hub: "Warszawa Okęcie", city: "Warszawa" },
};

function locate(key, dest) {
  const loc = EV[key][5];
  if (loc === "London Heathrow") return DESTS[dest].hub;
  if (loc === "Coventry") return DESTS[dest].city;
  return loc;
}

const TO_DEST = ["wAccept", "wPack", "wOut", "hoIn", "airline", "exStart", "exDone", "depart", "arriveHub", "arriveDest"];

// One situation per order; counts sum to 60 for the default account.
const SITUATIONS = [
  ["awaiting_payment", 3], ["no_tracking", 5], ["info_received", 4], ["in_transit", 8],
  ["arrived_destination", 4], ["customs", 3], ["customs_held", 3], ["out_for_delivery", 3],
  ["pickup_ready", 2], ["delivery_failed", 2], ["delivered", 8], ["delivered_not_received", 2],
  ["returned", 3], ["stale", 3], ["lost", 1], ["two_parcels", 2], ["last_mile", 2], ["cancelled", 2],
];

/**
 * Builds the account. `now` anchors every date (ms); the same seed and now give the same data.
 * @returns {{now:number, orders: object[]}}
 */
export function generateAccount({ seed = 20260221, count = 60, now = Date.now() } = {}) {
  const r = rng(seed);
  const plan = [];
  for (const [sit, n] of SITUATIONS) for (let i = 0; i < n; i++) plan.push(sit);
  while (plan.length < count) plan.push(SITUATIONS[plan.length % SITUATIONS.length][0]);
  plan.length = count;
  // Shuffle deterministically so situations are spread over the pages.
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [plan[i], plan[j]] = [plan[j], plan[i]];
  }
  const orders = plan.map((sit, i) => makeOrder(r, sit, i, now));
  // Newest first, like the real list.
  orders.sort((a, b) => b.dateMs - a.dateMs);
  return { now, orders };
}

function makeOrder(r, situation, index, now) {
  const prefix = ["30", "80", "81", "82"][index % 4];
  const orderId = prefix + String(1000000000000 + r.int(0, 899999999999)).slice(-12) + String(10 + index).slice(-2);
  const [storeName, storeId] = r.pick(STORES);
  const nItems = r.next() < 0.25 ? r.int(2, 3) : 1;
  const items = [];
  for (let k = 0; k < nItems; k++) {
    const [title, sku, price] = PRODUCTS[(index * 7 + k * 3) % PRODUCTS.length];
    items.push({ title, sku, price, quantity: r.int(1, 3), productId: String(1005006000000000 + r.int(0, 999999999)) });
  }
  if (index === 5) items[0] = { ...items[0], title: HOSTILE_TITLE };
  const totalCents = items.reduce((s, it) => s + Math.round(Number(it.price.replace(/[^\d.]/g, "")) * 100) * it.quantity, 0);
  const total = `US $${(totalCents / 100).toFixed(2)}`;

  const ageDays = {
    awaiting_payment: r.int(0, 1), no_tracking: r.int(1, 3), info_received: r.int(3, 6), in_transit: r.int(8, 16),
    arrived_destination: r.int(14, 20), customs: r.int(15, 22), customs_held: r.int(20, 30),
    out_for_delivery: r.int(16, 25), pickup_ready: r.int(18, 26), delivery_failed: r.int(18, 26),
    delivered: r.int(20, 60), delivered_not_received: r.int(18, 30), returned: r.int(40, 60), stale: r.int(50, 58),
    lost: r.int(45, 55), two_parcels: r.int(20, 28), last_mile: r.int(18, 25), cancelled: r.int(5, 30),
  }[situation];
  // Orders are placed during the day, away from midnight, so dates are unambiguous.
  const dateMs = Math.floor((now - ageDays * DAY) / DAY) * DAY + r.int(9, 15) * HOUR + r.int(0, 59) * 60000;

  const statusText = {
    awaiting_payment: "Awaiting payment", no_tracking: "Awaiting shipment", delivered: "Completed",
    returned: "Closed", cancelled: "Closed", lost: "Awaiting delivery",
  }[situation] ?? "Awaiting delivery";
  const orderStatus = { "Awaiting payment": 1, "Awaiting shipment": 5, "Awaiting delivery": 8, Completed: 9, Closed: 10 }[statusText];

  const parcels = makeParcels(r, situation, index, dateMs, now, items);
  // Buyer Protection shows on open, shipped orders: 60 days after the order, counted from today.
  let protection = null;
  if (statusText === "Awaiting delivery") {
    const daysLeft = Math.max(0, Math.floor((dateMs + (situation === "stale" ? 60 : 75) * DAY - now) / DAY));
    protection = { daysLeft, text: `Buyer Protection: ${daysLeft} days left` };
  }
  return {
    orderId, situation, dateMs, statusText, orderStatus, storeName, storeId, items, total, protection, parcels,
    shippingMethod: parcels[0]?.carrierName ?? "",
  };
}

function makeParcels(r, situation, index, dateMs, now, items) {
  const serial = 10000000 + index * 7919;
  const lp = () => "LP00" + String(600000000000 + r.int(0, 99999999999)).padStart(12, "0");
  const method = r.pick(["AliExpress Standard Shipping", "AliExpress Selection Standard", "AliExpress Standard Shipping"]);
  const timeline = (keys, { start, end }) => {
    // Spread events between start and end (ms), oldest first; never in the future.
    end = Math.min(Math.max(end, start + keys.length * 2 * HOUR), now - HOUR);
    const out = [];
    const span = Math.max(keys.length - 1, 1);
    keys.forEach((k, i) => {
      const t = Math.round(start + ((end - start) * i) / span) + r.int(-2, 2) * 60000;
      out.push({ key: k, t });
    });
    return out;
  };
  const pre = (t0) => [{ key: "placed", t: t0 }, { key: "paid", t: t0 + 20 * 60000 }];
  const shipAt = dateMs + r.int(1, 3) * DAY + r.int(1, 8) * HOUR;
  const daysAgo = (d) => now - d * DAY - r.int(1, 10) * HOUR;

  const parcel = (number, keys, start, end, extra = {}) => {
    const dest = extra.dest ?? "GB";
    const events = [...pre(dateMs), { key: "shipped", t: shipAt }, ...timeline(keys, { start: shipAt + HOUR, end })];
    for (const e of events) e.loc = locate(e.key, dest);
    return {
      mailNo: number, originMailNo: extra.originMailNo ?? number, carrierName: method,
      cpName: extra.cpName ?? "Cainiao", lastMileNumber: extra.lastMileNumber ?? null, dest, events, items,
    };
  };
  const to = (...extra) => [...TO_DEST, ...extra];

  switch (situation) {
    case "awaiting_payment":
    case "cancelled":
      return [];
    case "no_tracking":
      // The order page knows nothing yet; mtop answers with the pre-shipment nodes only.
      return [{ mailNo: "", originMailNo: "", carrierName: method, cpName: "", events: pre(dateMs), items, noTracking: true }];
    case "info_received":
      return [parcel(lp(), ["wAcceptZh", "wPack"], shipAt + HOUR, daysAgo(1))];
    case "in_transit":
      return [parcel(lp(), TO_DEST.slice(0, 6 + r.int(0, 4)), shipAt + HOUR, daysAgo(r.int(1, 4)))];
    case "arrived_destination":
      return [parcel(lp(), to(), shipAt + HOUR, daysAgo(r.int(1, 3)))];
    case "customs":
      return [parcel(lp(), to("imStart"), shipAt + HOUR, daysAgo(r.int(1, 3)))];
    case "customs_held":
      return [parcel(lp(), to("imStart", "imHeld"), shipAt + HOUR, daysAgo(r.int(3, 6)))];
    case "out_for_delivery": {
      const local = r.pick([["esOut", "Correos", "ES"], ["ptOut", "Correios", "BR"], ["delivering", "Royal Mail", "GB"]]);
      return [parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", local[0]), shipAt + HOUR, now - r.int(3, 8) * HOUR, { cpName: local[1], dest: local[2] })];
    }
    case "pickup_ready": {
      const local = r.pick([["plPickup", "InPost", "PL"], ["pickup", "Royal Mail", "GB"]]);
      return [parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", local[0]), shipAt + HOUR, daysAgo(1), { cpName: local[1], dest: local[2] })];
    }
    case "delivery_failed":
      return [parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", "delivering", "failed"), shipAt + HOUR, daysAgo(1), { cpName: "Royal Mail" })];
    case "delivered": {
      const local = r.pick([["ruArrive", "ruDeliver", "Russian Post", "RU"], ["esOut", "esDeliver", "Correos", "ES"], ["ptOut", "ptDeliver", "Correios", "BR"],
        ["lmSort", "deDeliver", "DHL", "DE"], ["lmSort", "frDeliver", "La Poste", "FR"], ["delivering", "signed", "Cainiao", "GB"]]);
      const delivered = daysAgo(r.int(2, 10));
      return [parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", local[0], local[1]), shipAt + HOUR, Math.max(delivered, shipAt + 6 * DAY), { cpName: local[2], dest: local[3] })];
    }
    case "delivered_not_received":
      return [parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", "delivering", "signed"), shipAt + HOUR, daysAgo(r.int(2, 4)), { cpName: "Royal Mail" })];
    case "returned":
      return [parcel(s10("UA", serial, "CN"), to("imStart", "lmAccept", "delivering", "failed", "returning", "returned"), shipAt + HOUR, daysAgo(r.int(3, 8)), { cpName: "China Post" })];
    case "stale":
      return [parcel(s10("LX", serial, "CN"), TO_DEST.slice(0, 8), shipAt + HOUR, daysAgo(r.int(38, 42)), { cpName: "China Post" })];
    case "lost":
      return [parcel(lp(), [...TO_DEST.slice(0, 9), "lost"], shipAt + HOUR, daysAgo(r.int(5, 9)))];
    case "two_parcels":
      return [
        parcel(lp(), to("imStart", "imDone", "ccOut", "lmAccept", "delivering", "signed"), shipAt + HOUR, daysAgo(r.int(2, 5)), { cpName: "Royal Mail" }),
        parcel(lp(), TO_DEST.slice(0, 8), shipAt + DAY, daysAgo(r.int(1, 3))),
      ];
    case "last_mile": {
      // The destination post assigns its own number after customs.
      const origin = lp();
      const local = s10("RB", serial + 11, "GB");
      const p = parcel(local, to("imStart", "imDone", "ccOut", "lmAccept", "delivering", "rmDeliver"), shipAt + HOUR, daysAgo(r.int(1, 3)),
        { originMailNo: origin, cpName: "Royal Mail", lastMileNumber: local });
      return [p];
    }
    default:
      throw new Error(`fakesite: unknown situation ${situation}`);
  }
}

/** Where the real answer's second code differs from the primary one (same capture as above). */
const SECOND_CODE = { AE_LH_ARRIVE: "AE_LH_ARRIVE_SUCCESS", AE_GTMS_DELIVERING: "AE_GTMS_DO_DEPART" };

/** The event as the mtop tracking JSON lists it (detailList entry). */
export function mtopEvent(e) {
  const [code, stage, name, desc] = EV[e.key];
  const location = e.loc ?? EV[e.key][5];
  const d = new Date(e.t);
  const wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const mon = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."][d.getUTCMonth()];
  const timeText = `${wd} | ${mon} ${d.getUTCDate()} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  // The real answer's shapes (maxwellmezadre/aliexpress-mcp test/fixtures/logistics-querydetail.json
  // @226cf08b): the order's own nodes carry only trackingSecondCode (no primary code, no stage);
  // carrier nodes carry both codes (they may differ) and fulfillStage as a string.
  if (stage === 0) return { skipRiskControl: false, time: e.t, timeText, trackingName: name, trackingDetailDesc: desc, trackingSecondCode: code };
  const ev = { fulfillStage: String(stage), skipRiskControl: true, tags: ["cb"], time: e.t, timeText, trackingName: name, trackingDetailDesc: desc };
  if (code) {
    ev.trackingPrimaryCode = code;
    ev.trackingSecondCode = SECOND_CODE[code] ?? code;
  }
  if (location) ev.detailedLocation = location;
  return ev;
}

/** Which number reported an event: the last-mile number after hand-over, else the origin. */
function eventNumber(p, e) {
  if (!p.lastMileNumber) return p.mailNo;
  const stage = EV[e.key][1];
  return stage === 1700 ? p.lastMileNumber : p.originMailNo;
}

/** Events of a parcel that a carrier reports for a tracking number (Cainiao's view). */
export function cainiaoEvents(p, number) {
  return p.events.filter((e) => EV[e.key][1] > 0)
    .filter((e) => !p.lastMileNumber || number === p.mailNo || eventNumber(p, e) === number || number === p.originMailNo);
}

export function eventTemplate(key) {
  const [code, stage, name, desc, lang, location] = EV[key];
  return { code, stage, name, desc, lang, location };
}

/**
 * The order as the shared/order JSON, i.e. what a perfect reader of page + mtop would know.
 * Only carrier events (not the order's own placed/paid/shipped nodes) are parcel events.
 */
export function groundTruthOrder(o) {
  const iso = (ms) => new Date(ms).toISOString();
  const out = {
    order_id: o.orderId,
    order_date: iso(o.dateMs).slice(0, 10),
    store: o.storeName,
    status_text: o.statusText,
    total: o.total,
    items: o.items.map((it) => ({ title: it.title, quantity: it.quantity, price: it.price, product_id: it.productId, sku: it.sku })),
  };
  if (o.shippingMethod && o.parcels.length) out.shipping_method = o.shippingMethod;
  if (o.protection) out.protection = { days_left: o.protection.daysLeft, text: o.protection.text };
  const parcels = o.parcels.filter((p) => !p.noTracking).map((p) => {
    const numbers = [{ number: p.originMailNo, carrier: "Cainiao", role: "origin" }];
    if (p.lastMileNumber) numbers.push({ number: p.lastMileNumber, carrier: p.cpName, role: "last_mile" });
    return {
      shipping_method: p.carrierName,
      numbers,
      events: p.events.filter((e) => EV[e.key][1] > 0).map((e) => {
        const t = eventTemplate(e.key);
        const ev = { time: iso(e.t), text: t.desc, carrier: t.stage === 1700 ? p.cpName : "Cainiao", lang: t.lang, number: eventNumber(p, e) };
        const loc = e.loc ?? t.location;
        if (loc) ev.location = loc;
        if (t.code) ev.code = t.code;
        return ev;
      }),
    };
  });
  if (parcels.length) out.parcels = parcels;
  return out;
}

/** "Feb 21, 2026", as the list page prints order dates. */
export function fmtDate(ms) {
  const d = new Date(ms);
  const mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  return `${mon} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}
