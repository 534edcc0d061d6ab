package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server/api"
	"github.com/orderwatch/orderwatch/server/store/storetest"
)

func jsonEncode(w io.Writer, v any) error { return json.NewEncoder(w).Encode(v) }

// TestOpenAPIMatchesRoutes compares the document's paths and methods with the routes the
// server really registers, both ways.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	db := storetest.Open(t, storetest.Databases()[0].DSN(t))
	srv, err := api.NewServer(api.Config{Secret: testSecret}, db, db)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	var documented, registered []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	param := regexp.MustCompile(`:([a-z_]+)`)
	for _, r := range srv.Routes() {
		registered = append(registered, r.Method+" "+param.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(documented)
	slices.Sort(registered)
	if diff := cmp.Diff(documented, registered); diff != "" {
		t.Errorf("OpenAPI paths and registered routes differ (-documented +registered):\n%s", diff)
	}
}

func TestServedOpenAPIAndHealth(t *testing.T) {
	e := start(t, storetest.Databases()[0].DSN(t), nil)
	r := e.do("GET", "/api/openapi.json", "", nil)
	want(t, r, 200)
	if !bytes.Equal(r.Body, api.OpenAPI()) || r.Header.Get("Content-Type") != "application/json" {
		t.Errorf("served document differs or has type %q", r.Header.Get("Content-Type"))
	}
	want(t, e.do("GET", "/healthz", "", nil), 200)
	want(t, e.do("GET", "/readyz", "", nil), 200)
	e.db.Close()
	r = e.do("GET", "/readyz", "", nil)
	want(t, r, 503)
	r.errorCode(t)
}

func TestOneErrorShapeEverywhere(t *testing.T) {
	e := start(t, storetest.Databases()[0].DSN(t), nil)
	_, tk := e.user()
	tests := []struct {
		name, method, path, token, body string
		status                          int
	}{
		{"unknown route", "GET", "/nope", "", "", 404},
		{"unknown API route", "GET", "/api/v1/nope", tk.AccessToken, "", 404},
		{"wrong method", "PATCH", "/api/v1/orders", tk.AccessToken, "", 405},
		{"no token", "GET", "/api/v1/orders", "", "", 401},
		{"bad order id", "GET", "/api/v1/orders/x", tk.AccessToken, "", 400},
		{"missing order", "GET", "/api/v1/orders/" + orderID(1), tk.AccessToken, "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != "" {
				body = tt.body
			}
			r := e.do(tt.method, tt.path, tt.token, body)
			want(t, r, tt.status)
			r.errorCode(t)
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

func TestBodyLimits(t *testing.T) {
	e := start(t, storetest.Databases()[0].DSN(t), nil)
	_, tk := e.user()
	t.Run("Content-Length of 10 MB on push", func(t *testing.T) {
		req, _ := http.NewRequest("POST", e.url+"/api/v1/sync/push", io.LimitReader(zeros{}, 10<<20))
		req.ContentLength = 10 << 20
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
		r := e.send(req)
		want(t, r, 413)
		r.errorCode(t)
	})
	t.Run("2 MB chunked push", func(t *testing.T) {
		body := `{"device_id":"d","mutations":[{"mutation_id":"a","order_id":"` + orderID(1) + `","base_version":0,"op":"upsert","data":{"note":"` + strings.Repeat("x", 2<<20) + `"}}]}`
		req, _ := http.NewRequest("POST", e.url+"/api/v1/sync/push", io.NopCloser(strings.NewReader(body)))
		req.ContentLength = -1 // chunked: no length to check up front
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
		r := e.send(req)
		want(t, r, 413)
	})
	t.Run("100 KB chunked login", func(t *testing.T) {
		body := `{"email":"a@x.io","password":"` + strings.Repeat("p", 100<<10) + `"}`
		req, _ := http.NewRequest("POST", e.url+"/api/v1/auth/login", io.NopCloser(strings.NewReader(body)))
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/json")
		want(t, e.send(req), 413)
	})
	t.Run("a 900 KB push is accepted", func(t *testing.T) {
		var muts []map[string]any
		for i := 0; i < 300; i++ {
			muts = append(muts, mut(newMutationID(), orderID(i), 0, "upsert", `{"note":"`+strings.Repeat("y", 3000)+`"}`))
		}
		want(t, e.pushRaw(tk.AccessToken, muts...), 200)
	})
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestCORSOnlyForExtensions(t *testing.T) {
	for _, tc := range []struct {
		name    string
		ids     []string
		origin  string
		allowed bool
	}{
		{"chrome extension", nil, "chrome-extension://abcdefghijklmnopabcdefghijklmnop", true},
		{"firefox extension", nil, "moz-extension://0b7c3e5e-1f6a-4c3b-9d1e-2a4b6c8d0e1f", true},
		{"web page", nil, "https://evil.example", false},
		{"null origin", nil, "null", false},
		{"lookalike scheme", nil, "chrome-extension-evil://abc", false},
		{"listed id", []string{"abcdefghijklmnopabcdefghijklmnop"}, "chrome-extension://abcdefghijklmnopabcdefghijklmnop", true},
		{"unlisted id", []string{"abcdefghijklmnopabcdefghijklmnop"}, "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := start(t, storetest.Databases()[0].DSN(t), func(c *api.Config) { c.ExtensionIDs = tc.ids })
			r := e.do("OPTIONS", "/api/v1/sync/pull", "", nil, "Origin", tc.origin, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "authorization")
			got := r.Header.Get("Access-Control-Allow-Origin")
			if tc.allowed && got != tc.origin || !tc.allowed && got != "" {
				t.Errorf("preflight Access-Control-Allow-Origin = %q (status %d)", got, r.Status)
			}
			r = e.do("GET", "/healthz", "", nil, "Origin", tc.origin)
			if got := r.Header.Get("Access-Control-Allow-Origin"); tc.allowed && got != tc.origin || !tc.allowed && got != "" || got == "*" {
				t.Errorf("GET Access-Control-Allow-Origin = %q", got)
			}
		})
	}
}
