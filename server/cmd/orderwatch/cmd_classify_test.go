package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// classifyOut is one output line: a result or a per-line error.
type classifyOut struct {
	Status         string  `json:"status"`
	Reason         string  `json:"reason"`
	Confidence     float64 `json:"confidence"`
	Rule           string  `json:"rule"`
	SeventeenTrack string  `json:"seventeen_track"`
	AfterShip      string  `json:"aftership"`
	Line           int     `json:"line"`
	Error          string  `json:"error"`
}

func runClassifyOn(t *testing.T, input string) []classifyOut {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if err := runClassify(context.Background(), nil, func(string) string { return "" }, strings.NewReader(input), &stdout, &stderr); err != nil {
		t.Fatalf("runClassify: %v (stderr %q)", err, stderr.String())
	}
	var out []classifyOut
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var o classifyOut
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("output line %q is not JSON: %v", sc.Text(), err)
		}
		out = append(out, o)
	}
	return out
}

func TestRunClassify(t *testing.T) {
	tests := []struct {
		name  string
		input string
		// want is per output line: "status" for a result, "error:<substring>" for an error line.
		want []string
	}{
		{
			name: "events in several languages and codes",
			input: `{"text": "Out for delivery"}
{"text": "Votre colis est livré au voisin", "lang": "fr"}
{"text": "Выпущено таможней", "carrier": "Russian Post"}
{"text": "Import customs clearance started", "carrier": "Cainiao", "code": "AE_CC_IM_START"}
{"text": "包裹已签收"}
`,
			want: []string{"out_for_delivery", "delivered", "customs", "customs", "delivered"},
		},
		{
			name:  "bad lines get an error and reading goes on",
			input: "\n{\"text\": \n[\"Delivered\"]\n{\"carrier\": \"dhl\"}\n{\"text\": \"  \"}\n{\"text\": 42}\n\x00\x01\x02\x1bgarbage\n{\"text\": \"\xff\xfe\"}\n{\"text\": \"Delivered\"} {\"text\": \"again\"}\n{\"text\": \"Delivered\"}\r\n",
			want: []string{"error:empty line", "error:invalid JSON", "error:not a JSON object", `error:missing "text"`,
				`error:empty "text"`, `error:"text" must be a string`, "error:binary data", "error:not valid UTF-8",
				"error:more than one value", "delivered"},
		},
		{
			name:  "a 10 MB line is refused without stopping",
			input: `{"text": "` + strings.Repeat("a", 10<<20) + "\"}\n" + `{"text": "Delivered"}` + "\n",
			want:  []string{"error:line too long", "delivered"},
		},
		{
			name:  "last line without newline",
			input: `{"text": "Returned to sender"}`,
			want:  []string{"returned"},
		},
		{
			name:  "unknown text is unknown, not an error",
			input: `{"text": "JESSICA"}` + "\n",
			want:  []string{"unknown"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runClassifyOn(t, tt.input)
			var got []string
			for i, o := range out {
				if o.Error != "" {
					if o.Line != i+1 {
						t.Errorf("output %d: error line number %d, want %d", i+1, o.Line, i+1)
					}
					got = append(got, "error:"+o.Error)
					continue
				}
				if o.Confidence < 0 || o.Confidence > 1 || o.Rule == "" || o.SeventeenTrack == "" || o.AfterShip == "" {
					t.Errorf("output %d: incomplete result %+v", i+1, o)
				}
				got = append(got, o.Status)
			}
			// Error texts are compared by their start/substring, statuses exactly.
			if len(got) == len(tt.want) {
				for i := range got {
					if strings.HasPrefix(tt.want[i], "error:") && strings.Contains(got[i], strings.TrimPrefix(tt.want[i], "error:")) {
						got[i] = tt.want[i]
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("runClassify mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRunClassifyHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := runClassify(context.Background(), []string{"--help"}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("--help: %v", err)
	}
	for _, want := range []string{`"text"`, `"carrier"`, `"code"`, `"lang"`, "seventeen_track", "aftership", `{"line": N, "error": "..."}`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("--help does not document %s:\n%s", want, stdout.String())
		}
	}
	if err := runClassify(context.Background(), []string{"events.jsonl"}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != errUsage {
		t.Errorf("a file argument: got %v, want errUsage", err)
	}
}
