package classify

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The fallback model: when no code, official text or rule says anything, a small linear model
// over the normalised text's character n-grams (1 to 4 runes, spaces included, so word starts
// and ends count) and its words (whole, 5-rune prefix, neighbouring pairs) gives its best
// status. Each feature is hashed into one of 2^modelCfg.bucketBits buckets; a bucket holds one
// signed byte per status. The weights are a multinomial logistic regression (softmax), trained
// at `go generate` time (TestCompiledVocab -update) by averaged stochastic gradient descent
// from every labelled row — vocab/*.csv, testdata/dev.csv and testdata/unseen*.csv — and from
// the event rules' phrases, each labelled with its rule's status (eval_test.go ruleRows: the
// stage words of every language, so that their inflected and compound forms, which no
// whole-word rule matches, share n-grams and stems with them). Training is integer (fixed
// point) arithmetic in a fixed order, so the compiled file is the same on every machine; the
// averaged weights are then scaled to int8 and the small ones zeroed. compiled/model.bin holds
// the weights as they are used (loading copies none of them) and the known words Rice-coded
// (decoded at load, ~50 µs).
//
// Until 6 Dec the learner was an averaged perceptron (learnerPerceptron, still here for the
// evaluation): the logistic regression is as accurate or better on held-out sources and its
// weights, fewer of them far from zero, gzip to less than half (README.md, "The fallback
// model's learner").
const (
	modelMagic       = "orderwatch classify model v5\n" // v2: word features; v3: stored XORed with modelXor; v4: three bits a known word; v5: known words Rice-coded
	modelMaxN        = 4
	modelRing        = 8    // runes the n-grams are read from: the longest n-gram tried
	modelMaxFeatures = 1024 // features read per text
)

// modelConfig is the model's shape and training: the shipped one is modelCfg; the
// evaluation (model_eval_test.go, -modelexp) measures others against it.
type modelConfig struct {
	bucketBits int // log2 of the number of hashed feature buckets
	// charFeatures is how many character n-gram features are read: the first ~190 runes.
	charFeatures int
	minN, maxN   int  // the character n-grams' lengths in runes
	words        bool // add word, word-prefix and word-pair features
	stem         int  // runes of the word prefix
	stem2        int  // runes of a second word prefix, 0 for none
	pairs        bool // neighbouring word pairs
	wordWeight   int  // times each word feature counts
	epochs       int
	marginMul    int // the training margin, in sixteenths of a point per character n-gram
	prune        int // weights whose scaled magnitude is below it are zeroed
	// sourceCap, when not 0, is about how many rows of one source each pass learns from: a
	// large source (karrio's code descriptions are half the rows) is sampled anew each pass.
	sourceCap int
	learner   int // learnerPerceptron or learnerLogistic
	rate      int // the logistic regression's learning rate, in sixteenths
	// balance weighs each class's examples against its frequency: 0 not at all, 1 by the
	// square root of mean/count, 2 by mean/count (clamped to 1/8..8).
	balance int
	// unmatched is the weight, in sixteenths, of a row no rule matches (the texts the model
	// is asked about); 0 or 16 for the same as any other row.
	unmatched int
	// ruleWeight is the weight, in sixteenths, of the rules' phrases; 0 for 16.
	ruleWeight int
	// seed changes the training order (0 for the shipped one): how much the order alone
	// moves the held-out figures.
	seed uint32
	// digits: every digit is read as 0 in the features (dates, times, numbers alike).
	digits bool
	// negate: the words a negator reaches are word features of their own (modelWordFeats).
	negate bool
}

