package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
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
