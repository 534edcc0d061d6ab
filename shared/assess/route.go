package assess

import (
	"strings"

	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// Where a parcel is: the stage of a real AliExpress route is not always in the status of its
// latest event. One tracking line merges the origin carrier's events (Cainiao: warehouse,
// line haul, customs, hand-over) with the last-mile carrier's own, and the local carrier
// often begins with an acceptance ("Objeto postado", "Приём", "Zending is aangenomen",
// "Accepted at USPS Origin Facility") or with sorting scans that, read alone, would put the
// parcel back in the sending country. locate works out, for every event, whether it proves
// the parcel reached the buyer's country, from what the event is rather than from its words:
//
//   - a status that happens only in the destination country (arrived, out for delivery,
//     waiting for pickup, delivered, …) proves it for good;
//   - so does a place in the buyer's country: a location naming that country, or the
//     buyer's city;
//   - customs proves it unless the parcel is seen abroad afterwards (then that was export
//     customs), since the taxonomy does not say which side's customs it was;
//   - a scan on the last-mile number, or by the parcel's last-mile carrier, proves it in the
//     same way, unless the event or a later one names another country, or the parcel departs
//     abroad afterwards (postal numbers are often scanned in the sending country first). Numbers
//     and carriers only count when the events tell them apart: when every event of the
//     parcel comes under one number or one carrier name, as when a tracking page files the
//     whole line under the last-mile number, they say nothing about who scanned.
//
// A label notice ("information received") proves nothing: carriers get it before the
// parcel moves.

// where is what one event says about the parcel's position.
type where uint8

const (
	nowhere       where = iota // says nothing about the country
	abroad                     // an explicit departure or transit step: not yet in the buyer's country
	maybeArrived               // in the buyer's country unless the parcel departs abroad afterwards
	arrived                    // in the buyer's country, for good
	inDestination              // resolved: the parcel had reached the buyer's country by this event
)

// route is what tells the destination apart for one parcel.
type route struct {
	country   string     // the buyer's country, upper case; "" if not known
	city      []string   // the buyer's city as words; nil if not known or too short
	carriers  [][]string // last-mile carrier names as words
	byNumber  bool       // events come under more than one number role
	byCarrier bool       // events come from the last-mile carrier and from another named carrier
	countries map[string]string
}

func newRoute(p order.Parcel, o order.Order, es []entry) *route {
	rt := &route{country: strings.ToUpper(strings.TrimSpace(o.Buyer.Country))}
	if letters(o.Buyer.City) >= 3 {
		rt.city = splitWords(o.Buyer.City)
	}
	// The last-mile carrier: the carrier of a last-mile number, else the usual one of the
	// buyer's country; a name the origin number's carrier also has tells nothing apart.
	var origin [][]string
	for _, n := range p.Numbers {
		if n.Role != order.RoleLastMile && n.Carrier != "" {
			origin = append(origin, carrierNames(n.Carrier)...)
		}
	}
	add := func(name string) {
		for _, alt := range carrierNames(name) {
			if !anyWords(origin, alt) {
				rt.carriers = append(rt.carriers, alt)
			}
		}
	}
	for _, n := range p.Numbers {
		if n.Role == order.RoleLastMile && n.Carrier != "" {
			add(n.Carrier)
		}
	}
	if c := localCarriers[rt.country]; c != "" {
		add(c)
	}

	lastMile, other := false, false
	local, foreign := false, false
	for i := range es {
		e := &es[i]
		if e.role == order.RoleLastMile {
			lastMile = true
		} else {
			other = true
		}
		if e.Carrier != "" && len(rt.carriers) > 0 {
			if rt.isLocalCarrier(e.Carrier) {
				local = true
			} else {
				foreign = true
			}
		}
	}
	rt.byNumber = lastMile && other
	rt.byCarrier = local && foreign
	return rt
}

// carrierNames splits a carrier name into the names it goes by: "Почта России (Russian
// Post)" is both, "Ukrposhta / Nova Poshta" either.
func carrierNames(name string) [][]string {
	var out [][]string
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '(' || r == ')' || r == '/' || r == ',' }) {
		if w := splitWords(part); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// containsWords reports whether words holds seq as a run of whole words.
func containsWords(words, seq []string) bool {
	if len(seq) == 0 {
		return false
	}
outer:
	for i := 0; i+len(seq) <= len(words); i++ {
		for j, w := range seq {
			if words[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

// anyWords reports whether one of names is seq or contains it.
func anyWords(names [][]string, seq []string) bool {
	for _, n := range names {
		if containsWords(n, seq) || containsWords(seq, n) {
			return true
		}
	}
	return false
}

func (rt *route) isLocalCarrier(name string) bool {
	words := splitWords(name)
	for _, c := range rt.carriers {
		if containsWords(words, c) {
			return true
		}
	}
	return false
}

// place says what an event's location tells: arrived (the buyer's country or city),
// abroad (another country), or nowhere (no country named).
func (rt *route) place(location string) where {
	if location == "" {
		return nowhere
	}
	c, ok := rt.countries[location]
	if !ok {
		c = countryIn(location, rt.country)
		if rt.countries == nil {
			rt.countries = map[string]string{}
		}
		rt.countries[location] = c
	}
	switch {
	case c != "" && c == rt.country:
		return arrived
	case c != "":
		return abroad
	case rt.city != nil && containsWords(splitWords(location), rt.city):
		return arrived
	}
	return nowhere
}

// what is what one event says about where the parcel is.
func (rt *route) what(e *entry) where {
	switch e.Status {
	case taxonomy.ArrivedDestination, taxonomy.OutForDelivery, taxonomy.PickupReady,
		taxonomy.DeliveryFailed, taxonomy.Delivered:
		return arrived
	case taxonomy.DepartedOrigin, taxonomy.ArrivedTransit:
		return abroad
	case taxonomy.InfoReceived:
		return nowhere
	}
	switch rt.place(e.Location) {
	case arrived:
		return arrived
	case abroad:
		return abroad // in another country: not yet (or no longer) in the buyer's
	}
	if e.Status == taxonomy.Customs || e.Status == taxonomy.CustomsHeld {
		return maybeArrived
	}
	if rt.byNumber && e.role == order.RoleLastMile || rt.byCarrier && e.Carrier != "" && rt.isLocalCarrier(e.Carrier) {
		return maybeArrived
	}
	return nowhere
}

// locate marks the event by which the parcel had reached the buyer's country, if any: the
// first proof for good, or the first conditional proof after the last departure abroad
// that came before it.
func (ps *parcelState) locate(rt *route) {
	es := ps.entries
	firstMaybe, lastAbroad := -1, -1
	for i := range es {
		e := &es[i]
		w := rt.what(e)
		e.where = w
		switch w {
		case arrived:
			if firstMaybe < 0 {
				e.where = inDestination
			} else {
				es[firstMaybe].where = inDestination
			}
			return
		case abroad:
			lastAbroad, firstMaybe = i, -1
		case maybeArrived:
			if firstMaybe < 0 {
				firstMaybe = i
			}
		}
	}
	if firstMaybe > lastAbroad && firstMaybe >= 0 {
		es[firstMaybe].where = inDestination
	}
}
