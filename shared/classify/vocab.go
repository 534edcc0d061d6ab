package classify

import (
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"unsafe"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// Carriers' official vocabularies (vocab/<carrier>.csv, format in README.md) are read in
// full at `go generate` time (TestCompiledVocab -update) into compiled/vocab.bin: every
// carrier's code table (operation type × attribute) and every official text, normalised, for
// exact lookup. The CSV files stay the source: TestCompiledVocab fails while vocab.bin (or
// model.bin, trained from the same rows) no longer matches them.
//
//go:generate go test -run ^TestCompiledVocab$ -update .

// vocabMagic starts compiled/vocab.bin; change it when the layout changes.
const vocabMagic = "orderwatch classify vocab v3\n"

// vocabRow is one labelled row: of a vocabulary file, or (for the model and the evaluation) of
// a test set.
type vocabRow struct {
	file    string // "vocab/dhl.csv", for errors
	line    int
	carrier string // the vocabulary file's carrier key, or the test set's carrier name
	lang    string
	code    string
	text    string
	label   taxonomy.ParcelStatus
	source  string // owner/repo the row comes from; "own" for our own sets
}

// vocabFile is one parsed vocabulary file.
type vocabFile struct {
	name    string
	carrier string   // key
	aliases []string // in carrierKey form
	rows    []vocabRow
}

var vocabColumns = []string{"carrier", "language", "code", "message", "label", "source", "license"}

// parseVocab reads one vocabulary file. Every mistake is an error naming the file and line.
func parseVocab(name, text string) (*vocabFile, error) {
	f := &vocabFile{name: name}
	base := strings.TrimSuffix(path.Base(name), ".csv")
	// "<key>-<n>.csv" is a second file for the same carrier.
	if i := strings.LastIndexByte(base, '-'); i > 0 && isDigits([]byte(base[i+1:])) {
		base = base[:i]
	}
	// The metadata comments at the top.
	line := 0
	rest := strings.TrimPrefix(text, "\ufeff") // a byte-order mark some editors write
	for len(rest) > 0 && rest[0] == '#' {
		line++
		l, after, _ := strings.Cut(rest, "\n")
		rest = after
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(l, "#")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "carrier":
			f.carrier = val
		case "aliases":
			for _, a := range strings.Split(val, "|") {
				if k := string(carrierKey(nil, a)); k != "" && !slices.Contains(f.aliases, k) {
					f.aliases = append(f.aliases, k)
				}
			}
		}
	}
	if f.carrier == "" {
		f.carrier = base
	}
	if k := string(carrierKey(nil, f.carrier)); k != f.carrier || k == "" {
		return nil, fmt.Errorf("classify: %s:1: carrier key %q: want lower-case letters and digits", name, f.carrier)
	}
	if !slices.Contains(f.aliases, f.carrier) {
		f.aliases = append(f.aliases, f.carrier)
	}
	r := csv.NewReader(strings.NewReader(rest))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("classify: %s:%d: no column header: %v", name, line+1, err)
	}
	if !slices.Equal(header, vocabColumns) {
		return nil, fmt.Errorf("classify: %s:%d: columns %q, want %q", name, line+1, header, vocabColumns)
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("classify: %s:%d: %v", name, line+pe.StartLine, pe.Err)
			}
			return nil, fmt.Errorf("classify: %s: %v", name, err)
		}
		l, _ := r.FieldPos(0)
		l += line
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(vocabColumns) {
			return nil, fmt.Errorf("classify: %s:%d: %d fields, want %d (%s)", name, l, len(rec), len(vocabColumns), strings.Join(vocabColumns, ","))
		}
		row := vocabRow{file: name, line: l, carrier: rec[0], lang: strings.TrimSpace(rec[1]), code: strings.TrimSpace(rec[2]),
			text: rec[3], label: taxonomy.ParcelStatus(strings.TrimSpace(rec[4])), source: strings.TrimSpace(rec[5])}
		switch {
		case row.carrier != f.carrier && row.carrier != strings.TrimSuffix(path.Base(name), ".csv"): // "inpost-2" in inpost-2.csv is tolerated
			return nil, fmt.Errorf("classify: %s:%d: carrier %q, but the file is %q's", name, l, row.carrier, f.carrier)
		case !row.label.Valid():
			return nil, fmt.Errorf("classify: %s:%d: label %q is not a status of the taxonomy", name, l, row.label)
		case row.lang == "":
			return nil, fmt.Errorf("classify: %s:%d: no language (use und for a bare code)", name, l)
		case row.code == "" && strings.TrimSpace(row.text) == "":
			return nil, fmt.Errorf("classify: %s:%d: neither a code nor a message", name, l)
		case row.source == "":
			return nil, fmt.Errorf("classify: %s:%d: no source", name, l)
		case strings.TrimSpace(rec[6]) == "":
			return nil, fmt.Errorf("classify: %s:%d: no licence", name, l)
		}
		row.carrier = f.carrier
		f.rows = append(f.rows, row)
	}
	return f, nil
}

