package number

import "testing"

// benchInputs mixes what buyers paste: clean and messy tracking numbers, order numbers,
// overlapping formats, typos and junk.
var benchInputs = []string{
	"LP00123456789012",
	"YT2229521272164446",
	"RI002972278CN",
	"Order ID: 8214937669763641 Copy",
	"8214937669763641",
	"62009147017544",
	"Tracking number: ＬＰ 0012-3456 7890 12",
	"1Z5R89390357567127",
	"9400 1112 0108 0805 4830 16",
	"RB123456786US",
	"SF1023574626292",
	"hello world",
	"00 81827 0998 0000 0200 33 350 276 C",
	"https://global.cainiao.com/detail.htm?mailNoList=AE010698498",
	"UA123456789YP",
	"3SKAAG5995399",
}

func BenchmarkParse(b *testing.B) {
	Parse("warm up") // builds the catalogue once, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse(benchInputs[i%len(benchInputs)])
	}
}

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Normalize(benchInputs[i%len(benchInputs)])
	}
}

// BenchmarkParseEach times each input alone, to show the slowest kind of input.
func BenchmarkParseEach(b *testing.B) {
	Parse("warm up")
	for _, in := range benchInputs {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Parse(in)
			}
		})
	}
}

// BenchmarkCatalog is the one-time cost of the first Parse: loading the compiled catalogue
// (paid at start-up by the server and the WebAssembly module).
func BenchmarkCatalog(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := decodeCatalog(compiledCatalog); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCatalogFromJSON is what the first Parse cost before the catalogue was compiled at
// `go generate` time: decoding the JSON and compiling every pattern.
func BenchmarkCatalogFromJSON(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := buildCatalog(); err != nil {
			b.Fatal(err)
		}
	}
}