// modelCfg is the shipped model. Chosen by leave-one-source-out (TestModelAccuracy, 6 Dec 2026,
// 10,558 rows; right with codes, of which DEV / TEST half; model.bin gz):
//   - the perceptron (8 passes, margin 1 per n-gram): 7,628 (6,023 / 1,605), 104 KB; its
//     variants within ±20 rows (no unigrams +14, word weight 2 +8 or 8 −48, 4- or 6-rune
//     stems, both stems, 4 or 16 passes, margin 0 or 3, source-balanced passes);
//   - the logistic regression, rate 1: 3 passes 7,649 (6,003 / 1,646), 45 KB; 2 passes 7,632;
//     4 passes 7,643; 6 passes 7,641; rate 4 7,592; without unigrams 7,642 (62 KB);
//     2^15 buckets see README.
//   - prune (zero the weights whose scaled magnitude is below it): 3 → 7,643, 79 KB gz; 6 →
//     7,649, 45 KB; 12 → 7,614, 22 KB. (The perceptron's, 5 Dec: 0 → 131 KB, 62.72%; 6 → 67
//     KB, 62.41%; 10 → 42 KB, 62.24%.)
//   - 6 Dec, second round (DEV half only, 8,439 rows; right with codes, model.bin gz). On
//     732cd84's rules (shipped then: rate 1, prune 6, 6,188, 45 KB; other training orders
//     6,183 and 6,197): prune 8 6,181, 33.5 KB; rate 1/2 and prune 5 6,189, 35.5 KB; rate
//     1/2, 4 passes, prune 6 6,180 / 6,181, 30.7 KB; rate 1/4, 6 passes 6,149, 21 KB; class
//     balance by √ or 1/frequency 6,190 / 6,130; rows no rule matches weighted 2×, 4×, 8×
//     6,195 / 6,208 (60 KB) / 6,182; rules' phrases weighted 2× / ½× 6,181 / 6,191; digits read
//     as 0 6,189; n-grams up to 5 runes 6,182. On 81398f5's rules, three training orders
//     each: rate 1, prune 6 6,347 / 6,351 / 6,339, 44.4 KB; prune 7 6,344 / 6,339, 38.0 KB
//     (shipped until 7 Dec); prune 8 6,346 / 6,347 / 6,343, 33.1 KB, but it reads TestModelFallback's
//     "Gönderiniz teslim edildi" as delivery_failed; prune 9 6,344 / 6,341 / 6,336, 29.2 KB
//     (the same miss); prune 10 6,335 / 6,325, 26.2 KB; rate 1/2, prune 5 6,330 / 6,338 /
//     6,335, 35.3 KB. Every change of features, weights or regularisation stays within the
//     ±10 rows that the training order alone moves: the size is what the choice buys.
//   - 7 Dec, on 3da40fe's rules (DEV half, model-decided rows right): the weights of 3 or 5
//     training orders averaged (bagging, to cancel that noise) 296 / 307 (another seed) / 299,
//     against 310 and 306 for single orders: no gain, not taken.
//   - 7 Dec, after the fourth first-sight set (DEV half 12,638 rows, right with codes; model-
//     decided rows right; model.bin gz): prune 7 10,965, 338/696, 42.1 KB; prune 8 10,969,
//     340/694, 36.3 KB (shipped until the next line); 2^13 buckets
//     10,948, 315/681, 39.1 KB; 2^13 and prune 6 10,937, 44.7 KB. With negation marks and the
//     new languages (13,020 rows): prune 8 11,220, 339/736, 37.3 KB; **prune 9 11,226, 346/742,
//     32.8 KB (shipped)**; prune 10 11,217, 343/748, 29.1 KB.
//   - 7 Dec, session 14: shipping he.txt (2,643 phrases, Hebrew's prefixed words spelt out)
//     turned 7 of TestModelFallback's 24 near wordings wrong (German, Polish, Spanish
//     "delivered"), through the hashed buckets every language shares. Not the scale (127 at
//     the 99.9th or 99.99th percentile of the weights, not the largest: 8 and 7 wrong, model.bin
//     147 and 108 KB), nor a cap on a language's phrases' weight (1,000–2,000 rows: 9–10 wrong,
//     English lost its own). What is shipped: ruleRows keeps a rule's alternative only when it
//     brings a term its language and status had not had (a list's members once, not once per
//     combination with the other terms), and leaves Hebrew's phrases out (modelSkipsRules):
//     3 wrong; DEV half, model-decided rows right, 318/751 with every phrase, 325/746
//     deduplicated, 343/743 deduplicated without Hebrew's (shipped), 348/771 without Hebrew's
//     and not deduplicated (11 rows fewer right overall).
//   - 7 Dec, session 17: **prune 10** (model.bin 29.1 → 25.1 KB gz), to keep core.wasm under
//     its goal with six more rule languages, the Traditional Chinese fold and the tenth and
//     eleventh sets; TestModelFallback's near wordings 2 → 4 of 24 wrong (a quarter allowed).
//   - 7 Dec, session 18: **prune 9** again (model.bin 25.0 → 29.1 KB gz): with the thirteenth
//     set, prune 10 read 7 of TestModelFallback's 24 near wordings wrong ("delivered to the
//     recipient" in five languages as in transit), prune 9 reads 1; epochs 4 or 5 at prune 10
//     still 5–6. The room came from vocab.bin leaving out the texts the rules read alike.
var modelCfg = modelConfig{
	bucketBits:   14,
	charFeatures: 768,
	minN:         1,
	maxN:         4,
	words:        true,
	stem:         5,
	pairs:        true,
	wordWeight:   4,
	learner:      learnerLogistic,
	rate:         16,
	epochs:       3,
	marginMul:    16, // the perceptron's
	prune:        9,
	negate:       true,
}

