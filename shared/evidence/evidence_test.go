package evidence

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/order"
)

var update = flag.Bool("update", false, "rewrite the pack goldens from the current output")

// testNow is the assessment scenarios' clock (shared/assess/scenario_test.go).
var testNow = time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)

func pngURI(t testing.TB) string {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

func pack(t testing.TB, o order.Order, x Extra, lang string) string {
	t.Helper()
	out, err := Render(o, assess.Order(o, assess.Options{Now: testNow, Lang: lang}), x)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// selfContained fails when the document could load or run anything: scripts, style sheets,
// frames, objects, event handlers, CSS imports or urls, and pictures other than data: PNG/JPEG.
func selfContained(t *testing.T, doc string) {
	t.Helper()
	low := strings.ToLower(doc)
	for _, bad := range []string{"<script", "<link", "<iframe", "<object", "<embed", "<base", "<meta http-equiv=\"refresh"} {
		if strings.Contains(low, bad) {
			t.Errorf("the pack holds %q", bad)
		}
	}
	style := low[strings.Index(low, "<style>"):strings.Index(low, "</style>")]
	for _, bad := range []string{"@import", "url("} {
		if strings.Contains(style, bad) {
			t.Errorf("the style holds %q", bad)
		}
	}
	// Page text is escaped, so a '<' in the document always starts real markup: check the tags.
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(doc, -1) {
		// Attribute names only: quoted values are text (their quotes are escaped).
		names := regexp.MustCompile(`="[^"]*"`).ReplaceAllString(tag, "")
		if m := regexp.MustCompile(`(?i)\son[a-z]+\s*=`).FindString(names); m != "" || strings.Contains(names, "'") {
			t.Errorf("event handler or unquoted value in %.80q", tag)
		}
		for _, m := range regexp.MustCompile(`(?i)\ssrc="([^"]*)"`).FindAllStringSubmatch(tag, -1) {
			if !strings.HasPrefix(m[1], "data:image/png;base64,") && !strings.HasPrefix(m[1], "data:image/jpeg;base64,") {
				t.Errorf("picture from %.60q", m[1])
			}
		}
		for _, m := range regexp.MustCompile(`(?i)\shref="([^"]*)"`).FindAllStringSubmatch(tag, -1) {
			if !strings.HasPrefix(m[1], "https://global.cainiao.com/") && !strings.HasPrefix(m[1], "https://t.17track.net/") {
				t.Errorf("link to %q", m[1])
			}
		}
	}
}

// TestGoldens renders the pack of every assessment scenario and compares it with
// testdata/<name>.golden.html. Run with -update to rewrite them, then read the diff.
func TestGoldens(t *testing.T) {
	paths, _ := filepath.Glob("../assess/testdata/scenarios/*.json")
	n := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		n++
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			o, x, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			got := pack(t, o, x, "")
			selfContained(t, got)
			golden := filepath.Join("testdata", name+".golden.html")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(want) != got {
				t.Errorf("pack differs from %s; run go test ./shared/evidence -update and read the diff", golden)
			}
		})
	}
	if n < 20 {
		t.Errorf("%d scenarios, want at least 20", n)
	}
}

const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)>"' & <a href="javascript:alert(3)">x</a></textarea></style>`

