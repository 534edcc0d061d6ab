package assess

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/orderwatch/orderwatch/shared/advice"
)

// Every reason has its own text in every language: a reason without one would fall back to
// English (or to nothing), so this fails instead.
func TestReasonTexts(t *testing.T) {
	seen := map[ReasonCode]bool{}
	for _, c := range ReasonCodes {
		if seen[c] {
			t.Errorf("reason %q is listed twice", c)
		}
		seen[c] = true
		for _, l := range advice.Languages() {
			cat := advice.Lang(l)
			if !cat.HasOwn(c.TextKey()) {
				t.Errorf("%s: no text for reason %q (key %s)", l, c, c.TextKey())
				continue
			}
			if got := c.Text(cat, &advice.Facts{}); strings.Contains(got, string(c)) && strings.Contains(string(c), "_") {
				t.Errorf("%s: reason %q renders its own code: %q", l, c, got)
			}
		}
	}
	// And no language has reason texts that no rule gives (a typo'd or removed code).
	for _, l := range advice.Languages() {
		for _, k := range advice.Lang(l).Keys("reasons.") {
			if !seen[ReasonCode(strings.TrimPrefix(k, "reasons."))] {
				t.Errorf("%s: text %s belongs to no reason code", l, k)
			}
		}
	}
}

// Every ReasonCode constant declared in the package is in ReasonCodes, so the text check
// covers it; the judge uses no reason that is not a constant.
func TestReasonCodesListed(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[ReasonCode]bool{}
	for _, c := range ReasonCodes {
		listed[c] = true
	}
	n := 0
	for _, p := range pkgs {
		for name, f := range p.Files {
			ast.Inspect(f, func(x ast.Node) bool {
				vs, ok := x.(*ast.ValueSpec)
				if !ok {
					return true
				}
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ReasonCode" {
					return true
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					n++
					if !listed[ReasonCode(s)] {
						t.Errorf("%s: reason %q is not in ReasonCodes", name, s)
					}
				}
				return true
			})
		}
	}
	if n != len(ReasonCodes) {
		t.Errorf("%d ReasonCode constants declared, %d listed", n, len(ReasonCodes))
	}
}

// reasonSet: the earlier findings a rule reads.
func TestReasonSet(t *testing.T) {
	var s reasonSet
	if s.hasAny(localSaid) {
		t.Fatal("empty set holds something")
	}
	s = s.with(ReasonOverdue)
	if s.hasAny(localSaid) || !s.hasAny(reasonsOf(ReasonOverdue)) {
		t.Fatalf("set %b", s)
	}
	s = s.with(ReasonWrongCountry)
	if !s.hasAny(localSaid) {
		t.Fatal("wrong_country not found")
	}
	for _, c := range ReasonCodes {
		if got := reasonsOf(c).hasAny(protectionReasons); got != strings.HasPrefix(string(c), "protection_") {
			t.Errorf("%s: about protection = %v", c, got)
		}
	}
}

// Every sub-status classify can attach (the Reason constants of package taxonomy) has its
// words in every language: the texts put it in parentheses ("held by customs (duties due)").
func TestDetailTexts(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, "../taxonomy", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(x ast.Node) bool {
				vs, ok := x.(*ast.ValueSpec)
				if !ok {
					return true
				}
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Reason") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						codes = append(codes, s)
					}
				}
				return true
			})
		}
	}
	if len(codes) < 10 {
		t.Fatalf("found only %d sub-statuses in package taxonomy: %v", len(codes), codes)
	}
	for _, l := range advice.Languages() {
		cat := advice.Lang(l)
		for _, code := range codes {
			if !cat.HasOwn("detail." + code) {
				t.Errorf("%s: no words for sub-status %q (detail.%s)", l, code, code)
			}
		}
	}
}
