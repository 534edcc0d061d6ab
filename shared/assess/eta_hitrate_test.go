package assess

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The arrival window checked against parcels that were delivered: each delivered timeline is
// replayed event by event (the order as it stood right after each event before the delivery,
// assessed an hour later), and a replay is a hit when the real delivery day falls inside the
// window. The figure is logged (go test -run HitRate -v); README cites it.

type hitRate struct {
	hits, early, late, n int
	days                 float64 // summed window widths, in days
}

func (h *hitRate) add(e *ETA, delivered time.Time) {
	if e == nil {
		return
	}
	h.n++
	h.days += e.Latest.Sub(e.Earliest).Hours()/24 + 1
	d := day(delivered)
	switch {
	case d.Before(e.Earliest):
		h.early++
	case d.After(e.Latest):
		h.late++
	default:
		h.hits++
	}
}

func (h hitRate) rate() float64 {
	if h.n == 0 {
		return 0
	}
	return float64(h.hits) / float64(h.n)
}

// replay adds one replay per event before the first delivery of o's first parcel; false when
// the parcel was never delivered.
func replay(o order.Order, h *hitRate) bool {
	if len(o.Parcels) == 0 {
		return false
	}
	p := o.Parcels[0]
	a := Order(o, Options{Now: time.Now()})
	var evs []Event
	for _, pc := range a.Parcels {
		evs = append(evs, pc.Timeline...)
		break
	}
	di := -1
	for i, e := range evs {
		if e.Status == taxonomy.Delivered && e.At != nil && !e.Noise {
			di = i
			break
		}
	}
	if di < 1 {
		return false
	}
	delivered := *evs[di].At
	for k := 0; k < di; k++ {
		if evs[k].At == nil {
			continue
		}
		q := o
		q.Buyer.Received = nil
		q.StatusText = ""
		pc := p
		pc.Events = nil
		for _, e := range evs[:k+1] {
			pc.Events = append(pc.Events, order.Event{Time: e.Time, Text: e.Text, Location: e.Location, Carrier: e.Carrier, Number: e.Number})
		}
		q.Parcels = []order.Parcel{pc}
		h.add(Order(q, Options{Now: evs[k].At.Add(time.Hour)}).ETA, delivered)
	}
	return true
}

// TestETAHitRateScenarios: the delivered parcels of the assessment scenarios (written by the
// project: a small, synthetic set).
func TestETAHitRateScenarios(t *testing.T) {
	paths, _ := filepath.Glob("testdata/scenarios/*.json")
	var h hitRate
	parcels := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		o := loadOrder(t, p)
		if replay(o, &h) {
			parcels++
		}
	}
	if h.n == 0 {
		t.Fatal("no delivered parcel to replay")
	}
	t.Logf("scenarios: %d delivered parcels, %d replays: %d inside the window (%.0f%%), %d delivered before it, %d after it; mean window %.1f days",
		parcels, h.n, h.hits, 100*h.rate(), h.early, h.late, h.days/float64(h.n))
}

// TestETAHitRateReal: the delivered AliExpress parcels of real public captures
// (testdata/real, README there: one AliExpress Standard parcel to Brazil).
func TestETAHitRateReal(t *testing.T) {
	replayAll(t, "testdata/real/*.json", "real AliExpress captures")
}

// TestETAHitRateHeldOut: real delivered timelines kept out of the window's design
// (testdata/heldout, README there: two domestic Correios parcels), the first-sight figure.
func TestETAHitRateHeldOut(t *testing.T) {
	replayAll(t, "testdata/heldout/*.json", "held out (Correios)")
}

// replayAll replays every delivered order the pattern names and logs the window's hit rate.
func replayAll(t *testing.T, pattern, name string) {
	t.Helper()
	paths, _ := filepath.Glob(pattern)
	var h hitRate
	parcels := 0
	for _, p := range paths {
		if replay(loadOrder(t, p), &h) {
			parcels++
		}
	}
	if h.n == 0 {
		t.Fatalf("%s: no delivered parcel to replay", name)
	}
	t.Logf("%s: %d delivered parcels, %d replays: %d inside the window (%.0f%%), %d delivered before it, %d after it; mean window %.1f days",
		name, parcels, h.n, h.hits, 100*h.rate(), h.early, h.late, h.days/float64(h.n))
}

