package classify

import (
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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
const vocabMagic = "orderwatch classify vocab v13\n" // v7: a text entry names its key by ordinal; v8: 40-bit fingerprints; v9: Rice-coded; v10: carrier and language paired; v11: code keys front-coded; v12: 36-bit fingerprints; v13: a key's ordinal in two bytes

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
// lookups are binary searches, no maps and no allocations.
//
// The lookup form is what compiled/vocab.bin holds — read in place, but for three tables the
// file packs and loading spells out once (the fingerprints, each entry's carrier and language,
// the code keys: vocab_pack.go) — plus two short tables derived when loading (codeIDs with
// codeOff, textStart: prefix sums and one copy).
// Codes: per carrier (in the carrier's codeStart:codeEnd) sorted by key; the keys one after
// another in codeKeys, their lengths in codeLen and their statuses in codeStatus (a byte
// each). Texts: an official text is kept as its fingerprint (textPrint, printBits wide)
// rather than its words — nothing needs the words back, and the words were most of the file. The
// fingerprints of the distinct texts in increasing order (v5: −1 byte a text; v6: 48-bit
// fingerprints, −2 bytes a text; v8: 40-bit, −1 byte a text; v9: the gaps between them
// Rice-coded, 27–28.5 bits a text where 32 were stored — loading decodes them into prints and
// buckets; v12: 36-bit, four bits fewer a text), each
// text's number of entries (textCount), then per entry, in fingerprint order and by carrier
// (anyCarrier last) within a text: carrier (a key's ordinal, anyCarrierOrd for any), status, language
// (an index into langs). Building fails on two texts with one fingerprint
// (TestTextFingerprints also holds every labelled text apart from the official ones).
type vocab struct {
	carriers []vocabCarrier // sorted by key
	aliases  []vocabAlias   // by first byte, then longest first

	// Only while buildVocab builds: the entries, which index turns into the lookup form.
	codes []vocabCode // sorted by carrier, then key
	texts []vocabText // sorted by text, then carrier (anyCarrier last)

	codeKeys   string
	codeLen    string
	codeStatus string
	// prints are the low 32 bits of the distinct texts' fingerprints, in increasing order of the
	// whole fingerprint; buckets[b] is the first whose top byte is b (buckets[256] = all).
	prints      []uint32
	buckets     [257]int32
	textCount   string
	textCarrier []uint16 // v13: two bytes, since the keys outgrew one (more than 255)
	textStatus  string
	textLang    string
	langs       []string

	// Derived when built or loaded: text d's entries start at textStart[d]; where each first
	// byte's aliases start.
	textStart  []int32
	aliasStart [257]int32
	// keyTables[o] is the table of the o-th key: a text entry names its key by this ordinal,
	// so that a carrier's many files (each with its own code table) do not use ordinals up.
	keyTables []int32

	// Derived at the first code looked up (not at start-up): every code's id.
	ids codeIDs

	// The carrier names looked up last, and what they selected (carrierMemo).
	memo carrierMemo
}

// carrierMemo remembers which carrier the names looked up last select, a slot per hash of the
// name. A parcel's events, and a buyer's parcels, name a handful of carriers over and over, and
// finding the longest alias inside a name took a fifth of an event's time (dev.csv's names, 7
// Dec). A slot holds an immutable entry, compared by the whole name, so a hit is always right;
// a miss looks the name up and replaces the slot's entry (the only allocation, once per name).
type carrierMemo struct {
	slots [256]atomic.Pointer[carrierMemoEntry]
}

type carrierMemoEntry struct {
	name    string
	carrier int
}

// slot is the name's slot.
func (m *carrierMemo) slot(name []byte) *atomic.Pointer[carrierMemoEntry] {
	return &m.slots[hashBytes(name)%uint32(len(m.slots))]
}

// codeIDs are every code's rule id ("code:<carrier key>:<key>") one after another: code i's is
// s[off[i]:off[i+1]]. Kept so that a code found answers without allocating; made once, at the
// first lookup, because most events have no code and start-up is what the page waits for.
type codeIDs struct {
	once sync.Once
	s    string
	off  []int32
}

// anyCarrierOrd is anyCarrier in textCarrier.
const anyCarrierOrd = 0xFFFF

func (v *vocab) ncodes() int { return len(v.codeLen) }
func (v *vocab) ntexts() int { return len(v.prints) }

// codeAt is code record i of carrier c (ids made).
func (v *vocab) codeAt(c, i int) vocabCode {
	return vocabCode{id: v.ids.s[v.ids.off[i]:v.ids.off[i+1]], keyAt: int32(len("code:") + len(v.carriers[c].key) + 1), status: v.codeStatus[i]}
}

// printAt is the low bits of distinct text d's fingerprint (its top byte is its bucket's).
func (v *vocab) printAt(d int) uint64 { return uint64(v.prints[d]) }

// prints holds the fingerprints' low bits in a uint32: this fails to compile if they no longer fit.
var _ = [32 - (printBits - 8)]struct{}{}

// bucketAt is the first distinct text whose fingerprint's top byte is b (b ≤ 256).
func (v *vocab) bucketAt(b int) int { return int(v.buckets[b]) }

// A fingerprint is printBits wide: its top byte picks the bucket, the rest (lowPrint) is kept
// in prints. 36 bits (v12; 40 in v8–v11): a text that is not official matches one of the
// ~1.3·10^4 official ones with a chance of about 1.3·10^4 / 2^36 ≈ 2·10^-7 (one event in five
// million, and then only if no code or rule decided first, which the rules get wrong one time
// in four on unseen carriers), and building fails on a collision among the official ones
// (TestTextFingerprints holds every labelled text apart as well). Each bit fewer saves a bit a
// text: 40 → 36 bits gave 6 KB of core.wasm for the eleventh set's vocabularies. 48 bits (v6,
// v7) cost a byte more per text, 9.4 KB for 9,401 texts, for nothing a buyer would see; 32 bits
// would make that chance 3·10^-6.
const (
	printBits = 36
	lowPrint  = 1<<(printBits-8) - 1
)

// entryAt is text entry k.
func (v *vocab) entryAt(k int) vocabText {
	c := int32(anyCarrier)
	if o := v.textCarrier[k]; o != anyCarrierOrd {
		c = v.keyTables[o]
	}
	return vocabText{carrier: c, status: v.textStatus[k], lang: v.langs[v.textLang[k]]}
}

// index derives aliasStart and turns the built entries (codes, texts) into the lookup form.
func (v *vocab) index() {
	v.indexAliases()
	v.indexKeys()
	var keys, lens, statuses []byte
	for _, c := range v.codes {
		k := c.key()
		if len(k) == 0 || len(k) > 0xFF {
			panic("classify: vocabulary code key empty or too long: " + c.id)
		}
		keys = append(keys, k...)
		lens = append(lens, byte(len(k)))
		statuses = append(statuses, c.status)
	}
	if len(v.keyTables) >= anyCarrierOrd {
		panic("classify: too many vocabulary carriers")
	}
	// Entries in fingerprint order, then by carrier (anyCarrier last).
	type entry struct {
		print uint64
		t     *vocabText
	}
	entries := make([]entry, len(v.texts))
	for i := range v.texts {
		entries[i] = entry{textPrint([]byte(v.texts[i].text)), &v.texts[i]}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Compare(a.print, b.print) })
	langAt := map[string]int{}
	v.langs = nil
	var counts, tstatus, tlang []byte
	var carriers []uint16
	var prints []uint32
	var bucket [257]int32 // texts before each top byte
	for i, e := range entries {
		if i > 0 && e.print == entries[i-1].print {
			if e.t.text != entries[i-1].t.text {
				panic(fmt.Sprintf("classify: official texts %q and %q have one fingerprint: change textPrint", e.t.text, entries[i-1].t.text))
			}
			if counts[len(counts)-1] == 0xFF {
				panic("classify: too many entries for one official text: " + e.t.text)
			}
			counts[len(counts)-1]++
		} else {
			prints = append(prints, uint32(e.print&lowPrint))
			counts = append(counts, 1)
			bucket[e.print>>(printBits-8)+1]++
		}
		c := uint16(anyCarrierOrd)
		if e.t.carrier != anyCarrier {
			c = uint16(v.carriers[e.t.carrier].ord)
		}
		at, ok := langAt[e.t.lang]
		if !ok {
			at = len(v.langs)
			if at > 0xFF {
				panic("classify: too many vocabulary languages")
			}
			langAt[e.t.lang] = at
			v.langs = append(v.langs, e.t.lang)
		}
		carriers = append(carriers, c)
		tstatus = append(tstatus, e.t.status)
		tlang = append(tlang, byte(at))
	}
	v.codeKeys, v.codeLen, v.codeStatus = string(keys), string(lens), string(statuses)
	for b := 1; b < len(bucket); b++ {
		bucket[b] += bucket[b-1]
	}
	v.buckets, v.prints, v.textCount = bucket, prints, string(counts)
	v.textCarrier, v.textStatus, v.textLang = carriers, string(tstatus), string(tlang)
	v.codes, v.texts = nil, nil
	v.derive()
}

