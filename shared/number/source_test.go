package number

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

// The catalogue's sources and their compiler. Only the tests build the catalogue from JSON:
// TestCompiledCatalog writes compiled/catalog.bin from it (go generate) and checks that the
// committed file is current, so the package itself links neither encoding/json nor the data.

// couriersFS holds jkeen/tracking_number_data's courier definitions (MIT, see couriers/README.md).
// The project's Go module cannot be fetched from the module proxy, so the data is copied here.
//
//go:embed couriers/*.json
var couriersFS embed.FS

//go:embed carriers.json
var carriersJSON []byte

//go:embed iso3166.txt
var iso3166 string

// courierFile is the shape of one couriers/*.json file, and of each entry of carriers.json.
type courierFile struct {
	Name            string         `json:"name"`
	CourierCode     string         `json:"courier_code"`
	TrackingNumbers []formatSource `json:"tracking_numbers"`
}

type formatSource struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Regex       json.RawMessage `json:"regex"` // a string, or strings to concatenate
	Validation  struct {
		Checksum           *checksum `json:"checksum"`
		SerialNumberFormat *struct {
			PrependIf struct {
				MatchesRegex string `json:"matches_regex"`
				Content      string `json:"content"`
			} `json:"prepend_if"`
		} `json:"serial_number_format"`
		Additional struct {
			Exists []string `json:"exists"`
		} `json:"additional"`
	} `json:"validation"`
	TrackingURL string `json:"tracking_url"`
	TestNumbers struct {
		Valid   []string `json:"valid"`
		Invalid []string `json:"invalid"`
	} `json:"test_numbers"`
	Additional []struct {
		Name           string `json:"name"`
		RegexGroupName string `json:"regex_group_name"`
		Lookup         []struct {
			Matches          string `json:"matches"`
			MatchesRegex     string `json:"matches_regex"`
			Name             string `json:"name"`
			Courier          string `json:"courier"`
			CourierURL       string `json:"courier_url"`
			CountryShortCode string `json:"country_short_code"`
		} `json:"lookup"`
	} `json:"additional"`

	// Fields of carriers.json only.
	Kind     Kind     `json:"kind"`
	Evidence string   `json:"evidence"`
	Prior    *float64 `json:"prior"`
	Source   string   `json:"source"`
	Links    []Link   `json:"links"`
}

type carriersFile struct {
	Jkeen struct {
		Evidence     string             `json:"evidence"`
		Source       string             `json:"source"`
		DefaultPrior float64            `json:"default_prior"`
		Priors       map[string]float64 `json:"priors"`
	} `json:"jkeen"`
	Couriers []courierFile `json:"couriers"`
}

