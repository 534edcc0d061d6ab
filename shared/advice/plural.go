package advice

// CLDR's cardinal plural rules for whole numbers (v = 0, so n = i), for the languages that
// have texts and a few more, as golang.org/x/text carries them (its CLDR data, version 32;
// Unicode licence): the category a number of days takes. They were read through x/text's
// feature/plural until it cost the WebAssembly core ~70 KB of code, its tables and start-up
// work for thirteen one-line rules; TestPluralRulesMatchXText holds every rule here to x/text
// for every n up to 2,000,000 and a few large ones, so they cannot drift apart. A language
// with texts but no rule here fails loading its texts (and that test) with a message that
// says so.

// pluralRules maps a base language to its rule: the category name of a whole number n ≥ 0.
var pluralRules = map[string]func(n int) string{
	// Only "other".
	"ja": pluralOther, "ko": pluralOther, "zh": pluralOther, "vi": pluralOther, "th": pluralOther, "id": pluralOther, "ms": pluralOther,
	// one: n = 1.
	"en": pluralOne, "de": pluralOne, "nl": pluralOne, "it": pluralOne, "es": pluralOne, "sv": pluralOne, "nb": pluralOne,
	"da": pluralOne, "fi": pluralOne, "el": pluralOne, "bg": pluralOne, "hu": pluralOne, "tr": pluralOne, "et": pluralOne, "ca": pluralOne,
	// one: n = 0 or 1.
	"fr": pluralZeroOne, "pt": pluralZeroOne, "hi": pluralZeroOne,
	"ru": pluralEastSlavic, "uk": pluralEastSlavic, "be": pluralEastSlavic,
	"pl": func(n int) string {
		switch d, h := n%10, n%100; {
		case n == 1:
			return "one"
		case d >= 2 && d <= 4 && (h < 12 || h > 14):
			return "few"
		}
		return "many"
	},
	"cs": pluralCzech, "sk": pluralCzech,
	"he": func(n int) string {
		switch {
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case n > 10 && n%10 == 0:
			return "many"
		}
		return "other"
	},
	"ar": func(n int) string {
		switch h := n % 100; {
		case n == 0:
			return "zero"
		case n == 1:
			return "one"
		case n == 2:
			return "two"
		case h >= 3 && h <= 10:
			return "few"
		case h >= 11:
			return "many"
		}
		return "other"
	},
	"ro": func(n int) string {
		switch h := n % 100; {
		case n == 1:
			return "one"
		case n == 0 || h >= 1 && h <= 19:
			return "few"
		}
		return "other"
	},
}

func pluralOther(int) string { return "other" }

func pluralOne(n int) string {
	if n == 1 {
		return "one"
	}
	return "other"
}

func pluralZeroOne(n int) string {
	if n <= 1 {
		return "one"
	}
	return "other"
}

func pluralEastSlavic(n int) string {
	switch d, h := n%10, n%100; {
	case d == 1 && h != 11:
		return "one"
	case d >= 2 && d <= 4 && (h < 12 || h > 14):
		return "few"
	}
	return "many"
}

func pluralCzech(n int) string {
	switch {
	case n == 1:
		return "one"
	case n >= 2 && n <= 4:
		return "few"
	}
	return "other"
}

// pluralCategories are the CLDR category names the texts may use.
var pluralCategories = map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true, "other": true}

// langAliases are the codes golang.org/x/text (CLDR) reads as a language that has texts
// besides the language's own code: deprecated ("iw") and ISO 639-2/3 codes. Found by asking
// x/text about every two- and three-letter code; TestLangAliasesMatchXText asks again.
var langAliases = map[string]string{
	"deu": "de", "dut": "nl", "eng": "en", "fra": "fr", "fre": "fr", "ger": "de", "heb": "he", "ita": "it", "iw": "he",
	"kor": "ko", "nld": "nl", "pol": "pl", "por": "pt", "rus": "ru", "spa": "es", "tur": "tr", "ukr": "uk",
}
