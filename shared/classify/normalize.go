package classify

import (
	"unicode"
	"unicode/utf8"
)

// maxTextBytes bounds how much of an event's text is read. Carrier events are one or two
// sentences; a longer text is a page or garbage, and its head says as much as its whole.
const maxTextBytes = 2048

// script is the writing system a text is mostly in; it names the language when no rule does.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptCyrillic
	scriptHan
	scriptHangul
	scriptKana
	scriptOther
)

// latinFold maps the accented Latin letters of U+00C0..U+017F to plain ASCII, so that "livré",
// "doręczono" and "zugestellt" meet the rules however the carrier spelled them.
var latinFold [0x180 - 0xC0]string

func init() {
	groups := []struct{ to, from string }{
		{"a", "àáâãäåāăąÀÁÂÃÄÅĀĂĄ"}, {"ae", "æÆ"}, {"c", "çćĉċčÇĆĈĊČ"}, {"d", "ďđĎĐÐð"},
		{"e", "èéêëēĕėęěÈÉÊËĒĔĖĘĚ"}, {"g", "ĝğġģĜĞĠĢ"}, {"h", "ĥħĤĦ"}, {"i", "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ"},
		{"j", "ĵĴ"}, {"k", "ķĶĸ"}, {"l", "ĺļľŀłĹĻĽĿŁ"}, {"n", "ñńņňŉÑŃŅŇŋŊ"},
		{"o", "òóôõöøōŏőÒÓÔÕÖØŌŎŐ"}, {"oe", "œŒ"}, {"r", "ŕŗřŔŖŘ"}, {"s", "śŝşšŚŜŞŠſ"},
		{"ss", "ß"}, {"t", "ţťŧŢŤŦ"}, {"th", "þÞ"}, {"u", "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ"},
		{"w", "ŵŴ"}, {"y", "ýÿŷÝŶŸ"}, {"z", "źżžŹŻŽ"}, {"ij", "ĳĲ"},
	}
	for _, g := range groups {
		for _, r := range g.from {
			latinFold[r-0xC0] = g.to
		}
	}
}

// vietFold is the plain ASCII letter of a Vietnamese letter outside U+00C0..U+017F: ơ and ư
// (U+01A0, U+01A1, U+01AF, U+01B0) and the letters with a tone mark of U+1EA0..U+1EF9 ("ệ",
// "ở", "ự"), so that "giao hàng thành công" and "đã được phát" read as Latin words
// ("da duoc phat"); 0 for any other rune. U+1EA0..U+1EF9 run by base letter, capital first.
func vietFold(r rune) byte {
	switch {
	case r < 0x1A0:
		return 0
	case r == 0x1A0 || r == 0x1A1:
		return 'o'
	case r == 0x1AF || r == 0x1B0:
		return 'u'
	case r < 0x1EA0 || r > 0x1EF9:
		return 0
	case r <= 0x1EB7:
		return 'a'
	case r <= 0x1EC7:
		return 'e'
	case r <= 0x1ECB:
		return 'i'
	case r <= 0x1EE3:
		return 'o'
	case r <= 0x1EF1:
		return 'u'
	}
	return 'y'
}