// modelClasses is the number of classes: every parcel status, unknown included.
var modelClasses = len(taxonomy.ParcelStatuses)

type model struct {
	w     string   // int8 weights, bucket*modelClasses + class
	known []uint32 // the training texts' words (wordPrint), sorted, see modelWords
	xor   byte     // what each byte of w is stored XORed with: modelXor when read in place from model.bin, else 0
}

// The set of known words: a text none of whose words two training texts with a status had (a
// name, a place, a tracking number) is left unknown, whatever the n-grams say. A word is kept
// as its hash's top modelWordBits bits (wordPrint), so an unknown word passes for known about
// once in 2^modelWordBits / (number of known words): with the 6,523 words and stems of 7 Dec,
// one in 80. In model.bin the set is Rice-coded (appendRice), 6.4 KB, where a Bloom filter of
// three bits a word in 2^17 bits (v4), whole words and stems, took 13.5 KB gzipped and let one
// in 72 through. 20 bits would let one in 160 through for 0.8 KB more.
const modelWordBits = 19

// wordPrint is what the known-word set keeps of a word's hash.
func wordPrint(h uint32) uint32 { return h >> (32 - modelWordBits) }

// nextWord returns the word of a normalised text that starts at or after i (spaces skipped)
// and the index just past it; the word is empty at the end of the text.
func nextWord(text []byte, i int) ([]byte, int) {
	for i < len(text) && text[i] == ' ' {
		i++
	}
	j := i
	for j < len(text) && text[j] != ' ' {
		j++
	}
	return text[i:j], j
}

// modelWords calls f with the hash of each word of a normalised text that can tell a status:
// Latin and Cyrillic words of three letters or more that do not start with a digit (the longer
// ones by their stems of gateStem runes), and in Han, Hangul and Kana runs every pair of
// characters (a lone character by itself).
func modelWords(text []byte, f func(h uint32)) {
	for i := 0; i < len(text); {
		var w []byte
		if w, i = nextWord(text, i); len(w) == 0 {
			continue
		}
		r, size := utf8.DecodeRune(w)
		if r >= 0x2E80 { // CJK and Hangul
			if size == len(w) {
				f(hashBytes(w))
				continue
			}
			for k := 0; k < len(w); {
				_, s1 := utf8.DecodeRune(w[k:])
				if k+s1 >= len(w) {
					break
				}
				_, s2 := utf8.DecodeRune(w[k+s1:])
				f(hashBytes(w[k : k+s1+s2]))
				k += s1
			}
			continue
		}
		if w[0] >= '0' && w[0] <= '9' || utf8.RuneCount(w) < 3 {
			continue
		}
		// A word longer than gateStem runes by its first gateStem: "doręczenie" is known from
		// "doręczona", "consegnato" from "consegnata". The whole word would add nothing: two
		// texts that have it have its stem.
		if p := runePrefix(w, gateStem); p < len(w) {
			f(hashBytes(w[:p]) ^ 0x6A09E667)
		} else {
			f(hashBytes(w))
		}
	}
}

