package number

import (
	"fmt"
	"sync"
)

// Evidence levels of a format, strongest first (each format in carriers.json names its sources).
const (
	EvidenceSpec = "SPEC" // a published standard or a curated, tested dataset
	EvidenceSeen = "SEEN" // the format of real numbers in real carrier responses
	EvidenceFolk = "FOLK" // regexes from hobby projects: a hint only
)

var evidenceWeight = map[string]float64{EvidenceSpec: 0.9, EvidenceSeen: 0.75, EvidenceFolk: 0.5}

// format is one compiled number format of one carrier.
type format struct {
	id          string
	name        string
	carrier     string
	carrierID   string
	kind        Kind
	evidence    string
	prior       float64
	source      string
	pat         *pattern
	serial      int // capture slot index of SerialNumber, -1 if none
	check       int // of CheckDigit
	country     int // of CountryCode
	sum         *checksum
	prependIf   *pattern
	prepend     string
	lookups     []lookup
	mustExist   map[string]bool // lookups that must find an entry for the number to be valid
	trackingURL string          // with %s for the number
	links       []Link
	lettered    bool // every number of the format has letters, so a failed check digit is worth reporting
	valid       []string
	invalid     []string
	// Why lines built once: Parse only copies them.
	whyMatch, whyEvidence, whyCheck string
}

type lookup struct {
	name         string
	slot         int
	entries      []lookupEntry
	exact        map[string]int // value → index of the first entry that "matches" it
	regexEntries []int          // indexes of the entries with "matches_regex", in order
}

type lookupEntry struct {
	matches    string
	re         *pattern
	name       string
	courier    string
	courierURL string
	country    string
}

type catalog struct {
	formats []*format
	byFirst [256][]*format // formats a number starting with that byte can match, in catalogue order
	byID    map[string]*format
	iso     map[string]string
	slots   int // the most capture slots any format needs
}

var (
	catalogOnce sync.Once
	catalogData *catalog
	catalogErr  error
)

// loadCatalog returns the catalogue, loaded once from its compiled form (compiled.go). The data
// is embedded, so an error here is a bug caught by the tests; Parse panics on it rather than
// answering wrongly.
func loadCatalog() *catalog {
	catalogOnce.Do(func() { catalogData, catalogErr = decodeCatalog(compiledCatalog) })
	if catalogErr != nil {
		panic(catalogErr)
	}
	return catalogData
}

// index fills byID and byFirst from formats; both the JSON compiler and the loader end with it.
func (c *catalog) index() error {
	c.byID = make(map[string]*format, len(c.formats))
	for _, f := range c.formats {
		if c.byID[f.id] != nil {
			return fmt.Errorf("number: two formats have the id %q", f.id)
		}
		c.byID[f.id] = f
		for b := 0; b < 256; b++ {
			if f.pat.first.has(byte(b)) {
				c.byFirst[b] = append(c.byFirst[b], f)
			}
		}
	}
	return nil
}

// add appends a lookup entry; the first exact "matches" of a value wins, as in the data's order.
func (l *lookup) add(le lookupEntry) {
	if le.re != nil {
		l.regexEntries = append(l.regexEntries, len(l.entries))
	} else if _, dup := l.exact[le.matches]; !dup && le.matches != "" {
		if l.exact == nil {
			l.exact = map[string]int{}
		}
		l.exact[le.matches] = len(l.entries)
	}
	l.entries = append(l.entries, le)
}