// TestHostileText: script and markup in every page-derived string come out as text.
func TestHostileText(t *testing.T) {
	at := func(s string) order.Time { tm, _ := time.Parse(time.RFC3339, s); return order.Time{Time: tm} }
	o := order.Order{
		ID: "8200000000000777", Date: at("2026-02-20T00:00:00Z"), Store: "Shop " + hostile, StatusText: "Awaiting delivery",
		ShippingMethod: "AliExpress Standard " + hostile, Total: "US $1 " + hostile,
		Items:      []order.Item{{Title: "Item " + hostile, SKU: "sku " + hostile, Price: "1 " + hostile}},
		Protection: order.Protection{Text: "BP " + hostile},
		Promise:    order.Promise{RefundBy: at("2026-03-25T00:00:00Z"), Texts: []string{"Refund " + hostile}},
		Parcels: []order.Parcel{{
			Numbers: []order.ParcelNumber{{Number: "LP<script>1</script>", Carrier: "C " + hostile}, {Number: "RB123456785GB", Carrier: "Royal Mail", Role: order.RoleLastMile}},
			ETA:     order.ParcelETA{Text: "eta " + hostile},
			Events: []order.Event{
				{Time: at("2026-02-22T10:00:00+08:00"), Text: "Accepted " + hostile, Location: "Place " + hostile, Carrier: "Car " + hostile},
				{Time: at("2026-02-25T10:00:00+08:00"), Text: "Departed from country of origin", Location: "Shenzhen"},
			},
		}},
		Buyer: order.BuyerFacts{Country: "GB", City: "Leeds " + hostile},
	}
	x := Extra{Screenshots: []Screenshot{{Title: "Tab " + hostile, URL: "javascript:alert(4)", DataURI: pngURI(t)}}}
	if err := x.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "ru", "he"} {
		doc := pack(t, o, x, lang)
		selfContained(t, doc)
		if n := strings.Count(strings.ToLower(doc), "<img"); n != 1 {
			t.Errorf("%s: %d <img> elements, want the one screenshot", lang, n)
		}
		if n := strings.Count(doc, html.EscapeString("<script>alert(1)</script>")); n < 10 {
			t.Errorf("%s: the hostile text appears escaped %d times, want it in every field (≥10)", lang, n)
		}
		if strings.Contains(doc, "</textarea></style>") {
			t.Errorf("%s: a closing tag from the page came through", lang)
		}
	}
}

// TestEveryEventInPack (property): whatever the order, every event's text, place and carrier
// appear in the pack's timeline, escaped, once per event at least.
func TestEveryEventInPack(t *testing.T) {
	r := rand.New(rand.NewSource(14))
	words := []string{"Accepted", "Departed", "Arrived", "Customs", "Delivered", "Out for delivery", "Прибыло", "到达", "<b>", "&amp;", `"q"`, "'", "משלוח", "Zoll"}
	base := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 150; i++ {
		o := order.Order{ID: fmt.Sprintf("82000000%08d", i), Date: order.Time{Time: base}, ShippingMethod: []string{"AliExpress Standard Shipping", "ePacket", "", "Cainiao Super Economy"}[r.Intn(4)]}
		var all []order.Event
		for p := 0; p < 1+r.Intn(3); p++ {
			num := fmt.Sprintf("LP%014d", r.Int63n(1e14))
			pc := order.Parcel{Numbers: []order.ParcelNumber{{Number: num, Carrier: "Cainiao"}}}
			for e := 0; e < r.Intn(12); e++ {
				text := fmt.Sprintf("%s %s #%d-%d", words[r.Intn(len(words))], words[r.Intn(len(words))], p, e)
				ev := order.Event{Text: text, Location: words[r.Intn(len(words))] + fmt.Sprint(e), Carrier: "Carrier " + words[r.Intn(len(words))], Number: num}
				if r.Intn(6) > 0 {
					ev.Time = order.Time{Time: base.Add(time.Duration(r.Intn(60*24)) * time.Hour)}
					if r.Intn(4) == 0 {
						ev.Time.NoZone = true
					}
				}
				pc.Events = append(pc.Events, ev)
				all = append(all, ev)
			}
			o.Parcels = append(o.Parcels, pc)
		}
		doc := pack(t, o, Extra{}, []string{"en", "ru", "de", "he", "ko"}[r.Intn(5)])
		tl := doc[strings.Index(doc, `<section id="timeline">`):]
		tl = tl[:strings.Index(tl, "</section>")]
		for _, e := range all {
			for _, s := range []string{e.Text, e.Location, e.Carrier} {
				if !strings.Contains(tl, html.EscapeString(s)) {
					t.Fatalf("order %d: %q is not in the pack's timeline", i, s)
				}
			}
		}
		if rows, want := strings.Count(tl, "<tr data-event"), len(all); rows > want || rows < want-dupes(all) {
			t.Fatalf("order %d: %d timeline rows for %d events", i, rows, want)
		}
	}
}

