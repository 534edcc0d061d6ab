package assess

import (
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// plainAssessment is Assessment for encoding/json: were a MarshalJSON method ever added, the
// comparison would still be with encoding/json's own reflective bytes.
type plainAssessment Assessment

func checkEncoding(t *testing.T, name string, a Assessment) {
	t.Helper()
	want, wantErr := json.Marshal(plainAssessment(a))
	got, gotErr := a.AppendJSON(nil)
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("%s: error %v, encoding/json's %v", name, gotErr, wantErr)
	}
	if gotErr != nil {
		return
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Fatalf("%s: mismatch (-want +got):\n%s", name, diff)
	}
}

// TestAppendJSONMatchesEncodingJSON: every scenario, a generated account in both languages
// and assessments with awkward strings and numbers encode byte for byte as encoding/json.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	paths, err := filepath.Glob("testdata/scenarios/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	n := 0
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		o := loadOrder(t, p)
		for _, lang := range []string{"en", "ru"} {
			checkEncoding(t, p+" "+lang, Order(o, Options{Now: testNow, Lang: lang}))
			n++
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 200 {
		o := genOrder(r, i, testNow)
		checkEncoding(t, "generated", Order(o, Options{Now: testNow, Lang: []string{"en", "ru"}[i%2]}))
		n++
	}
	odd := "<b>&amp;</b> \"q\" \\ \b\f\n\r\t\x00\x1f\x7f é \u2028\u2029 \xff\xfe 😀"
	a := Order(genOrder(r, 1, testNow), Options{Now: testNow})
	a.OrderID, a.Summary, a.Lang = odd, odd, odd
	a.Method.Name = odd
	a.Confidence = 1e-7
	if len(a.Reasons) > 0 {
		a.Reasons[0].Facts.Expected = odd
	}
	for i := range a.Parcels {
		a.Parcels[i].Legs = append(a.Parcels[i].Legs, Leg{Name: odd})
		for j := range a.Parcels[i].Timeline {
			a.Parcels[i].Timeline[j].Text = odd
			a.Parcels[i].Timeline[j].Confidence = []float64{0, 0.5, 1.0 / 3, 2e21, -1e-9, 123456789.125}[j%6]
		}
	}
	checkEncoding(t, "awkward strings and numbers", a)
	checkEncoding(t, "zero", Assessment{})
	checkEncoding(t, "year 10000", Assessment{Now: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
	t.Logf("%d assessments compared", n)
}

// BenchmarkEncodeAccount: the JSON of a generated 100-order account's assessments by
// encoding/json's reflection and by AppendJSON. (Offered as a MarshalJSON method, the
// appended bytes cost json.Marshal more than its reflection: it re-scans them.)
func BenchmarkEncodeAccount(b *testing.B) {
	orders, _ := benchAccount()
	as := make([]Assessment, len(orders))
	for i, o := range orders {
		as[i] = Order(o, Options{Now: testNow})
	}
	b.Run("reflect", func(b *testing.B) {
		for b.Loop() {
			for i := range as {
				if _, err := json.Marshal(plainAssessment(as[i])); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("AppendJSON", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for i := range as {
				var err error
				if buf, err = as[i].AppendJSON(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