// gateStem is the length in runes of the word stems the known-word gate also knows. Measured
// by leave-one-source-out (6 Dec 2026): whole words only, 518 (DEV half) and 200 (TEST half)
// real statuses came out unknown; with 5-rune stems 469 and 181, accuracy +4 and +3 rows; with
// 6-rune stems 488 and 186.
const gateStem = 5

func hashBytes(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	h ^= h >> 15
	h *= 0x2C1B3C6D
	return h ^ h>>12
}

// knowsWords reports whether the training texts had one of text's words.
func (m *model) knowsWords(text []byte) bool {
	found := false
	modelWords(text, func(h uint32) {
		if !found {
			_, found = slices.BinarySearch(m.known, wordPrint(h))
		}
	})
	return found
}

// modelFeatures appends to out the buckets of text's features and returns how many it wrote:
// its character n-grams (at most modelCfg.charFeatures of them), then its words (modelWordFeats).
func modelFeatures(text []byte, out []uint32) int {
	n := modelCharGrams(text, out)
	if modelCfg.words {
		n = modelWordFeats(text, out, n)
	}
	return n
}

// modelCharGrams writes the buckets of text's character n-grams to out and returns how many.
func modelCharGrams(text []byte, out []uint32) int {
	var ring [modelRing]rune
	n, pos := 0, 0
	limit := len(out)
	if modelCfg.words && limit > modelCfg.charFeatures {
		limit = modelCfg.charFeatures
	}
	mask := uint32(1)<<modelCfg.bucketBits - 1
	lo, hi := modelCfg.minN, modelCfg.maxN
	fold := modelCfg.digits
	for i := 0; i < len(text) && n+hi-lo+1 <= limit; {
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if fold && r >= '1' && r <= '9' {
			r = '0'
		}
		ring[pos%modelRing] = r
		pos++
		for k := lo; k <= hi && k <= pos; k++ {
			h := uint32(2166136261) ^ uint32(k)*0x9E3779B9
			for j := pos - k; j < pos; j++ {
				h = (h ^ uint32(ring[j%modelRing])) * 16777619
			}
			h ^= h >> 15
			h *= 0x2C1B3C6D
			h ^= h >> 12
			out[n] = h & mask
			n++
		}
	}
	return n
}

// modelNegReach is how many words after a negator modelWordFeats marks as negated.
const modelNegReach = 3

// modelNegators are negating words of the languages the model learns, normalised: the model
// marks the words after them. Not the rules' `negate` lines: those hold per language, phrases
// and reaches of their own, while the model reads words and does not know the text's language,
// so one list must suit every language at once (English "no" would mark Portuguese "no" = "in
// the": every "no" is left out).
var modelNegators = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`not never non nor without cannot unable ne pas jamais sans
		nicht nie niemals kein keine keinen ohne niet nooit geen nao sem nunca sin ningun
		ninguna senza mai nessun mancato mancata не нет без ни никогда ні немає ніколи bez brak
		nigdy ei nav nem nincs sem soha nu fara δεν μη χωρις לא אין ללא בלי لم لن لا غير عدم
		ikke inte`) {
		m[w] = true
	}
	return m
}()

// modelNegator reports whether w is one of modelNegators (no allocation: the map is read
// with the bytes converted in place).
func modelNegator(w []byte) bool { return modelNegators[string(w)] }