// dupes counts events the timeline may merge: the same time, text and place.
func dupes(es []order.Event) int {
	seen, n := map[string]bool{}, 0
	for _, e := range es {
		k := e.Time.String() + e.Text + e.Location
		if seen[k] {
			n++
		}
		seen[k] = true
	}
	return n
}

func TestDecode(t *testing.T) {
	ok := pngURI(t)
	jpeg := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString([]byte("\xff\xd8\xff\xe0 rest"))
	in := func(shots string) []byte {
		return []byte(`{"order_id":"8200000000000001","evidence":{"screenshots":[` + shots + `]}}`)
	}
	shot := func(uri string) string {
		b, _ := json.Marshal(map[string]string{"data_uri": uri, "title": "t"})
		return string(b)
	}
	o, x, err := Decode(in(shot(ok) + "," + shot(jpeg)))
	if err != nil || o.ID != "8200000000000001" || len(x.Screenshots) != 2 {
		t.Fatalf("good input: %v %+v %v", o.ID, len(x.Screenshots), err)
	}
	svg := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte("<svg onload=alert(1)>"))
	for name, b := range map[string][]byte{
		"svg":           in(shot(svg)),
		"not base64":    in(shot("data:image/png;base64,@@@")),
		"not a png":     in(shot("data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte("GIF89a...")))),
		"http picture":  in(shot("https://example.com/a.png")),
		"too many":      in(strings.TrimSuffix(strings.Repeat(shot(ok)+",", MaxScreenshots+1), ",")),
		"unknown field": []byte(`{"order_id":"8200000000000001","evidence":{"screenshots":[],"script":"x"}}`),
		"bad order":     []byte(`{"order_id":"123","evidence":{}}`),
		"unknown order": []byte(`{"order_id":"8200000000000001","nonsense":1}`),
		"empty":         []byte(``),
		"too big":       in(shot("data:image/png;base64," + strings.Repeat("A", MaxScreenshotBytes))),
	} {
		if _, _, err := Decode(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// An order without the evidence member decodes as order.Decode does.
	if o, x, err := Decode([]byte(`{"order_id":"8200000000000001","store":"S"}`)); err != nil || o.Store != "S" || len(x.Screenshots) != 0 {
		t.Errorf("plain order: %+v %v", o, err)
	}
}

// TestScreenshotsAndLanguage: the screenshots are in the pack, the headings in the buyer's
// language, right to left for Hebrew.
func TestScreenshotsAndLanguage(t *testing.T) {
	b, err := os.ReadFile("../assess/testdata/scenarios/aliexpress_refund_promise.json")
	if err != nil {
		t.Fatal(err)
	}
	o, _, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	uri := pngURI(t)
	x := Extra{Screenshots: []Screenshot{{DataURI: uri, Title: "Tracking", URL: "https://www.aliexpress.com/p/tracking/index.html"}}}
	en := pack(t, o, x, "en")
	if !strings.Contains(en, `src="`+uri+`"`) || !strings.Contains(en, "Refund if not delivered by") || !strings.Contains(en, "18 March 2026") {
		t.Error("en pack lacks the screenshot, the refund heading or the refund date")
	}
	ru := pack(t, o, x, "ru")
	if !strings.Contains(ru, `lang="ru"`) || !strings.Contains(ru, "Доказательства для спора") {
		t.Error("ru pack is not in Russian")
	}
	if he := pack(t, o, x, "he"); advice.Lang("he").Code() == "he" && !strings.Contains(he, `dir="rtl"`) {
		t.Error("he pack is not right to left")
	}
	// A screenshot that did not pass Validate is left out.
	bad := pack(t, o, Extra{Screenshots: []Screenshot{{DataURI: "data:text/html;base64,PHNjcmlwdD4="}}}, "en")
	if strings.Contains(bad, "<img") {
		t.Error("an unchecked picture came through")
	}
}
