package assess

import (
	"strings"
	"unicode"
)

// methodInfo is what is known about a shipping method: its usual delivery time (shared/DESIGN.md
// §3), how good its tracking is, and how long Buyer Protection usually runs with it (used
// only when the page does not show the deadline).
type methodInfo struct {
	ID             string
	Name           string
	MinDays        int
	MaxDays        int
	Tracking       string
	ProtectionDays int
	Express        bool     // courier services: every stage is expected to move fast
	Match          []string // lower-case word sequences that identify the method in a name
}

// methods is matched in order; more specific names come first ("saver" before "standard"
// because some Saver names contain neither, but no Standard name contains "saver").
var methods = []methodInfo{
	{ID: "aliexpress_premium", Name: "AliExpress Premium Shipping", MinDays: 7, MaxDays: 15, Tracking: "detailed", ProtectionDays: 45,
		Match: []string{"premium"}},
	{ID: "aliexpress_saver", Name: "AliExpress Saver Shipping", MinDays: 25, MaxDays: 45, Tracking: "limited", ProtectionDays: 75,
		Match: []string{"saver", "super economy", "economy"}},
	{ID: "epacket", Name: "ePacket", MinDays: 10, MaxDays: 20, Tracking: "good", ProtectionDays: 60,
		Match: []string{"epacket", "e packet"}},
	{ID: "china_post", Name: "China Post", MinDays: 20, MaxDays: 40, Tracking: "varies", ProtectionDays: 75,
		Match: []string{"china post", "chinapost", "registered air mail", "ordinary small packet"}},
	{ID: "express", Name: "DHL / FedEx / UPS", MinDays: 3, MaxDays: 7, Tracking: "detailed", ProtectionDays: 30, Express: true,
		Match: []string{"dhl", "fedex", "ups", "tnt", "aramex"}},
	{ID: "aliexpress_standard", Name: "AliExpress Standard Shipping", MinDays: 15, MaxDays: 30, Tracking: "good", ProtectionDays: 60,
		Match: []string{"standard", "selection shipping"}},
}

// unknownMethod is assumed when the method is missing or not recognised: wide enough not to
// raise false alarms for slow methods, with lower confidence in the verdict.
var unknownMethod = methodInfo{ID: "unknown", MinDays: 15, MaxDays: 45, Tracking: "varies", ProtectionDays: 60}

// lookupMethod finds a method by its name as the page shows it.
func lookupMethod(name string) (methodInfo, bool) {
	words := " " + strings.Join(splitWords(name), " ") + " "
	for _, m := range methods {
		for _, phrase := range m.Match {
			if strings.Contains(words, " "+phrase+" ") {
				return m, true
			}
		}
	}
	m := unknownMethod
	m.Name = strings.TrimSpace(name)
	return m, false
}

// splitWords lower-cases s and splits it into runs of letters and digits.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// silenceRule says after how many days without news a parcel at one stage is worth
// watching, and after how many it calls for action. Zero: silence alone never triggers.
type silenceRule struct {
	Watch, Act int
}

// silenceRules are the rules of thumb of shared/DESIGN.md §3, per stage, for postal methods and for
// express couriers. International transit has no silence limit: a long silence there is
// normal until the method's upper bound, which the overdue rule judges.
var silenceRules = map[bool]map[Stage]silenceRule{
	false: { // postal and AliExpress methods
		StageLabelCreated:  {Watch: 4, Act: 10}, // nothing for 24–72 h is normal
		StageOrigin:        {Watch: 7, Act: 14},
		StageInternational: {},
		StageCustoms:       {Watch: 10, Act: 21},
		StageDestination:   {Watch: 7, Act: 14},
		StageLastMile:      {Watch: 3, Act: 7},
	},
	true: { // express couriers scan at every step
		StageLabelCreated:  {Watch: 2, Act: 4},
		StageOrigin:        {Watch: 2, Act: 4},
		StageInternational: {Watch: 3, Act: 6},
		StageCustoms:       {Watch: 4, Act: 8},
		StageDestination:   {Watch: 3, Act: 6},
		StageLastMile:      {Watch: 2, Act: 4},
	},
}

// overdueGrace is how many days past the method's upper bound a parcel stays at "watch"
// before it calls for action.
func overdueGrace(m methodInfo) int {
	g := m.MaxDays / 3
	if g < 5 {
		g = 5
	}
	return g
}

// Order processing: sellers usually ship within a week; two weeks without a number is a
// reason to act.
const (
	processingWatchDays = 8
	processingActDays   = 15
	// A number with no events at all: counted from the order date.
	noEventsWatchDays = 10
	noEventsActDays   = 20
	// A seller who has not answered in this many days is not responding.
	sellerSilentDays = 2
	sellerActDays    = 5
	// Buyer Protection warning levels.
	protectionActDays = 7
)

