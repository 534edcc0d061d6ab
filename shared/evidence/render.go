package evidence

import (
	"strconv"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Render writes the evidence pack of an order and its assessment (made with the same order,
// in the language the pack is to be in: a.Lang). The screenshots must have passed
// Extra.Validate (Decode does it); any that do not are left out.
func Render(o order.Order, a assess.Assessment, x Extra) ([]byte, error) {
	v := build(o, a, x)
	return v.write(), nil
}

type view struct {
	Lang, Dir        string
	L                func(key string) string
	Title, Made      string
	OrderID          string
	OrderDate        string
	Store, Total     string
	Items            []order.Item
	Method, Typical  string
	Verdict, Verd    string
	Summary          string
	Status, Stage    string
	Reasons          []assess.Reason
	Protection       string
	ProtectionSource string
	Arrival          *arrival
	Numbers          []number
	Parcels          []parcel
	Advice           []advice.Advice
	Checklist        []string
	Shots            []shot
	Labels           map[string]string // the advice catalog's headings
}

type arrival struct {
	Window, Basis string
	Passed        bool
	SiteWindow    string
	SiteText      string
	RefundBy      string
	Promises      []string
}

type number struct {
	Number, Carrier, Role, Parcel string
	Links                         []link
}

type link struct {
	Name string
	URL  string // built here from a checked number: https, no quotes or markup
}

type parcel struct {
	Name   string
	Events []event
}

type event struct {
	Time, Zone, Place, Carrier, Number, Text, Meaning string
	Noise                                             bool
}

type shot struct {
	Src            string // a checked data URI: base64 characters only
	Title, URL, At string
}

// trackable tells whether a number has the form a carrier's page is linked with: 4 to 64
// ASCII letters, digits and hyphens. Anything else is shown as text only. (A loop, not a
// regexp: compiling one at start-up cost the WebAssembly core tens of milliseconds, and the
// regexp package a tenth of its size.)
func trackable(s string) bool {
	if len(s) < 4 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func build(o order.Order, a assess.Assessment, x Extra) view {
	c := advice.Lang(a.Lang)
	lang := c.Code()
	L := func(k string) string { return label(lang, k) }
	v := view{Lang: lang, Dir: "ltr", L: L, Title: L("pack_title"), OrderID: o.ID, Store: o.Store, Total: o.Total, Items: o.Items}
	if rtl[lang] {
		v.Dir = "rtl"
	}
	v.Labels = map[string]string{}
	for _, k := range []string{"order", "status", "stage", "method", "protection", "reasons", "parcel", "timeline", "advice", "deadline", "steps", "evidence", "seller_message", "dispute_text", "none", "expired"} {
		v.Labels[k] = c.Label(k, nil)
	}
	v.Made = label(lang, "made", "{date}", c.Date(a.Now))
	if !o.Date.IsZero() {
		v.OrderDate = c.Date(o.Date.Time)
	}
	v.Method = a.Method.Name
	if v.Method == "" {
		v.Method = c.Label("unknown_method", nil)
	}
	v.Typical = c.Label("typical", &advice.Facts{MethodMin: a.Method.MinDays, MethodMax: a.Method.MaxDays})
	v.Verdict, v.Verd = c.Verdict(a.Verdict), string(a.Verdict)
	v.Summary = a.Summary
	v.Status, v.Stage = c.Status(a.Status), c.Stage(string(a.Stage))
	v.Reasons = a.Reasons

	p := a.Protection
	switch {
	case p.Deadline == nil:
		v.Protection = v.Labels["none"]
	case p.Expired:
		v.Protection = c.Date(*p.Deadline) + " (" + v.Labels["expired"] + ")"
	default:
		v.Protection = c.Date(*p.Deadline) + " (" + c.Label("days_left", &advice.Facts{DaysLeft: deref(p.DaysLeft)}) + ")"
	}
	src := ""
	switch p.Source {
	case assess.SourcePage:
		src = L("source_page")
	case assess.SourceEstimated:
		src = L("source_estimated")
	}
	v.ProtectionSource = strings.Trim(src+" — "+p.Basis, " —")
	if o.Protection.Text != "" {
		v.ProtectionSource += " · «" + o.Protection.Text + "»"
	}

	if e := a.ETA; e != nil {
		ar := &arrival{Window: dateRange(c, e.Earliest, e.Latest), Passed: e.Passed}
		switch e.Basis {
		case assess.ETABasisHistory:
			ar.Basis = label(lang, "basis_history", "{n}", strconv.Itoa(e.Samples))
		case assess.ETABasisStage:
			ar.Basis = L("basis_stage")
		default:
			ar.Basis = L("basis_method")
		}
		if s := e.AliExpress; s != nil {
			if s.Earliest != nil && s.Latest != nil {
				ar.SiteWindow = dateRange(c, *s.Earliest, *s.Latest)
			} else if s.Latest != nil {
				ar.SiteWindow = c.Date(*s.Latest)
			}
			ar.SiteText = s.Text
			if s.RefundBy != nil {
				ar.RefundBy = c.Date(*s.RefundBy)
			}
			ar.Promises = s.Texts
		}
		v.Arrival = ar
	}

	for i, pc := range a.Parcels {
		name := v.Labels["parcel"] + " " + strconv.Itoa(i+1)
		for _, n := range pc.Numbers {
			nb := number{Number: n.Number, Carrier: n.Carrier, Parcel: name, Role: L("role_origin")}
			if n.Role == order.RoleLastMile {
				nb.Role = L("role_last_mile")
			}
			if trackable(n.Number) {
				nb.Links = []link{
					{"Cainiao", "https://global.cainiao.com/newDetail.htm?mailNoList=" + n.Number},
					{"17TRACK", "https://t.17track.net/en#nums=" + n.Number},
				}
			}
			v.Numbers = append(v.Numbers, nb)
		}
		pp := parcel{Name: name}
		for _, e := range pc.Timeline {
			ev := event{Place: e.Location, Carrier: e.Carrier, Number: e.Number, Text: e.Text, Noise: e.Noise}
			if !e.Time.IsZero() {
				ev.Time = e.Time.Time.Format("2006-01-02 15:04")
				if e.Time.NoZone {
					ev.Zone = L("no_zone")
				} else {
					ev.Zone = zone(e.Time.Time)
				}
			}
			ev.Meaning = c.Status(e.Status)
			if d := c.Detail(e.Reason); d != "" {
				ev.Meaning += " (" + d + ")"
			}
			pp.Events = append(pp.Events, ev)
		}
		v.Parcels = append(v.Parcels, pp)
	}

	v.Advice = a.Advice
	seen := map[string]bool{}
	for _, ad := range a.Advice {
		for _, s := range ad.Evidence {
			if !seen[s] {
				seen[s] = true
				v.Checklist = append(v.Checklist, s)
			}
		}
	}
	for _, s := range x.Screenshots {
		if checkImage(s.DataURI) != nil {
			continue
		}
		sh := shot{Src: s.DataURI, Title: s.Title, URL: s.URL}
		if !s.TakenAt.IsZero() {
			sh.At = s.TakenAt.Time.UTC().Format("2006-01-02 15:04") + " UTC"
		}
		v.Shots = append(v.Shots, sh)
	}
	return v
}

func dateRange(c *advice.Catalog, from, to time.Time) string {
	if from.Equal(to) {
		return c.Date(from)
	}
	return c.Date(from) + " – " + c.Date(to)
}

// zone writes a time's offset: "UTC+08:00", "UTC".
func zone(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return "UTC"
	}
	return "UTC" + t.Format("-07:00")
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
