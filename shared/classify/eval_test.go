package classify

import (
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

var loso = flag.Bool("loso", false, "run the leave-one-source-out evaluation (make eval)")

// evalPool is every labelled row: the vocabularies', dev.csv's and the unseen sets'; group is
// the row's source repository (each unseen set its own group).
type evalPool struct {
	files  []*vocabFile
	rows   []vocabRow // all rows, vocabularies first
	nvocab int        // how many rows are the vocabularies'
	rules  []vocabRow // the rules' phrases as labelled texts: the model learns them, they are not classified
}

func readPool(t testing.TB) evalPool {
	files := vocabFiles(t)
	p := evalPool{files: files}
	for _, f := range files {
		for i := range f.rows {
			f.rows[i].source = sourceRepo(f.rows[i].source)
		}
	}
	p.rows = trainingRows(files, nil)
	p.nvocab = len(p.rows)
	p.rows = append(p.rows, labelledRows(t)...)
	p.rules = ruleRows(t)
	return p
}

// foldClassifier is the classifier built without one group's rows: the vocabularies' lookup
// tables from the other groups' vocabulary rows, the model from every other labelled row and
// the rules' phrases. The rules and codes/*.txt stay as written.
func (p evalPool) foldClassifier(group string, withModel bool) *classifier {
	c := &classifier{events: eventRules, codes: codeTables, vocab: p.foldVocab(group, eventRules)}
	if withModel {
		var train []vocabRow
		for _, r := range p.rows {
			if r.source != group {
				train = append(train, r)
			}
		}
		c.model = trainModel(append(train, p.rules...))
	}
	return c
}

// outcome is one classified row.
type outcome struct {
	row *vocabRow
	got Result
}

// outcomesWhere is the outcomes whose row keep accepts.
func outcomesWhere(outs []outcome, keep func(*vocabRow) bool) []outcome {
	var kept []outcome
	for _, o := range outs {
		if keep(o.row) {
			kept = append(kept, o)
		}
	}
	return kept
}

// stage names what decided a result, from its rule id.
func stage(rule string) string {
	switch {
	case strings.HasPrefix(rule, "code-text:"):
		return "code as words"
	case strings.HasPrefix(rule, "code:"):
		return "code table"
	case rule == textClauseID:
		return "official clause"
	case strings.HasPrefix(rule, "text:"):
		return "official text"
	case strings.HasPrefix(rule, "model:"):
		return "model"
	case rule == "none":
		return "nothing"
	}
	return "rules"
}

// report logs accuracy overall, per language, per source and per deciding stage, the rows with
// a real status that came out unknown, and the confusion table.
func report(t *testing.T, title string, outs []outcome, perSource bool) float64 {
	t.Helper()
	type tally struct{ ok, n int }
	count := func(m map[string]*tally, k string, ok bool) {
		if m[k] == nil {
			m[k] = &tally{}
		}
		m[k].n++
		if ok {
			m[k].ok++
		}
	}
	langs, sources, stages := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	counts := map[[2]taxonomy.ParcelStatus]int{}
	ok, silent := 0, 0
	for _, o := range outs {
		good := o.got.Status == o.row.label
		if good {
			ok++
		}
		if o.row.label != taxonomy.Unknown && o.got.Status == taxonomy.Unknown {
			silent++
		}
		count(langs, o.row.lang, good)
		count(sources, o.row.source, good)
		count(stages, stage(o.got.Rule), good)
		counts[[2]taxonomy.ParcelStatus{o.row.label, o.got.Status}]++
	}
	acc := float64(ok) / float64(max(1, len(outs)))
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %.1f%% (%d/%d); %d rows with a real status came out unknown\n", title, 100*acc, ok, len(outs), silent)
	table := func(name string, m map[string]*tally) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "  per %s:\n", name)
		for _, k := range keys {
			x := m[k]
			fmt.Fprintf(&b, "    %-36s %5.1f%% (%d/%d)\n", k, 100*float64(x.ok)/float64(x.n), x.ok, x.n)
		}
	}
	table("language", langs)
	if perSource {
		table("source (held out)", sources)
		// The groups the rules were not written against, and every source weighted alike
		// (karrioapi/karrio alone is half the rows).
		var ok, n int
		var macro float64
		for k, x := range sources {
			macro += float64(x.ok) / float64(x.n)
			if !strings.HasPrefix(k, "own/") {
				ok, n = ok+x.ok, n+x.n
			}
		}
		fmt.Fprintf(&b, "  without our own unseen sets: %.1f%% (%d/%d); mean over the %d sources: %.1f%%\n",
			100*float64(ok)/float64(max(1, n)), ok, n, len(sources), 100*macro/float64(max(1, len(sources))))
	}
	table("deciding stage", stages)
	b.WriteString("  confusion (row = label, column = classified):\n")
	writeConfusion(&b, "  ", counts)
	t.Log(b.String())
	return acc
}

