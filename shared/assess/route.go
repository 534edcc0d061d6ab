package assess

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
//     same way, unless the event or a later one names another country, or the parcel
//     departs abroad afterwards (postal numbers are often scanned in the sending country
//     first). Numbers and carriers only count when the events tell them apart: when every
//     event of the parcel comes under one number or one carrier name, as when a tracking
//     page files the whole line under the last-mile number, they say nothing about who
//     scanned.
//
// A label notice ("information received") proves nothing: carriers get it before the
// parcel moves.

// where is what one event says about the parcel's position.
type where uint8

const (
	nowhere       where = iota // says nothing about the country
	abroad                     // a departure, a transit step or a place in another country
	maybeArrived               // in the buyer's country unless the parcel departs abroad afterwards
	arrived                    // in the buyer's country, for good
	inDestination              // resolved: the parcel had reached the buyer's country by this event
)

// route is what tells the destination apart for one parcel.
type route struct {
	country   string   // the buyer's country, upper case; "" if not known
	city      string   // the buyer's city; "" if not known or too short
	carriers  []string // names the last-mile carrier goes by
	byNumber  bool     // events come under more than one number role
	byCarrier bool     // events come from the last-mile carrier and from another named carrier
	// Carriers repeat the same few places and names: what each said, in order of first use.
	places []placeSeen
	names  []nameSeen
	buf    [4]string
}

type placeSeen struct {
	location string
	w        where
}

type nameSeen struct {
	carrier string
	local   bool
}

func newRoute(p order.Parcel, o order.Order, es []entry) *route {
	rt := &route{country: strings.ToUpper(strings.TrimSpace(o.Buyer.Country))}
	rt.carriers = rt.buf[:0]
	if letters(o.Buyer.City) >= 3 {
		rt.city = o.Buyer.City
	}
	// The last-mile carrier: the carrier of a last-mile number, else the usual one of the
	// buyer's country. A name the origin number's carrier also goes by tells nothing apart.
	add := func(name string) {
	names:
		for alt := range carrierNames(name) {
			for _, n := range p.Numbers {
				if n.Role != order.RoleLastMile && (hasWords(n.Carrier, alt) || hasWords(alt, n.Carrier)) {
					continue names
				}
			}
			rt.carriers = append(rt.carriers, alt)
		}
	}
	for _, n := range p.Numbers {
		if n.Role == order.RoleLastMile && n.Carrier != "" {
			add(n.Carrier)
		}
	}
	add(localCarriers[rt.country])

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

// carrierNames yields the names a carrier goes by: "Почта России (Russian Post)" is both,
// "Ukrposhta / Nova Poshta" either.
func carrierNames(name string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(name) > 0 {
			i := strings.IndexAny(name, "()/,")
			part := name
			if i >= 0 {
				part, name = name[:i], name[i+1:]
			} else {
				name = ""
			}
			if a, _ := nextWord(part, 0); a < len(part) && !yield(part) {
				return
			}
		}
	}
}

// nextWord finds the next run of letters and digits in s from byte i: [start, end), or
// len(s) twice when there is none.
func nextWord(s string, i int) (int, int) {
	start := -1
	for j := i; j < len(s); {
		word, size := asciiWord[s[j]], 1
		if s[j] >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[j:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = j
		case !word && start >= 0:
			return start, j
		}
		j += size
	}
	if start < 0 {
		return len(s), len(s)
	}
	return start, len(s)
}

// asciiWord tells the ASCII letters and digits (unicode.IsLetter or IsDigit), by byte.
var asciiWord = [256]bool{ // 256: indexed by any byte, false from utf8.RuneSelf on
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true, 'H': true, 'I': true, 'J': true,
	'K': true, 'L': true, 'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true, 'S': true, 'T': true,
	'U': true, 'V': true, 'W': true, 'X': true, 'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true, 'j': true,
	'k': true, 'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true, 's': true, 't': true,
	'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
}

// hasWords reports whether s holds every word of sub, in order, as a run of whole words,
// without regard to case or punctuation: "CURITIBA - PR" has "Curitiba".
func hasWords(s, sub string) bool {
	if a, _ := nextWord(sub, 0); a == len(sub) {
		return false
	}
	for i := 0; ; {
		ws, we := nextWord(s, i)
		if ws == len(s) {
			return false
		}
		j, k := ws, 0
		for {
			a, b := nextWord(sub, k)
			if a == len(sub) {
				return true
			}
			c, d := nextWord(s, j)
			if c == len(s) || !strings.EqualFold(s[c:d], sub[a:b]) {
				break
			}
			j, k = d, b
		}
		i = we
	}
}

func (rt *route) isLocalCarrier(name string) bool {
	for _, n := range rt.names {
		if n.carrier == name {
			return n.local
		}
	}
	local := false
	for _, c := range rt.carriers {
		if hasWords(name, c) {
			local = true
			break
		}
	}
	rt.names = append(rt.names, nameSeen{name, local})
	return local
}

// place says what an event's location tells: arrived (the buyer's country or city),
// abroad (another country), or nowhere (no country named).
func (rt *route) place(location string) where {
	if location == "" {
		return nowhere
	}
	for _, p := range rt.places {
		if p.location == location {
			return p.w
		}
	}
	w := nowhere
	switch c := countryIn(location, rt.country); {
	case c != "" && c == rt.country:
		w = arrived
	case c != "":
		w = abroad
	case rt.city != "" && hasWords(location, rt.city):
		w = arrived
	}
	rt.places = append(rt.places, placeSeen{location, w})
	return w
}

// what is what one event says about where the parcel is.
func (rt *route) what(e *entry) where {
	switch e.acts {
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
	if e.acts == taxonomy.Customs || e.acts == taxonomy.CustomsHeld {
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
	firstMaybe := -1 // the first conditional proof since the parcel was last seen abroad
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
			firstMaybe = -1
		case maybeArrived:
			if firstMaybe < 0 {
				firstMaybe = i
			}
		}
	}
	if firstMaybe >= 0 {
		es[firstMaybe].where = inDestination
	}
}
