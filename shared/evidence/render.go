package evidence

import (
	"bytes"
	"html/template"
	"regexp"
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
	var b bytes.Buffer
	if err := packTemplate.Execute(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
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
	URL  template.URL
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
	Src            template.URL
	Title, URL, At string
}

// trackable is the form of a number a carrier's page is linked with; anything else is shown
// as text only.
var trackable = regexp.MustCompile(`^[A-Za-z0-9-]{4,64}$`)

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
			if trackable.MatchString(n.Number) {
				nb.Links = []link{
					{"Cainiao", template.URL("https://global.cainiao.com/newDetail.htm?mailNoList=" + n.Number)},
					{"17TRACK", template.URL("https://t.17track.net/en#nums=" + n.Number)},
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
		sh := shot{Src: template.URL(s.DataURI), Title: s.Title, URL: s.URL}
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

var packTemplate = template.Must(template.New("pack").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{{.Title}} — {{.Labels.order}} {{.OrderID}}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#111;background:#fff;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:2px solid #222;padding-bottom:2px}h3{font-size:15px;margin:14px 0 6px}
.meta{color:#444;font-size:12px}table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border:1px solid #999;padding:4px 6px;text-align:start;vertical-align:top}
th{background:#eee}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{font-weight:600}dd{margin:0}
.verdict{display:inline-block;padding:1px 8px;border:2px solid #222;border-radius:4px;font-weight:700}.act{background:#fdd}.watch{background:#ffd}.normal{background:#dfd}
.passed{font-weight:700;color:#900}.noise{color:#777}.text{white-space:pre-wrap;border:1px solid #999;padding:8px;background:#fafafa}
.shot{page-break-inside:avoid;break-inside:avoid;margin:10px 0}.shot img{max-width:100%;border:1px solid #999}
ul.check{list-style:none;padding-inline-start:0}ul.check li::before{content:"\2610  "}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid;break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}a{color:#111}}
</style>
</head>
<body>
<header>
<h1>{{.Title}} — {{.Labels.order}} {{.OrderID}}</h1>
<p class="meta">{{.Made}}</p>
</header>

<section id="order">
<h2>{{.Labels.order}}</h2>
<dl>
<dt>{{.Labels.order}}</dt><dd data-order-id>{{.OrderID}}</dd>
{{if .OrderDate}}<dt>{{call .L "order_date"}}</dt><dd>{{.OrderDate}}</dd>{{end}}
{{if .Store}}<dt>{{call .L "store"}}</dt><dd>{{.Store}}</dd>{{end}}
{{if .Total}}<dt>{{call .L "total"}}</dt><dd>{{.Total}}</dd>{{end}}
<dt>{{.Labels.method}}</dt><dd>{{.Method}} ({{.Typical}})</dd>
</dl>
{{if .Items}}<h3>{{call .L "items"}}</h3>
<ul>{{range .Items}}<li>{{.Title}}{{if .SKU}} — {{.SKU}}{{end}}{{if .Quantity}} × {{.Quantity}}{{end}}{{if .Price}} · {{.Price}}{{end}}</li>{{end}}</ul>{{end}}
</section>

<section id="verdict">
<h2>{{call .L "verdict_why"}}</h2>
<p><span class="verdict {{.Verd}}">{{.Verdict}}</span> {{.Summary}}</p>
<dl><dt>{{.Labels.status}}</dt><dd>{{.Status}}</dd><dt>{{.Labels.stage}}</dt><dd>{{.Stage}}</dd></dl>
{{if .Reasons}}<h3>{{.Labels.reasons}}</h3><ul>{{range .Reasons}}<li data-reason="{{.Code}}">{{.Text}}</li>{{end}}</ul>{{end}}
</section>

<section id="deadlines">
<h2>{{.Labels.protection}}</h2>
<p data-protection>{{.Protection}}</p>
<p class="meta">{{.ProtectionSource}}</p>
{{with .Arrival}}
<h3>{{call $.L "arrival"}}</h3>
<table data-arrival><tr><th>{{call $.L "ours"}}</th><td>{{.Window}}{{if .Passed}} — <span class="passed">{{call $.L "window_passed"}}</span>{{end}}<br><span class="meta">{{.Basis}}</span></td></tr>
{{if or .SiteWindow .SiteText}}<tr><th>{{call $.L "ae_estimate"}}</th><td>{{.SiteWindow}}{{if .SiteText}} («{{.SiteText}}»){{end}}</td></tr>{{end}}
{{if .RefundBy}}<tr><th>{{call $.L "refund_by"}}</th><td data-refund-by>{{.RefundBy}}</td></tr>{{end}}
{{if .Promises}}<tr><th>{{call $.L "ae_promise"}}</th><td><ul>{{range .Promises}}<li>{{.}}</li>{{end}}</ul></td></tr>{{end}}
</table>
{{end}}
</section>

<section id="numbers">
<h2>{{call .L "numbers"}}</h2>
{{if .Numbers}}<table><tr><th>{{.Labels.parcel}}</th><th>#</th><th>{{call .L "col_carrier"}}</th><th>{{call .L "check_at"}}</th></tr>
{{range .Numbers}}<tr><td>{{.Parcel}} · {{.Role}}</td><td data-number>{{.Number}}</td><td>{{.Carrier}}</td><td>{{range $i, $l := .Links}}{{if $i}} · {{end}}<a href="{{$l.URL}}">{{$l.Name}}</a>{{end}}</td></tr>
{{end}}</table>{{else}}<p>{{.Labels.none}}</p>{{end}}
</section>

<section id="timeline">
<h2>{{.Labels.timeline}}</h2>
{{range .Parcels}}<h3>{{.Name}}</h3>
{{if .Events}}<table data-timeline><tr><th>{{call $.L "col_time"}}</th><th>{{call $.L "col_event"}}</th><th>{{call $.L "col_place"}}</th><th>{{call $.L "col_carrier"}}</th><th>{{call $.L "col_meaning"}}</th></tr>
{{range .Events}}<tr data-event{{if .Noise}} class="noise"{{end}}><td>{{.Time}}{{if .Zone}}<br><span class="meta">{{.Zone}}</span>{{end}}</td><td>{{.Text}}</td><td>{{.Place}}</td><td>{{.Carrier}}{{if .Number}}<br><span class="meta">{{.Number}}</span>{{end}}</td><td>{{.Meaning}}</td></tr>
{{end}}</table>{{else}}<p>{{$.Labels.none}}</p>{{end}}
{{end}}
</section>

{{if .Advice}}<section id="advice">
<h2>{{.Labels.advice}}</h2>
{{range .Advice}}<article data-advice="{{.Situation}}">
<h3>{{.Title}}</h3>
<p><strong>{{$.Labels.deadline}}:</strong> {{.DeadlineText}}</p>
{{if .Steps}}<p><strong>{{$.Labels.steps}}</strong></p><ol>{{range .Steps}}<li>{{.}}</li>{{end}}</ol>{{end}}
{{if .SellerMessage}}<p><strong>{{$.Labels.seller_message}}</strong></p><div class="text">{{.SellerMessage}}</div>
{{if .SellerMessageEn}}<p class="meta">{{call $.L "english"}}</p><div class="text" lang="en" dir="ltr">{{.SellerMessageEn}}</div>{{end}}{{end}}
{{if .DisputeText}}<p><strong>{{$.Labels.dispute_text}}</strong></p><div class="text" data-dispute-text>{{.DisputeText}}</div>
{{if .DisputeTextEn}}<p class="meta">{{call $.L "english"}}</p><div class="text" lang="en" dir="ltr">{{.DisputeTextEn}}</div>{{end}}{{end}}
</article>
{{end}}</section>{{end}}

{{if .Checklist}}<section id="checklist">
<h2>{{.Labels.evidence}}</h2>
<ul class="check">{{range .Checklist}}<li>{{.}}</li>{{end}}</ul>
</section>{{end}}

<section id="screenshots">
<h2>{{call .L "screenshots"}}</h2>
{{range .Shots}}<figure class="shot" data-screenshot><img src="{{.Src}}" alt="{{.Title}}"><figcaption class="meta">{{.Title}}{{if .URL}} · {{.URL}}{{end}}{{if .At}} · {{call $.L "taken"}} {{.At}}{{end}}</figcaption></figure>
{{else}}<p class="meta">{{call .L "shots_none"}}</p>{{end}}
</section>
</body>
</html>
`))
