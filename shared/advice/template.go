package advice

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// The texts use a small subset of text/template, rendered here without text/template's
// per-call reflection (an account of 100 orders renders thousands of texts):
//
//	{{.Field}}                      a fact
//	{{date .Field}} {{days .Field}} {{status .Field}}
//	{{if .Field}}…{{else}}…{{end}}  a fact that is set (non-empty, non-zero, non-nil)
//	{{if eq .Field "text"}}…{{end}} {{if gt .A .B}}…{{end}}
//
// Every text is also valid text/template; the tests render both ways and compare.

type nodeKind int

const (
	nodeText nodeKind = iota
	nodeField
	nodeCall
	nodeIf
)

type node struct {
	kind  nodeKind
	text  string
	field []int  // index path into Facts
	fn    string // date, days, status
	cond  cond
	then  []node
	els   []node
}

type cond struct {
	op    string // "", "eq", "gt"
	a, b  []int
	value string // eq's literal
}

var factsType = reflect.TypeFor[Facts]()

// compile parses one text into nodes.
func compile(s string) ([]node, error) {
	p := &parser{src: s}
	nodes, end, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	if end != "" {
		return nil, fmt.Errorf("unexpected {{%s}}", end)
	}
	return nodes, nil
}

type parser struct {
	src string
	pos int
}

// parse reads nodes until {{else}} or {{end}} (returned as end) or the end of the text.
func (p *parser) parse(depth int) ([]node, string, error) {
	var out []node
	for p.pos < len(p.src) {
		i := strings.Index(p.src[p.pos:], "{{")
		if i < 0 {
			out = append(out, node{kind: nodeText, text: p.src[p.pos:]})
			p.pos = len(p.src)
			break
		}
		if i > 0 {
			out = append(out, node{kind: nodeText, text: p.src[p.pos : p.pos+i]})
		}
		p.pos += i + 2
		j := strings.Index(p.src[p.pos:], "}}")
		if j < 0 {
			return nil, "", fmt.Errorf("unclosed action at byte %d", p.pos-2)
		}
		action := strings.TrimSpace(p.src[p.pos : p.pos+j])
		p.pos += j + 2
		words, err := splitAction(action)
		if err != nil {
			return nil, "", err
		}
		switch {
		case len(words) == 0:
			return nil, "", fmt.Errorf("empty action")
		case words[0] == "end" || words[0] == "else":
			if depth == 0 {
				return nil, "", fmt.Errorf("{{%s}} without {{if}}", words[0])
			}
			return out, words[0], nil
		case words[0] == "if":
			c, err := parseCond(words[1:])
			if err != nil {
				return nil, "", fmt.Errorf("{{%s}}: %w", action, err)
			}
			n := node{kind: nodeIf, cond: c}
			var end string
			n.then, end, err = p.parse(depth + 1)
			if err != nil {
				return nil, "", err
			}
			if end == "else" {
				n.els, end, err = p.parse(depth + 1)
				if err != nil {
					return nil, "", err
				}
			}
			if end != "end" {
				return nil, "", fmt.Errorf("{{%s}} without {{end}}", action)
			}
			out = append(out, n)
		case len(words) == 1:
			f, err := fieldPath(words[0])
			if err != nil {
				return nil, "", err
			}
			out = append(out, node{kind: nodeField, field: f})
		case len(words) == 2 && (words[0] == "date" || words[0] == "days" || words[0] == "status"):
			f, err := fieldPath(words[1])
			if err != nil {
				return nil, "", err
			}
			out = append(out, node{kind: nodeCall, fn: words[0], field: f})
		default:
			return nil, "", fmt.Errorf("unsupported action {{%s}}", action)
		}
	}
	if depth > 0 {
		return nil, "", fmt.Errorf("missing {{end}}")
	}
	return out, "", nil
}

// splitAction splits an action into words, keeping a quoted literal as one word.
func splitAction(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated string in %q", s)
			}
			out = append(out, s[:end+2])
			s = s[end+2:]
			continue
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out, nil
}

func parseCond(w []string) (cond, error) {
	switch {
	case len(w) == 1:
		f, err := fieldPath(w[0])
		return cond{a: f}, err
	case len(w) == 3 && w[0] == "eq" && strings.HasPrefix(w[2], `"`):
		f, err := fieldPath(w[1])
		if err != nil {
			return cond{}, err
		}
		v, err := strconv.Unquote(w[2])
		return cond{op: "eq", a: f, value: v}, err
	case len(w) == 3 && w[0] == "gt":
		a, err := fieldPath(w[1])
		if err != nil {
			return cond{}, err
		}
		b, err := fieldPath(w[2])
		if err != nil {
			return cond{}, err
		}
		if factsType.FieldByIndex(a).Type.Kind() != reflect.Int || factsType.FieldByIndex(b).Type.Kind() != reflect.Int {
			return cond{}, fmt.Errorf("gt compares whole numbers")
		}
		return cond{op: "gt", a: a, b: b}, nil
	}
	return cond{}, fmt.Errorf("unsupported condition")
}

func fieldPath(w string) ([]int, error) {
	name, ok := strings.CutPrefix(w, ".")
	if !ok || name == "" {
		return nil, fmt.Errorf("%q is not a fact (want .Name)", w)
	}
	f, ok := factsType.FieldByName(name)
	if !ok {
		return nil, fmt.Errorf("no fact named %q", name)
	}
	return f.Index, nil
}

// render writes nodes with the facts.
func (c *Catalog) render(b *strings.Builder, nodes []node, f reflect.Value) {
	for i := range nodes {
		n := &nodes[i]
		switch n.kind {
		case nodeText:
			b.WriteString(n.text)
		case nodeField:
			writeValue(b, f.FieldByIndex(n.field))
		case nodeCall:
			v := f.FieldByIndex(n.field)
			switch n.fn {
			case "date":
				b.WriteString(c.dateOf(v.Interface()))
			case "days":
				b.WriteString(c.Days(int(v.Int())))
			case "status":
				b.WriteString(c.Status(taxonomy.ParcelStatus(v.String())))
			}
		case nodeIf:
			if holds(n.cond, f) {
				c.render(b, n.then, f)
			} else {
				c.render(b, n.els, f)
			}
		}
	}
}

func holds(c cond, f reflect.Value) bool {
	a := f.FieldByIndex(c.a)
	switch c.op {
	case "eq":
		return a.Kind() == reflect.String && a.String() == c.value
	case "gt":
		return a.Int() > f.FieldByIndex(c.b).Int()
	}
	return !a.IsZero()
}

func writeValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		b.WriteString(v.String())
	case reflect.Int:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("<nil>")
			return
		}
		if t, ok := v.Interface().(*time.Time); ok {
			b.WriteString(t.String())
		}
	}
}