// bySource groups the pool's rows by their source, the sources in the order first seen.
func (p evalPool) bySource() (map[string][]*vocabRow, []string) {
	groups := map[string][]*vocabRow{}
	var names []string
	for i := range p.rows {
		r := &p.rows[i]
		if groups[r.source] == nil {
			names = append(names, r.source)
		}
		groups[r.source] = append(groups[r.source], r)
	}
	return groups, names
}

// leaveOneSourceOut classifies every row of the pool with the classifier built without the
// row's group; withCodes gives each row its code, else only rows with a text are classified.
func leaveOneSourceOut(p evalPool, withModel bool) (withCodes, textOnly []outcome) {
	groups, names := p.bySource()
	for _, g := range names {
		c := p.foldClassifier(g, withModel)
		for _, r := range groups[g] {
			in := Input{Text: r.text, Carrier: r.carrier, Code: r.code, Lang: r.lang}
			withCodes = append(withCodes, outcome{r, c.event(in)})
			if strings.TrimSpace(r.text) != "" {
				in.Code = ""
				textOnly = append(textOnly, outcome{r, c.event(in)})
			}
		}
	}
	return withCodes, textOnly
}

// leaveOneSourceOutReport is the honest measure (make eval): every source repository (and
// each of our own unseen sets) is held out in turn; the vocabularies' tables and the model are
// built without it and its rows classified. The rules and codes/*.txt stay as written — the
// rules were written with dev.csv and the unseen sets in view, so the figures on those groups
// are still optimistic; on the vocabulary groups they are first sight for the lookups and the
// model, not for the rules.
func leaveOneSourceOutReport(t *testing.T) {
	p := readPool(t)
	withCodes, textOnly := leaveOneSourceOut(p, true)
	report(t, "leave-one-source-out, text + carrier + code + language", withCodes, true)
	report(t, "leave-one-source-out, text only (codes withheld)", textOnly, false)
	// The vocabularies' labels against a second and third blind annotation (audit_test.go): the
	// same outcomes without the texts three annotators labelled three ways, and with only the
	// vocabulary rows whose first two annotations agreed, as dev.csv was made.
	au := readAudit(t)
	report(t, "leave-one-source-out with codes, without the rows three annotators split on", agreedOutcomes(withCodes, func(r *vocabRow) bool { return !au.disputed(r) }), false)
	report(t, "leave-one-source-out with codes, vocabulary rows whose first two annotations agreed", agreedOutcomes(withCodes, au.firstTwoAgree), false)
	noModel, noModelText := leaveOneSourceOut(p, false)
	a, b := report(t, "the same without the fallback model, with codes", noModel, false), report(t, "without the model, text only", noModelText, false)
	t.Logf("the model adds %+.1f points with codes, %+.1f text only",
		100*(accuracy(withCodes)-a), 100*(accuracy(textOnly)-b))
	// The floor is far below the figure: it catches a broken fold, not a weaker vocabulary.
	if acc := accuracy(withCodes); acc < 0.5 {
		t.Errorf("leave-one-source-out accuracy %.1f%%, want at least 50%%", 100*acc)
	}
}

// ruleRows are the event rules' alternatives as labelled texts for the fallback model: each
// alternative's words (its positive terms, "*" dropped, joined by spaces), labelled with the
// rule's status. The model then knows every language's stage words, not only those of the
// labelled rows, and reads their inflected and compound forms through its n-grams and stems
// where the rules, which match whole words, do not ("Zustellversuche" from "zustellversuch",
// "doręczenie" from "doręczona"). Terms of codes spelled as words (xx) are left out.
//
// Hebrew's phrases are left out (modelSkipsRules): its rule file spells each term out with the
// one-letter prefixes Hebrew writes on the word (ה ו ב ל מ ש), 2,600 phrases that crowd the
// hashed buckets every language shares — with them (deduplicated as below) the model was right
// on 325 of the 746 DEV-half rows it decided, without them on 343 of 743 (7 Dec, session 14;
// leaving out Arabic's, Vietnamese's, Bulgarian's and Greek's as well: 330 of 726, so they stay).
func ruleRows(t testing.TB) []vocabRow {
	t.Helper()
	rs, err := parseRules(ruleFiles(t), func(s string) bool { return taxonomy.ParcelStatus(s).Valid() })
	if err != nil {
		t.Fatal(err)
	}
	var rows []vocabRow
	// An alternative is kept only when it brings a term its language and status had not had:
	// a list's members once each, not once per combination with the rule's other terms, which
	// in a file that spells out prefixed words (Hebrew) were thousands of rows pulling the
	// buckets every language shares their way (see modelCfg, 7 Dec, session 14).
	//
	// A term that is by itself another status's alternative in the language is left out of a
	// longer alternative: in "pickup_ready : entregue & caixa postal" the status is in "caixa
	// postal", and "entregue" is delivered's own word. Kept, such words were taught to every
	// status but their own (a language's rules phrase the special cases of a stage word many
	// times, the stage itself once), and plain "delivered" sentences came out anything else:
	// TestModelFallback's near wordings 7 of 24 wrong with session 16's rules, 3 without such
	// terms; DEV half 13,210 → 13,222 rows right, the model's own answers 317/601 → 326/598
	// (7 Dec, session 16; n-grams of negated words as features of their own, tried beside it,
	// added nothing: 13,220).
	alone := map[string]map[string]bool{} // language and term → the statuses it alone is an alternative of
	for _, a := range rs.alts {
		if len(a.pos) == 1 && len(a.neg) == 0 {
			k := a.lang + "\x00" + rs.terms[a.pos[0]]
			if alone[k] == nil {
				alone[k] = map[string]bool{}
			}
			alone[k][a.status] = true
		}
	}
	seen := map[string]bool{} // language, status, term
	// The phrases of "unknown" rules are not taught either: they are whole notices ("no
	// information", "an error occurred") the rules already read, and taught as n-grams they
	// pulled texts with a status toward no guess once every language had them (7 Dec, session
	// 20: DEV half 17,045 → 17,039 right, real statuses left unknown 194 → 177, model.bin
	// −1.3 KB gz).
	for _, a := range rs.alts {
		if a.lang == langNeutral || len(a.pos) == 0 || slices.Contains(modelSkipsRules, a.lang) || a.status == string(taxonomy.Unknown) {
			continue
		}
		var parts []string
		fresh := false
		for _, id := range a.pos {
			if sts := alone[a.lang+"\x00"+rs.terms[id]]; len(sts) > 0 && !sts[a.status] && len(a.pos) > 1 {
				continue
			}
			parts = append(parts, strings.TrimSpace(rs.terms[id]))
			k := a.lang + "\x00" + a.status + "\x00" + rs.terms[id]
			if !seen[k] {
				seen[k], fresh = true, true
			}
		}
		if !fresh || len(parts) == 0 {
			continue
		}
		rows = append(rows, vocabRow{file: "rules/" + a.lang + ".txt", text: strings.Join(parts, " "),
			label: taxonomy.ParcelStatus(a.status), lang: a.lang, source: "rules/" + a.lang})
	}
	return rows
}

