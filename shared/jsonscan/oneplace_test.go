package jsonscan

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneStrictDecoder: no Go code of the project outside this package makes its own strict
// decoder (DisallowUnknownFields, or a Token/More check for trailing data): DecodeOne is the one.
func TestOneStrictDecoder(t *testing.T) {
	var found []string
	for _, root := range []string{"../../shared", "../../server", "../../wasm"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "jsonscan" || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, s := range []string{"DisallowUnknownFields()", ".Token()", "dec.More()"} {
				if strings.Contains(string(b), s) {
					found = append(found, path+": "+s)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) > 0 {
		t.Errorf("strict JSON decoding outside jsonscan.DecodeOne:\n%s", strings.Join(found, "\n"))
	}
}
