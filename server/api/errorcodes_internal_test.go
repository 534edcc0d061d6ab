package api

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestExtensionKnowsEveryErrorCode: the extension's API client (extension/src/shared/api.ts,
// SERVER_ERROR_CODES) lists exactly the codes this server can send in its one error shape,
// so that each gets its own sentence for the buyer.
func TestExtensionKnowsEveryErrorCode(t *testing.T) {
	src, err := os.ReadFile("../../extension/src/shared/api.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`SERVER_ERROR_CODES = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("SERVER_ERROR_CODES not found in api.ts")
	}
	var ext []string
	for _, q := range regexp.MustCompile(`"([a-z_]+)"`).FindAllSubmatch(m[1], -1) {
		ext = append(ext, string(q[1]))
	}
	var server []string
	for code := range statusOf {
		server = append(server, code)
	}
	slices.Sort(ext)
	slices.Sort(server)
	if !slices.Equal(ext, server) {
		t.Errorf("api.ts knows %s;\nthe server sends %s", strings.Join(ext, ", "), strings.Join(server, ", "))
	}
}
