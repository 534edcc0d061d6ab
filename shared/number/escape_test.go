package number

import (
	"net/url"
	"testing"
)

// queryEscape must give exactly url.QueryEscape's answer (the links must not change).
func TestQueryEscape(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{name: "plain number", in: "RB123456785GB"},
		{name: "empty", in: ""},
		{name: "space and plus", in: "1Z 999+AA1"},
		{name: "unreserved", in: "a-b_c.d~e"},
		{name: "reserved", in: "a/b?c=d&e#f%g"},
		{name: "utf-8", in: "номер 运单"},
		{name: "control and high bytes", in: "\x00\x1f\x7f\xff"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := queryEscape(tt.in), url.QueryEscape(tt.in); got != want {
				t.Errorf("queryEscape(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func FuzzQueryEscape(f *testing.F) {
	f.Add("RB123456785GB")
	f.Add("a b/c")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := queryEscape(s), url.QueryEscape(s); got != want {
			t.Errorf("queryEscape(%q) = %q, want %q", s, got, want)
		}
	})
}