// normalize appends to dst the searchable form of s: lower case, accents folded, every run of
// punctuation, symbols and spaces collapsed to one space, camelCase and snake_case split into
// words, Han/Hangul/Kana runs set apart from Latin words, and one space at each end — so that a
// rule's " word " matches whole words and a rule's " stem" matches word starts.
//
// Two more marks serve the rule engine:
//   - Han, Kana and Hangul ignore spacing: white space between two such characters is dropped
//     (and none is put between Han and Kana), so "배송 완료" reads "배송완료" and "已 签收"
//     "已签收", in the rules and in the text alike.
//   - A clause break (. , ; : ! ? brackets, a dash standing alone, a line break, and their
//     full-width forms) is two spaces instead of one. Phrases do not match across it and a
//     negation ("not", "nie", "未") does not reach over it.
//
// It returns the result and the script most of the letters were in.
func normalize(dst []byte, s string) ([]byte, script) {
	if len(s) > maxTextBytes {
		s = s[:maxTextBytes]
	}
	dst = append(dst, ' ')
	var counts [scriptOther + 1]int
	prev := scriptNone // script of the previous letter, scriptNone after a space
	prevLower := false // the previous rune was a lower-case Latin letter (for camelCase)
	upperRun := 0      // upper-case Latin letters just written, one after another
	// lone: the previous rune is one lower-case letter inside a run of capitals: the "i" of
	// "TESLiM EDiLDi", where systems without "İ" write a lower-case i in capitals. A capital
	// after it does not start a word; after "PickUp" or "ReturnTo" one still does.
	lone := false
	lastCJK := false // the last letter written was Han, Kana or Hangul
	wsOnly := false  // every separator since the last letter was white space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if prev == scriptCyrillic && (c|0x20 >= 'a' && c|0x20 <= 'z') {
				if cy := cyrillicTwin(c); cy != 0 && twinsAhead(s[i:]) {
					// "Взeмане", "Вiдправлення": a Latin look-alike typed inside a Cyrillic word.
					dst = utf8.AppendRune(dst, cy)
					counts[scriptCyrillic]++
					continue
				}
				if n := cyrillicTwinsBack(dst); n > 0 {
					// "Оut for delivery": the word so far was Cyrillic look-alikes of Latin
					// letters, so it is a Latin word.
					dst = latinFromTwins(dst, n)
					counts[scriptCyrillic] -= n
					counts[scriptLatin] += n
					prev, prevLower, upperRun, lone = scriptLatin, false, 0, false // their case is lost: a capital next does not start a word
				}
			}
			switch {
			case c >= 'a' && c <= 'z':
				if prev != scriptLatin && prev != scriptNone {
					dst, prev, prevLower = space(dst)
				}
				dst = append(dst, c)
				// ... or a word's first letter "i" before capitals: "iSYERiNDE", "iADE".
				// A lone "i" keeps the run of capitals going ("AMiRiNE").
				lone = prev == scriptLatin && !prevLower && upperRun >= 2 || prev == scriptNone && c == 'i'
				if !lone {
					upperRun = 0
				}
				prev, prevLower = scriptLatin, true
				counts[scriptLatin]++
			case c >= 'A' && c <= 'Z':
				// "OutForDelivery" → "out for delivery"; "GTMS" stays one word.
				if prevLower && !lone || (prev != scriptLatin && prev != scriptNone) {
					dst, prev, prevLower = space(dst)
				}
				dst = append(dst, c+('a'-'A'))
				if prev == scriptNone {
					upperRun = 0
				}
				upperRun++
				prev, prevLower = scriptLatin, false
				counts[scriptLatin]++
			case c >= '0' && c <= '9':
				if prev != scriptNone && prev != scriptLatin {
					dst, prev, prevLower = space(dst)
				}
				dst = append(dst, c)
				prev, prevLower, upperRun = scriptLatin, false, 0
			default:
				// "n'a pas", "it's": the apostrophe joins nothing a rule needs, so
				// "l'expéditeur" reads "l expediteur"; other marks end the word too.
				if prev != scriptNone {
					wsOnly = true
				}
				switch {
				case c == ' ' || c == '\t':
				case c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
					c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' ||
					c == '|' || c == '\n' || c == '\r' || c == '-' && prev == scriptNone:
					dst = clause(dst)
					wsOnly = false
				default:
					wsOnly = false
				}
				dst, prev, prevLower = space(dst)
			}
			if prev != scriptNone {
				lastCJK = false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x218 && r <= 0x21B {
			// Romanian Ș ș Ț ț (comma below, U+0218..U+021B) read as their cedilla twins Ş ş Ţ ţ,
			// which the fold table holds: "poștă" is "posta", not three words.
			r = 0x15E + (r-0x218)&1 + (r-0x218)>>1*4
		}
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
			if r < utf8.RuneSelf {
				// Re-run the ASCII path by rewriting the rune as lower-case ASCII or a space.
				b := byte(r)
				switch {
				case b >= 'A' && b <= 'Z':
					b += 'a' - 'A'
					fallthrough
				case (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'):
					if prev != scriptNone && prev != scriptLatin {
						dst, prev, prevLower = space(dst)
					}
					dst = append(dst, b)
					prev, prevLower, upperRun, lastCJK = scriptLatin, true, 0, false
					counts[scriptLatin]++
				default:
					if b == ',' || b == '.' || b == ';' || b == ':' || b == '!' || b == '?' || b == '(' || b == ')' {
						dst = clause(dst)
					}
					wsOnly = false
					dst, prev, prevLower = space(dst)
				}
				continue
			}
		}
		switch {
		case r >= 0xC0 && r < 0x180 && r != 0xD7 && r != 0xF7, vietFold(r) != 0:
			// An accented capital after a lower-case letter starts a word, as an ASCII one
			// does: "SahitleÖnüne" → "sahitle onune".
			if prev != scriptLatin && prev != scriptNone || prevLower && !lone && r < 0x180 && unicode.IsUpper(r) {
				dst, prev, prevLower = space(dst)
			}
			if r >= 0x180 {
				dst = append(dst, vietFold(r))
			} else if f := latinFold[r-0xC0]; f != "" {
				dst = append(dst, f...)
			} else {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
			// "TESLİM EDİLDİ", "ÉTÉ": an accented capital keeps a capitalised word whole.
			if unicode.IsUpper(r) {
				if prev == scriptNone {
					upperRun = 0
				}
				upperRun++
			} else {
				lone = prev == scriptLatin && upperRun >= 2
				upperRun = 0
			}
			prev, prevLower, lastCJK = scriptLatin, !unicode.IsUpper(r), false
			counts[scriptLatin]++
		case r >= 0x400 && r <= 0x4FF:
			if prev == scriptLatin {
				if l := latinTwin(r); l != 0 && i < len(s) && s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z' {
					// "Dеlivered": a Cyrillic look-alike typed inside a Latin word.
					dst = append(dst, l)
					prevLower = r >= 0x430 // as written: "DЕLIVERED" stays one word
					counts[scriptLatin]++
					continue
				}
				if n := latinTwinsBack(dst); n > 0 {
					// "Oтправлено", "TTН": the word so far was Latin look-alikes of Cyrillic
					// letters, so it is a Cyrillic word.
					dst = cyrillicFromTwins(dst, n)
					counts[scriptLatin] -= n
					counts[scriptCyrillic] += n
					prev = scriptCyrillic
				}
			}
			if prev != scriptCyrillic && prev != scriptNone {
				dst, prev, prevLower = space(dst)
			}
			switch {
			case r == 0x401 || r == 0x451: // ё is written е in most carrier texts
				r = 0x435
			case r >= 0x410 && r <= 0x42F:
				r += 0x20
			case r >= 0x400 && r <= 0x40F:
				r += 0x50
			default:
				r = unicode.ToLower(r)
			}
			dst = utf8.AppendRune(dst, r)
			prev, prevLower, lastCJK = scriptCyrillic, false, false
			counts[scriptCyrillic]++
		case isHan(r), r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F,
			r >= 0x3040 && r <= 0x30FF:
			sc := scriptHan
			switch {
			case r >= 0x3040 && r <= 0x30FF:
				sc = scriptKana
			case !isHan(r):
				sc = scriptHangul
			default:
				r = foldHan(r) // "簽收" is "签收" (chinese.go)
			}
			switch {
			case prev == scriptNone && lastCJK && wsOnly && len(dst) > 1 && dst[len(dst)-1] == ' ' && dst[len(dst)-2] != ' ':
				dst = dst[:len(dst)-1] // "배송 완료" = "배송완료"
			case prev != scriptNone && !isCJK(prev):
				dst, _, _ = space(dst)
			}
			dst = utf8.AppendRune(dst, r)
			prev, prevLower, lastCJK = sc, false, true
			counts[sc]++
		case r >= 0x591 && r <= 0x5C7 && unicode.Is(unicode.Mn, r):
			continue // Hebrew points and cantillation: carriers write without them
		case r >= 0x610 && r <= 0x6ED && (r == 0x640 || unicode.Is(unicode.Mn, r)):
			continue // Arabic vowel marks (harakat, shadda, sukun) and tatweel: "تـمّ" is "تم"
		case r == 0x93C || r == 0x9BC:
			continue // the Devanagari and Bengali nukta: "पड़ा" and "पडा", "ज़" and "ज" are written alike
		case r == 0x964 || r == 0x965: // the Devanagari danda and double danda end a clause
			dst = clause(dst)
			wsOnly = false
			dst, prev, prevLower = space(dst)
		case (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)) && r != 0x2BC:
			// U+02BC, the modifier letter apostrophe, is the apostrophe Unicode recommends for
			// Ukrainian ("курʼєр", "звʼязок"): it separates like "'" and "’", not a letter.
			// Spacing vowel signs (Mc: Devanagari "ा ि ी ो ौ") belong to their word as the
			// non-spacing ones do: "डिलीवर" is one word.
			if unicode.In(r, unicode.Mn, unicode.Mc) && prev == scriptLatin {
				continue // a combining accent after a Latin letter: fold it away
			}
			r = devanagariFold(r)
			if r >= 0x300 && r <= 0x36F && prev == scriptOther {
				// A combining tonos or dialytika after a Greek letter: fold it away too.
				if last, _ := utf8.DecodeLastRune(dst); last >= 0x370 && last <= 0x3FF {
					continue
				}
			}
			if prev != scriptOther && prev != scriptNone {
				dst, prev, prevLower = space(dst)
			}
			dst = utf8.AppendRune(dst, arabicFold(foldGreek(unicode.ToLower(r))))
			prev, prevLower, lastCJK = scriptOther, false, false
			counts[scriptOther]++
		default: // punctuation, symbols, spaces, invalid bytes (decoded as U+FFFD)
			if prev != scriptNone {
				wsOnly = true
			}
			switch {
			case unicode.IsSpace(r):
			case r == 0x3001 || r == 0x3002 || r == 0x3010 || r == 0x3011 || r == 0x2013 || r == 0x2014 ||
				r == 0x2026 || r == 0x2028 || r == 0x2029 || r == 0xFF61 || r == 0xFF64 ||
				r == 0x60C || r == 0x61B || r == 0x61F || r == 0x6D4: // Arabic comma, semicolon, question mark, full stop
				dst = clause(dst)
				wsOnly = false
			default:
				wsOnly = false
			}
			dst, prev, prevLower = space(dst)
		}
	}
	// One space at the end, never a clause break.
	for len(dst) > 1 && dst[len(dst)-1] == ' ' && dst[len(dst)-2] == ' ' {
		dst = dst[:len(dst)-1]
	}
	if dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	best := scriptNone
	for sc := scriptLatin; sc <= scriptOther; sc++ {
		if counts[sc] > counts[best] {
			best = sc
		}
	}
	return dst, best
}

