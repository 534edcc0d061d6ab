package taxonomy

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The repository's comments and docs point only at things a person who clones it has: the design
// note shared/DESIGN.md (by section), files in the tree, and public sources. These are the shapes
// of pointers at documents that lived outside the repository, or at issue numbers of a tracker
// the reader cannot see.
var outsidePointers = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`(^|[^/A-Za-z_.-])DESIGN\.md`), "a DESIGN.md other than shared/DESIGN.md"},
	{regexp.MustCompile(`\b(LABELS|STYLE|toolchain|firefox|aliexpress|carrier-patterns)\.md\b`), "a document outside the repository"},
	{regexp.MustCompile(`(?i)security checklist|checklist (item )?E[0-9]`), "the security checklist (now shared/DESIGN.md §6)"},
	{regexp.MustCompile(`/work/|\.\./shared/(data|docs)/|(^|[^a-z])shared/docs/|data/checkpoints/`), "a path outside the repository"},
	{regexp.MustCompile(`(^|[^A-Za-z_])[Ii]ssues? [0-9]`), "an issue number (say what the thing is)"},
	{regexp.MustCompile(`\bdocs §`), "a section of an outside document"},
}

// designSection finds "shared/DESIGN.md §n" (also "[shared/DESIGN.md](…) §n") and the "§m" that
// follow it in a list.
var designSection = regexp.MustCompile(`DESIGN\.md(\]\([^)]*\))?\)?,? ?§ ?([0-9]+)((, ?§ ?[0-9]+)*)`)

// outsidePointer reports what the line points at outside the repository, or "".
func outsidePointer(dir, line string) string {
	for _, p := range outsidePointers {
		loc := p.re.FindStringIndex(line)
		if loc == nil {
			continue
		}
		// A document of that name beside the citing file is in the repository.
		if m := regexp.MustCompile(`[A-Za-z-]+\.md`).FindString(line[loc[0]:]); m != "" && p.what == "a document outside the repository" {
			if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
				continue
			}
		}
		return p.what
	}
	return ""
}

func TestOutsidePointerPatterns(t *testing.T) {
	bad := []string{
		"// the silence rules of DESIGN.md §4",
		"labelled by hand per LABELS.md.",
		"# Cainiao codes (docs/aliexpress.md §3c)",
		"// Manifest assertions (security checklist E1, E2)",
		"(ORDERWATCH_FIXTURES=/work/shared/data/fixtures)",
		"see ../shared/data/checkpoints/LABELS.md",
		"// ---- Firefox (issue 7) ----",
		"// End-to-end test (issues 6 and 7)",
		"// Issue 14 in the real browsers",
		"SESSION_EXPIRED also docs §3",
		"wasm-opt gains under 1% (toolchain.md)",
	}
	for _, l := range bad {
		if outsidePointer(t.TempDir(), l) == "" {
			t.Errorf("not caught: %q", l)
		}
	}
	good := []string{
		"// the silence rules of shared/DESIGN.md §3",
		"design: [shared/DESIGN.md](../shared/DESIGN.md) §1, §5",
		"exception/address_issue 86 : adresse incomplete",
		"the evidence checklist, and the screenshots",
		"// ValidatePassword applies the password policy of ASVS 5.0 §6.2",
		"# source: owner/repo@1c23cfbe path.kt and issues #167, #170",
		`import { clip } from "../shared/text.js";`,
		"see extension/docs/aliexpress-facts.md",
	}
	for _, l := range good {
		if w := outsidePointer(t.TempDir(), l); w != "" {
			t.Errorf("%q flagged as %s", l, w)
		}
	}
}

// TestNoPointersOutsideTheRepository walks the repository and lists every comment or doc line
// that points at a document outside it, or at a section shared/DESIGN.md does not have.
func TestNoPointersOutsideTheRepository(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	design, err := os.ReadFile(filepath.Join(root, "shared", "DESIGN.md"))
	if err != nil {
		t.Fatal(err)
	}
	sections := map[int]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## ([0-9]+)\. `).FindAllSubmatch(design, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		sections[n] = true
	}
	if len(sections) < 8 {
		t.Fatalf("shared/DESIGN.md has %d numbered sections, want at least 8", len(sections))
	}
	text := map[string]bool{".go": true, ".ts": true, ".mjs": true, ".js": true, ".md": true, ".json": true,
		".txt": true, ".csv": true, ".html": true, ".css": true, ".yml": true, ".yaml": true, ".sh": true, ".mod": true}
	var problems []string
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if d.IsDir() {
			// Not source: VCS data, installed packages, build output, local data.
			if name == ".git" || name == "node_modules" || strings.HasPrefix(name, "dist") ||
				name == "test-results" || rel == "data" {
				return filepath.SkipDir
			}
			return nil
		}
		if rel == "shared/taxonomy/docpointers_test.go" { // its own examples
			return nil
		}
		ext := filepath.Ext(name)
		if !text[ext] && name != "Makefile" {
			return nil
		}
		// Test data is data (carrier texts, goldens); only its READMEs are docs.
		if strings.Contains("/"+rel, "/testdata/") && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.IndexByte(b, 0) >= 0 {
			return nil
		}
		files++
		// Vocabulary and rule files: only their "#" comment lines are prose; the rest is
		// carriers' own texts.
		commentsOnly := ext == ".csv" || ext == ".txt"
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if commentsOnly && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			if w := outsidePointer(filepath.Dir(path), line); w != "" {
				problems = append(problems, fmt.Sprintf("%s:%d: %s: %s", rel, n, w, clipLine(line)))
			}
			if rel == "shared/DESIGN.md" {
				continue
			}
			for _, m := range designSection.FindAllStringSubmatch(line, -1) {
				nums := []string{m[2]}
				for _, s := range regexp.MustCompile(`[0-9]+`).FindAllString(m[3], -1) {
					nums = append(nums, s)
				}
				for _, s := range nums {
					k, _ := strconv.Atoi(s)
					if !sections[k] {
						problems = append(problems, fmt.Sprintf("%s:%d: shared/DESIGN.md has no §%d: %s", rel, n, k, clipLine(line)))
					}
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("walked only %d text files under %s: wrong root?", files, root)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

func clipLine(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
