package classify

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

var modelExp = flag.Bool("modelexp", false, "measure the fallback model by leave-one-source-out: "+
	"the DEV and TEST halves' pooled figures, the model's accuracy by margin, and what letting it overrule "+
	"the rules' generic band would do; MODELCFG=key=value,... trains another model than the shipped one")

// setModelConfig applies MODELCFG (e.g. "epochs=10,stem=4,words=0") to modelCfg for the
// experiment and returns a function that restores the shipped configuration.
func setModelConfig(t *testing.T, spec string) func() {
	saved := modelCfg
	for _, kv := range strings.Split(spec, ",") {
		if kv = strings.TrimSpace(kv); kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("MODELCFG %q: %v", kv, err)
		}
		switch k {
		case "bits":
			modelCfg.bucketBits = n
		case "chars":
			modelCfg.charFeatures = n
		case "minn":
			modelCfg.minN = n
		case "maxn":
			modelCfg.maxN = n
		case "words":
			modelCfg.words = n != 0
		case "stem":
			modelCfg.stem = n
		case "stem2":
			modelCfg.stem2 = n
		case "pairs":
			modelCfg.pairs = n != 0
		case "ww":
			modelCfg.wordWeight = n
		case "epochs":
			modelCfg.epochs = n
		case "margin":
			modelCfg.marginMul = n
		case "perceptron": // the learner before 6 Dec, with its 8 passes
			modelCfg.learner = learnerPerceptron
			modelCfg.epochs = 8
		case "lr":
			modelCfg.learner = learnerLogistic
			modelCfg.rate = 16 * n
		case "lr16":
			modelCfg.learner = learnerLogistic
			modelCfg.rate = n
		case "bal":
			modelCfg.balance = n
		case "unmatched":
			modelCfg.unmatched = n
		case "rw":
			modelCfg.ruleWeight = n
		case "seed":
			modelCfg.seed = uint32(n)
		case "digits":
			modelCfg.digits = n != 0
		case "neg":
			modelCfg.negate = n != 0
		case "off": // no model at all (handled by the caller)
		case "cap":
			modelCfg.sourceCap = n
		case "prune":
			modelCfg.prune = n
		default:
			t.Fatalf("MODELCFG: unknown key %q", k)
		}
	}
	if modelCfg.maxN > modelRing || modelCfg.minN < 1 || modelCfg.minN > modelCfg.maxN {
		t.Fatalf("MODELCFG: n-grams %d..%d, want within 1..%d", modelCfg.minN, modelCfg.maxN, modelMaxN)
	}
	return func() { modelCfg = saved }
}

// modelOutcome is one row of the pool classified by its fold's classifier, with what the
// fold's model would say of its text and the priority of the rule that decided, if one did.
type modelOutcome struct {
	outcome
	test     bool // the row's source is in the blind TEST half
	textOnly bool
	pred     taxonomy.ParcelStatus
	margin   float64               // per character n-gram
	whole    float64               // the whole margin, what the confidence is read from
	predOK   bool                  // the model read the text (known words, letters)
	known    bool                  // the known-word gate let the text through
	raw      taxonomy.ParcelStatus // the model's best real status, no gate applied
	priority int                   // of the deciding rule; -1 when no rule decided
}

// TestModelAccuracy (-modelexp) is the model's own measurement: leave-one-source-out, the
// model retrained without the held-out source in every fold, reported as pooled figures only
// (overall, DEV and TEST halves, per language; never a TEST row). MODELCFG may name several
// configurations separated by ";" (an empty one is the shipped model, "off=1" no model): each
// is measured on the same rows and rules in one run and summarised on one line of the DEV
// half (-modeltest adds the TEST half's pooled figure); the first gets the full report.
func TestModelAccuracy(t *testing.T) {
	if !*modelExp {
		t.Skip("run with -modelexp")
	}
	p := readPool(t)
	specs := strings.Split(os.Getenv("MODELCFG"), ";")
	var summary strings.Builder
	for _, spec := range specs {
		restore := setModelConfig(t, spec)
		start := time.Now()
		full := trainModel(append(append([]vocabRow(nil), p.rows...), p.rules...))
		size := modelSize(full)
		took := time.Since(start)
		outs := modelOutcomes(p, !strings.Contains(spec, "off=1"))
		if spec == specs[0] {
			t.Logf("model configuration %+v", modelCfg)
			t.Logf("the model trained on every row: %s (%v)", size, took)
			modelReport(t, outs)
		}
		fmt.Fprintf(&summary, "%-40q %s; %s, trained in %.1fs\n", spec, modelSummary(outs, *modelTest), size, took.Seconds())
		restore()
	}
	t.Log("\n" + summary.String())
}

