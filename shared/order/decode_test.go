package order

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestDecodeExample(t *testing.T) {
	b, err := os.ReadFile("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	o, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode(example.json): %v", err)
	}
	if o.ID != "8214937669763641" || len(o.Parcels) != 1 || len(o.Parcels[0].Events) != 5 {
		t.Fatalf("Decode(example.json) = id %q, %d parcels; want the example's order with 5 events", o.ID, len(o.Parcels))
	}
	last := o.Parcels[0].Events[4].Time
	if !last.NoZone {
		t.Errorf("event without offset: NoZone = false, want true")
	}
	if o.Parcels[0].Numbers[1].Role != RoleLastMile {
		t.Errorf("numbers[1].role = %q, want %q", o.Parcels[0].Numbers[1].Role, RoleLastMile)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // a part of the error that names the field or the problem
	}{
		{"empty", ``, "empty input"},
		{"not an object", `[1,2]`, "order: want an object"},
		{"syntax", `{"order_id": "8214937669763641",}`, "invalid JSON at byte"},
		{"truncated", `{"order_id": "8214937669763641"`, "unexpected end"},
		{"trailing data", `{"order_id": "8214937669763641"} {}`, "after the order object"},
		{"missing id", `{"store": "x"}`, "order_id: missing"},
		{"short id", `{"order_id": "12345"}`, "order_id: \"12345\" is not an AliExpress order number"},
		{"letters in id", `{"order_id": "82149376697636AB"}`, "only digits"},
		{"bad manual id", `{"order_id": "manual-"}`, "order_id:"},
		{"manual id with space", `{"order_id": "manual-a b"}`, "letters, digits and dashes"},
		{"unknown top field", `{"order_id": "8214937669763641", "nmae": 1}`, "nmae: unknown field"},
		{"unknown nested field", `{"order_id": "8214937669763641", "parcels": [{}, {"events": [{"text": "a"}, {"text": "b", "tiem": 1}]}]}`, "parcels[1].events[1].tiem: unknown field"},
		{"bad event time", `{"order_id": "8214937669763641", "parcels": [{}, {"events": [{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d","time":"yesterday"}]}]}`, "parcels[1].events[3].time: cannot read time"},
		{"time as wrong type", `{"order_id": "8214937669763641", "order_date": true}`, "order_date:"},
		{"number as string", `{"order_id": "8214937669763641", "items": [{"quantity": "2"}]}`, "items[0].quantity: want a whole number"},
		{"negative quantity", `{"order_id": "8214937669763641", "items": [{"quantity": -2}]}`, "items[0].quantity: -2 is negative"},
		{"string as number", `{"order_id": 8214937669763641}`, "order_id: want a string"},
		{"received not bool", `{"order_id": "8214937669763641", "buyer": {"received": "no"}}`, "buyer.received: want true or false"},
		{"bad country", `{"order_id": "8214937669763641", "buyer": {"country": "GBR"}}`, "buyer.country:"},
		{"empty number", `{"order_id": "8214937669763641", "parcels": [{"numbers": [{"number": " "}]}]}`, "parcels[0].numbers[0].number: empty"},
		{"bad role", `{"order_id": "8214937669763641", "parcels": [{"numbers": [{"number": "LP1", "role": "middle"}]}]}`, "parcels[0].numbers[0].role:"},
		{"empty event", `{"order_id": "8214937669763641", "parcels": [{"events": [{"text": ""}]}]}`, "parcels[0].events[0].text: empty"},
		{"absurd days left", `{"order_id": "8214937669763641", "protection": {"days_left": 99999}}`, "protection.days_left:"},
		{"long text", `{"order_id": "8214937669763641", "store": "` + strings.Repeat("x", MaxName+1) + `"}`, "store: 201 characters"},
		{"too large", `{"order_id": "8214937669763641", "store": "` + strings.Repeat("x", MaxBytes) + `"}`, "bytes, more than"},
		{"millis out of range", `{"order_id": "8214937669763641", "order_date": 12}`, "order_date: 12 is not a Unix time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			if err == nil {
				t.Fatalf("Decode(%.60q) succeeded, want an error containing %q", tt.in, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode(%.60q) error = %q, want it to contain %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestDecodeAccepts(t *testing.T) {
	tests := []struct{ name, in string }{
		{"id only", `{"order_id": "82149376697636"}`},
		{"19 digits", `{"order_id": "8214937669763641234"}`},
		{"manual", `{"order_id": "manual-3f1c2a9e-7d4b-4c1e-9a55-0b6f1e2d3c4a"}`},
		{"nulls", `{"order_id": "8214937669763641", "order_date": null, "parcels": null, "buyer": {"received": null}}`},
		{"millis and dates", `{"order_id": "8214937669763641", "order_date": 1771632000000, "parcels": [{"events": [{"code": "GTMS_ACCEPT", "time": "2026-02-23"}]}]}`},
		{"seller facts", `{"order_id": "8214937669763641", "buyer": {"seller_asked_at": "2026-03-20T09:00:00Z", "seller_replied": false}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Decode([]byte(tt.in)); err != nil {
				t.Errorf("Decode(%q) = %v, want no error", tt.in, err)
			}
		})
	}
}

// FuzzDecode checks that no input crashes the decoder and that whatever it accepts is valid
// and survives a round trip through its own JSON.
func FuzzDecode(f *testing.F) {
	if b, err := os.ReadFile("testdata/example.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"order_id": "8214937669763641", "parcels": [{"events": [{"text": "x", "time": 1771632000000}]}]}`))
	f.Add([]byte(`{"order_id": "manual-x", "protection": {"days_left": -3}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := Decode(b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "order: ") {
				t.Fatalf("error without package context: %v", err)
			}
			return
		}
		if err := o.Validate(); err != nil {
			t.Fatalf("Decode accepted an order that Validate rejects: %v", err)
		}
		enc, err := jsonMarshal(o)
		if err != nil {
			t.Fatalf("marshal accepted order: %v", err)
		}
		if _, err := Decode(enc); err != nil {
			t.Fatalf("round trip of an accepted order failed: %v\n%s", err, enc)
		}
	})
}

// TestValidShortcutsAgree: validate checks each field first without its name (built only for
// an error); for parcels with every kind of fault it reports the fault under the parcel's
// name, and the ETA's and the promise's shortcuts hold exactly when their checks pass.
func TestValidShortcutsAgree(t *testing.T) {
	day := func(d int) Time { return Time{Time: time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC)} }
	good := Parcel{
		ShippingMethod: "AliExpress Standard Shipping",
		Numbers:        []ParcelNumber{{Number: "LP00123456789012", Carrier: "Cainiao", Role: RoleOrigin}, {Number: "RB123456785GB", Role: RoleLastMile}},
		Events:         []Event{{Time: day(2), Text: "Accepted", Carrier: "Cainiao", Code: "GTMS_ACCEPT", Lang: "en", Number: "LP00123456789012", Location: "Shenzhen"}, {Code: "X1"}},
		ETA:            ParcelETA{Earliest: day(10), Latest: day(18), Text: "Mar. 18"},
	}
	long := func(n int) string { return strings.Repeat("é", n+1) }
	faults := []struct {
		field string // the field the error names, "" for none
		fault func(p *Parcel)
	}{
		{"", func(p *Parcel) {}},
		{".shipping_method", func(p *Parcel) { p.ShippingMethod = long(MaxName) }},
		{".shipping_method", func(p *Parcel) { p.ShippingMethod = "a\xffb" }},
		{".eta.text", func(p *Parcel) { p.ETA.Text = long(MaxName) }},
		{".eta", func(p *Parcel) { p.ETA.Earliest, p.ETA.Latest = day(18), day(10) }},
		{"", func(p *Parcel) { p.ETA.Earliest = Time{} }},
		{"", func(p *Parcel) { p.ETA.Latest = day(10) }},
		{".numbers", func(p *Parcel) { p.Numbers = make([]ParcelNumber, MaxNumbers+1) }},
		{".numbers[1].number", func(p *Parcel) { p.Numbers[1].Number = " " }},
		{".numbers[0].number", func(p *Parcel) { p.Numbers[0].Number = long(MaxNumber) }},
		{".numbers[0].carrier", func(p *Parcel) { p.Numbers[0].Carrier = long(MaxName) }},
		{".numbers[1].role", func(p *Parcel) { p.Numbers[1].Role = "courier" }},
		{"", func(p *Parcel) { p.Numbers[1].Role = "" }},
		{".events", func(p *Parcel) { p.Events = make([]Event, MaxEvents+1) }},
		{".events[1].text", func(p *Parcel) { p.Events[1].Code = " " }},
		{".events[0].text", func(p *Parcel) { p.Events[0].Text = long(MaxText) }},
		{".events[0].location", func(p *Parcel) { p.Events[0].Location = "\xc3" }},
		{".events[1].lang", func(p *Parcel) { p.Events[1].Lang = long(MaxLang) }},
		{".events[0].number", func(p *Parcel) { p.Events[0].Number = long(MaxNumber) }},
		{".events[0].code", func(p *Parcel) { p.Events[0].Code = long(MaxName) }},
		{".events[0].carrier", func(p *Parcel) { p.Events[0].Carrier = long(MaxName) }},
	}
	for i, tc := range faults {
		p := good
		p.Numbers = append([]ParcelNumber(nil), good.Numbers...)
		p.Events = append([]Event(nil), good.Events...)
		tc.fault(&p)
		err := Order{ID: "8214937669763641", Parcels: []Parcel{good, p}}.Validate()
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("fault %d: %v, want no error", i, err)
		case tc.field != "" && (err == nil || !strings.HasPrefix(err.Error(), "order: parcels[1]"+tc.field+": ")):
			t.Errorf("fault %d: %v, want an error about parcels[1]%s", i, err, tc.field)
		}
		if p.ETA.valid() != (p.ETA.validate("eta") == nil) {
			t.Errorf("fault %d: ETA valid() = %v, validate: %v", i, p.ETA.valid(), p.ETA.validate("eta"))
		}
	}
	for _, texts := range [][]string{{"Refund if no delivery before Apr 30"}, {"ok", long(MaxName)}, {"a\xffb"}} {
		err := Promise{Texts: texts}.validate()
		if ok := textsOK(texts); ok != (err == nil) {
			t.Errorf("promise %q: texts ok %v, validate: %v", texts, ok, err)
		}
	}
}

func textsOK(texts []string) bool {
	for _, s := range texts {
		if !textOK(s, MaxName) {
			return false
		}
	}
	return true
}
