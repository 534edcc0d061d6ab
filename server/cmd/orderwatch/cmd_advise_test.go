package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/order"
)

func runAdviseCmd(t *testing.T, args []string, stdin io.Reader) (code int, out, errOut string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code = run(context.Background(), append([]string{"advise"}, args...), func(string) string { return "" }, stdin, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func exampleOrder(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../../shared/order/testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// compact puts an order on one line, for --lines input.
func compact(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// adviseJSON is the part of the assessment the command-line tests read back.
type adviseJSON struct {
	OrderID         string `json:"order_id"`
	Status          string `json:"status"`
	Stage           string `json:"stage"`
	Verdict         string `json:"verdict"`
	DaysSinceUpdate *int   `json:"days_since_update"`
	Lang            string `json:"lang"`
	Reasons         []struct {
		Code string `json:"code"`
		Text string `json:"text"`
	} `json:"reasons"`
	Protection struct {
		Deadline *string `json:"deadline"`
		Source   string  `json:"source"`
		DaysLeft *int    `json:"days_left"`
	} `json:"protection"`
	Advice []struct {
		Situation     string   `json:"situation"`
		Steps         []string `json:"steps"`
		Evidence      []string `json:"evidence"`
		SellerMessage string   `json:"seller_message"`
		DisputeText   string   `json:"dispute_text"`
	} `json:"advice"`
}

func TestAdviseJSON(t *testing.T) {
	args := []string{"--json", "--now", "2026-03-20T12:00:00Z"}
	code, out, errOut := runAdviseCmd(t, args, bytes.NewReader(exampleOrder(t)))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var a adviseJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if a.OrderID != "8214937669763641" || a.Protection.Source != "page" || a.Protection.Deadline == nil ||
		*a.Protection.Deadline != "2026-04-22T00:00:00Z" || a.Protection.DaysLeft == nil || *a.Protection.DaysLeft != 32 {
		t.Errorf("assessment = %+v, want the example order with protection from the page ending 2026-04-22, 32 days left", a)
	}
	if a.Verdict == "" || a.Stage == "" || a.Status == "" || a.DaysSinceUpdate == nil || len(a.Reasons) == 0 {
		t.Errorf("assessment lacks verdict, stage, status, days_since_update or reasons: %+v", a)
	}
	// --now makes the output reproducible.
	_, again, _ := runAdviseCmd(t, args, bytes.NewReader(exampleOrder(t)))
	if again != out {
		t.Error("two runs with the same --now gave different output")
	}
}

func TestAdviseHuman(t *testing.T) {
	tests := []struct {
		name string
		lang string
		want []string
	}{
		{"english", "en", []string{"Order 8214937669763641", "Buyer Protection: 22 April 2026", "Parcel 1: LP00123456789012 (Cainiao), RB123456785GB (Royal Mail)", "Route:", "Why:"}},
		{"russian", "ru", []string{"Заказ 8214937669763641", "Защита покупателя: 22 апреля 2026", "Посылка 1:", "Маршрут:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runAdviseCmd(t, []string{"--now", "2026-03-20T12:00:00Z", "--lang", tt.lang}, bytes.NewReader(exampleOrder(t)))
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestAdviseLines(t *testing.T) {
	good := compact(t, exampleOrder(t))
	second := strings.Replace(good, "8214937669763641", "8214937669763642", 1)
	huge := `{"order_id": "8214937669763643", "store": "` + strings.Repeat("x", order.MaxBytes+10) + `"}`
	input := strings.Join([]string{
		good,
		`{"order_id": "8214937669763641", "parcels": [{"events": [{"text": "x", "tiem": "2026-03-01"}]}]}`,
		"",
		`{"order_id": "123"}`,
		huge,
		`not json`,
		second,
	}, "\n") + "\n"
	code, out, errOut := runAdviseCmd(t, []string{"--lines", "--json", "--now", "2026-03-20T12:00:00Z"}, strings.NewReader(input))
	if code != 1 {
		t.Errorf("exit %d, want 1 because some lines were bad", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d output lines, want 2 (the good orders):\n%s", len(lines), out)
	}
	for i, id := range []string{"8214937669763641", "8214937669763642"} {
		var a adviseJSON
		if err := json.Unmarshal([]byte(lines[i]), &a); err != nil || a.OrderID != id {
			t.Errorf("output line %d = %.80s (err %v), want the assessment of %s", i+1, lines[i], err, id)
		}
	}
	for _, want := range []string{
		"line 2: order: parcels[0].events[0].tiem: unknown field",
		"line 4: order: order_id:",
		"line 5: order: longer than",
		"line 6: order: invalid JSON",
		"4 of 6 orders could not be read",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestAdviseErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		input string
		code  int
		want  string
	}{
		{"bad field", nil, `{"order_id": "8214937669763641", "buyer": {"received": "yes"}}`, 1, "buyer.received: want true or false"},
		{"missing id", nil, `{"parcels": []}`, 1, "order_id: missing"},
		{"empty input", nil, ``, 1, "empty input"},
		{"bad now", []string{"--now", "yesterday"}, `{"order_id": "8214937669763641"}`, 1, "--now"},
		{"unknown flag", []string{"--colour"}, ``, 2, "flag provided but not defined"},
		{"argument", []string{"order.json"}, ``, 2, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runAdviseCmd(t, tt.args, strings.NewReader(tt.input))
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	if code, _, errOut := runAdviseCmd(t, []string{"--help"}, strings.NewReader("")); code != 0 || !strings.Contains(errOut, "usage: orderwatch advise") {
		t.Errorf("--help: exit %d, stderr %q", code, errOut)
	}
}

// TestAdviseMinimalOrder: an order with nothing but its id is assessed, not rejected.
func TestAdviseMinimalOrder(t *testing.T) {
	code, out, errOut := runAdviseCmd(t, []string{"--json", "--now", "2026-03-20T12:00:00Z"}, strings.NewReader(`{"order_id": "manual-abc"}`))
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var a adviseJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil || a.OrderID != "manual-abc" || a.Stage != "not_shipped" {
		t.Errorf("assessment = %+v (err %v), want manual-abc not shipped", a, err)
	}
}

// TestAdviseAllScenarios prints every scenario of the assessment tests for a person, in
// every language, and checks that no text is missing (a missing text shows as its key).
func TestAdviseAllScenarios(t *testing.T) {
	paths, err := filepath.Glob("../../../shared/assess/testdata/scenarios/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios found: %v", err)
	}
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range advice.Languages() {
			code, out, errOut := runAdviseCmd(t, []string{"--now", "2026-03-20T12:00:00Z", "--lang", lang}, bytes.NewReader(b))
			if code != 0 {
				t.Errorf("%s (%s): exit %d, %s", filepath.Base(path), lang, code, errOut)
				continue
			}
			for _, bad := range []string{"labels.", "reasons.", "situations.", "status.", "stage.", "verdict.", "<nil>", "{{"} {
				if strings.Contains(out, bad) {
					t.Errorf("%s (%s): output contains %q:\n%s", filepath.Base(path), lang, bad, out)
				}
			}
		}
	}
}

// --lang takes the same tags as the WebAssembly module (advice.Resolve); every language but
// English also carries English copies of the seller message and the dispute text.
func TestAdviseLangTags(t *testing.T) {
	for _, tt := range []struct{ tag, want string }{
		{"pt-BR", "pt"}, {"pt_br", "pt"}, {"iw", "he"}, {"he-IL", "he"}, {"uk-UA", "uk"}, {"KO", "ko"}, {"en-GB", "en"}, {"ru", "ru"},
	} {
		code, out, errOut := runAdviseCmd(t, []string{"--json", "--now", "2026-03-20T12:00:00Z", "--lang", tt.tag}, bytes.NewReader(exampleOrder(t)))
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", tt.tag, code, errOut)
		}
		var a struct {
			Lang   string `json:"lang"`
			Advice []struct {
				SellerMessage   string  `json:"seller_message"`
				SellerMessageEn *string `json:"seller_message_en"`
				DisputeTextEn   *string `json:"dispute_text_en"`
			} `json:"advice"`
		}
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatal(err)
		}
		if a.Lang != tt.want {
			t.Errorf("--lang %s: lang %q, want %q", tt.tag, a.Lang, tt.want)
		}
		if len(a.Advice) == 0 {
			t.Fatalf("--lang %s: no advice to check", tt.tag)
		}
		for _, ad := range a.Advice {
			if english := tt.want == "en"; english != (ad.SellerMessageEn == nil) || english != (ad.DisputeTextEn == nil) {
				t.Errorf("--lang %s: English copies present = %v", tt.tag, ad.SellerMessageEn != nil)
			} else if !english && (*ad.SellerMessageEn == ad.SellerMessage || !strings.HasPrefix(*ad.SellerMessageEn, "Hello")) {
				t.Errorf("--lang %s: seller_message_en %q", tt.tag, *ad.SellerMessageEn)
			}
		}
	}
	code, _, errOut := runAdviseCmd(t, []string{"--now", "2026-03-20T12:00:00Z", "--lang", "xx"}, bytes.NewReader(exampleOrder(t)))
	if code != 0 || !strings.Contains(errOut, `no texts for language "xx"`) {
		t.Errorf("--lang xx: exit %d, stderr %q", code, errOut)
	}
}
