package main

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/evidence"
	"github.com/orderwatch/orderwatch/shared/number"
	"github.com/orderwatch/orderwatch/shared/order"
)

// TestTypeScriptContract keeps js/orderwatch.d.ts true to the Go JSON: each interface must
// list exactly the json fields of its Go struct, optional ("?") exactly when the field is
// omitted when empty. The values' types are checked at run time by the Node contract tests.
func TestTypeScriptContract(t *testing.T) {
	src, err := os.ReadFile("js/orderwatch.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	interfaces := parseInterfaces(t, string(src))
	contract := map[string]any{
		"ClassifyInput":    classify.Input{},
		"ClassifyResult":   classify.Result{},
		"NumberResult":     number.Result{},
		"Candidate":        number.Candidate{},
		"Link":             number.Link{},
		"Order":            order.Order{},
		"Item":             order.Item{},
		"OrderProtection":  order.Protection{},
		"OrderParcel":      order.Parcel{},
		"ParcelNumber":     order.ParcelNumber{},
		"OrderEvent":       order.Event{},
		"BuyerFacts":       order.BuyerFacts{},
		"Assessment":       assess.Assessment{},
		"Reason":           assess.Reason{},
		"Facts":            assess.Facts{},
		"Method":           assess.Method{},
		"Protection":       assess.Protection{},
		"ParcelAssessment": assess.Parcel{},
		"TimelineEvent":    assess.Event{},
		"Leg":              assess.Leg{},
		"Advice":           advice.Advice{},
		"ParcelETA":        order.ParcelETA{},
		"OrderPromise":     order.Promise{},
		"ETA":              assess.ETA{},
		"SiteETA":          assess.SiteETA{},
		"Trip":             assess.Trip{},
		"Screenshot":       evidence.Screenshot{},
		"EvidenceOptions":  EvidenceOptions{},
		"BatchError":       BatchError{},
	}
	for name, v := range contract {
		t.Run(name, func(t *testing.T) {
			got, ok := interfaces[name]
			if !ok {
				t.Fatalf("orderwatch.d.ts has no interface %s (for %T)", name, v)
			}
			if diff := cmp.Diff(jsonFields(reflect.TypeOf(v)), got); diff != "" {
				t.Errorf("interface %s does not match the JSON of %T (-want +got):\n%s", name, v, diff)
			}
		})
	}
}

// jsonFields lists a struct's JSON field names, with "?" after those omitted when empty.
func jsonFields(typ reflect.Type) []string {
	var fields []string
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
			name += "?"
		}
		fields = append(fields, name)
	}
	sort.Strings(fields)
	return fields
}

var (
	interfaceRE = regexp.MustCompile(`(?s)export interface (\w+) \{(.*?)\n\}`)
	fieldRE     = regexp.MustCompile(`(?m)^  (?:readonly )?(\w+)(\??):`)
)

// parseInterfaces reads the field names (with "?" for optional ones) of every exported
// interface in a declaration file written in this file's plain style.
func parseInterfaces(t *testing.T, src string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, m := range interfaceRE.FindAllStringSubmatch(src, -1) {
		var fields []string
		for _, f := range fieldRE.FindAllStringSubmatch(m[2], -1) {
			fields = append(fields, f[1]+f[2])
		}
		sort.Strings(fields)
		out[m[1]] = fields
	}
	if len(out) == 0 {
		t.Fatal("no interfaces found in orderwatch.d.ts")
	}
	return out
}
