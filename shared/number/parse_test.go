package number

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// Real numbers from public carrier responses, fixtures and documentation (carriers.json names
// each format's sources) unless the name says otherwise.
func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		kind      Kind
		valid     bool
		top       string   // format of the first candidate
		carrier   string   // carrier of the first candidate
		country   string   // country of the first candidate
		alsoFits  []string // other formats that must be among the candidates
		notValid  []string // formats that must not be valid candidates
		messageIs string   // a substring of the message ("" = no check)
	}{
		{name: "China Post registered small packet", input: "RI002972278CN", kind: TrackingNumber, valid: true, top: "s10", carrier: "China Post", country: "CN"},
		{name: "Hong Kong Post", input: "LK059460815HK", kind: TrackingNumber, valid: true, top: "s10", carrier: "Hong Kong Post", country: "HK"},
		{name: "Hong Kong Post parcel", input: "CP889331175HK", kind: TrackingNumber, valid: true, top: "s10", country: "HK"},
		{name: "Correios PAC", input: "PN871429404BR", kind: TrackingNumber, valid: true, top: "s10", country: "BR"},
		{name: "Correios", input: "JY183171564BR", kind: TrackingNumber, valid: true, top: "s10", country: "BR"},
		{name: "Swedish item tracked in Russia", input: "RD025500807SE", kind: TrackingNumber, valid: true, top: "s10", country: "SE"},
		{name: "La Poste international", input: "EW112720413FR", kind: TrackingNumber, valid: true, top: "s10", country: "FR"},
		{name: "PostNL international", input: "RE170227208NL", kind: TrackingNumber, valid: true, top: "s10", country: "NL"},
		{name: "Deutsche Post with spaces", input: "LY 537 008 690 DE", kind: TrackingNumber, valid: true, top: "s10", country: "DE"},
		{name: "S10 with a typo in the check digit", input: "RR123456789EE", kind: Invalid, valid: false, top: "s10", messageIs: "check digit"},
		{name: "S10 with a made-up country", input: "RD025500807SP", kind: Invalid, valid: false, top: "s10", messageIs: "SP is not a country code"},
		{name: "YunExpress waybill, YTO reading kept", input: "YT1432418888800049", kind: TrackingNumber, valid: true, top: "yunexpress", carrier: "YunExpress", alsoFits: []string{"yto_yt"}, messageIs: "several carriers"},
		{name: "AliExpress AE logistics code", input: "AE010698498", kind: TrackingNumber, valid: true, top: "aliexpress_ae"},
		{name: "Israel-bound code is not S10", input: "RS0814398526Y", kind: TrackingNumber, valid: true, top: "aliexpress_israel", notValid: []string{"s10"}},
		{name: "Israel-bound code", input: "UZ0556033196Y", kind: TrackingNumber, valid: true, top: "aliexpress_israel"},
		{name: "SF Express", input: "SF1011603494291", kind: TrackingNumber, valid: true, top: "sf_express", carrier: "SF Express"},
		{name: "Anjun Brazil", input: "AJ250101341570001", kind: TrackingNumber, valid: true, top: "anjun_br"},
		{name: "Shopee Xpress Brazil", input: "BR2561249217932", kind: TrackingNumber, valid: true, top: "shopee_br"},
		{name: "PostNL domestic", input: "3SKAAG5995399", kind: TrackingNumber, valid: true, top: "postnl_3s"},
		{name: "J&T Brazil: 15 bare digits, several readings", input: "888030556767025", valid: true, alsoFits: []string{"jt_express_br", "aliexpress_order_other"}},
		{name: "UPS", input: "1Z5R89390357567127", kind: TrackingNumber, valid: true, top: "ups", carrier: "UPS"},
		{name: "carrier name before the number", input: "UPS 1Z5R89390357567127", kind: TrackingNumber, valid: true, top: "ups"},
		{name: "two numbers on one line: the first that fits", input: "LP00123456789012 RI002972278CN", kind: TrackingNumber, valid: true, top: "cainiao_lp"},
		{name: "letters before the number that belong to it", input: "TBC 000000000000", kind: TrackingNumber, valid: true, top: "amazon_logistics"},
		{name: "Russian Post domestic with a valid check digit", input: "62009147017544", kind: TrackingNumber, valid: true, top: "russian_post_domestic", alsoFits: []string{"aliexpress_order_legacy"}, messageIs: "could also be an AliExpress order number"},
		{name: "14 digits failing the Russian Post check: an old order", input: "62009147017545", kind: OrderNumber, valid: true, top: "aliexpress_order_legacy", notValid: []string{"russian_post_domestic"}},
		{name: "current order number", input: "3031265788145237", kind: OrderNumber, valid: true, top: "aliexpress_order", carrier: "AliExpress order", messageIs: "not a tracking number"},
		{name: "order number as copied from the order list", input: "Order ID: 8214937669763641 Copy", kind: OrderNumber, valid: true, top: "aliexpress_order"},
		{name: "order link", input: "https://www.aliexpress.com/p/order/detail.html?orderId=8214937669763641", kind: OrderNumber, valid: true, top: "aliexpress_order"},
		{name: "Cainiao link", input: "https://global.cainiao.com/detail.htm?mailNoList=AE010698498", kind: TrackingNumber, valid: true, top: "aliexpress_ae"},
		{name: "jkeen DPD with spaces", input: "00 81827 0998 0000 0200 33 350 276 C", kind: TrackingNumber, valid: true, top: "dpd", country: "DE"},
		{name: "jkeen USPS IMpb", input: "9400 1112 0108 0805 4830 16", kind: TrackingNumber, valid: true, top: "usps_impb_n"},
		{name: "unknown format still gets somewhere to look", input: "ZZ99XX88YY77", kind: Invalid, valid: false, top: "unknown", messageIs: "try 17TRACK"},
		{name: "no digits", input: "hello world", kind: Invalid, valid: false, messageIs: "no digits"},
		{name: "empty", input: "   ", kind: Invalid, valid: false, messageIs: "no number found"},
		{name: "too long", input: strings.Repeat("1234567890", 10), kind: Invalid, valid: false, messageIs: "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.input)
			if tt.kind != "" && r.Kind != tt.kind {
				t.Errorf("kind = %q, want %q (%s)", r.Kind, tt.kind, describe(r))
			}
			if r.Valid != tt.valid {
				t.Errorf("valid = %v, want %v (%s)", r.Valid, tt.valid, describe(r))
			}
			if tt.top != "" {
				if len(r.Candidates) == 0 {
					t.Fatalf("no candidates, want %s first", tt.top)
				}
				top := r.Candidates[0]
				if top.Format != tt.top {
					t.Errorf("first candidate %s, want %s (%s)", top.Format, tt.top, describe(r))
				}
				if tt.carrier != "" && top.Carrier != tt.carrier {
					t.Errorf("carrier = %q, want %q", top.Carrier, tt.carrier)
				}
				if tt.country != "" && top.Country != tt.country {
					t.Errorf("country = %q, want %q", top.Country, tt.country)
				}
			}
			for _, f := range tt.alsoFits {
				if c, ok := candidateFor(r, f); !ok || !c.Valid {
					t.Errorf("%s is not a valid candidate (%s)", f, describe(r))
				}
			}
			for _, f := range tt.notValid {
				if c, ok := candidateFor(r, f); ok && c.Valid {
					t.Errorf("%s should not be a valid candidate (%s)", f, describe(r))
				}
			}
			if !strings.Contains(r.Message, tt.messageIs) {
				t.Errorf("message %q does not contain %q", r.Message, tt.messageIs)
			}
		})
	}
}

