package classify

import (
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

var (
	split  = flag.Bool("split", false, "run leave-one-source-out and report the DEV and TEST halves of the sources apart")
	misses = flag.Bool("misses", false, "with -split, list the DEV half's misses (never the TEST half's)")
	// devOnly is for whoever writes rules: the TEST half's figures, even pooled, would steer them.
	devOnly = flag.Bool("devonly", false, "with -split, report the DEV half only")
	// dump writes every DEV outcome, hit or miss, for studying a stage (never the TEST half's).
	dump = flag.String("dump", "", "with -split, write the DEV half's outcomes to this TSV file (with codes) and FILE.textonly")
	// fresh names a first-sight set: vocabulary files gathered after the rules were last written.
	// Run on the tree before and after new rules, it shows what the rules do on data they never saw.
	fresh = flag.String("fresh", "", "with -split, also report the rows of vocabulary files whose name matches this regexp, per source")
)

// The blind split. Rule changes are judged on sources their author has not looked at: the
// leave-one-source-out groups are cut in two by a hash of the source's name, decided before any
// miss was read. A source is in the TEST half when the FNV-1a 32 hash of its name is odd —
// except the project's own sets (own/…) and the sources that only dev.csv has: the rules were
// written with those in view, so they stay in the DEV half. Only the DEV half's misses may be
// read; of the TEST half only the pooled figures are printed.

var (
	vocabSourcesOnce sync.Once
	vocabSources     map[string]bool // source repositories of the vocab/*.csv rows
)

func loadVocabSources() {
	vocabSources = map[string]bool{}
	names, _ := filepath.Glob("vocab/*.csv")
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		f, err := parseVocab(name, string(b))
		if err != nil {
			continue
		}
		for _, r := range f.rows {
			vocabSources[sourceRepo(r.source)] = true
		}
	}
}

// testHalf reports whether a leave-one-source-out group (a source repository) is in the
// TEST half of the blind split.
func testHalf(source string) bool {
	if strings.HasPrefix(source, "own/") {
		return false
	}
	vocabSourcesOnce.Do(loadVocabSources)
	if !vocabSources[source] {
		return false // dev.csv only
	}
	if !frozenSources[source] {
		return false // added after the split was fixed: its rows were read when it was written
	}
	h := fnv.New32a()
	h.Write([]byte(source))
	return h.Sum32()%2 == 1
}

// frozenSources are the vocabulary sources the split was drawn from on 5 Dec 2026. A source added
// later was read by whoever added it, so it is not blind: it stays in the DEV half whatever its
// hash, and the TEST half stays the same 20 sources from one measurement to the next.
var frozenSources = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`
		Evan-Kork/temabit-lections-2019 FsDelivery/fsdelivery-php-sdk IFOSSA/inpost-python
		Keader/KeaderTracker NaN-tic/trytond-carrier_send_shipments_nacex OCA/delivery-carrier
		OCA/l10n-spain RenzcPHP/yibailogistics RomaBilka/parcel-tracking couillema/micro_services
		dir01/parcels ecomlabs-es/nacex egg-/delivery-tracker elliotjreed/royal-mail-tracking
		evan-lc/yunexpress-sdk firstred/postnl-api-php frank9615/posteitalianetrack hdnpt/geartrack
		hirorogo/japanpost-tracker honghua-kd/website hrichiksite/trackpackapi itsvic-dev/deliveries
		itsvic-dev/parcel ivansabik/estafeta-api karrioapi/karrio kelmer44/correos-tracker
		lapaygroup/RussianPost magazord-plataforma/aliexpress-sdk marlencrabapple/USPS-WebTools-Tracking
		maxpalermo/mpbrtinfo maxwellmezadre/aliexpress-mcp nayutaya/packtrack ngr900/polishpost-tracking
		nullablege/ptt-kargo-takip odoo-turkey/integration oguzhanayyldz/moon-lib olist/correios
		parcel-tracking/api-server petrus-v/AnyBlok-Delivery platx/go-nova-poshta shlee322/delivery-tracker
		spoleto-software/Spoleto.Delivery webapix/mygls-sdk xserg/emarto`) {
		frozenSources[s] = true
	}
}

// devVocabFiles are the vocabulary files whose every row is of a DEV source: the only ones
// whose rows may be read while rules are written.
func devVocabFiles(t testing.TB) []string {
	var names []string
	for _, f := range vocabFiles(t) {
		dev := true
		for _, r := range f.rows {
			if testHalf(sourceRepo(r.source)) {
				dev = false
				break
			}
		}
		if dev {
			names = append(names, f.name)
		}
	}
	return names
}