// vocab is the lookup side of the vocabularies: per carrier its code table, and the official
// texts. Built once (from compiled/vocab.bin, or from rows by buildVocab) and read-only after;
// lookups are binary searches and a hash table, no maps and no allocations.
//
// The codes and texts are kept as fixed-width little-endian records over one string of their
// ids, texts and languages (the lookup form), which is also how compiled/vocab.bin holds them:
// loading reads them in place, with no per-entry work.
type vocab struct {
	carriers []vocabCarrier // sorted by key
	aliases  []vocabAlias   // by first byte, then longest first

	// Only while buildVocab builds: the entries, which index turns into the lookup form.
	codes []vocabCode // sorted by carrier, then key
	texts []vocabText // sorted by text, then carrier (anyCarrier last)

	// The lookup form. codeRecs: per code (sorted by carrier, then key) its id's offset in strs
	// (4 bytes), length (2), where the key starts in the id (1) and status (1). textRecs: per
	// text (sorted by text, then carrier) its offset in strs (4), carrier (4), language's offset
	// (4), text length (2), language length (1) and status (1). Both little-endian and stored by
	// column (see col32): like values lie together — 78 KB gzipped as whole records, 48 KB by
	// column, the same loads. textSlots: an open-addressing hash table of the texts (index+1 of a
	// text's first record; 0 = empty).
	strs      string
	codeRecs  string
	textRecs  string
	textSlots ints

	// Derived when built or loaded: where each first byte's aliases start.
	aliasStart [257]int32
}

const (
	codeRecSize = 8
	textRecSize = 16
)

func (v *vocab) ncodes() int { return len(v.codeRecs) / codeRecSize }
func (v *vocab) ntexts() int { return len(v.textRecs) / textRecSize }

// col16 and col32 read the little-endian field at byte k of record i of the n records stored
// by column in s: each field of every record, then the next field, so a field at byte k of a
// record, w bytes wide, starts at k*n and record i's is w*i further.
func col16(s string, n, i, k int) int {
	j := k*n + 2*i
	return int(s[j]) | int(s[j+1])<<8
}

func col32(s string, n, i, k int) int32 {
	j := k*n + 4*i
	_ = s[j+3]
	return int32(uint32(s[j]) | uint32(s[j+1])<<8 | uint32(s[j+2])<<16 | uint32(s[j+3])<<24)
}

// columns is the records of rows, each of fields (byte offset, size), stored by column.
func columns(rows []byte, fields [][2]int) string {
	size := 0
	for _, f := range fields {
		size += f[1]
	}
	n := len(rows) / size
	b := make([]byte, 0, len(rows))
	for _, f := range fields {
		for i := 0; i < n; i++ {
			b = append(b, rows[i*size+f[0]:i*size+f[0]+f[1]]...)
		}
	}
	return string(b)
}