// TestParseNeverConfidentlyWrong: where formats overlap, every reading is offered and none
// scores as if it were certain.
func TestParseNeverConfidentlyWrong(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		expect []string
	}{
		{"YT: YunExpress or YTO", "YT2229521272164446", []string{"yunexpress", "yto_yt"}},
		{"14 digits: Russian Post or an old order", "62009147017544", []string{"russian_post_domestic", "aliexpress_order_legacy", "dhl_ecommerce_14"}},
		{"15 digits: J&T Brazil or an order", "888030556767025", []string{"jt_express_br", "aliexpress_order_other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.input)
			for _, f := range tt.expect {
				if _, ok := candidateFor(r, f); !ok {
					t.Errorf("missing candidate %s (%s)", f, describe(r))
				}
			}
			if r.Candidates[0].Score >= 0.8 {
				t.Errorf("first candidate scores %.2f on an ambiguous format (%s)", r.Candidates[0].Score, describe(r))
			}
			if r.Message == "" {
				t.Errorf("no message about the ambiguity (%s)", describe(r))
			}
			for i := 1; i < len(r.Candidates); i++ {
				if r.Candidates[i].Valid && r.Candidates[i].Score > r.Candidates[i-1].Score {
					t.Errorf("candidates not ranked: %s", describe(r))
				}
			}
		})
	}
}

