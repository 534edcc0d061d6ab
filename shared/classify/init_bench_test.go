package classify

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// BenchmarkCompileRules is the start-up cost of the package (paid once, at init; it counts
// toward the WebAssembly module's time to ready).
func BenchmarkCompileRules(b *testing.B) {
	var files []ruleFile
	names, _ := fs.Glob(data, "rules/*.txt")
	for _, name := range names {
		t, _ := data.ReadFile(name)
		files = append(files, ruleFile{lang: strings.TrimSuffix(path.Base(name), ".txt"), name: name, text: string(t)})
	}
	valid := func(s string) bool { return taxonomy.ParcelStatus(s).Valid() }
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := parseRules(files, valid); err != nil {
			b.Fatal(err)
		}
	}
}