// modelWordFeats appends the word features of a normalised text from out[n:]: each whole word,
// its first modelCfg.stem runes (a crude stemmer: "delivered", "delivery" share "deliv"), and
// each pair of neighbouring words, each one hashed with its own seed, modelCfg.wordWeight times;
// with modelCfg.negate, the words a negator reaches are marked (modelNegator, modelNegReach).
func modelWordFeats(text []byte, out []uint32, n int) int {
	var prev uint32
	havePrev := false
	mask := uint32(1)<<modelCfg.bucketBits - 1
	ww := modelCfg.wordWeight
	need := 3 * ww // features one word may add
	if modelCfg.stem2 != 0 {
		need += ww
	}
	negLeft := 0 // words still in a negator's reach
	for i := 0; i < len(text); {
		start := i
		var w []byte
		if w, i = nextWord(text, i); len(w) == 0 {
			continue
		}
		if n+need > len(out) {
			break
		}
		hw := hashWord(w)
		var neg uint32 // the word's features' mark when a negator reaches it
		if modelCfg.negate {
			// A word a negator reaches is another feature than the word ("not delivered"
			// is not "delivered"): the model has no other notion of negation, and learnt
			// the delivered words from the many failed-delivery texts that negate them.
			// A clause break (two spaces, normalize) ends the reach.
			if i-len(w)-start > 1 {
				negLeft = 0
			}
			if modelNegator(w) {
				negLeft = modelNegReach
			} else if negLeft > 0 {
				neg = 0xB5297A4D
				negLeft--
			}
		}
		hw ^= neg
		var add [4]uint32
		k := 0
		add[k] = mix(hw ^ 0x51ED270B)
		k++
		// the prefixes of modelCfg.stem (and stem2) runes, when the word is longer
		for si, stem := range [2]int{modelCfg.stem, modelCfg.stem2} {
			if stem == 0 {
				continue
			}
			if p := runePrefix(w, stem); p < len(w) {
				add[k] = mix(hashWord(w[:p]) ^ neg ^ 0x2545F491 + uint32(si)*0x3C6EF372)
				k++
			}
		}
		if havePrev && modelCfg.pairs {
			add[k] = mix(prev*0x9E3779B1 ^ hw ^ 0x7FEB352D)
			k++
		}
		prev, havePrev = hw, true
		for _, h := range add[:k] {
			for r := 0; r < ww; r++ {
				out[n] = h & mask
				n++
			}
		}
	}
	return n
}

// hashWord is hashBytes of a word for the features: with modelCfg.digits, every digit read as 0.
func hashWord(b []byte) uint32 {
	if !modelCfg.digits {
		return hashBytes(b)
	}
	h := uint32(2166136261)
	for _, c := range b {
		if c >= '1' && c <= '9' {
			c = '0'
		}
		h = (h ^ uint32(c)) * 16777619
	}
	h ^= h >> 15
	h *= 0x2C1B3C6D
	return h ^ h>>12
}

func mix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85EBCA6B
	h ^= h >> 13
	h *= 0xC2B2AE35
	return h ^ h>>16
}

// scores adds up each class's weights over the features.
func (m *model) scores(feats []uint32, s *[16]int32) {
	nc := modelClasses
	x := m.xor
	for _, f := range feats {
		row := m.w[int(f)*nc : int(f)*nc+nc]
		for c := 0; c < nc; c++ {
			s[c] += int32(int8(row[c] ^ x))
		}
	}
}

// predict is the model's best class for a normalised text, its score's margin over the
// runner-up (the whole margin, in the int8 weights' units: the evidence behind the choice, what
// the confidence is read from), and whether there was anything to read.
func (m *model) predict(text []byte) (taxonomy.ParcelStatus, float64, bool) {
	if m == nil || len(m.w) == 0 || !m.knowsWords(text) {
		return taxonomy.Unknown, 0, false
	}
	var buf [modelMaxFeatures]uint32
	nChar := modelCharGrams(text, buf[:])
	n := nChar
	if modelCfg.words {
		n = modelWordFeats(text, buf[:], nChar)
	}
	if n == 0 || nChar == 0 {
		return taxonomy.Unknown, 0, false
	}
	var s [16]int32
	m.scores(buf[:n], &s)
	best, second := 0, -1
	for c := 1; c < modelClasses; c++ {
		if s[c] > s[best] {
			best, second = c, best
		} else if second < 0 || s[c] > s[second] {
			second = c
		}
	}
	return taxonomy.ParcelStatuses[best], float64(s[best] - s[second]), true
}

