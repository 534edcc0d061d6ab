package evidence

import "strings"

// The document is written by hand rather than with html/template: a template package in the
// WebAssembly core made core.wasm 3.2 MB larger (text/template's reflective method calls keep
// every exported method of every type alive). Every string from the order, the page or a
// carrier goes through esc (< > & ' " escaped, as html.EscapeString does), in text and in quoted
// attribute values alike; the only unescaped values are the data URIs and links built in
// build from checked input (base64 characters; a number of letters, digits and dashes).
// (Not html.EscapeString: package html's entity table alone adds 100 KB to core.wasm.)

const style = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#111;background:#fff;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:2px solid #222;padding-bottom:2px}h3{font-size:15px;margin:14px 0 6px}
.meta{color:#444;font-size:12px}table{border-collapse:collapse;width:100%;margin:4px 0 8px}th,td{border:1px solid #999;padding:4px 6px;text-align:start;vertical-align:top}
th{background:#eee}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{font-weight:600}dd{margin:0}
.verdict{display:inline-block;padding:1px 8px;border:2px solid #222;border-radius:4px;font-weight:700}.act{background:#fdd}.watch{background:#ffd}.normal{background:#dfd}
.passed{font-weight:700;color:#900}.noise{color:#777}.text{white-space:pre-wrap;border:1px solid #999;padding:8px;background:#fafafa}
.shot{page-break-inside:avoid;break-inside:avoid;margin:10px 0}.shot img{max-width:100%;border:1px solid #999}
ul.check{list-style:none;padding-inline-start:0}ul.check li::before{content:"\2610  "}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid;break-after:avoid}tr{page-break-inside:avoid;break-inside:avoid}a{color:#111}}`

var escaper = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;")

// esc escapes text for HTML text and quoted attribute values, as html.EscapeString does.
func esc(s string) string { return escaper.Replace(s) }

// doc's writers are kept out of line: write calls them a few hundred times, and inlined into
// each call they made it an 80 KB function, 15 KB of gzipped core.wasm; the pack is written once
// per click.
type doc struct{ strings.Builder }

// raw writes markup written here.
//
//go:noinline
func (d *doc) raw(ss ...string) {
	for _, s := range ss {
		d.WriteString(s)
	}
}

// text writes page-derived text, escaped.
//
//go:noinline
func (d *doc) text(ss ...string) {
	for _, s := range ss {
		d.WriteString(esc(s))
	}
}

// el writes <tag attrs>escaped text</tag>.
//
//go:noinline
func (d *doc) el(tag, attrs, text string) {
	d.raw("<", tag, attrs, ">")
	d.text(text)
	d.raw("</", tag, ">")
}

//go:noinline
func (d *doc) list(tag, attrs string, items []string) {
	d.raw("<", tag, attrs, ">")
	for _, s := range items {
		d.el("li", "", s)
	}
	d.raw("</", tag, ">\n")
}

func (v *view) write() []byte {
	d := &doc{}
	L := v.L
	d.raw(`<!DOCTYPE html>`, "\n", `<html lang="`, esc(v.Lang), `" dir="`, v.Dir, `">`, "\n<head>\n", `<meta charset="utf-8">`, "\n",
		`<meta name="viewport" content="width=device-width, initial-scale=1">`, "\n",
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`, "\n")
	d.el("title", "", v.Title+" — "+v.Labels["order"]+" "+v.OrderID)
	d.raw("\n<style>\n", style, "\n</style>\n</head>\n<body>\n<header>\n")
	d.el("h1", "", v.Title+" — "+v.Labels["order"]+" "+v.OrderID)
	d.raw("\n")
	d.el("p", ` class="meta"`, v.Made)
	d.raw("\n</header>\n\n")

	// The order.
	d.raw(`<section id="order">`, "\n")
	d.el("h2", "", v.Labels["order"])
	d.raw("\n<dl>\n")
	dd := func(label, attrs, value string) {
		if value == "" {
			return
		}
		d.el("dt", "", label)
		d.el("dd", attrs, value)
		d.raw("\n")
	}
	dd(v.Labels["order"], " data-order-id", v.OrderID)
	dd(L("order_date"), "", v.OrderDate)
	dd(L("store"), "", v.Store)
	dd(L("total"), "", v.Total)
	dd(v.Labels["method"], "", v.Method+" ("+v.Typical+")")
	d.raw("</dl>\n")
	if len(v.Items) > 0 {
		d.el("h3", "", L("items"))
		d.raw("\n<ul>")
		for _, it := range v.Items {
			s := it.Title
			if it.SKU != "" {
				s += " — " + it.SKU
			}
			if it.Quantity != 0 {
				s += " × " + itoa(it.Quantity)
			}
			if it.Price != "" {
				s += " · " + it.Price
			}
			d.el("li", "", s)
		}
		d.raw("</ul>\n")
	}
	d.raw("</section>\n\n")

	// The verdict and why.
	d.raw(`<section id="verdict">`, "\n")
	d.el("h2", "", L("verdict_why"))
	d.raw("\n<p>")
	d.el("span", ` class="verdict `+esc(v.Verd)+`"`, v.Verdict)
	d.text(" ", v.Summary)
	d.raw("</p>\n<dl>")
	dd(v.Labels["status"], "", v.Status)
	dd(v.Labels["stage"], "", v.Stage)
	d.raw("</dl>\n")
	if len(v.Reasons) > 0 {
		d.el("h3", "", v.Labels["reasons"])
		d.raw("<ul>")
		for _, r := range v.Reasons {
			d.el("li", ` data-reason="`+esc(string(r.Code))+`"`, r.Text)
		}
		d.raw("</ul>\n")
	}
	d.raw("</section>\n\n")

	// Deadlines: Buyer Protection, the arrival window and AliExpress's own word.
	d.raw(`<section id="deadlines">`, "\n")
	d.el("h2", "", v.Labels["protection"])
	d.raw("\n")
	d.el("p", " data-protection", v.Protection)
	d.raw("\n")
	d.el("p", ` class="meta"`, v.ProtectionSource)
	d.raw("\n")
	if ar := v.Arrival; ar != nil {
		d.el("h3", "", L("arrival"))
		d.raw("\n<table data-arrival><tr>")
		d.el("th", "", L("ours"))
		d.raw("<td>")
		d.text(ar.Window)
		if ar.Passed {
			d.raw(" — ")
			d.el("span", ` class="passed"`, L("window_passed"))
		}
		d.raw("<br>")
		d.el("span", ` class="meta"`, ar.Basis)
		d.raw("</td></tr>\n")
		if ar.SiteWindow != "" || ar.SiteText != "" {
			s := ar.SiteWindow
			if ar.SiteText != "" {
				s += " («" + ar.SiteText + "»)"
			}
			d.raw("<tr>")
			d.el("th", "", L("ae_estimate"))
			d.el("td", "", strings.TrimSpace(s))
			d.raw("</tr>\n")
		}
		if ar.RefundBy != "" {
			d.raw("<tr>")
			d.el("th", "", L("refund_by"))
			d.el("td", " data-refund-by", ar.RefundBy)
			d.raw("</tr>\n")
		}
		if len(ar.Promises) > 0 {
			d.raw("<tr>")
			d.el("th", "", L("ae_promise"))
			d.raw("<td>")
			d.list("ul", "", ar.Promises)
			d.raw("</td></tr>\n")
		}
		d.raw("</table>\n")
	}
	d.raw("</section>\n\n")

	// Tracking numbers and where to check them.
	d.raw(`<section id="numbers">`, "\n")
	d.el("h2", "", L("numbers"))
	d.raw("\n")
	if len(v.Numbers) == 0 {
		d.el("p", "", v.Labels["none"])
	} else {
		d.raw("<table><tr>")
		d.el("th", "", v.Labels["parcel"])
		d.raw("<th>#</th>")
		d.el("th", "", L("col_carrier"))
		d.el("th", "", L("check_at"))
		d.raw("</tr>\n")
		for _, n := range v.Numbers {
			d.raw("<tr>")
			d.el("td", "", n.Parcel+" · "+n.Role)
			d.el("td", " data-number", n.Number)
			d.el("td", "", n.Carrier)
			d.raw("<td>")
			for i, l := range n.Links {
				if i > 0 {
					d.raw(" · ")
				}
				d.el("a", ` href="`+esc(l.URL)+`"`, l.Name)
			}
			d.raw("</td></tr>\n")
		}
		d.raw("</table>")
	}
	d.raw("\n</section>\n\n")

	// The full merged timeline.
	d.raw(`<section id="timeline">`, "\n")
	d.el("h2", "", v.Labels["timeline"])
	d.raw("\n")
	for _, p := range v.Parcels {
		d.el("h3", "", p.Name)
		d.raw("\n")
		if len(p.Events) == 0 {
			d.el("p", "", v.Labels["none"])
			d.raw("\n")
			continue
		}
		d.raw("<table data-timeline><tr>")
		for _, k := range []string{"col_time", "col_event", "col_place", "col_carrier", "col_meaning"} {
			d.el("th", "", L(k))
		}
		d.raw("</tr>\n")
		for _, e := range p.Events {
			if e.Noise {
				d.raw(`<tr data-event class="noise">`)
			} else {
				d.raw("<tr data-event>")
			}
			d.raw("<td>")
			d.text(e.Time)
			if e.Zone != "" {
				d.raw("<br>")
				d.el("span", ` class="meta"`, e.Zone)
			}
			d.raw("</td>")
			d.el("td", "", e.Text)
			d.el("td", "", e.Place)
			d.raw("<td>")
			d.text(e.Carrier)
			if e.Number != "" {
				d.raw("<br>")
				d.el("span", ` class="meta"`, e.Number)
			}
			d.raw("</td>")
			d.el("td", "", e.Meaning)
			d.raw("</tr>\n")
		}
		d.raw("</table>\n")
	}
	d.raw("</section>\n\n")

	// What to do: the advice with its messages, and English copies.
	if len(v.Advice) > 0 {
		d.raw(`<section id="advice">`, "\n")
		d.el("h2", "", v.Labels["advice"])
		d.raw("\n")
		for _, ad := range v.Advice {
			d.raw(`<article data-advice="`, esc(string(ad.Situation)), `">`, "\n")
			d.el("h3", "", ad.Title)
			d.raw("\n<p>")
			d.el("strong", "", v.Labels["deadline"]+":")
			d.text(" ", ad.DeadlineText)
			d.raw("</p>\n")
			if len(ad.Steps) > 0 {
				d.raw("<p>")
				d.el("strong", "", v.Labels["steps"])
				d.raw("</p>")
				d.list("ol", "", ad.Steps)
			}
			block := func(label, attrs, text, en string) {
				if text == "" {
					return
				}
				d.raw("<p>")
				d.el("strong", "", label)
				d.raw("</p>")
				d.el("div", ` class="text"`+attrs, text)
				d.raw("\n")
				if en != "" {
					d.el("p", ` class="meta"`, L("english"))
					d.el("div", ` class="text" lang="en" dir="ltr"`, en)
					d.raw("\n")
				}
			}
			block(v.Labels["seller_message"], "", ad.SellerMessage, ad.SellerMessageEn)
			block(v.Labels["dispute_text"], " data-dispute-text", ad.DisputeText, ad.DisputeTextEn)
			d.raw("</article>\n")
		}
		d.raw("</section>\n\n")
	}

	if len(v.Checklist) > 0 {
		d.raw(`<section id="checklist">`, "\n")
		d.el("h2", "", v.Labels["evidence"])
		d.raw("\n")
		d.list("ul", ` class="check"`, v.Checklist)
		d.raw("</section>\n\n")
	}

	d.raw(`<section id="screenshots">`, "\n")
	d.el("h2", "", L("screenshots"))
	d.raw("\n")
	for _, s := range v.Shots {
		d.raw(`<figure class="shot" data-screenshot><img src="`, esc(s.Src), `" alt="`, esc(s.Title), `"><figcaption class="meta">`)
		d.text(s.Title)
		if s.URL != "" {
			d.text(" · ", s.URL)
		}
		if s.At != "" {
			d.text(" · ", L("taken"), " ", s.At)
		}
		d.raw("</figcaption></figure>\n")
	}
	if len(v.Shots) == 0 {
		d.el("p", ` class="meta"`, L("shots_none"))
		d.raw("\n")
	}
	d.raw("</section>\n</body>\n</html>\n")
	return []byte(d.String())
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