func buildCatalog() (*catalog, error) {
	c := &catalog{iso: map[string]string{}}
	for _, line := range strings.Split(iso3166, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		code, name, _ := strings.Cut(line, "\t")
		c.iso[code] = name
	}
	var own carriersFile
	if err := json.Unmarshal(carriersJSON, &own); err != nil {
		return nil, fmt.Errorf("number: carriers.json: %w", err)
	}
	names, err := couriersFS.ReadDir("couriers")
	if err != nil {
		return nil, fmt.Errorf("number: couriers: %w", err)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	for _, e := range names {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		raw, err := couriersFS.ReadFile(path.Join("couriers", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("number: %s: %w", e.Name(), err)
		}
		var cf courierFile
		if err := json.Unmarshal(raw, &cf); err != nil {
			return nil, fmt.Errorf("number: %s: %w", e.Name(), err)
		}
		for _, src := range cf.TrackingNumbers {
			if src.Evidence == "" {
				src.Evidence = own.Jkeen.Evidence
			}
			if src.Source == "" {
				src.Source = own.Jkeen.Source
			}
			if src.Prior == nil {
				p := own.Jkeen.DefaultPrior
				if v, ok := own.Jkeen.Priors[cf.CourierCode]; ok {
					p = v
				}
				src.Prior = &p
			}
			f, err := c.compileFormat(cf, src)
			if err != nil {
				return nil, fmt.Errorf("number: %s: %w", e.Name(), err)
			}
			c.formats = append(c.formats, f)
		}
	}
	for _, cf := range own.Couriers {
		for _, src := range cf.TrackingNumbers {
			f, err := c.compileFormat(cf, src)
			if err != nil {
				return nil, fmt.Errorf("number: carriers.json: %w", err)
			}
			c.formats = append(c.formats, f)
		}
	}
	if err := c.index(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *catalog) compileFormat(cf courierFile, src formatSource) (*format, error) {
	f := &format{
		id:          src.ID,
		name:        src.Name,
		carrier:     cf.Name,
		carrierID:   cf.CourierCode,
		kind:        src.Kind,
		evidence:    src.Evidence,
		prior:       1,
		source:      src.Source,
		sum:         src.Validation.Checksum,
		trackingURL: src.TrackingURL,
		links:       src.Links,
		valid:       src.TestNumbers.Valid,
		invalid:     src.TestNumbers.Invalid,
	}
	if f.id == "" { // a few jkeen formats have no id
		f.id = cf.CourierCode + "_" + slug(src.Name)
	}
	if f.kind == "" {
		f.kind = TrackingNumber
	}
	if src.Prior != nil {
		f.prior = *src.Prior
	}
	if _, ok := evidenceWeight[f.evidence]; !ok {
		return nil, fmt.Errorf("format %s: unknown evidence %q", f.id, f.evidence)
	}
	if f.sum != nil && !f.sum.known() {
		return nil, fmt.Errorf("format %s: unknown checksum %q", f.id, f.sum.Name)
	}
	re, err := regexSource(src.Regex)
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", f.id, err)
	}
	// Whole-input match, as the reference library does when it validates one number.
	f.pat, err = compilePattern("^(?:" + re + ")$")
	if err != nil {
		return nil, fmt.Errorf("format %s: %w", f.id, err)
	}
	if 2*len(f.pat.names) > c.slots {
		c.slots = 2 * len(f.pat.names)
	}
	f.serial, f.check, f.country = slotOf(f.pat, "SerialNumber"), slotOf(f.pat, "CheckDigit"), slotOf(f.pat, "CountryCode")
	if f.sum != nil && (f.serial < 0 || f.check < 0) {
		return nil, fmt.Errorf("format %s: a checksum needs SerialNumber and CheckDigit groups", f.id)
	}
	if s := src.Validation.SerialNumberFormat; s != nil {
		if f.prependIf, err = compilePattern(s.PrependIf.MatchesRegex); err != nil {
			return nil, fmt.Errorf("format %s: %w", f.id, err)
		}
		f.prepend = s.PrependIf.Content
	}
	for _, a := range src.Additional {
		l := lookup{name: a.Name, slot: slotOf(f.pat, a.RegexGroupName)}
		if l.slot < 0 {
			return nil, fmt.Errorf("format %s: lookup %q names missing group %q", f.id, a.Name, a.RegexGroupName)
		}
		for _, e := range a.Lookup {
			le := lookupEntry{matches: e.Matches, name: e.Name, courier: e.Courier, courierURL: e.CourierURL, country: e.CountryShortCode}
			if e.MatchesRegex != "" {
				if le.re, err = compilePattern(e.MatchesRegex); err != nil {
					return nil, fmt.Errorf("format %s: %w", f.id, err)
				}
			}
			l.add(le)
		}
		f.lookups = append(f.lookups, l)
	}
	for _, name := range src.Validation.Additional.Exists {
		if f.mustExist == nil {
			f.mustExist = map[string]bool{}
		}
		f.mustExist[name] = true
	}
	f.lettered = f.pat.letter
	f.whyMatch, f.whyEvidence = "matches "+f.name, evidenceWhy(f)
	if f.sum != nil {
		f.whyCheck = "check digit is valid (" + f.sum.Name + ")"
	}
	return f, nil
}

func regexSource(raw json.RawMessage) (string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return one, nil
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("regex is neither a string nor a list of strings")
	}
	return strings.Join(parts, ""), nil
}

func slotOf(p *pattern, name string) int {
	for i, n := range p.names {
		if n == name {
			return i
		}
	}
	return -1
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}