// space ends a word: one space, however many separators.
func space(dst []byte) ([]byte, script, bool) {
	if dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst, scriptNone, false
}

// clause ends a clause: two spaces (not at the start of the text).
func clause(dst []byte) []byte {
	if len(dst) > 1 && dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	if len(dst) > 1 && dst[len(dst)-2] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

func isCJK(sc script) bool { return sc == scriptHan || sc == scriptHangul || sc == scriptKana }

func isHan(r rune) bool {
	return (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x2FA1F)
}

// foldGreek folds a lower-case Greek letter's tonos and dialytika away and final sigma to
// sigma, so that "Παραδόθηκε", "ΠΑΡΑΔΟΘΗΚΕ" and a rule's "παραδοθηκε" meet, and "παραλήπτης"
// matches "ΠΑΡΑΛΗΠΤΗΣ" (whose capital Σ lowers to σ).
func foldGreek(r rune) rune {
	if r < 0x390 || r > 0x3CE {
		return r
	}
	switch r {
	case 'ά':
		return 'α'
	case 'έ':
		return 'ε'
	case 'ή':
		return 'η'
	case 'ί', 'ϊ', 'ΐ':
		return 'ι'
	case 'ό':
		return 'ο'
	case 'ύ', 'ϋ', 'ΰ':
		return 'υ'
	case 'ώ':
		return 'ω'
	case 'ς':
		return 'σ'
	}
	return r
}

// devanagariFold is the one spelling of a Devanagari letter that Hindi writers write two ways:
// a consonant with a nukta (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़, U+0958..U+095F) is its plain consonant (the
// nukta written apart, U+093C, is dropped), candrabindu (ँ) is anusvara (ं): "पहुँचा" and
// "पहुंचा", "पड़ा" and "पडा" meet. Bengali's ড় ঢ় য় likewise: one letter or letter and nukta
// (U+09BC), both read as the plain letter. Any other rune is itself.
func devanagariFold(r rune) rune {
	switch r { // Bengali ড় ঢ় য় written as one letter: its letter, as when the nukta is written apart
	case 0x9DC:
		return 0x9A1
	case 0x9DD:
		return 0x9A2
	case 0x9DF:
		return 0x9AF
	}
	if r < 0x901 || r > 0x95F {
		return r
	}
	switch {
	case r == 0x901:
		return 0x902
	case r >= 0x958:
		return [...]rune{0x915, 0x916, 0x917, 0x91C, 0x921, 0x922, 0x92B, 0x92F}[r-0x958]
	}
	return r
}

// arabicFold is the one spelling of an Arabic letter that carriers write several ways: alef
// with hamza or madda (أ إ آ ٱ) is alef, alef maksura (ى) is ya, ta marbuta (ة) is ha, Persian
// ya and kaf are ي and ك. Any other rune is itself.
func arabicFold(r rune) rune {
	if r < 0x622 || r > 0x6CC {
		return r
	}
	switch r {
	case 0x622, 0x623, 0x625, 0x671: // آ أ إ ٱ
		return 0x627 // ا
	case 0x649, 0x6CC: // ى ی
		return 0x64A // ي
	case 0x629: // ة
		return 0x647 // ه
	case 0x6A9: // ک
		return 0x643 // ك
	}
	return r
}

// Carriers' clerks and scrapers mix scripts inside one word: a Latin "e" or "i" typed in a
// Cyrillic word ("Взeмане от куриер", "Вiдправлення" with the Latin i Ukrainian keyboards
// make easy), a Cyrillic "о" in a Latin one. normalize reads such a letter as its look-alike
// in the word's own script, so the word meets the rules whole instead of falling apart into
// three. Only letters that look the same count, and only when the whole run of the other
// script in the word is look-alikes: "ПВЗexpress" stays two words.

// maxTwins is the longest run of look-alikes read as the other script: a longer one is a word.
const maxTwins = 8

// cyrillicTwin is the lower-case Cyrillic letter that the ASCII letter c, as written, looks
// like: capital B, H, M and T look like В, Н, М and Т, their small forms like nothing; 0 for none.
func cyrillicTwin(c byte) rune {
	switch c {
	case 'a', 'A':
		return 'а'
	case 'c', 'C':
		return 'с'
	case 'e', 'E':
		return 'е'
	case 'o', 'O':
		return 'о'
	case 'p', 'P':
		return 'р'
	case 'x', 'X':
		return 'х'
	case 'y', 'Y':
		return 'у'
	case 'k', 'K':
		return 'к'
	case 'i', 'I':
		return 'і'
	case 'B':
		return 'в'
	case 'H':
		return 'н'
	case 'M':
		return 'м'
	case 'T':
		return 'т'
	}
	return 0
}

// latinTwin is the lower-case ASCII letter that the Cyrillic letter r looks like; 0 for none.
func latinTwin(r rune) byte {
	switch r {
	case 'а', 'А':
		return 'a'
	case 'с', 'С':
		return 'c'
	case 'е', 'Е':
		return 'e'
	case 'о', 'О':
		return 'o'
	case 'р', 'Р':
		return 'p'
	case 'х', 'Х':
		return 'x'
	case 'у', 'У':
		return 'y'
	case 'к', 'К':
		return 'k'
	case 'і', 'І':
		return 'i'
	case 'В':
		return 'b'
	case 'Н':
		return 'h'
	case 'М':
		return 'm'
	case 'Т':
		return 't'
	}
	return 0
}

// twinsAhead reports whether the ASCII letters at the start of s (the rest of the word after
// a look-alike) are all look-alikes of Cyrillic letters, and the run ends in a Cyrillic
// letter or outside a word.
func twinsAhead(s string) bool {
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c|0x20 >= 'a' && c|0x20 <= 'z' {
			if cyrillicTwin(c) == 0 {
				return false
			}
			continue
		}
		return true
	}
	return true
}