// modelExample is one training text: its features and its class.
type modelExample struct {
	feats     []uint32
	class     int
	chars     int    // how many of feats are character n-grams
	key       uint32 // hash of the text and label: the training order
	group     int    // index of the row's source, for sourceCap
	unmatched bool   // no rule matches the text
	rule      bool   // a rule's phrase
	weight    int64  // in sixteenths
}

// trainModel trains the model from labelled texts: an averaged multi-class perceptron,
// modelEpochs passes in a fixed pseudo-random order, integer weights, then scaled so the
// largest weight is ±127.
func trainModel(rows []vocabRow) *model {
	nc := modelClasses
	seen := map[string]bool{}
	// A word is known when two different texts with a status have it: a place or a name
	// that one message happened to mention is not evidence.
	known := map[uint32]bool{}
	wordTexts := map[uint32]int{}
	seenText := map[string]bool{}
	var ex []modelExample
	var buf [modelMaxFeatures]uint32
	groupOf := map[string]int{}
	var groupSize []int
	for _, r := range rows {
		if r.text == "" {
			continue
		}
		t, _ := normalize(nil, r.text)
		key := string(t) + "\x00" + string(r.label)
		if seen[key] {
			continue
		}
		seen[key] = true
		if r.label != taxonomy.Unknown && !seenText[string(t)] {
			seenText[string(t)] = true
			inText := map[uint32]bool{}
			modelWords(t, func(h uint32) {
				if !inText[h] {
					inText[h] = true
					if wordTexts[h]++; wordTexts[h] == 2 {
						known[wordPrint(h)] = true
					}
				}
			})
		}
		n := modelFeatures(t, buf[:])
		if n == 0 {
			continue
		}
		g, ok := groupOf[r.source]
		if !ok {
			g = len(groupSize)
			groupOf[r.source] = g
			groupSize = append(groupSize, 0)
		}
		groupSize[g]++
		e := modelExample{group: g, feats: append([]uint32(nil), buf[:n]...), class: int(statusIndex(r.label)),
			chars: modelCharGrams(t, buf[:]), key: hashBytes([]byte(key)), rule: strings.HasPrefix(r.source, "rules/")}
		if modelCfg.unmatched != 0 && eventRules != nil && !e.rule {
			e.unmatched = eventRules.match(t, langHint(r.lang)).best == nil
		}
		ex = append(ex, e)
	}
	setExampleWeights(ex, nc)
	buckets := 1 << modelCfg.bucketBits
	w := make([]int32, buckets*nc)
	u := make([]int64, buckets*nc) // for the average: sum of step × update
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	step := int64(1)
	for epoch := 0; epoch < modelCfg.epochs; epoch++ {
		// Each pass in the order of a hash of the example's text and label, seeded by the
		// pass: a pseudo-random order in which an added or removed row moves only itself, so a
		// new vocabulary row or rule does not reshuffle the whole training (which moved the
		// model's held-out accuracy by ±5 points for a handful of rows).
		seed := uint32(epoch+1)*0x9E3779B9 ^ modelCfg.seed*0x85EBCA77
		sort.Slice(order, func(a, b int) bool {
			ka, kb := mix(ex[order[a]].key^seed), mix(ex[order[b]].key^seed)
			if ka != kb {
				return ka < kb
			}
			return order[a] < order[b]
		})
		for _, k := range order {
			e := &ex[k]
			if c := modelCfg.sourceCap; c > 0 && groupSize[e.group] > c && int(mix(e.key^seed^0x5BD1E995)%uint32(groupSize[e.group])) >= c {
				continue // a large source's rows: about sourceCap of them each pass
			}
			var s [16]int64
			for _, f := range e.feats {
				row := w[int(f)*nc : int(f)*nc+nc]
				for c := range row {
					s[c] += int64(row[c])
				}
			}
			if modelCfg.learner == learnerLogistic {
				logisticStep(e, &s, w, u, step, nc)
				step++
				continue
			}
			pred := 0
			for c := 1; c < nc; c++ {
				if s[c] > s[pred] {
					pred = c
				}
			}
			// Update on a mistake, and also when the right class wins by too little (a
			// margin keeps the model from betting everything on one n-gram).
			second := -1
			for c := 0; c < nc; c++ {
				if c != e.class && (second < 0 || s[c] > s[second]) {
					second = c
				}
			}
			if pred != e.class || s[e.class]-s[second] < int64(e.chars*modelCfg.marginMul/16) {
				wrong := second
				if pred != e.class {
					wrong = pred
				}
				for _, f := range e.feats {
					w[int(f)*nc+e.class]++
					u[int(f)*nc+e.class] += step
					w[int(f)*nc+wrong]--
					u[int(f)*nc+wrong] -= step
				}
			}
			step++
		}
	}
	// The averaged weight is w - u/step; keep it times step (an integer) and scale.
	avg := make([]int64, len(w))
	var maxAbs int64
	for i := range w {
		avg[i] = int64(w[i])*step - u[i]
		if a := abs64(avg[i]); a > maxAbs {
			maxAbs = a
		}
	}
	q := make([]byte, len(w))
	if maxAbs > 0 {
		for i, a := range avg {
			// round(a * 127 / maxAbs), halves away from zero
			v := (abs64(a)*127*2 + maxAbs) / (2 * maxAbs)
			if v < int64(modelCfg.prune) {
				v = 0
			}
			if a < 0 {
				v = -v
			}
			q[i] = byte(int8(v))
		}
	}
	words := make([]uint32, 0, len(known))
	for x := range known {
		words = append(words, x)
	}
	slices.Sort(words)
	return &model{w: string(q), known: words}
}