// modelSkipsRules are the languages whose rule phrases the model does not learn (ruleRows).
var modelSkipsRules = []string{"he"}

func accuracy(outs []outcome) float64 {
	ok := 0
	for _, o := range outs {
		if o.got.Status == o.row.label {
			ok++
		}
	}
	return float64(ok) / float64(max(1, len(outs)))
}

// foldVocab is the lookup tables built without one group's rows; with rules, as shipped,
// without the texts the rules read alike.
func (p evalPool) foldVocab(group string, rules *ruleset) *vocab {
	var reviewed []vocabRow
	for _, r := range p.rows[p.nvocab:] {
		if r.source != group {
			reviewed = append(reviewed, r)
		}
	}
	v, _ := buildVocab(p.files, func(r *vocabRow) bool { return r.source != group }, reviewed, rules)
	return v
}

// TestFoldHoldsOut: a fold's classifier knows nothing of the held-out group's rows — none of
// its codes or texts is in the lookup tables unless another group has it too.
func TestFoldHoldsOut(t *testing.T) {
	p := readPool(t)
	if len(p.files) == 0 {
		t.Skip("no vocabulary files")
	}
	group := "" // the first source with a text (a file of bare codes may sort first)
	for _, f := range p.files {
		for _, r := range f.rows {
			if group == "" && r.text != "" {
				group = r.source
			}
		}
	}
	// Without the rules, so that every other group's text is in the fold (the shipped tables
	// leave out the texts the rules read alike, in every fold alike).
	v := p.foldVocab(group, nil)
	others := map[string]bool{}
	for _, f := range p.files {
		for _, r := range f.rows {
			if r.source != group && r.text != "" {
				n, _ := normalize(nil, r.text)
				others[string(n)] = true
			}
		}
	}
	checked := 0
	for _, f := range p.files {
		for _, r := range f.rows {
			if r.source != group || r.text == "" {
				continue
			}
			n, _ := normalize(nil, r.text)
			if _, found := v.text(n, -1); found != others[string(n)] {
				t.Errorf("%s:%d: text found %v in the fold without %s, want %v", r.file, r.line, found, group, others[string(n)])
			}
			checked++
		}
	}
	if checked == 0 {
		t.Errorf("no rows of %s checked", group)
	}
}

// writeConfusion writes a confusion table: one row per label, one column per status the
// classifier gave, "." for none; every line starts with indent.
func writeConfusion(b *strings.Builder, indent string, counts map[[2]taxonomy.ParcelStatus]int) {
	short := func(s taxonomy.ParcelStatus) string { return string(s[:min(6, len(s))]) }
	fmt.Fprintf(b, "%s%-20s", indent, "")
	for _, c := range taxonomy.ParcelStatuses {
		fmt.Fprintf(b, "%7s", short(c))
	}
	for _, r := range taxonomy.ParcelStatuses {
		fmt.Fprintf(b, "\n%s%-20s", indent, r)
		for _, c := range taxonomy.ParcelStatuses {
			if n := counts[[2]taxonomy.ParcelStatus{r, c}]; n > 0 {
				fmt.Fprintf(b, "%7d", n)
			} else {
				fmt.Fprintf(b, "%7s", ".")
			}
		}
	}
}