// TestSplitHalves: the split is deterministic, keeps our own sets and dev.csv-only sources in
// DEV, and puts a real share of the vocabulary sources in TEST.
func TestSplitHalves(t *testing.T) {
	if testHalf("own/unseen") {
		t.Error("own/unseen in the TEST half")
	}
	if testHalf("no-such/source-only-in-dev.csv") {
		t.Error("a source no vocabulary file has is in the TEST half")
	}
	// A source added after the split was fixed stays DEV even when its hash is odd
	// (parcels/russianpost's is): its rows were read when it was added.
	h := fnv.New32a()
	h.Write([]byte("parcels/russianpost"))
	if h.Sum32()%2 != 1 {
		t.Fatal("the example's hash is even: pick another late source")
	}
	if testHalf("parcels/russianpost") {
		t.Error("a source added after the split was fixed is in the TEST half")
	}
	test20 := 0
	for s := range frozenSources {
		if testHalf(s) {
			test20++
		}
	}
	if test20 != 20 {
		t.Errorf("%d frozen sources in the TEST half, want the 20 of 5 Dec", test20)
	}
	vocabSourcesOnce.Do(loadVocabSources)
	n, test := 0, 0
	for s := range vocabSources {
		n++
		if testHalf(s) {
			test++
		}
		if testHalf(s) != testHalf(s) {
			t.Errorf("%s: split not deterministic", s)
		}
	}
	if n > 4 && (test == 0 || test == n) {
		t.Errorf("%d of %d vocabulary sources in the TEST half, want some in each half", test, n)
	}
}

// TestSplitAccuracy (-split) runs leave-one-source-out over every labelled row and reports the
// DEV and TEST halves apart: with codes and text only, overall, per language, unknowns. With
// -misses it lists the DEV half's misses.
func TestSplitAccuracy(t *testing.T) {
	if !*split {
		t.Skip("run with -split")
	}
	var freshFile *regexp.Regexp
	if *fresh != "" {
		var err error
		if freshFile, err = regexp.Compile(*fresh); err != nil {
			t.Fatalf("-fresh: %v", err)
		}
	}
	p := readPool(t)
	withCodes, textOnly := leaveOneSourceOut(p, true)
	half := func(outs []outcome, test bool) []outcome {
		return outcomesWhere(outs, func(r *vocabRow) bool { return testHalf(r.source) == test })
	}
	devSources, testSources := map[string]bool{}, map[string]bool{}
	for _, r := range p.rows {
		if testHalf(r.source) {
			testSources[r.source] = true
		} else {
			devSources[r.source] = true
		}
	}
	t.Logf("split: %d DEV sources, %d TEST sources; DEV vocabulary files: %s", len(devSources), len(testSources),
		strings.Join(devVocabFiles(t), " "))
	report(t, "DEV half, text + carrier + code + language", half(withCodes, false), true)
	report(t, "DEV half, text only", half(textOnly, false), false)
	if freshFile != nil {
		pick := func(outs []outcome) []outcome {
			return outcomesWhere(outs, func(r *vocabRow) bool { return freshFile.MatchString(r.file) })
		}
		report(t, "first-sight set "+*fresh+", text + carrier + code + language", pick(withCodes), true)
		report(t, "first-sight set "+*fresh+", text only", pick(textOnly), false)
	}
	if *dump != "" {
		dumpOutcomes(t, *dump, half(withCodes, false))
		dumpOutcomes(t, *dump+".textonly", half(textOnly, false))
	}
	if *devOnly {
		listDevMisses(t, half(withCodes, false))
		return
	}
	report(t, "TEST half, text + carrier + code + language", half(withCodes, true), false)
	report(t, "TEST half, text only", half(textOnly, true), false)
	// The hidden sets are built as dev.csv was: only rows whose two annotations agreed.
	au := readAudit(t)
	report(t, "TEST half with codes, rows whose first two annotations agreed", agreedOutcomes(half(withCodes, true), au.firstTwoAgree), false)
	report(t, "TEST half text only, rows whose first two annotations agreed", agreedOutcomes(half(textOnly, true), au.firstTwoAgree), false)
	listDevMisses(t, half(withCodes, false))
}

// dumpOutcomes writes outcomes as TSV: language, source, file, label, status, rule,
// confidence, carrier, code, text.
func dumpOutcomes(t *testing.T, path string, outs []outcome) {
	var b strings.Builder
	for _, o := range outs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\t%q\t%q\n", o.row.lang, o.row.source, o.row.file,
			o.row.label, o.got.Status, o.got.Rule, o.got.Confidence, o.row.carrier, o.row.code, o.row.text)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// listDevMisses logs the DEV half's misses with -misses.
func listDevMisses(t *testing.T, dev []outcome) {
	if !*misses {
		return
	}
	var lines []string
	for _, o := range dev {
		if o.got.Status != o.row.label {
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\tgot %s\t(%s)\t%s\t%q\tcode=%q",
				o.row.lang, o.row.source, o.row.label, o.got.Status, o.got.Rule, o.row.carrier, o.row.text, o.row.code))
		}
	}
	sort.Strings(lines)
	t.Logf("DEV misses (%d):\n%s", len(lines), strings.Join(lines, "\n"))
}