// localCarriers are the usual last-mile carriers per destination country, to tell the buyer
// where to look once the parcel has arrived.
var localCarriers = map[string]string{
	"AT": "Österreichische Post", "AU": "Australia Post", "BE": "bpost", "BR": "Correios",
	"BY": "Belpost", "CA": "Canada Post", "CH": "Swiss Post", "CL": "Correos de Chile",
	"CZ": "Česká pošta", "DE": "Deutsche Post DHL", "ES": "Correos", "FI": "Posti",
	"FR": "La Poste (Colissimo)", "GB": "Royal Mail", "IE": "An Post", "IL": "Israel Post",
	"IT": "Poste Italiane", "JP": "Japan Post", "KR": "Korea Post", "KZ": "Kazpost",
	"MX": "Correos de México", "NL": "PostNL", "NO": "Posten", "NZ": "NZ Post",
	"PL": "Poczta Polska", "PT": "CTT", "RU": "Почта России (Russian Post)", "SE": "PostNord",
	"UA": "Ukrposhta / Nova Poshta", "US": "USPS", "UZ": "O'zbekiston pochtasi",
}

// countryNames are the names carriers write in event locations, per ISO code, lower-case.
// A location naming a country other than the buyer's after arrival is a wrong destination.
var countryNames = map[string][]string{
	"AT": {"austria", "österreich", "австрия"},
	"AU": {"australia", "австралия"},
	"BE": {"belgium", "belgique", "бельгия"},
	"BR": {"brazil", "brasil", "бразилия"},
	"BY": {"belarus", "беларусь", "белоруссия"},
	"CA": {"canada", "канада"},
	"CH": {"switzerland", "schweiz", "suisse", "швейцария"},
	"CL": {"chile", "чили"},
	"CN": {"china", "中国", "китай"},
	"CZ": {"czech republic", "czechia", "česko", "чехия"},
	"DE": {"germany", "deutschland", "германия"},
	"ES": {"spain", "españa", "испания"},
	"FI": {"finland", "suomi", "финляндия"},
	"FR": {"france", "франция"},
	"GB": {"united kingdom", "great britain", "england", "scotland", "великобритания"},
	"HK": {"hong kong", "гонконг"},
	"IE": {"ireland", "ирландия"},
	"IL": {"israel", "израиль"},
	"IT": {"italy", "italia", "италия"},
	"JP": {"japan", "япония"},
	"KR": {"south korea", "korea", "корея"},
	"KZ": {"kazakhstan", "казахстан"},
	"MX": {"mexico", "méxico", "мексика"},
	"NL": {"netherlands", "nederland", "holland", "нидерланды"},
	"NO": {"norway", "norge", "норвегия"},
	"NZ": {"new zealand", "новая зеландия"},
	"PL": {"poland", "polska", "польша"},
	"PT": {"portugal", "португалия"},
	"RU": {"russia", "russian federation", "россия", "российская федерация"},
	"SE": {"sweden", "sverige", "швеция"},
	"UA": {"ukraine", "україна", "украина"},
	"US": {"united states", "usa", "сша"},
	"UZ": {"uzbekistan", "узбекистан"},
}

// subdivisions are two-letter state and province codes that carriers write where others
// write a country code ("Chicago, IL" is Illinois, not Israel). A trailing code that is a
// subdivision of the buyer's country is not read as a country.
var subdivisions = map[string]string{
	"US": "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR",
	"CA": "AB BC MB NB NL NS NT NU ON PE QC SK YT",
	"AU": "SA WA NT",
}

// countryIn finds the country a location names: a known name, or a known two-letter code
// written in capitals as the last word ("London, GB"), unless that code is a state or
// province of home. It returns "" when none is named.
func countryIn(location, home string) string {
	words := splitWords(location)
	// Country names have at most three words: look up every run of one to three words.
	for n := 1; n <= 3; n++ {
		for i := 0; i+n <= len(words); i++ {
			if code, ok := countryByName[strings.Join(words[i:i+n], " ")]; ok {
				return code
			}
		}
	}
	fields := strings.FieldsFunc(location, func(r rune) bool { return r == ',' || r == ' ' || r == '-' || r == '/' })
	if len(fields) > 1 {
		last := fields[len(fields)-1]
		if len(last) == 2 && strings.ToUpper(last) == last {
			if _, ok := countryNames[last]; ok && !strings.Contains(" "+subdivisions[home]+" ", " "+last+" ") {
				return last
			}
		}
	}
	return ""
}

// countryByName indexes countryNames by name. The names are written as splitWords gives
// them and countryCodes is countryNames' keys sorted (TestCountryTables), so building it is
// a few map insertions: at start-up, in WebAssembly, normalising the names and sorting the
// codes were a tenth of the Go packages' initialisation.
var countryByName = func() map[string]string {
	m := make(map[string]string, 96)
	for _, code := range countryCodes {
		for _, n := range countryNames[code] {
			m[n] = code
		}
	}
	return m
}()

// countryCodes are the keys of countryNames, sorted, so that a location naming two
// countries always gives the same answer.
var countryCodes = []string{
	"AT", "AU", "BE", "BR", "BY", "CA", "CH", "CL", "CN", "CZ", "DE", "ES", "FI", "FR", "GB", "HK", "IE",
	"IL", "IT", "JP", "KR", "KZ", "MX", "NL", "NO", "NZ", "PL", "PT", "RU", "SE", "UA", "US", "UZ",
}

// countryName is a readable name for an ISO code: the first English name, capitalised.
func countryName(code string) string {
	names, ok := countryNames[strings.ToUpper(code)]
	if !ok || len(names) == 0 {
		return strings.ToUpper(code)
	}
	words := strings.Fields(names[0])
	for i, w := range words {
		if len(words) == 1 && len(w) <= 3 {
			words[i] = strings.ToUpper(w) // "usa"
		} else {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
