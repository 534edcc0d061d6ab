package main

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
)

// assess takes order.buyer.lang as the CLI takes --lang: any BCP 47 tag goes through
// advice.Resolve, and every language but English carries English copies of the texts for
// the seller and AliExpress support.
func TestAssessLangTags(t *testing.T) {
	now := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct{ tag, want string }{
		{"pt-BR", "pt"}, {"pt_BR", "pt"}, {"pt-PT", "pt"}, {"he-IL", "he"}, {"iw", "he"}, {"uk-UA", "uk"},
		{"ko-KR", "ko"}, {"TR", "tr"}, {"ru-RU", "ru"}, {"en-US", "en"}, {"zh-CN", "en"}, {"", "en"},
	} {
		order := `{"order_id":"8214937669763641","order_date":"2026-01-02T10:00:00Z","status_text":"Awaiting delivery",
			"buyer":{"lang":"` + tt.tag + `","country":"BR"},
			"parcels":[{"numbers":[{"number":"LP00123456789012"}],"events":[{"time":"2026-01-05T10:00:00Z","text":"Departed from sorting center"}]}]}`
		out, err := AssessOrder([]byte(order), now)
		if err != nil {
			t.Fatalf("%s: %v", tt.tag, err)
		}
		var a struct {
			Lang   string `json:"lang"`
			Advice []map[string]any
		}
		if err := json.Unmarshal(out, &a); err != nil {
			t.Fatal(err)
		}
		if a.Lang != tt.want {
			t.Errorf("buyer.lang %q: lang %q, want %q", tt.tag, a.Lang, tt.want)
		}
		if len(a.Advice) == 0 {
			t.Fatalf("%s: no advice to check", tt.tag)
		}
		for _, ad := range a.Advice {
			_, s := ad["seller_message_en"]
			_, d := ad["dispute_text_en"]
			if want := tt.want != "en"; s != want || d != want {
				t.Errorf("buyer.lang %q: English copies %v/%v, want %v", tt.tag, s, d, want)
			}
		}
	}
}

// The unions of orderwatch.d.ts name exactly the core's reason codes and situations.
func TestTypeScriptUnions(t *testing.T) {
	src, err := os.ReadFile("js/orderwatch.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	union := func(name string) []string {
		m := regexp.MustCompile(`(?s)export type ` + name + ` =(.*?);`).FindSubmatch(src)
		if m == nil {
			t.Fatalf("orderwatch.d.ts has no type %s", name)
		}
		var out []string
		for _, q := range regexp.MustCompile(`"([a-z_]+)"`).FindAllSubmatch(m[1], -1) {
			out = append(out, string(q[1]))
		}
		sort.Strings(out)
		return out
	}
	var codes, sits []string
	for _, c := range assess.ReasonCodes {
		codes = append(codes, string(c))
	}
	for _, s := range advice.Situations {
		sits = append(sits, string(s))
	}
	sort.Strings(codes)
	sort.Strings(sits)
	if got := union("ReasonCode"); !slices.Equal(got, codes) {
		t.Errorf("ReasonCode union %v, want assess.ReasonCodes %v", got, codes)
	}
	if got := union("Situation"); !slices.Equal(got, sits) {
		t.Errorf("Situation union %v, want advice.Situations %v", got, sits)
	}
}