// The learners trainModel knows.
const (
	learnerPerceptron = 0 // averaged perceptron with a margin
	learnerLogistic   = 1 // averaged multinomial logistic regression, fixed point
)

// expTable[i] is e^(-i/256) in units of 2^-24, made by integer multiplication only (so the
// same on every machine): 16 units of score deep, below which a class's share is taken as 0.
var expTable = func() []int64 {
	const r = 4278222805 // e^(-1/256) × 2^32, rounded
	t := make([]int64, 16*256)
	acc := uint64(1) << 60 // e^(-i/256) × 2^60
	for i := range t {
		t[i] = int64((acc + 1<<35) >> 36)
		hi, lo := bits.Mul64(acc, r)
		acc = hi<<32 | lo>>32
	}
	return t
}()

// logisticStep is one step of stochastic gradient descent on the softmax loss of one example
// whose class scores (the weights summed, in units of 2^-16) are s: each class's score moves
// by the gradient (1 minus its share for the true class, minus its share for the others) times
// modelCfg.rate, shared out over the example's features.
func logisticStep(e *modelExample, s *[16]int64, w []int32, u []int64, step int64, nc int) {
	top := s[0]
	for c := 1; c < nc; c++ {
		top = max(top, s[c])
	}
	var ex [16]int64
	var z int64
	for c := 0; c < nc; c++ {
		if d := (top - s[c]) >> 8; d < int64(len(expTable)) {
			ex[c] = expTable[d]
			z += ex[c]
		}
	}
	n := int64(len(e.feats))
	for c := 0; c < nc; c++ {
		g := -(ex[c] << 16) / z // minus the class's share, in units of 2^-16
		if c == e.class {
			g += 1 << 16
		}
		if g > -64 && g < 64 && c != e.class {
			continue // a share under 1/1000: nothing worth moving
		}
		d := g * int64(modelCfg.rate) * e.weight / (256 * n) // in units of 2^-16 per feature
		if d == 0 {
			continue
		}
		for _, f := range e.feats {
			i := int(f)*nc + c
			w[i] += int32(d)
			u[i] += step * d
		}
	}
}