// derive makes what the lookup form computes from the stored tables at once: where each
// text's entries start (no check here: check runs first when loading).
func (v *vocab) derive() {
	v.textStart = make([]int32, v.ntexts()+1)
	for d := 0; d < v.ntexts(); d++ {
		v.textStart[d+1] = v.textStart[d] + int32(v.textCount[d])
	}
}

// indexKeys derives keyTables and each table's ord. A key's table is its own group; the
// files' tables name it as theirs (checked when loading).
func (v *vocab) indexKeys() {
	v.keyTables = v.keyTables[:0]
	for i := range v.carriers {
		if int(v.carriers[i].group) == i {
			v.carriers[i].ord = int32(len(v.keyTables))
			v.keyTables = append(v.keyTables, int32(i))
		}
	}
	for i := range v.carriers {
		v.carriers[i].ord = v.carriers[v.carriers[i].group].ord
	}
}

// makeIDs makes the codes' ids, once: a pass over the codes and one copy of their keys.
func (v *vocab) makeIDs() {
	v.ids.once.Do(v.buildIDs)
}

func (v *vocab) buildIDs() {
	size := len(v.codeKeys)
	for _, c := range v.carriers {
		size += int(c.codeEnd-c.codeStart) * (len("code:") + len(c.key) + 1)
	}
	ids := make([]byte, 0, size)
	off := make([]int32, v.ncodes()+1)
	at := 0
	for _, c := range v.carriers {
		for i := c.codeStart; i < c.codeEnd; i++ {
			n := int(v.codeLen[i])
			off[i] = int32(len(ids))
			ids = append(ids, "code:"...)
			ids = append(ids, c.key...)
			ids = append(ids, ':')
			ids = append(ids, v.codeKeys[at:at+n]...)
			at += n
		}
	}
	off[v.ncodes()] = int32(len(ids))
	v.ids.s, v.ids.off = unsafeString(ids), off
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

// textPrint is the fingerprint an official text is kept as: the text read 8 bytes at a time,
// each word multiplied into the state, then a final mix (MurmurHash3's fmix64 constants) so
// that every bit of the text reaches every bit of the state, whose top printBits bits it is.
// Not a cryptographic hash: the texts are not chosen by an adversary, and building the
// vocabularies fails on a collision.
func textPrint(s []byte) uint64 {
	const k1, k2 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F
	h := uint64(len(s)) * k1
	for ; len(s) >= 8; s = s[8:] {
		w := binary.LittleEndian.Uint64(s)
		h = bits.RotateLeft64(h^(w*k2), 31) * k1
	}
	var w uint64
	for i := len(s) - 1; i >= 0; i-- {
		w = w<<8 | uint64(s[i])
	}
	h = bits.RotateLeft64(h^(w*k2), 31) * k1
	h ^= h >> 33
	h *= 0xFF51AFD7ED558CCD
	h ^= h >> 33
	h *= 0xC4CEB9FE1A85EC53
	return (h ^ h>>33) >> (64 - printBits)
}

type vocabCarrier struct {
	group     int32  // the key's table: where this table's texts are looked up
	ord       int32  // the key's ordinal among the keys (derived: keyTables)
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
	readAlike           int      // text entries left out: the rules read them as the same status
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
//
// With rules, the official texts they read as the same status — with the text's own language
// as the hint and with none — are left out (st.readAlike), but for the carriers a curated code
// file selects (their own texts outrank those codes). Such an entry changes no answer: the
// rules give its status, and a gathered table's code and the other entries yield to a text
// that tells a status either way; only the confidence (0.95 or 0.9 instead of the rule's),
// which moves nothing above 0.5. What is kept is what the lookup is for: the texts the rules
// read otherwise or not at all.
func buildVocab(files []*vocabFile, keep func(*vocabRow) bool, reviewed []vocabRow, rules *ruleset) (*vocab, vocabStats) {
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
	if rules != nil {
		kept := v.texts[:0]
		for _, t := range v.texts {
			// A carrier's own text is kept where a curated code file (codes/*.txt) selects
			// the carrier: there the own text outranks the code when they disagree (event),
			// and without the entry the code would win.
			own := t.carrier != anyCarrier && curatedCodes(v.carriers[t.carrier].key)
			if own || !rules.readAlike(t.text, t.lang, taxonomy.ParcelStatuses[t.status]) {
				kept = append(kept, t)
			}
		}
		st.readAlike = len(v.texts) - len(kept)
		v.texts = kept
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

// curatedCodes reports whether a curated code file (codes/*.txt) selects the carrier key.
func curatedCodes(key string) bool {
	for _, t := range codeTables {
		if t.selects([]byte(key)) {
			return true
		}
	}
	return false
}

// readAlike reports whether the rules read a normalised text as status, with the language as
// the hint and with none.
func (rs *ruleset) readAlike(text, lang string, status taxonomy.ParcelStatus) bool {
	for _, hint := range [2]string{lang, ""} {
		if m := rs.match([]byte(text), langHint(hint)); m.best == nil || m.best.status != string(status) {
			return false
		}
	}
	return true
}

func codeKeyString(code string) string { return string(codeKey(nil, code)) }

// carrier is the index of the vocabulary carrier a carrier name selects, or -1: the longest
// alias the name's letters and digits contain (an alias of three letters or fewer only at its
// start, so "ups" does not select inside "groupsupply").
func (v *vocab) carrier(name []byte) int {
	if len(name) == 0 {
		return -1
	}
	slot := v.memo.slot(name)
	if e := slot.Load(); e != nil && e.name == string(name) {
		return e.carrier
	}
	c := v.findCarrier(name)
	slot.Store(&carrierMemoEntry{name: string(name), carrier: c})
	return c
}

// findCarrier is carrier without the memo.
func (v *vocab) findCarrier(name []byte) int {
	best, bestLen := -1, 0
	// No alias that starts at i or later is longer than what is left of the name: once that is
	// no longer than the best, nothing can beat it (a name that is an alias ends at i = 0).
	for i := 0; i < len(name) && len(name)-i > bestLen; i++ {
		as := v.aliases[v.aliasStart[name[i]]:v.aliasStart[int(name[i])+1]]
		// Longest first: start at the first alias that fits in the rest of the name (a
		// binary search; walking past the longer ones was a sixth of an event's time).
		rest := len(name) - i
		lo, hi := 0, len(as)
		for lo < hi {
			if mid := int(uint(lo+hi) >> 1); len(as[mid].key) > rest {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		for _, a := range as[lo:] {
			if len(a.key) <= bestLen || len(a.key) <= 3 && i > 0 {
				break // nothing longer follows; a short alias counts only at the start
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
	v.makeIDs()
	keyAt := int32(len("code:") + len(cr.key) + 1)
	keyOf := func(i int) string { return v.ids.s[v.ids.off[i]+keyAt : v.ids.off[i+1]] }
	lo, hi := int(cr.codeStart), int(cr.codeEnd) // a binary search written out: slices.BinarySearchFunc's callback makes key escape
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if compareBytes(keyOf(mid), key) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < int(cr.codeEnd) && compareBytes(keyOf(lo), key) == 0 {
		return v.codeAt(c, lo), true
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
	if c >= 0 {
		c = int(v.carriers[c].ord)
	}
	p := textPrint(text)
	lo, end := v.bucketAt(int(p>>(printBits-8))), v.bucketAt(int(p>>(printBits-8))+1)
	p &= lowPrint
	for hi := end; lo < hi; {
		mid := int(uint(lo+hi) >> 1)
		if v.printAt(mid) < p {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == end || v.printAt(lo) != p {
		return vocabText{}, false
	}
	anyK := -1
	for k := v.textStart[lo]; k < v.textStart[lo+1]; k++ {
		switch carrier := int(v.textCarrier[k]); {
		case c >= 0 && carrier == c:
			return v.entryAt(int(k)), true
		case carrier == anyCarrierOrd:
			anyK = int(k)
		}
	}
	if anyK < 0 {
		return vocabText{}, false
	}
	return v.entryAt(anyK), true
}

// textClauseID is the rule id of a text one of whose clauses is an official text.
const textClauseID = "text:clause"

// clause finds an official text among the clauses of a normalised text that is not one as a
// whole: the longest run of clauses from the start first (the status, then the particulars),
// then each clause alone from the last (the stage after the event). Clauses are what
// normalize sets apart with two spaces.
func (v *vocab) clause(text []byte, c int) (vocabText, bool) {
	var breaks [16]int // where each clause break's second space is
	n := 0
	for i := 1; i+1 < len(text) && n < len(breaks); i++ {
		if text[i] == ' ' && text[i-1] == ' ' {
			breaks[n] = i
			n++
		}
	}
	for k := n - 1; k >= 0; k-- {
		if e, ok := v.text(text[:breaks[k]], c); ok {
			return e, true
		}
	}
	for k := n - 1; k >= 0; k-- {
		end := len(text)
		if k+1 < n {
			end = breaks[k+1]
		}
		if e, ok := v.text(text[breaks[k]:end], c); ok {
			return e, true
		}
	}
	return vocabText{}, false
}

// encodeVocab writes a vocab as compiled/vocab.bin: the carriers, aliases and languages as
// uvarints and length-prefixed strings, then the lookup form's tables, which decodeVocab
// reads in place.
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
	u(uint64(len(v.langs)))
	for _, l := range v.langs {
		str(l)
	}
	u(uint64(v.ncodes()))
	u(uint64(v.ntexts()))
	u(uint64(len(v.textCarrier)))
	b = v.appendKeys(b)
	b = append(b, v.codeStatus...)
	b = v.appendPrints(b)
	b = append(b, v.textCount...)
	b = v.appendPairs(b)
	return append(b, v.textStatus...)
}

// decodeVocab loads what encodeVocab wrote; the tables point into data (no copies).
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
		if g := v.carriers[i].group; g < 0 || int(g) >= len(v.carriers) || v.carriers[g].group != g {
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
	v.langs = make([]string, r.count(1))
	for i := range v.langs {
		v.langs[i] = r.str()
	}
	ncodes, ntexts, nentries := r.count(2), r.count(4), r.count(3)
	v.readKeys(r, ncodes)
	v.codeStatus = r.bytes(ncodes)
	v.readPrints(r, ntexts)
	v.textCount = r.bytes(ntexts)
	v.readPairs(r, nentries)
	v.textStatus = r.bytes(nentries)
	if r.err == nil && r.i != len(r.s) {
		r.err = fmt.Errorf("classify: compiled vocab: %d bytes left over", len(r.s)-r.i)
	}
	if r.err != nil {
		return nil, r.err
	}
	v.indexKeys()
	if err := v.check(); err != nil {
		return nil, err
	}
	v.derive()
	v.indexAliases()
	return v, nil
}

// check is what decodeVocab verifies of the tables before deriving from them: every carrier's
// codes in range and their keys adding up, every status, carrier and language known, the
// fingerprints increasing and the entries adding up (one pass, no allocation).
func (v *vocab) check() error {
	nst := len(taxonomy.ParcelStatuses)
	next := int32(0)
	for _, c := range v.carriers { // each code is one carrier's: the carriers' ranges follow each other
		if c.codeStart == c.codeEnd && c.codeStart == 0 {
			continue // no codes
		}
		if c.codeStart != next || c.codeEnd <= c.codeStart || int(c.codeEnd) > v.ncodes() {
			return errors.New("classify: compiled vocab: a carrier's codes out of range")
		}
		next = c.codeEnd
	}
	keys := 0
	for i := 0; i < v.ncodes(); i++ {
		if v.codeLen[i] == 0 || int(v.codeStatus[i]) >= nst {
			return fmt.Errorf("classify: compiled vocab: code %d out of range", i)
		}
		keys += int(v.codeLen[i])
	}
	if int(next) != v.ncodes() || keys != len(v.codeKeys) {
		return errors.New("classify: compiled vocab: codes do not add up")
	}
	// The fingerprints and their buckets are in order by construction (readPrints).
	entries := 0
	for d := 0; d < v.ntexts(); d++ {
		if v.textCount[d] == 0 {
			return fmt.Errorf("classify: compiled vocab: text %d has no entry", d)
		}
		entries += int(v.textCount[d])
	}
	if entries != len(v.textCarrier) {
		return errors.New("classify: compiled vocab: text entries do not add up")
	}
	for k := 0; k < entries; k++ {
		if c := int(v.textCarrier[k]); c != anyCarrierOrd && c >= len(v.keyTables) || int(v.textStatus[k]) >= nst || int(v.textLang[k]) >= len(v.langs) {
			return fmt.Errorf("classify: compiled vocab: text entry %d out of range", k)
		}
	}
	return nil
}

// unsafeString is b as a string without a copy; b is never written again.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
