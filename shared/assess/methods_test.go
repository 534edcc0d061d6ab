package assess

import (
	"slices"
	"strings"
	"testing"
)

func TestLookupMethod(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		id    string
		known bool
	}{
		{"standard", "AliExpress Standard Shipping", "aliexpress_standard", true},
		{"standard lower case", "aliexpress standard shipping", "aliexpress_standard", true},
		{"selection", "AliExpress Selection Shipping", "aliexpress_standard", true},
		{"saver", "AliExpress Saver Shipping", "aliexpress_saver", true},
		{"super economy", "Cainiao Super Economy Global", "aliexpress_saver", true},
		{"premium", "AliExpress Premium Shipping", "aliexpress_premium", true},
		{"epacket", "ePacket", "epacket", true},
		{"e-packet", "China Post e-Packet", "epacket", true},
		{"china post", "China Post Registered Air Mail", "china_post", true},
		{"china post ordinary", "China Post Ordinary Small Packet Plus", "china_post", true},
		{"dhl", "DHL", "express", true},
		{"fedex", "FedEx IP", "express", true},
		{"ups", "UPS Expedited", "express", true},
		{"ups inside a word is not ups", "Groups Shipping", "unknown", false},
		{"unknown", "Seller's Shipping Method", "unknown", false},
		{"empty", "", "unknown", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, known := lookupMethod(tt.in)
			if m.ID != tt.id || known != tt.known {
				t.Errorf("lookupMethod(%q) = %s, known %v; want %s, known %v", tt.in, m.ID, known, tt.id, tt.known)
			}
			if m.MinDays <= 0 || m.MaxDays < m.MinDays || m.ProtectionDays < m.MaxDays {
				t.Errorf("lookupMethod(%q): implausible days %d–%d, protection %d", tt.in, m.MinDays, m.MaxDays, m.ProtectionDays)
			}
		})
	}
}

// TestMethodTable holds the table to shared/DESIGN.md §3.
func TestMethodTable(t *testing.T) {
	want := map[string][2]int{
		"aliexpress_standard": {15, 30}, "aliexpress_saver": {25, 45}, "aliexpress_premium": {7, 15},
		"epacket": {10, 20}, "china_post": {20, 40}, "express": {3, 7},
	}
	for _, m := range methods {
		if w, ok := want[m.ID]; !ok || w != [2]int{m.MinDays, m.MaxDays} {
			t.Errorf("%s: %d–%d days, want %v", m.ID, m.MinDays, m.MaxDays, w)
		}
		delete(want, m.ID)
	}
	if len(want) > 0 {
		t.Errorf("methods missing from the table: %v", want)
	}
	for _, express := range []bool{false, true} {
		for stage, r := range silenceRules[express] {
			if r.Act != 0 && r.Act <= r.Watch {
				t.Errorf("express=%v %s: act after %d days is not after watch (%d)", express, stage, r.Act, r.Watch)
			}
		}
	}
}

func TestCountryIn(t *testing.T) {
	tests := []struct {
		location, home, want string
	}{
		{"London, GB", "GB", "GB"},
		{"Madrid, Spain", "GB", "ES"},
		{"MADRID SPAIN", "GB", "ES"},
		{"Москва, Россия", "GB", "RU"},
		{"Chicago, IL", "US", ""}, // Illinois, not Israel
		{"Tel Aviv, IL", "GB", "IL"},
		{"St. John's, NL", "CA", ""}, // Newfoundland, not the Netherlands
		{"Sydney, New South Wales", "AU", ""},
		{"Leeds Mail Centre", "GB", ""},
		{"Hong Kong", "GB", "HK"},
		{"", "GB", ""},
		{"Leeds MC", "GB", ""},
	}
	for _, tt := range tests {
		if got := countryIn(tt.location, tt.home); got != tt.want {
			t.Errorf("countryIn(%q, %q) = %q, want %q", tt.location, tt.home, got, tt.want)
		}
	}
}

func TestFoldHash(t *testing.T) {
	same := [][2]string{
		{"Accepted by carrier", "accepted  by CARRIER"},
		{" Delivered ", "delivered"},
		{"Прибыло в место вручения", "прибыло  в МЕСТО вручения"},
	}
	for _, p := range same {
		if foldHash(p[0]) != foldHash(p[1]) {
			t.Errorf("foldHash(%q) != foldHash(%q)", p[0], p[1])
		}
	}
	if foldHash("Delivered") == foldHash("Delivered to neighbour") || foldHash("ab c") == foldHash("a bc") {
		t.Error("different texts hash alike")
	}
}

// TestCountryTables: countryCodes is countryNames' keys in order, every name is written as
// splitWords reads a location (so countryByName needs no normalising at start-up), and
// countryByName is the index that normalising every name would build, a name two countries
// share going to the last code in order.
func TestCountryTables(t *testing.T) {
	var keys []string
	for c := range countryNames {
		keys = append(keys, c)
	}
	slices.Sort(keys)
	if !slices.Equal(countryCodes, keys) {
		t.Errorf("countryCodes = %q, want countryNames' keys in order %q", countryCodes, keys)
	}
	want := map[string]string{}
	for _, code := range keys {
		for _, n := range countryNames[code] {
			norm := strings.Join(splitWords(n), " ")
			if norm != n {
				t.Errorf("%s: name %q is read as %q", code, n, norm)
			}
			want[norm] = code
		}
	}
	if len(countryByName) != len(want) {
		t.Errorf("countryByName has %d names, want %d", len(countryByName), len(want))
	}
	for n, code := range want {
		if countryByName[n] != code {
			t.Errorf("countryByName[%q] = %q, want %q", n, countryByName[n], code)
		}
	}
}
