package assess

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/orderwatch/orderwatch/shared/order"
)

// Carrier event lines by the journey phase they belong to, as carriers write them, to
// generate realistic orders for the property tests and the benchmark.
var genEvents = [][]struct{ text, location, carrier string }{
	{ // origin
		{"Electronic information received", "Shenzhen", "Cainiao"},
		{"Accepted by carrier", "Shenzhen", "Cainiao"},
		{"Arrived at sorting center", "Dongguan", "Cainiao"},
		{"Departed from sorting center", "Dongguan", "Cainiao"},
		{"Shipment picked up", "Yiwu", "YunExpress"},
	},
	{ // transit
		{"Departed from country of origin", "Shenzhen", "Cainiao"},
		{"Hand over to airline", "Hong Kong", "Cainiao"},
		{"Arrived at transit country or region", "Liege", "Cainiao"},
		{"Flight arrived", "Liege", "Cainiao"},
	},
	{ // destination
		{"Arrived at destination country", "London, GB", "Cainiao"},
		{"Customs clearance started", "London", "Cainiao"},
		{"Customs clearance completed", "London", "Cainiao"},
		{"Прибыло в сортировочный центр", "Москва", "Почта России"},
		{"Arrived at local delivery office", "Leeds", "Royal Mail"},
		{"Out for delivery", "Leeds", "Royal Mail"},
		{"Ready for collection at the pickup point", "Leeds", "Royal Mail"},
		{"Delivery attempt failed: nobody at home", "Leeds", "Royal Mail"},
		{"Delivered", "Leeds", "Royal Mail"},
		{"Return to sender", "Leeds", "Royal Mail"},
	},
}

var genMethods = []string{"AliExpress Standard Shipping", "AliExpress Saver Shipping", "AliExpress Premium Shipping",
	"ePacket", "China Post Registered Air Mail", "DHL", "Cainiao Super Economy Global", ""}

var genStatusTexts = []string{"Awaiting delivery", "Awaiting shipment", "Completed", "", "Awaiting delivery"}

// genOrder makes a random but plausible order placed before now.
func genOrder(r *rand.Rand, i int, now time.Time) order.Order {
	placed := now.Add(-time.Duration(r.IntN(80*24)+24) * time.Hour)
	o := order.Order{
		ID:             fmt.Sprintf("82%014d", i),
		Date:           order.Time{Time: placed},
		Store:          "Store " + fmt.Sprint(r.IntN(50)),
		StatusText:     genStatusTexts[r.IntN(len(genStatusTexts))],
		ShippingMethod: genMethods[r.IntN(len(genMethods))],
		Items:          []order.Item{{Title: "Item", Quantity: 1 + r.IntN(3)}},
		Buyer:          order.BuyerFacts{Country: "GB", City: "Leeds"},
	}
	switch r.IntN(4) {
	case 0:
		o.Protection.EndsAt = order.Time{Time: placed.AddDate(0, 0, 30+r.IntN(60))}
	case 1:
		d := r.IntN(60)
		o.Protection.DaysLeft = &d
		o.Protection.ReadAt = order.Time{Time: now.Add(-time.Duration(r.IntN(72)) * time.Hour)}
	}
	if r.IntN(5) == 0 {
		received := r.IntN(2) == 0
		o.Buyer.Received = &received
	}
	if r.IntN(8) == 0 {
		o.Buyer.SellerAskedAt = order.Time{Time: now.Add(-time.Duration(r.IntN(10*24)) * time.Hour)}
	}
	parcels := 1
	if r.IntN(6) == 0 {
		parcels = 2
	}
	for p := range parcels {
		origin := fmt.Sprintf("LP%014d", i*10+p)
		pc := order.Parcel{Numbers: []order.ParcelNumber{{Number: origin, Carrier: "Cainiao"}}}
		lastMile := ""
		if r.IntN(3) == 0 {
			lastMile = fmt.Sprintf("RB%09dGB", i*10+p)
			pc.Numbers = append(pc.Numbers, order.ParcelNumber{Number: lastMile, Carrier: "Royal Mail", Role: order.RoleLastMile})
		}
		t := placed.Add(time.Duration(r.IntN(96)+6) * time.Hour)
		phase := 0
		n := r.IntN(25)
		for range n {
			if t.After(now) {
				break
			}
			if phase < 2 && r.IntN(4) == 0 {
				phase++
			}
			ev := genEvents[phase][r.IntN(len(genEvents[phase]))]
			e := order.Event{Time: order.Time{Time: t}, Text: ev.text, Location: ev.location, Carrier: ev.carrier, Number: origin}
			if phase == 2 && lastMile != "" && r.IntN(2) == 0 {
				e.Number = lastMile
			}
			if r.IntN(6) == 0 { // a carrier that gives no zone
				e.Time = order.Time{Time: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, time.UTC), NoZone: true}
			}
			pc.Events = append(pc.Events, e)
			if r.IntN(10) == 0 { // the same step reported twice
				pc.Events = append(pc.Events, e)
			}
			t = t.Add(time.Duration(r.IntN(5*24)+1) * time.Hour)
		}
		o.Parcels = append(o.Parcels, pc)
	}
	if r.IntN(10) == 0 && o.StatusText == "Awaiting shipment" {
		o.Parcels = nil
	}
	return o
}