// TestETAHitRateFixtures replays the delivered timelines of real public carrier responses
// (ORDERWATCH_FIXTURES=<a directory of public carrier test fixtures: karrio, AfterShip, sledz-paczke,
// py17track test fixtures). They are not AliExpress parcels and carry no shipping method:
// express carriers' files are read as DHL/FedEx/UPS, the rest with the unknown method's range.
func TestETAHitRateFixtures(t *testing.T) {
	dir := os.Getenv("ORDERWATCH_FIXTURES")
	if dir == "" {
		t.Skip("set ORDERWATCH_FIXTURES to the public fixtures folder to measure on real timelines")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	var all, express hitRate
	parcels := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var v any
		if json.Unmarshal(b, &v) != nil {
			continue
		}
		method := ""
		base := strings.ToLower(filepath.Base(f))
		if regexp.MustCompile(`^(ups|dhl|fedex|tnt|aramex)`).MatchString(base) {
			method = "DHL / FedEx / UPS"
		}
		for i, evs := range timelines(v) {
			o := order.Order{ID: "manual-fixture-" + strings.TrimSuffix(base[:min(len(base), 30)], ".json") + "-" + string(rune('a'+i%26)), ShippingMethod: method,
				Parcels: []order.Parcel{{Numbers: []order.ParcelNumber{{Number: "FIXTURE1"}}, Events: evs}}}
			o.ID = regexp.MustCompile(`[^A-Za-z0-9-]`).ReplaceAllString(o.ID, "-")
			var h hitRate
			if replay(o, &h) {
				parcels++
				all.hits, all.early, all.late, all.n, all.days = all.hits+h.hits, all.early+h.early, all.late+h.late, all.n+h.n, all.days+h.days
				if method != "" {
					express.hits, express.early, express.late, express.n = express.hits+h.hits, express.early+h.early, express.late+h.late, express.n+h.n
				}
			}
		}
	}
	if all.n == 0 {
		t.Fatal("no delivered timeline found in the fixtures")
	}
	t.Logf("fixtures: %d delivered timelines, %d replays: %d inside the window (%.0f%%), %d delivered before it, %d after it; mean window %.1f days; express carriers: %d/%d",
		parcels, all.n, all.hits, 100*all.rate(), all.early, all.late, all.days/float64(all.n), express.hits, express.n)
}

var (
	timeKey  = regexp.MustCompile(`(?i)(date|time|timestamp)`)
	textKey  = regexp.MustCompile(`(?i)^(message|description|carrierEventDescription|eventDescription|status|event|text|Description|libelle.*)$`)
	placeKey = regexp.MustCompile(`(?i)^(location|locationName|city|eventCity|lieu|country_name)$`)
)

// timelines finds every list of at least three event-like objects (a time and a text) in v.
func timelines(v any) [][]order.Event {
	var out [][]order.Event
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, y := range x {
				walk(y)
			}
		case []any:
			var evs []order.Event
			for _, y := range x {
				m, ok := y.(map[string]any)
				if !ok {
					continue
				}
				var e order.Event
				keys := make([]string, 0, len(m))
				for k := range m {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					s, ok := m[k].(string)
					if !ok || s == "" {
						continue
					}
					switch {
					case e.Time.IsZero() && timeKey.MatchString(k):
						if t, err := order.ParseTime(s); err == nil {
							e.Time = t
						}
					case e.Text == "" && textKey.MatchString(k):
						e.Text = s
					case e.Location == "" && placeKey.MatchString(k):
						e.Location = s
					}
				}
				if !e.Time.IsZero() && e.Text != "" {
					evs = append(evs, e)
				}
			}
			if len(evs) >= 3 {
				out = append(out, evs)
			}
			for _, y := range x {
				walk(y)
			}
		}
	}
	walk(v)
	return out
}