var (
	codeRecFields = [][2]int{{0, 4}, {4, 2}, {6, 1}, {7, 1}}
	textRecFields = [][2]int{{0, 4}, {4, 4}, {8, 4}, {12, 2}, {14, 1}, {15, 1}}
)

// codeAt is code record i.
func (v *vocab) codeAt(i int) vocabCode {
	r, n := v.codeRecs, v.ncodes()
	off := int(col32(r, n, i, 0))
	return vocabCode{id: v.strs[off : off+col16(r, n, i, 4)], keyAt: int32(r[6*n+i]), status: r[7*n+i]}
}

// textOf is the text of record i, textCarrier its carrier, and textAt the whole record.
func (v *vocab) textOf(i int) string {
	r, n := v.textRecs, v.ntexts()
	off := int(col32(r, n, i, 0))
	return v.strs[off : off+col16(r, n, i, 12)]
}

func (v *vocab) textCarrier(i int) int32 { return col32(v.textRecs, v.ntexts(), i, 4) }

func (v *vocab) textAt(i int) vocabText {
	r, n := v.textRecs, v.ntexts()
	lang := int(col32(r, n, i, 8))
	return vocabText{text: v.textOf(i), carrier: v.textCarrier(i), lang: v.strs[lang : lang+int(r[14*n+i])], status: r[15*n+i]}
}

// index derives aliasStart and turns the built entries (codes, texts) into the lookup form.
func (v *vocab) index() {
	v.indexAliases()
	var strs, codeRecs, textRecs []byte
	le := binary.LittleEndian
	for _, c := range v.codes {
		if len(c.id) > 0xFFFF || c.keyAt > 0xFF {
			panic("classify: vocabulary code id too long: " + c.id)
		}
		codeRecs = le.AppendUint32(codeRecs, uint32(len(strs)))
		codeRecs = le.AppendUint16(codeRecs, uint16(len(c.id)))
		codeRecs = append(codeRecs, byte(c.keyAt), c.status)
		strs = append(strs, c.id...)
	}
	langAt := map[string]int{}
	textAt := 0
	for i, t := range v.texts {
		if len(t.text) > 0xFFFF || len(t.lang) > 0xFF {
			panic("classify: vocabulary text or language too long: " + t.text)
		}
		if i == 0 || t.text != v.texts[i-1].text {
			textAt = len(strs)
			strs = append(strs, t.text...)
		}
		at, ok := langAt[t.lang]
		if !ok {
			at = len(strs)
			langAt[t.lang] = at
			strs = append(strs, t.lang...)
		}
		textRecs = le.AppendUint32(textRecs, uint32(textAt))
		textRecs = le.AppendUint32(textRecs, uint32(t.carrier))
		textRecs = le.AppendUint32(textRecs, uint32(at))
		textRecs = le.AppendUint16(textRecs, uint16(len(t.text)))
		textRecs = append(textRecs, byte(len(t.lang)), t.status)
	}
	n := 16
	for n < 2*len(v.texts) {
		n *= 2
	}
	slots := make([]int32, n)
	for i := range v.texts {
		if i > 0 && v.texts[i].text == v.texts[i-1].text {
			continue
		}
		h := hashText(v.texts[i].text)
		for j := h & uint32(n-1); ; j = (j + 1) & uint32(n-1) {
			if slots[j] == 0 {
				slots[j] = int32(i) + 1
				break
			}
		}
	}
	v.strs, v.codeRecs, v.textRecs, v.textSlots = string(strs), columns(codeRecs, codeRecFields), columns(textRecs, textRecFields), packInts(slots)
	v.codes, v.texts = nil, nil
}

// indexAliases derives aliasStart.
func (v *vocab) indexAliases() {
	for i := range v.aliasStart {
		v.aliasStart[i] = int32(len(v.aliases))
	}
	for i := len(v.aliases) - 1; i >= 0; i-- {
		v.aliasStart[v.aliases[i].key[0]] = int32(i)
	}
	for c := 255; c >= 0; c-- {
		v.aliasStart[c] = min(v.aliasStart[c], v.aliasStart[c+1])
	}
}