func TestParseURLsEscapeTheNumber(t *testing.T) {
	// A compact form keeps the dash of LaserShip's "-1" suffix; URLs must carry it escaped
	// where needed, and never break out of the query.
	r := Parse("1LS7119013618127-1")
	c, ok := candidateFor(r, "lasership_lasership_1ls7_18")
	if !ok {
		t.Fatalf("LaserShip 1LS7 (18) not found: %s", describe(r))
	}
	var got []string
	for _, u := range c.URLs {
		got = append(got, u.URL)
	}
	want := []string{
		"https://global.cainiao.com/detail.htm?mailNoList=1LS7119013618127-1",
		"https://t.17track.net/en#nums=1LS7119013618127-1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("URLs mismatch (-want +got):\n%s", diff)
	}
	links := (&format{kind: TrackingNumber, trackingURL: "https://example.test/t?n=%s"}).urls("A&B #1", "X", Link{})
	if links[0].URL != "https://example.test/t?n=A%26B+%231" {
		t.Errorf("number not escaped: %s", links[0].URL)
	}
}

func TestParseAs(t *testing.T) {
	tests := []struct {
		name, input string
		want        Kind
		message     string
	}{
		{"order number pasted as a tracking number", "8214937669763641", TrackingNumber, "this is an AliExpress order number, not a tracking number: open the order on AliExpress to find its tracking number"},
		{"tracking number pasted as an order number", "SF1023574626292", OrderNumber, "this is a tracking number (SF Express), not an AliExpress order number"},
		{"right kind", "SF1023574626292", TrackingNumber, ""},
		{"either kind: the field decides", "62009147017544", OrderNumber, "read as an AliExpress order number, as asked; it could also be a Russian Post tracking number"},
		{"either kind: the field decides, tracking", "0073938000549297", TrackingNumber, "read as a Canada Post tracking number, as asked; it could also be an AliExpress order number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.message, ParseAs(tt.input, tt.want).Message); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"label, full-width, dashes and spaces", "Tracking number: ＬＰ 0012-3456 7890 12", "LP00123456789012"},
		{"zero-width space inside", "RI\u200b002972278CN", "RI002972278CN"},
		{"lower case with spaces", "rb 123 456 785 gb", "RB123456785GB"},
		{"order list text", "Order ID: 8214937669763641 Copy", "8214937669763641"},
		{"order link", "https://www.aliexpress.com/p/order/detail.html?orderId=8214937669763641", "8214937669763641"},
		{"Russian label", "Трек-номер: RA123456789RU", "RA123456789RU"},
		{"Chinese label and full-width colon", "运单号：YT2229521272164446", "YT2229521272164446"},
		{"ideographic spaces around full-width", "\u3000ＲＩ００２９７２２７８ＣＮ\u3000", "RI002972278CN"},
		{"en dashes", "YT–2229–5212–7216–4446", "YT2229521272164446"},
		{"label word before, country code after", "ORDER NO 8214937669763641", "8214937669763641"},
		{"country code DE kept at the end", "LY 537 008 690 DE", "LY537008690DE"},
		{"No. label", "No. 62009147017544", "62009147017544"},
		{"letters split off by spaces", "1LS CX VE00 58631Y", "1LSCXVE0058631Y"},
		{"invalid UTF-8 around a number", "\xffRI002972278CN\xfe", "RI002972278CN"},
		{"no digits keeps the letters", "hello world", "HELLOWORLD"},
		{"a sentence: short words are not prefixes", "Your order 8214937669763641 has shipped", "8214937669763641"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.input)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.input, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: Normalize(%q) = %q", got, again)
			}
		})
	}
}

func TestChecksums(t *testing.T) {
	tests := []struct {
		name          string
		sum           checksum
		serial, check string
		want          bool
	}{
		{"s10 remainder 0 gives 5", checksum{Name: "s10"}, "12345678", "5", true},
		{"s10 wrong", checksum{Name: "s10"}, "12345678", "6", false},
		{"mod7", checksum{Name: "mod7"}, "331881002", "5", true},
		{"mod7 wrong", checksum{Name: "mod7"}, "331881001", "0", false},
		{"luhn", checksum{Name: "luhn"}, "7992739871", "3", true},
		{"luhn wrong", checksum{Name: "luhn"}, "7992739871", "4", false},
		{"mod 37/36 letter check", checksum{Name: "mod_37_36"}, "008182709980000020033350276", "C", true},
		{"mod 37/36 wrong", checksum{Name: "mod_37_36"}, "008182709980000020033350276", "A", false},
		{"russian post mod10", checksum{Name: "mod10", EvensMultiplier: 3, OddsMultiplier: 1}, "6200914701754", "4", true},
		{"check is not a digit", checksum{Name: "mod10", EvensMultiplier: 3, OddsMultiplier: 1}, "6200914701754", "X", false},
		{"sum product", checksum{Name: "sum_product_with_weightings_and_modulo", Weightings: []int{3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1}, Modulo1: 11, Modulo2: 10}, "98657878885", "5", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.sum.valid(tt.serial, tt.check); got != tt.want {
				t.Errorf("%s(%s, %s) = %v, want %v", tt.sum.Name, tt.serial, tt.check, got, tt.want)
			}
		})
	}
}