var modelTest = flag.Bool("modeltest", false, "with -modelexp and several MODELCFG configurations, also give the TEST half's pooled figure")

// modelOutcomes classifies every row of the pool by leave-one-source-out under modelCfg, the
// folds two at a time.
func modelOutcomes(p evalPool, withModel bool) []modelOutcome {
	groups, names := p.bySource()
	res := make([][]modelOutcome, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res[i] = foldOutcomes(p, names[i], groups[names[i]], withModel)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var outs []modelOutcome
	for _, r := range res {
		outs = append(outs, r...)
	}
	return outs
}

func foldOutcomes(p evalPool, g string, rows []*vocabRow, withModel bool) []modelOutcome {
	var outs []modelOutcome
	c := p.foldClassifier(g, withModel)
	for _, r := range rows {
		text, _ := normalize(nil, r.text)
		var pred, raw taxonomy.ParcelStatus = taxonomy.Unknown, taxonomy.Unknown
		var margin, whole float64
		var ok, known bool
		if c.model != nil {
			pred, whole, ok = c.model.predict(text)
			var buf [modelMaxFeatures]uint32
			margin = whole / float64(max(1, modelCharGrams(text, buf[:])))
			known = c.model.knowsWords(text)
			raw = ungatedGuess(c.model, text)
		}
		for _, textOnly := range []bool{false, true} {
			in := Input{Text: r.text, Carrier: r.carrier, Code: r.code, Lang: r.lang}
			if textOnly {
				if strings.TrimSpace(r.text) == "" {
					continue
				}
				in.Code = ""
			}
			got := c.event(in)
			prio := -1
			if stage(got.Rule) == "rules" {
				if m := c.events.match(text, langHint(r.lang)); m.best != nil {
					prio = m.best.priority
				}
			}
			outs = append(outs, modelOutcome{outcome: outcome{r, got}, test: testHalf(r.source), textOnly: textOnly,
				pred: pred, margin: margin, whole: whole, predOK: ok, priority: prio, known: known, raw: raw})
		}
	}
	return outs
}

// modelSummary is one line: the DEV half with codes (right, unknown, the model's answers),
// text only, and with withTest the TEST half's pooled figures.
func modelSummary(outs []modelOutcome, withTest bool) string {
	type tally struct{ ok, n, unknown, mok, mn int }
	var x [2][2]tally // [test][textOnly]
	for _, o := range outs {
		ti, to := 0, 0
		if o.test {
			ti = 1
		}
		if o.textOnly {
			to = 1
		}
		y := &x[ti][to]
		y.n++
		if o.got.Status == o.row.label {
			y.ok++
		}
		if o.got.Status == taxonomy.Unknown && o.row.label != taxonomy.Unknown {
			y.unknown++
		}
		if stage(o.got.Rule) == "model" {
			y.mn++
			if o.got.Status == o.row.label {
				y.mok++
			}
		}
	}
	f := func(name string, y tally) string {
		return fmt.Sprintf("%s %d/%d %.2f%% unk %d model %d/%d", name, y.ok, y.n, 100*float64(y.ok)/float64(max(1, y.n)), y.unknown, y.mok, y.mn)
	}
	s := f("DEV", x[0][0]) + "; text " + f("", x[0][1])
	if withTest {
		s += "; " + f("TEST", x[1][0]) + "; text " + f("", x[1][1])
	}
	return s
}

func modelReport(t *testing.T, outs []modelOutcome) {
	var b strings.Builder
	type tally struct{ ok, n, unknown int }
	add := func(x *tally, o modelOutcome, st taxonomy.ParcelStatus) {
		x.n++
		if st == o.row.label {
			x.ok++
		}
		if st == taxonomy.Unknown && o.row.label != taxonomy.Unknown {
			x.unknown++
		}
	}
	pct := func(x tally) string {
		return fmt.Sprintf("%.1f%% (%d/%d, %d unknown)", 100*float64(x.ok)/float64(max(1, x.n)), x.ok, x.n, x.unknown)
	}
	halves := []struct {
		name string
		keep func(o modelOutcome) bool
	}{
		{"all", func(o modelOutcome) bool { return true }},
		{"DEV", func(o modelOutcome) bool { return !o.test }},
		{"TEST", func(o modelOutcome) bool { return o.test }},
	}
	for _, textOnly := range []bool{false, true} {
		kind := "with codes"
		if textOnly {
			kind = "text only"
		}
		for _, h := range halves {
			var all, model tally
			langs := map[string]*tally{}
			for _, o := range outs {
				if o.textOnly != textOnly || !h.keep(o) {
					continue
				}
				add(&all, o, o.got.Status)
				if stage(o.got.Rule) == "model" {
					add(&model, o, o.got.Status)
				}
				if langs[o.row.lang] == nil {
					langs[o.row.lang] = &tally{}
				}
				add(langs[o.row.lang], o, o.got.Status)
			}
			fmt.Fprintf(&b, "%-4s %-10s %s; model stage %s\n     per language:", h.name, kind, pct(all), pct(model))
			keys := make([]string, 0, len(langs))
			for k := range langs {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fmt.Fprintf(&b, " %s %.1f (%d)", k, 100*float64(langs[k].ok)/float64(langs[k].n), langs[k].n)
			}
			b.WriteString("\n")
		}
	}
	// The model's answers against the labels, DEV half only (never a TEST row).
	counts := map[[2]taxonomy.ParcelStatus]int{}
	for _, o := range outs {
		if !o.textOnly && !o.test && stage(o.got.Rule) == "model" {
			counts[[2]taxonomy.ParcelStatus{o.row.label, o.got.Status}]++
		}
	}
	b.WriteString("the model's answers on the DEV half, with codes (row = label, column = the model's answer):\n")
	writeConfusion(&b, "  ", counts)
	b.WriteString("\n")
	// Calibration: how often the model's answer is right by its margin, pooled over both
	// halves, with codes (the model's answers are the same text only).
	b.WriteString("the model's answers by margin (with codes, pooled): margin: right/answered\n")
	edges := []float64{0, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 1e9}
	for i := range edges[:len(edges)-1] {
		var x tally
		for _, o := range outs {
			if !o.textOnly && stage(o.got.Rule) == "model" && o.margin >= edges[i] && o.margin < edges[i+1] {
				add(&x, o, o.got.Status)
			}
		}
		fmt.Fprintf(&b, "  [%.2f, %.2f): %d/%d %.1f%%\n", edges[i], edges[i+1], x.ok, x.n, 100*float64(x.ok)/float64(max(1, x.n)))
	}
	// The same by fifths of the model's answers, ranked by the margin per n-gram and by the
	// whole score's margin (the logistic regression's log-odds, scaled).
	for _, raw := range []bool{false, true} {
		var ans []modelOutcome
		for _, o := range outs {
			if !o.textOnly && stage(o.got.Rule) == "model" {
				ans = append(ans, o)
			}
		}
		key := func(o modelOutcome) float64 {
			if !raw {
				return o.margin
			}
			return o.whole
		}
		sort.SliceStable(ans, func(i, j int) bool { return key(ans[i]) < key(ans[j]) })
		fmt.Fprintf(&b, "by fifths of the %s:", map[bool]string{false: "margin per n-gram", true: "whole margin"}[raw])
		for q := 0; q < 5; q++ {
			part := ans[q*len(ans)/5 : (q+1)*len(ans)/5]
			ok := 0
			for _, o := range part {
				if o.got.Status == o.row.label {
					ok++
				}
			}
			if len(part) > 0 {
				fmt.Fprintf(&b, " [%.2f..%.2f] %.1f%%", key(part[0]), key(part[len(part)-1]), 100*float64(ok)/float64(len(part)))
			}
		}
		b.WriteString("\n")
	}
	// The model's answers by their whole margin (the best class's score over the runner-up's),
	// DEV half and pooled.
	b.WriteString("the model's answers by whole margin (with codes): DEV right/answered, all right/answered\n")
	wedges := []float64{0, 25, 50, 100, 150, 200, 300, 400, 1e9}
	for i := range wedges[:len(wedges)-1] {
		var d, a tally
		for _, o := range outs {
			if o.textOnly || stage(o.got.Rule) != "model" {
				continue
			}
			if o.whole < wedges[i] || o.whole >= wedges[i+1] {
				continue
			}
			add(&a, o, o.got.Status)
			if !o.test {
				add(&d, o, o.got.Status)
			}
		}
		fmt.Fprintf(&b, "  [%4.0f, %4.0f): DEV %d/%d %.1f%%, all %d/%d %.1f%%\n", wedges[i], wedges[i+1], d.ok, d.n, 100*float64(d.ok)/float64(max(1, d.n)), a.ok, a.n, 100*float64(a.ok)/float64(max(1, a.n)))
	}
	// What each gate withholds: the rows with text that came out unknown, by the gate that
	// stopped the model, how many are labelled unknown and how often its best real status would
	// have been right.
	b.WriteString("withheld by the gates (with codes, rows with text, nothing decided): gate: rows, labelled unknown, guess right\n")
	for _, gate := range []string{"no known word", "model says unknown", "thin margin"} {
		n, unk, right := 0, 0, 0
		for _, o := range outs {
			if o.textOnly || stage(o.got.Rule) != "nothing" || strings.TrimSpace(o.row.text) == "" {
				continue
			}
			var g string
			switch {
			case !o.known:
				g = "no known word"
			case o.pred == taxonomy.Unknown:
				g = "model says unknown"
			default:
				g = "thin margin"
			}
			if g != gate {
				continue
			}
			n++
			if o.row.label == taxonomy.Unknown {
				unk++
			}
			if o.raw == o.row.label {
				right++
			}
		}
		fmt.Fprintf(&b, "  %s: %d, %d, %d\n", gate, n, unk, right)
	}
	// What the model's verdict would be worth where the rules' generic band decided.
	b.WriteString("the model over a generic rule (priority ≤ P) when its margin ≥ M and it names a real status (with codes):\n")
	for _, prio := range []int{35, 40} {
		for _, m := range []float64{0.5, 1, 1.5, 2, 3} {
			line := fmt.Sprintf("  P %d M %.1f:", prio, m)
			for _, h := range halves {
				changed, gain, loss := 0, 0, 0
				for _, o := range outs {
					if o.textOnly || !h.keep(o) || o.priority < 0 || o.priority > prio || !o.predOK ||
						o.pred == taxonomy.Unknown || o.margin < m || o.pred == o.got.Status {
						continue
					}
					changed++
					if o.pred == o.row.label {
						gain++
					} else if o.got.Status == o.row.label {
						loss++
					}
				}
				line += fmt.Sprintf("  %s %d changed, +%d −%d", h.name, changed, gain, loss)
			}
			b.WriteString(line + "\n")
		}
	}
	t.Log("\n" + b.String())
}

// modelSize is the size of a model's compiled file, raw and gzipped (-9, as core.wasm's
// size is measured), and how many of its weights are not zero.
func modelSize(m *model) string {
	data := encodeModel(m)
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(data)
	w.Close()
	nz := 0
	for i := 0; i < len(m.w); i++ {
		if m.w[i] != 0 {
			nz++
		}
	}
	return fmt.Sprintf("model.bin %d B, %d B gz, %d weights not zero", len(data), z.Len(), nz)
}

// ungatedGuess is the model's best status other than unknown for a normalised text, with no
// gate: what it would say if nothing withheld it.
func ungatedGuess(m *model, text []byte) taxonomy.ParcelStatus {
	var buf [modelMaxFeatures]uint32
	n := modelFeatures(text, buf[:])
	if n == 0 {
		return taxonomy.Unknown
	}
	var s [16]int32
	m.scores(buf[:n], &s)
	best := -1
	for c := 0; c < modelClasses; c++ {
		if taxonomy.ParcelStatuses[c] != taxonomy.Unknown && (best < 0 || s[c] > s[best]) {
			best = c
		}
	}
	return taxonomy.ParcelStatuses[best]
}