func hashText[T string | []byte](s T) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h ^ h>>16
}

type vocabCarrier struct {
	group     int32  // the key's table: where this table's texts are looked up
	key       string // the carrier key, or the file name for one file of several
	textID    string // rule id of a carrier-scoped text match: "text:dhl"
	codeStart int32  // codes[codeStart:codeEnd] are the carrier's
	codeEnd   int32
}

type vocabAlias struct {
	key     string
	carrier int32
}

type vocabCode struct {
	id     string // "code:russianpost:2.1"; the key is its tail after the second ':'
	keyAt  int32  // where the key starts in id
	status uint8  // index in taxonomy.ParcelStatuses
}

func (c vocabCode) key() string { return c.id[c.keyAt:] }

type vocabText struct {
	text    string // normalised, with its spaces at both ends
	carrier int32  // anyCarrier: the majority over every carrier
	status  uint8
	lang    string
}

// anyCarrier marks a text entry that holds for every carrier.
const anyCarrier = 1<<31 - 1

// textAnyID is the rule id of a text found in another carrier's vocabulary.
const textAnyID = "text:any"

// statusIndex is the position of s in taxonomy.ParcelStatuses.
func statusIndex(s taxonomy.ParcelStatus) uint8 {
	for i, v := range taxonomy.ParcelStatuses {
		if v == s {
			return uint8(i)
		}
	}
	panic("classify: status " + string(s))
}

// statusVendor holds every status's vendor codes (no reason).
var statusVendor = func() []vendorCodes {
	v := make([]vendorCodes, len(taxonomy.ParcelStatuses))
	for i, s := range taxonomy.ParcelStatuses {
		v[i] = vendorCodes(taxonomy.VendorCodesFor(s, ""))
	}
	return v
}()

// vocabStats counts what building a vocab left out, for the documentation and the logs.
type vocabStats struct {
	codes, codesTied    int // code entries kept; dropped because two labels tied
	texts, textsTied    int // carrier-scoped text entries kept; dropped on ties
	anyTexts, anyTied   int // any-carrier text entries kept; dropped on ties
	textsOverruled      int // texts whose rows disagreed, resolved by majority
	codesOverruled      int
	emptyTextsAfterNorm int
	contradicted        []string // texts left out: the labelled sets say otherwise
}