func TestPatternLookAhead(t *testing.T) {
	tests := []struct {
		name, pattern, input string
		want                 bool
	}{
		{"negative look-ahead refuses", "^(?!9\\s*1).+", "9101", false},
		{"negative look-ahead accepts", "^(?!9\\s*1).+", "7196", true},
		{"positive look-ahead wants a digit first", "^(?=[^0-9A-Z]*[0-9])[0-9A-Z]{3}$", "AB1", false},
		{"positive look-ahead finds a digit first", "^(?=[^0-9A-Z]*[0-9])[0-9A-Z]{3}$", "1BC", true},
		{"look-ahead fixes the length of what follows", "^[0-9]{2}(?=[0-9]{3}$)[0-9]+$", "12345", true},
		{"look-ahead fixes the length of what follows, too long", "^[0-9]{2}(?=[0-9]{3}$)[0-9]+$", "123456", false},
		{"backtracking into an alternative after a failed look-ahead", "^(?:[0-9]{2}|[0-9]{3})(?=X)[0-9X]+$", "123X", true},
		{"lazy repeat", "^A+?B$", "AAB", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := compilePattern(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.find(tt.input); got != tt.want {
				t.Errorf("%s on %q = %v, want %v", tt.pattern, tt.input, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"(", "[a-", "a{2,1}", "(?<>x)", "\\", "(?#x)", "*a", "(?=a)*"} {
		if _, err := compilePattern(bad); err == nil {
			t.Errorf("pattern %q compiled; want an error", bad)
		}
	}
}

func describe(r Result) string {
	b, _ := json.Marshal(struct {
		Kind    Kind
		Message string
		Top     []string
	}{r.Kind, r.Message, topFormats(r)})
	return string(b)
}

func topFormats(r Result) []string {
	var out []string
	for _, c := range r.Candidates {
		out = append(out, c.Format)
	}
	return out
}

func FuzzParse(f *testing.F) {
	for _, s := range benchInputs {
		f.Add(s)
	}
	// Hostile pastes: spaces and lower case, full-width digits, a zero-width space, 10 KB.
	for _, s := range []string{" rb123456789cn ", "ＬＰ１２３", "LP\u200b123", strings.Repeat("LP0", 3414)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		r := Parse(input)
		n := Normalize(input)
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", input, n, again)
		}
		if r.Valid && len(r.Candidates) == 0 {
			t.Fatalf("valid result without candidates for %q", input)
		}
		if r.Candidates == nil {
			t.Fatalf("nil candidates for %q", input)
		}
		for i := 0; i < len(r.Normalized); i++ {
			if c := r.Normalized[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' && r.Valid) {
				t.Fatalf("normalized %q has %q", r.Normalized, c)
			}
		}
		if r.Valid {
			// The normalised number is the canonical one: reading it again gives the same answer.
			again := Parse(r.Normalized)
			if again.Normalized != r.Normalized || again.Kind != r.Kind || again.Candidates[0].Format != r.Candidates[0].Format {
				t.Fatalf("Parse(%q) = %s %s %s; Parse(%q) = %s %s %s", input, r.Normalized, r.Kind, r.Candidates[0].Format,
					r.Normalized, again.Normalized, again.Kind, again.Candidates[0].Format)
			}
		}
		for _, c := range r.Candidates {
			if c.Score < 0 || c.Score > 1 || len(c.URLs) == 0 {
				t.Fatalf("bad candidate %+v for %q", c, input)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(b) || !utf8.ValidString(r.Input) {
			t.Fatalf("output is not valid UTF-8 for %q", input)
		}
	})
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestParseGolden keeps the full Result of real inputs (testdata/numbers.txt) stable: a change
// in ranking, wording or URLs shows up as a diff to review.
func TestParseGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/numbers.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	for _, line := range strings.Split(string(raw), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := enc.Encode(Parse(line)); err != nil {
			t.Fatal(err)
		}
	}
	const golden = "testdata/numbers.golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got.String(), "\n")); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
