package classify

import (
	"bytes"
	"embed"
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

var update = flag.Bool("update", false, "rewrite compiled/*.bin from the rule files (go generate)")

// The rule files, the source of compiled/*.bin.
//
//go:embed rules/*.txt orders.txt
var ruleData embed.FS

func ruleFiles(t testing.TB) []ruleFile {
	t.Helper()
	names, err := fs.Glob(ruleData, "rules/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("rule files: %v (%d)", err, len(names))
	}
	var files []ruleFile
	for _, name := range names {
		b, err := ruleData.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ruleFile{lang: strings.TrimSuffix(path.Base(name), ".txt"), name: name, text: string(b)})
	}
	return files
}

// TestCompiledRules fails when compiled/*.bin no longer match the rule files; with -update
// (go generate ./shared/classify) it rewrites them.
func TestCompiledRules(t *testing.T) {
	events, err := compileEventRules(ruleFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	orders, err := ruleData.ReadFile("orders.txt")
	if err != nil {
		t.Fatal(err)
	}
	ordersRS, err := compileOrderRules(string(orders))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		rs   *ruleset
	}{
		{name: "compiled/events.bin", rs: events},
		{name: "compiled/orders.bin", rs: ordersRS},
	} {
		want, err := encodeRules(tt.rs)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(tt.name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Errorf("%s is stale: the rule files changed; run `go generate ./shared/classify`", tt.name)
		}
		// What the package loads is what the rule files say, field for field.
		back, err := decodeRules(string(want))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		tt.rs.terms = nil
		// The fail links, which loading leaves to first use, derived as a text would need them,
		// in an order no build follows: the last states first.
		// Likewise the dense rows' transitions, the last states' first and each row's classes
		// backwards; none had been derived yet.
		for i, v := range back.m.dense.w {
			if v != 0 {
				t.Fatalf("%s: dense entry %d known before any text: %d", tt.name, i, v)
			}
		}
		for s := back.m.ndense - 1; s >= 0; s-- {
			for c := back.m.nclass - 1; c >= 0; c-- {
				back.m.nextOf(s, uint16(c))
			}
		}
		for s := int32(len(back.m.fail) - 1); s > 0; s-- {
			back.m.failOf(s)
		}
		// And what each state inherits through its fail links, the last states first.
		for s := int32(len(back.m.fail) - 1); s > 0; s-- {
			back.m.inheritOf(s)
		}
		// The rule ids, which loading leaves to first use: the built rules' and the loaded ones'
		// the same, each its readable id after "code-text:". Then forgotten again on both
		// sides, as cmp would compare where each was kept.
		builtAlts, backAlts := append(tt.rs.alts, tt.rs.negAlts...), append(back.alts, back.negAlts...)
		spelt, inflectedForms := 0, 0
		if len(builtAlts) != len(backAlts) {
			t.Fatalf("%s: %d alternatives built, %d loaded", tt.name, len(builtAlts), len(backAlts))
		}
		for i := range builtAlts {
			want, got := builtAlts[i].codeText(), backAlts[i].codeText()
			phrase := backAlts[i].phraseText()
			if got != want || got != codeTextPrefix+backAlts[i].id() || phrase != builtAlts[i].phrase ||
				backAlts[i].negated != (i >= len(back.alts)) || !strings.HasSuffix(got, map[bool]string{false: ":", true: ":!"}[backAlts[i].negated]+phrase) {
				t.Errorf("%s: alternative %d: loaded code id %q (id %q, phrase %q), built %q", tt.name, i, got, backAlts[i].id(), phrase, want)
			}
			if backAlts[i].phraseRules != nil {
				spelt++
			} else if backAlts[i].phraseBase != nil {
				inflectedForms++
			}
		}
		// Most phrases are not stored: spelt from the terms or an inflected form's. (Event
		// rules: 7,500 and 2,300 of 10,700 on 6 Dec; 27,900 (negated twins counted) and 2,300
		// of 25,700 on 7 Dec, the new languages' lists spelt out.)
		if tt.name == "compiled/events.bin" && (spelt < len(back.alts)/2 || inflectedForms < len(back.alts)/20) {
			t.Errorf("%s: only %d of %d phrases spelt from their terms and %d inflected forms", tt.name, spelt, len(back.alts), inflectedForms)
		}
		// Then forgotten on both sides: the built rules keep each phrase as written, the loaded
		// ones how to make it.
		for _, alts := range [][]alt{tt.rs.alts, tt.rs.negAlts, back.alts, back.negAlts} {
			for i := range alts {
				alts[i].full, alts[i].phrase, alts[i].phraseRules, alts[i].phraseBase = nil, "", nil, nil
			}
		}
		tt.rs.spelt, back.spelt = nil, nil
		if diff := cmp.Diff(tt.rs, back, cmp.AllowUnexported(ruleset{}, matcher{}, alt{}, ints{}, cells{})); diff != "" {
			t.Errorf("%s: decoded rules mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestDecodeRulesCorrupt: a damaged compiled file is an error, never a panic or a wrong
// automaton.
func TestDecodeRulesCorrupt(t *testing.T) {
	good := compiledOrders
	for _, tt := range []struct {
		name string
		data string
	}{
		{name: "empty", data: ""},
		{name: "wrong magic", data: "orderwatch classify rules v0\n" + good[len(compiledMagic):]},
		{name: "truncated", data: good[:len(good)/2]},
		{name: "one byte short", data: good[:len(good)-1]},
		{name: "trailing byte", data: good + "\x00"},
		{name: "huge count", data: compiledMagic + "\xff\xff\xff\xff\x0f"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeRules(tt.data); err == nil {
				t.Errorf("decodeRules(%s) = nil error", tt.name)
			}
		})
	}
}

// Loaded rules make each rule id the first time an answer needs it (alt.codeText), from several
// goroutines at once in a server: every goroutine gets the same id as a single caller of other
// loaded rules, and the id is kept (the second call gives the very same string). Run with -race too.
func TestRuleIDsOnFirstUse(t *testing.T) {
	lazy, err := decodeRules(compiledEvents)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := decodeRules(compiledEvents)
	if err != nil {
		t.Fatal(err)
	}
	refAll := append(ref.alts, ref.negAlts...)
	var wg sync.WaitGroup
	bad := make(chan string, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range refAll {
				i := k
				if g%2 == 1 {
					i = len(refAll) - 1 - k // half of them from the other end
				}
				var a *alt
				if i < len(lazy.alts) {
					a = &lazy.alts[i]
				} else {
					a = &lazy.negAlts[i-len(lazy.alts)]
				}
				if got := a.codeText(); got != refAll[i].codeText() || a.id() != got[len(codeTextPrefix):] {
					bad <- got
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(bad)
	for got := range bad {
		t.Fatalf("code id %q differs from a single caller's", got)
	}
	for i := range lazy.alts {
		a := &lazy.alts[i]
		if a.full == nil || unsafe.StringData(a.codeText()) != unsafe.StringData(a.codeText()) {
			t.Fatalf("alternative %d: its id was not kept", i)
		}
		if !strings.HasPrefix(a.codeText(), codeTextPrefix+a.lang+":"+a.status) {
			t.Fatalf("alternative %d: code id %q lacks its head", i, a.codeText())
		}
	}
}

// The phrases of rule ids are stored only when the automaton cannot spell them (v14): a phrase
// that reads as its terms written out, or an inflected form's ("~"), is made when an id needs
// it. Rules written in several ways load with the ids they were written with, and the ones
// that can be spelt are not stored.
func TestCompiledPhrases(t *testing.T) {
	files := []ruleFile{
		{lang: "en", name: "en.txt", text: "negate before 2 : not\n" +
			"delivered 75 : delivered to & neighbour | Delivered | delivered  &  parcel | *box* & !empty | deliver* & !not yet\n" +
			"  !nothing & delivered ok\n" +
			"@who = sender | shipper\n" +
			"returned 80 0.9 : returned to @who | back to @who& transit\n"},
		{lang: "ru", name: "ru.txt", text: "negate before 1 : не\n" +
			"delivered 75 : посылка доставлена | доставлено адресату & вручено\n" +
			"arrived_destination 50 : прибыло в & город\n"},
		{lang: "zh", name: "zh.txt", text: "delivered 75 : 已签收 | 签收 & *成功*\n"},
		{lang: "fr", name: "fr.txt", text: "delivered 75 : livré | colis livre\n"},
		{lang: "th", name: "th.txt", text: "delivered 75 : นำจ่ายสำเร็จ\n"},
	}
	rs, err := parseRules(files, func(s string) bool { return taxonomy.ParcelStatus(s).Valid() })
	if err != nil {
		t.Fatal(err)
	}
	for id, p := range rs.terms {
		if b, _ := rs.appendTermPattern(nil, int32(id)); string(b) != p {
			t.Errorf("term %d spelt back from the automaton %q, compiled %q", id, b, p)
		}
	}
	data, err := encodeRules(rs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeRules(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.alts) != len(rs.alts) || len(back.negAlts) != len(rs.negAlts) || len(rs.negAlts) == 0 {
		t.Fatalf("%d+%d alternatives loaded, %d+%d built", len(back.alts), len(back.negAlts), len(rs.alts), len(rs.negAlts))
	}
	stored := map[string]bool{}
	for _, a := range back.alts {
		if a.phrase != "" {
			stored[a.phrase] = true
		}
	}
	for i, a := range append(rs.alts, rs.negAlts...) {
		b := &back.alts[min(i, len(back.alts)-1)]
		if i >= len(rs.alts) {
			b = &back.negAlts[i-len(rs.alts)]
		}
		if got, want := b.codeText(), a.codeText(); got != want {
			t.Errorf("alternative %d: loaded id %q, built %q", i, got, want)
		}
	}
	// Spelt from the terms (not stored): plain words, '*', '!', Han, Thai, Cyrillic, a macro's phrase.
	for _, p := range []string{"delivered to & neighbour", "*box* & !empty", "deliver* & !not yet", "посылка доставлена",
		"签收 & 成功", "นำจ่ายสำเร็จ", "returned to sender", "прибыло в & город", "colis livre",
		"back to sender & transit"} { // a macro's: its terms joined by " & " whatever the spacing written
		if stored[p] {
			t.Errorf("phrase %q stored, though its terms spell it", p)
		}
	}
	// Stored: capitals, accents, other spacing, a negative term first, '*' on a Han term.
	for _, p := range []string{"Delivered", "livré", "delivered  &  parcel", "!nothing & delivered ok"} {
		if !stored[p] {
			t.Errorf("phrase %q not stored, though its terms spell it otherwise", p)
		}
	}
	var inflectedForms int
	for _, a := range back.alts {
		if a.phraseBase != nil {
			inflectedForms++
			if !strings.HasSuffix(a.phraseText(), inflectedMark) || a.phraseBase.phraseBase != nil {
				t.Errorf("inflected form %q of %q", a.phraseText(), a.phraseBase.phraseText())
			}
		}
	}
	if inflectedForms == 0 {
		t.Errorf("no inflected form loaded as one (Russian participles)")
	}
}

// newSections are where encodeRules puts the parts v14 added, in events.bin: the alternatives'
// coded terms, the rule heads and the alternatives' records (phrase mark, head code, counts).
func newSections(t *testing.T, data string) (terms, heads, alts [2]int) {
	t.Helper()
	rs, err := decodeRules(data)
	if err != nil {
		t.Fatal(err)
	}
	type head struct {
		langBit                                    langSet
		conf                                       float64
		priority                                   int
		status, reason, lang, seventeen, aftership string
	}
	seen := map[head]bool{}
	nterms := 0
	for _, a := range rs.alts {
		seen[head{a.langBit, a.conf, a.priority, a.status, a.reason, a.lang, a.vendor.SeventeenTrack, a.vendor.AfterShip}] = true
		nterms += len(a.pos) + len(a.neg)
	}
	end := len(data) - len(rs.m.outs.s)
	alts = [2]int{end - altRecSize*len(rs.alts), end}
	heads = [2]int{alts[0] - headRecSize*len(seen), alts[0]}
	terms = [2]int{heads[0] - intsSize(nterms, len(rs.termLen)+1 > 0xFFFF), heads[0]} // codes go up to the last term + 2
	return terms, heads, alts
}

// TestDecodeRulesCorruptSections: damage in v14's sections (coded terms, heads, records) is an
// error or rules whose every id can still be made and whose matcher runs — never a panic. Each
// record field is set to values out of range, and bytes all over the sections are flipped.
func TestDecodeRulesCorruptSections(t *testing.T) {
	data := compiledEvents
	terms, heads, alts := newSections(t, data)
	rs, _ := decodeRules(data)
	nalts := len(rs.alts)
	// The sections found are where the decoder reads them: zeroing the last term code of the
	// last alternative or its counts changes what loads.
	get16 := func(at int) int { return int(data[at]) | int(data[at+1])<<8 }
	wantMark := len(rs.alts[0].phrase)
	if rs.alts[0].phraseRules != nil {
		wantMark = phraseTerms
	}
	if get16(alts[0]) != wantMark || get16(alts[0]+2*nalts) != 1 || get16(alts[0]+4*nalts) != len(rs.alts[0].pos) ||
		get16(terms[0])^0xA5A5 != map[bool]int{true: 0, false: int(rs.alts[0].pos[0]) + 2}[rs.alts[0].pos[0] == 0] {
		t.Fatalf("the sections are not where the test looks: mark %d, head code %d, %d terms, first term code %d",
			get16(alts[0]), get16(alts[0]+2*nalts), get16(alts[0]+4*nalts), get16(terms[0])^0xA5A5)
	}
	set16 := func(at, v int) string {
		b := []byte(data)
		b[at], b[at+1] = byte(v), byte(v>>8)
		return string(b)
	}
	for _, tt := range []struct {
		name string
		data string
	}{
		{"first phrase marked inflected", set16(alts[0], phraseInflected)},
		{"phrase length 0", set16(alts[0], 0)},
		{"phrase longer than the phrases", set16(alts[0], phraseInflected-1)},
		{"head beyond the heads", set16(alts[0]+2*nalts, 0xFFFF)},
		{"first head the previous one", set16(alts[0]+2*nalts, 0)},
		{"no positive term", set16(alts[0]+4*nalts, 0)},
		{"too many terms", set16(alts[0]+6*nalts+2*(nalts-1), 0xFFFF)},
		{"first term the previous alternative's", set16(terms[0], 1^0xA5A5)},
		{"term out of range", set16(terms[0], 0xFFFF^0xA5A5)},
		{"status beyond the strings", set16(heads[0]+14*(heads[1]-heads[0])/headRecSize, 0x7FFF)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decodeRules(tt.data); err == nil {
				t.Errorf("decodeRules = nil error")
			}
		})
	}
	// Flips: 24 bytes spread over each section, each to two other values; every 61st id made
	// (making them all for each of the 144 damaged files takes seconds).
	failed, loaded := 0, 0
	for _, sec := range [][2]int{terms, heads, alts} {
		for k := 0; k < 24; k++ {
			at := sec[0] + k*(sec[1]-sec[0])/24
			for _, x := range []byte{0x01, 0xFF} {
				b := []byte(data)
				b[at] ^= x
				got, err := decodeCorruptSafely(t, string(b))
				if err != nil {
					failed++
					continue
				}
				loaded++
				for i := k % 61; i < len(got.alts); i += 61 {
					got.alts[i].codeText()
				}
				for i := k % 61; i < len(got.negAlts); i += 61 {
					got.negAlts[i].codeText()
				}
				got.match([]byte(" livre au destinataire  delivered to neighbour "), "en")
			}
		}
	}
	if failed == 0 || loaded == 0 {
		t.Errorf("flipped bytes: %d decodes failed, %d loaded: want some of each (a term or head number can change into another valid one)", failed, loaded)
	}
}

// decodeCorruptSafely is decodeRules, failing the test on a panic.
func decodeCorruptSafely(t *testing.T, data string) (rs *ruleset, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("decodeRules panicked: %v", p)
		}
	}()
	return decodeRules(data)
}

// FuzzDecodeRules: whatever the bytes, decodeRules returns an error or rules whose ids can be
// made, never a panic. Seeds: the order rules (small enough for the fuzzer to mutate quickly;
// TestDecodeRulesCorruptSections damages the event rules), whole and cut short.
func FuzzDecodeRules(f *testing.F) {
	f.Add(compiledOrders)
	f.Add(compiledOrders[:len(compiledOrders)/3])
	f.Fuzz(func(t *testing.T, data string) {
		rs, err := decodeRules(data)
		if err != nil {
			return
		}
		for i := range rs.alts {
			rs.alts[i].codeText()
		}
		for i := range rs.negAlts {
			rs.negAlts[i].codeText()
		}
	})
}