// buildVocab builds the lookup tables from vocabulary rows. Ambiguities are resolved by
// majority: a code of one carrier that rows label differently gets the label most rows give,
// and is dropped when two labels tie; the same for a normalised text within one carrier, and
// again across carriers for the any-carrier entry.
//
// reviewed are the project's own labelled sets (testdata/dev.csv, unseen*.csv): an official
// text they label otherwise (by majority) is left out of the lookup, and listed in the stats —
// their labels were reviewed against the labelling rules of shared/DESIGN.md §2, and such a clash is usually a vocabulary label
// that followed the carrier's code rather than the words. They add no text of their own.
func buildVocab(files []*vocabFile, keep func(*vocabRow) bool, reviewed []vocabRow) (*vocab, vocabStats) {
	var st vocabStats
	v := &vocab{}
	reviewedVotes := map[string]map[taxonomy.ParcelStatus]int{}
	for _, r := range reviewed {
		n, _ := normalize(nil, r.text)
		if reviewedVotes[string(n)] == nil {
			reviewedVotes[string(n)] = map[taxonomy.ParcelStatus]int{}
		}
		reviewedVotes[string(n)][r.label]++
	}
	// Carriers: one table per key, all its files together; and when a key has several files
	// (one carrier's products or systems: DHL Paket, DHL Express, DHL eCommerce…), one per
	// file as well, named after the file ("dhl-6.csv"), because their codes collide. An alias
	// only one file gives selects that file's table; the key itself, or an alias several of
	// one key's files give, selects the key's. Texts are looked up per key.
	filesOf := map[string][]*vocabFile{}
	for _, f := range files {
		filesOf[f.carrier] = append(filesOf[f.carrier], f)
	}
	keys := make([]string, 0, len(filesOf))
	for k := range filesOf {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	byKey := map[string]int{}  // key → its table
	byName := map[string]int{} // table name → table
	unitOf := map[*vocabFile]int{}
	for _, k := range keys {
		g := len(v.carriers)
		byKey[k], byName[k] = g, g
		v.carriers = append(v.carriers, vocabCarrier{key: k, textID: "text:" + k, group: int32(g)})
		fs := filesOf[k]
		if len(fs) == 1 {
			unitOf[fs[0]] = g
			continue
		}
		slices.SortFunc(fs, func(a, b *vocabFile) int { return strings.Compare(a.name, b.name) })
		for _, f := range fs {
			name := path.Base(f.name)
			unitOf[f], byName[name] = len(v.carriers), len(v.carriers)
			v.carriers = append(v.carriers, vocabCarrier{key: name, textID: "text:" + k, group: int32(g)})
		}
	}
	claims := map[string][]*vocabFile{}
	for _, f := range files {
		for _, a := range f.aliases {
			claims[a] = append(claims[a], f)
		}
	}
	for a, fs := range claims {
		c := -1
		if i, ok := byKey[a]; ok {
			c = i
		} else if len(fs) == 1 {
			c = unitOf[fs[0]]
		} else if !slices.ContainsFunc(fs, func(f *vocabFile) bool { return f.carrier != fs[0].carrier }) {
			c = byKey[fs[0].carrier]
		}
		if c >= 0 {
			v.aliases = append(v.aliases, vocabAlias{key: a, carrier: int32(c)})
		}
	}
	slices.SortFunc(v.aliases, func(a, b vocabAlias) int {
		if a.key[0] != b.key[0] {
			return int(a.key[0]) - int(b.key[0])
		}
		if len(a.key) != len(b.key) {
			return len(b.key) - len(a.key)
		}
		return strings.Compare(a.key, b.key)
	})

	type votes map[taxonomy.ParcelStatus]int
	majority := func(vs votes) (taxonomy.ParcelStatus, bool, bool) {
		best, n, tied := taxonomy.ParcelStatus(""), 0, false
		for _, s := range taxonomy.ParcelStatuses {
			switch c := vs[s]; {
			case c > n:
				best, n, tied = s, c, false
			case c == n && c > 0:
				tied = true
			}
		}
		return best, !tied, len(vs) > 1
	}
	type ck struct {
		carrier int
		key     string
	}
	codeVotes := map[ck]votes{}
	textVotes := map[ck]votes{}
	textLang := map[ck]map[string]int{}
	anyVotes := map[string]votes{}
	anyLang := map[string]map[string]int{}
	add := func(m map[ck]votes, k ck, s taxonomy.ParcelStatus) {
		if m[k] == nil {
			m[k] = votes{}
		}
		m[k][s]++
	}
	for _, f := range files {
		c, own := byKey[f.carrier], unitOf[f]
		for i := range f.rows {
			r := &f.rows[i]
			if keep != nil && !keep(r) {
				continue
			}
			if k := codeKeyString(r.code); k != "" {
				add(codeVotes, ck{c, k}, r.label)
				if own != c {
					add(codeVotes, ck{own, k}, r.label)
				}
			}
			if strings.TrimSpace(r.text) == "" {
				continue
			}
			n, _ := normalize(nil, r.text)
			t := string(n)
			if strings.TrimSpace(t) == "" {
				st.emptyTextsAfterNorm++
				continue
			}
			add(textVotes, ck{c, t}, r.label)
			if textLang[ck{c, t}] == nil {
				textLang[ck{c, t}] = map[string]int{}
			}
			textLang[ck{c, t}][r.lang]++
			if anyVotes[t] == nil {
				anyVotes[t] = votes{}
				anyLang[t] = map[string]int{}
			}
			anyVotes[t][r.label]++
			anyLang[t][r.lang]++
		}
	}
	topLang := func(m map[string]int) string {
		best, n := "", 0
		for l, c := range m {
			if l == "und" {
				continue
			}
			if c > n || c == n && l < best {
				best, n = l, c
			}
		}
		return best
	}
	for k, vs := range codeVotes {
		s, ok, disagreed := majority(vs)
		if !ok {
			st.codesTied++
			continue
		}
		if disagreed {
			st.codesOverruled++
		}
		prefix := "code:" + v.carriers[k.carrier].key + ":"
		v.codes = append(v.codes, vocabCode{id: prefix + k.key, keyAt: int32(len(prefix)), status: statusIndex(s)})
	}
	// Sort codes by carrier (the id's prefix carries it: "code:<key>:"), then key.
	carrierOfCode := func(c *vocabCode) int { return byName[c.id[len("code:"):c.keyAt-1]] }
	slices.SortFunc(v.codes, func(a, b vocabCode) int {
		if x, y := carrierOfCode(&a), carrierOfCode(&b); x != y {
			return x - y
		}
		return strings.Compare(a.key(), b.key())
	})
	for i := range v.carriers {
		v.carriers[i].codeStart, v.carriers[i].codeEnd = -1, -1
	}
	for i := range v.codes {
		c := carrierOfCode(&v.codes[i])
		if v.carriers[c].codeStart < 0 {
			v.carriers[c].codeStart = int32(i)
		}
		v.carriers[c].codeEnd = int32(i) + 1
	}
	for i := range v.carriers {
		if v.carriers[i].codeStart < 0 {
			v.carriers[i].codeStart, v.carriers[i].codeEnd = 0, 0
		}
	}
	st.codes = len(v.codes)
	contradicted := func(t string, s taxonomy.ParcelStatus, where string) bool {
		rs, ok, _ := majority(reviewedVotes[t])
		if !ok || rs == s || rs == "" {
			return false
		}
		st.contradicted = append(st.contradicted, fmt.Sprintf("%s %q: %s, the labelled sets say %s", where, strings.TrimSpace(t), s, rs))
		return true
	}
	for k, vs := range textVotes {
		s, ok, disagreed := majority(vs)
		if !ok {
			st.textsTied++
			continue
		}
		if contradicted(k.key, s, v.carriers[k.carrier].key) {
			continue
		}
		if disagreed {
			st.textsOverruled++
		}
		v.texts = append(v.texts, vocabText{text: k.key, carrier: int32(k.carrier), status: statusIndex(s), lang: topLang(textLang[k])})
		st.texts++
	}
	for t, vs := range anyVotes {
		s, ok, _ := majority(vs)
		if !ok {
			st.anyTied++
			continue
		}
		if contradicted(t, s, "any carrier") {
			continue
		}
		v.texts = append(v.texts, vocabText{text: t, carrier: anyCarrier, status: statusIndex(s), lang: topLang(anyLang[t])})
		st.anyTexts++
	}
	slices.SortFunc(v.texts, func(a, b vocabText) int {
		if c := strings.Compare(a.text, b.text); c != 0 {
			return c
		}
		return cmp.Compare(a.carrier, b.carrier)
	})
	v.index()
	return v, st
}

func codeKeyString(code string) string { return string(codeKey(nil, code)) }

// carrier is the index of the vocabulary carrier a carrier name selects, or -1: the longest
// alias the name's letters and digits contain (an alias of three letters or fewer only at its
// start, so "ups" does not select inside "groupsupply").
func (v *vocab) carrier(name []byte) int {
	best, bestLen := -1, 0
	for i := 0; i < len(name); i++ {
		for _, a := range v.aliases[v.aliasStart[name[i]]:v.aliasStart[int(name[i])+1]] {
			if len(a.key) <= bestLen {
				break // longest first: nothing longer follows
			}
			if len(a.key) <= 3 && i > 0 || i+len(a.key) > len(name) {
				continue
			}
			if string(name[i:i+len(a.key)]) == a.key {
				best, bestLen = int(a.carrier), len(a.key)
				break
			}
		}
	}
	return best
}

// code finds a code key (codeKey form) in carrier c's table: the full code, else — for a
// "type.attr" code whose attribute the table lacks — the type alone, when the table has a row
// for the type alone.
func (v *vocab) code(c int, key []byte, typeAlone bool) (vocabCode, bool) {
	if c < 0 || len(key) == 0 {
		return vocabCode{}, false
	}
	cr := &v.carriers[c]
	if typeAlone {
		dot := lastDot(key)
		if dot <= 0 {
			return vocabCode{}, false
		}
		key = key[:dot]
	}
	lo, hi := int(cr.codeStart), int(cr.codeEnd) // a binary search written out: slices.BinarySearchFunc's callback makes key escape
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compareBytes(v.codeAt(mid).key(), key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < int(cr.codeEnd) {
		if e := v.codeAt(lo); compareBytes(e.key(), key) == 0 {
			return e, true
		}
	}
	return vocabCode{}, false
}

// compareBytes compares s with b as strings would, without converting.
func compareBytes(s string, b []byte) int {
	n := min(len(s), len(b))
	for i := 0; i < n; i++ {
		if s[i] != b[i] {
			if s[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return len(s) - len(b)
}

// text finds a normalised text: carrier c's own entry first, then the one for any carrier.
func (v *vocab) text(text []byte, c int) (vocabText, bool) {
	if v.textSlots.len() == 0 {
		return vocabText{}, false
	}
	if c >= 0 {
		c = int(v.carriers[c].group)
	}
	mask := uint32(v.textSlots.len() - 1)
	i := -1
	for j := hashText(text) & mask; v.textSlots.at(int32(j)) != 0; j = (j + 1) & mask {
		if k := int(v.textSlots.at(int32(j))) - 1; v.textOf(k) == string(text) {
			i = k
			break
		}
	}
	if i < 0 {
		return vocabText{}, false
	}
	anyI := -1
	for n := v.ntexts(); i < n && v.textOf(i) == string(text); i++ {
		carrier := v.textCarrier(i)
		if c >= 0 && int(carrier) == c {
			return v.textAt(i), true
		}
		if carrier == anyCarrier {
			anyI = i
		}
	}
	if anyI < 0 {
		return vocabText{}, false
	}
	return v.textAt(anyI), true
}

// encodeVocab writes a vocab as compiled/vocab.bin: the carriers and aliases as uvarints and
// length-prefixed strings, then the lookup form (strs, and from a multiple of 4 bytes the code
// and text records and the text hash table), which decodeVocab reads in place.
func encodeVocab(v *vocab) []byte {
	b := []byte(vocabMagic)
	u := func(x uint64) { b = binary.AppendUvarint(b, x) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	u(uint64(len(v.carriers)))
	for _, c := range v.carriers {
		str(c.key)
		u(uint64(c.codeStart))
		u(uint64(c.codeEnd))
		u(uint64(c.group))
	}
	u(uint64(len(v.aliases)))
	for _, a := range v.aliases {
		str(a.key)
		u(uint64(a.carrier))
	}
	u(uint64(v.ncodes()))
	u(uint64(v.ntexts()))
	u(uint64(v.textSlots.len()))
	if v.textSlots.wide() {
		u(1)
	} else {
		u(0)
	}
	str(v.strs)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	b = append(b, v.codeRecs...)
	b = append(b, v.textRecs...)
	return append(b, v.textSlots.s...)
}

// decodeVocab loads what encodeVocab wrote; strings and records point into data (no copies).
func decodeVocab(data string) (*vocab, error) {
	if len(data) < len(vocabMagic) || data[:len(vocabMagic)] != vocabMagic {
		return nil, errors.New("classify: compiled vocab: wrong format (run go generate ./shared/classify)")
	}
	r := &reader{s: data, i: len(vocabMagic)}
	v := &vocab{}
	v.carriers = make([]vocabCarrier, r.count(4))
	textIDs := make([]byte, 0, 64*len(v.carriers))
	for i := range v.carriers {
		c := &v.carriers[i]
		c.key = r.str()
		c.codeStart, c.codeEnd = int32(r.u()), int32(r.u())
		c.group = int32(r.u())
	}
	// The carriers' text rule ids (their key's) in one allocation.
	for i := range v.carriers {
		if int(v.carriers[i].group) >= len(v.carriers) {
			r.fail()
			return nil, r.err
		}
		textIDs = append(textIDs, "text:"...)
		textIDs = append(textIDs, v.carriers[v.carriers[i].group].key...)
	}
	ids := unsafeString(textIDs)
	at := 0
	for i := range v.carriers {
		n := len("text:") + len(v.carriers[v.carriers[i].group].key)
		v.carriers[i].textID = ids[at : at+n]
		at += n
	}
	v.aliases = make([]vocabAlias, r.count(2))
	for i := range v.aliases {
		if v.aliases[i].key = r.str(); v.aliases[i].key == "" && r.err == nil {
			return nil, errors.New("classify: compiled vocab: empty alias")
		}
		if v.aliases[i].carrier = int32(r.u()); int(v.aliases[i].carrier) >= len(v.carriers) {
			r.fail()
		}
	}
	ncodes, ntexts, nslots := r.count(0), r.count(0), r.count(0)
	wide := r.u()
	if wide > 1 {
		r.fail()
	}
	v.strs = r.str()
	if r.i%4 != 0 {
		r.bytes(4 - r.i%4)
	}
	if r.err == nil && (ncodes > len(r.s)/codeRecSize || ntexts > len(r.s)/textRecSize || nslots&(nslots-1) != 0 || nslots < 2*ntexts) {
		r.fail()
	}
	v.codeRecs = r.bytes(ncodes * codeRecSize)
	v.textRecs = r.bytes(ntexts * textRecSize)
	v.textSlots = r.ints(nslots, wide == 1)
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled vocab: %d bytes left over", len(r.s)-r.i)
	}
	if r.err != nil {
		return nil, r.err
	}
	if err := v.check(); err != nil {
		return nil, err
	}
	v.indexAliases()
	return v, nil
}

// check is what decodeVocab verifies of the records: every range inside strs, every status and
// carrier known, every slot a text's first record (one pass, no allocation).
func (v *vocab) check() error {
	bad := func(what string, i int) error {
		return fmt.Errorf("classify: compiled vocab: %s %d out of range", what, i)
	}
	nst := len(taxonomy.ParcelStatuses)
	for _, c := range v.carriers {
		if c.codeStart < 0 || c.codeStart > c.codeEnd || int(c.codeEnd) > v.ncodes() {
			return errors.New("classify: compiled vocab: a carrier's codes out of range")
		}
	}
	r, nc := v.codeRecs, v.ncodes()
	for i := 0; i < nc; i++ {
		off, n := int(col32(r, nc, i, 0)), col16(r, nc, i, 4)
		if off < 0 || off+n > len(v.strs) || int(r[6*nc+i]) > n || int(r[7*nc+i]) >= nst {
			return bad("code", i)
		}
	}
	r, nt := v.textRecs, v.ntexts()
	for i := 0; i < nt; i++ {
		off, carrier, lang := int(col32(r, nt, i, 0)), col32(r, nt, i, 4), int(col32(r, nt, i, 8))
		if off < 0 || off+col16(r, nt, i, 12) > len(v.strs) || lang < 0 || lang+int(r[14*nt+i]) > len(v.strs) ||
			int(r[15*nt+i]) >= nst || carrier != anyCarrier && (carrier < 0 || int(carrier) >= len(v.carriers)) {
			return bad("text", i)
		}
	}
	for j := 0; j < v.textSlots.len(); j++ {
		if k := v.textSlots.at(int32(j)); k < 0 || int(k) > v.ntexts() {
			return bad("text slot", j)
		}
	}
	return nil
}

// unsafeString is b as a string without a copy; b is never written again.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
