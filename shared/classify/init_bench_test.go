package classify

import "testing"

// BenchmarkCompileRules is what compiling the rule files costs (at go generate time; it used
// to be paid at start-up).
func BenchmarkCompileRules(b *testing.B) {
	files := ruleFiles(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := compileEventRules(files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadRules is what start-up pays now: loading the compiled event rules.
func BenchmarkLoadRules(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := decodeRules(compiledEvents); err != nil {
			b.Fatal(err)
		}
	}
}