// setExampleWeights gives each example its weight in sixteenths: 16, times its class's
// balance weight, times the weight of unmatched rows or rules' phrases.
func setExampleWeights(ex []modelExample, nc int) {
	count := make([]int64, nc)
	classes := int64(0)
	for _, e := range ex {
		if count[e.class] == 0 {
			classes++
		}
		count[e.class]++
	}
	cw := make([]int64, nc)
	for c := range cw {
		cw[c] = 16
		if count[c] == 0 || modelCfg.balance == 0 {
			continue
		}
		// mean/count in 1/256ths
		r := int64(len(ex)) * 256 / (classes * count[c])
		switch modelCfg.balance {
		case 1:
			cw[c] = isqrt(r) // sqrt(r/256)*16
		case 2:
			cw[c] = r / 16
		}
		cw[c] = min(max(cw[c], 2), 128)
	}
	for i := range ex {
		w := cw[ex[i].class]
		switch {
		case ex[i].rule && modelCfg.ruleWeight != 0:
			w = w * int64(modelCfg.ruleWeight) / 16
		case ex[i].unmatched && modelCfg.unmatched != 0:
			w = w * int64(modelCfg.unmatched) / 16
		}
		ex[i].weight = max(w, 1)
	}
}

// isqrt is the integer square root of x ≥ 0.
func isqrt(x int64) int64 {
	r := int64(0)
	for b := int64(1) << 31; b > 0; b >>= 1 {
		if (r+b)*(r+b) <= x {
			r += b
		}
	}
	return r
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// modelXor is what every byte after model.bin's layout is stored XORed with: most weights are
// zero, and Go's WebAssembly linker starts a data segment after every run of 14 zero bytes or
// more (5,990 runs in model.bin, 23 KB of core.wasm gzipped); 0xA5 bytes do not split it (the
// same trick as the automaton's tables, matcher.go intsXor).
const modelXor = 0xA5

// encodeModel writes compiled/model.bin: the magic, the layout, the known words (their
// number, then Rice-coded), the weights.
func encodeModel(m *model) []byte {
	b := []byte(modelMagic)
	b = append(b, byte(modelCfg.bucketBits), byte(modelClasses), byte(modelMaxN), byte(modelWordBits))
	b = binary.AppendUvarint(b, uint64(len(m.known)))
	vals := make([]uint64, len(m.known))
	for i, x := range m.known {
		vals[i] = uint64(x)
	}
	b = appendRice(b, vals)
	n := len(b)
	b = append(b, m.w...)
	for i := n; i < len(b); i++ {
		b[i] ^= m.xor ^ modelXor
	}
	return b
}

// decodeModel loads compiled/model.bin: the known words decoded, the weights read in place
// (XORed back at each use: copying them at load cost start-up time in WebAssembly).
func decodeModel(data string) (*model, error) {
	h := len(modelMagic)
	if len(data) < h+4 || data[:h] != modelMagic {
		return nil, errors.New("classify: compiled model: wrong format (run go generate ./shared/classify)")
	}
	if int(data[h]) != modelCfg.bucketBits || int(data[h+1]) != modelClasses || data[h+2] != modelMaxN || data[h+3] != modelWordBits {
		return nil, fmt.Errorf("classify: compiled model: layout %d/%d/%d/%d, want %d/%d/%d/%d (run go generate ./shared/classify)",
			data[h], data[h+1], data[h+2], data[h+3], modelCfg.bucketBits, modelClasses, modelMaxN, modelWordBits)
	}
	r := &reader{s: data[h+4:]}
	n := r.u() // readRice checks it against the coded bytes
	m := &model{known: make([]uint32, 0, min(n, uint64(len(r.s))*8)), xor: modelXor}
	ok := readRice(r, int(n), modelWordBits, func(x uint64) { m.known = append(m.known, uint32(x)) })
	if r.err != nil {
		return nil, r.err
	}
	if !ok {
		return nil, errors.New("classify: compiled model: known words damaged")
	}
	rest := r.s[r.i:]
	if want := 1 << modelCfg.bucketBits * modelClasses; len(rest) != want {
		return nil, fmt.Errorf("classify: compiled model: %d bytes of weights, want %d", len(rest), want)
	}
	m.w = rest
	return m, nil
}

// runePrefix is the length in bytes of w's first n runes (all of w when it has fewer).
func runePrefix(w []byte, n int) int {
	p := 0
	for runes := 0; p < len(w) && runes < n; runes++ {
		_, size := utf8.DecodeRune(w[p:])
		p += size
	}
	return p
}
