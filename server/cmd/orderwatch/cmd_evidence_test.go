package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEvidenceCommand(t *testing.T) {
	in, err := os.ReadFile("../../../shared/assess/testdata/scenarios/aliexpress_refund_promise.json")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"evidence", "--now", "2026-03-20T12:00:00Z", "--lang", "ru"}, func(string) string { return "" }, bytes.NewReader(in), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	doc := out.String()
	for _, want := range []string{"<!DOCTYPE html>", `lang="ru"`, "8200000000000091", "Package leaving origin country/region.", "LP00919191919191", "Refund if no delivery before Mar 18, 2026"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the pack lacks %q", want)
		}
	}
	for _, tc := range []struct{ name, in, want string }{
		{"bad json", `{"order_id":`, "invalid JSON"},
		{"bad id", `{"order_id":"12"}`, "order_id"},
		{"bad screenshot", `{"order_id":"8200000000000001","evidence":{"screenshots":[{"data_uri":"data:image/svg+xml;base64,PHN2Zz4="}]}}`, "evidence.screenshots[0].data_uri"},
	} {
		out.Reset()
		errOut.Reset()
		if code := run(context.Background(), []string{"evidence"}, func(string) string { return "" }, strings.NewReader(tc.in), &out, &errOut); code != 1 || out.Len() != 0 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d, stdout %d bytes, stderr %q; want exit 1, nothing written, an error naming %q", tc.name, code, out.Len(), errOut.String(), tc.want)
		}
	}
	if code := run(context.Background(), []string{"evidence", "--now", "yesterday"}, func(string) string { return "" }, strings.NewReader("{}"), &out, &errOut); code == 0 {
		t.Error("a bad --now was accepted")
	}
}

// TestEvidenceHistory: --history turns the buyer's delivered orders into the arrival window's
// basis; a bad line is named.
func TestEvidenceHistory(t *testing.T) {
	in, err := os.ReadFile("../../../shared/assess/testdata/scenarios/aliexpress_refund_promise.json")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, days := range []int{38, 40, 45} {
		lines = append(lines, fmt.Sprintf(`{"order_id":"82000000000001%02d","shipping_method":"AliExpress Standard Shipping","buyer":{"country":"ES"},"parcels":[{"numbers":[{"number":"LP0000000000%04d"}],"events":[{"time":"2025-10-01T10:00:00Z","text":"Accepted by carrier"},{"time":"%s","text":"Delivered"}]}]}`,
			i, i, time.Date(2025, 10, 1, 10, 0, 0, 0, time.UTC).AddDate(0, 0, days).Format(time.RFC3339)))
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "history.jsonl")
	if err := os.WriteFile(good, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	env := func(string) string { return "" }
	if code := run(context.Background(), []string{"evidence", "--now", "2026-03-20T12:00:00Z", "--lang", "en", "--history", good}, env, bytes.NewReader(in), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "from your own delivered orders by the same method to the same country (3)") {
		t.Error("the window does not rest on the three delivered orders")
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(lines[0]+"\n{\"order_id\":\"1\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run(context.Background(), []string{"evidence", "--history", bad}, env, bytes.NewReader(in), &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "--history line 2") {
		t.Errorf("bad history: exit %d, %q", code, errOut.String())
	}
}