// lowerTwin is the Cyrillic letter an already lowered ASCII letter in dst stands for: the
// capital-only look-alikes (B, H, M, T) included, since the next letter is Cyrillic.
func lowerTwin(c byte) rune {
	if cy := cyrillicTwin(c); cy != 0 {
		return cy
	}
	return cyrillicTwin(c - ('a' - 'A'))
}

// latinTwinsBack is how many letters the word at the end of dst has when they are all ASCII
// look-alikes of Cyrillic letters; 0 otherwise.
func latinTwinsBack(dst []byte) int {
	n := 0
	for j := len(dst) - 1; j >= 0 && dst[j] != ' '; j-- {
		if c := dst[j]; c < 'a' || c > 'z' || lowerTwin(c) == 0 || n == maxTwins {
			return 0
		}
		n++
	}
	return n
}

// cyrillicFromTwins rewrites the last n bytes of dst (ASCII look-alikes) as Cyrillic letters.
func cyrillicFromTwins(dst []byte, n int) []byte {
	var buf [maxTwins]byte
	k := copy(buf[:], dst[len(dst)-n:])
	dst = dst[:len(dst)-n]
	for _, c := range buf[:k] {
		dst = utf8.AppendRune(dst, lowerTwin(c))
	}
	return dst
}

// cyrillicTwinsBack is how many letters the word at the end of dst has when they are all
// (lower-case) Cyrillic look-alikes of ASCII letters; 0 otherwise.
func cyrillicTwinsBack(dst []byte) int {
	n := 0
	for j := len(dst); j > 0 && dst[j-1] != ' '; {
		r, size := utf8.DecodeLastRune(dst[:j])
		if latinTwin(r) == 0 || n == maxTwins {
			return 0
		}
		j -= size
		n++
	}
	return n
}

// latinFromTwins rewrites the last n letters of dst (Cyrillic look-alikes) as ASCII letters.
func latinFromTwins(dst []byte, n int) []byte {
	var buf [maxTwins]byte
	k := 0
	for j := len(dst); k < n; k++ {
		r, size := utf8.DecodeLastRune(dst[:j])
		buf[k] = latinTwin(r)
		j -= size
		dst = dst[:j]
	}
	for k > 0 {
		k--
		dst = append(dst, buf[k])
	}
	return dst
}
