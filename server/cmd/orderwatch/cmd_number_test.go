package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// numberLine is what the test reads back from one output line: a Result or an error object.
type numberLine struct {
	Line       int    `json:"line"`
	Error      string `json:"error"`
	Normalized string `json:"normalized"`
	Kind       string `json:"kind"`
	Valid      bool   `json:"valid"`
	Message    string `json:"message"`
	Candidates []struct {
		Carrier string `json:"carrier"`
		Format  string `json:"format"`
		URLs    []struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"urls"`
	} `json:"candidates"`
}

// summary is the part of a line the table checks: "error: …" or "kind normalized first-format".
func (l numberLine) summary() string {
	if l.Error != "" {
		return "error " + l.Error
	}
	first := "-"
	if len(l.Candidates) > 0 {
		first = l.Candidates[0].Format
	}
	return l.Kind + " " + l.Normalized + " " + first
}

func runNumberCmd(t *testing.T, args []string, stdin io.Reader) (code int, out, errOut string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code = run(context.Background(), append([]string{"number"}, args...), func(string) string { return "" }, stdin, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func decodeLines(t *testing.T, out string) []numberLine {
	t.Helper()
	var lines []numberLine
	for i, raw := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if raw == "" {
			continue
		}
		if !utf8.ValidString(raw) {
			t.Errorf("output line %d is not valid UTF-8", i+1)
		}
		var l numberLine
		if err := json.Unmarshal([]byte(raw), &l); err != nil {
			t.Fatalf("output line %d is not JSON: %v\n%s", i+1, err, raw)
		}
		lines = append(lines, l)
	}
	return lines
}

func TestNumberCommand(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		input string
		want  []string // summary of each output line
	}{
		{
			name:  "tracking and order numbers, one per line",
			input: "RI002972278CN\nYT2229521272164446\n8214937669763641\n",
			want: []string{
				"tracking_number RI002972278CN s10",
				"tracking_number YT2229521272164446 yunexpress",
				"order_number 8214937669763641 aliexpress_order",
			},
		},
		{
			name:  "pasted with labels, CRLF line endings, no final newline",
			input: "Order ID: 8214937669763641 Copy\r\nTracking number: ＬＰ 0012-3456 7890 12\r\nRI 002 972 278 CN",
			want: []string{
				"order_number 8214937669763641 aliexpress_order",
				"tracking_number LP00123456789012 cainiao_lp",
				"tracking_number RI002972278CN s10",
			},
		},
		{
			name:  "bad lines get an error object and reading goes on",
			input: "\n   \nRB123456785GB\n\xff\xfe\xfd\nAB\x00\x01CD\n62009147017544\n",
			want: []string{
				"error empty line",
				"error empty line",
				"tracking_number RB123456785GB s10",
				"error not valid UTF-8 text",
				"error binary data, not text",
				"tracking_number 62009147017544 russian_post_domestic",
			},
		},
		{
			name:  "a wrong check digit is invalid but keeps the hint",
			input: "RB123456786US\n",
			want:  []string{"invalid RB123456786US s10"},
		},
		{
			name:  "a 10 MB line is refused, the next line still answered",
			input: strings.Repeat("7", 10<<20) + "\nSF1023574626292\n",
			want: []string{
				"error line too long: 10485760 bytes, at most 4096",
				"tracking_number SF1023574626292 sf_express",
			},
		},
		{
			name:  "text with no number",
			input: "hello world\n",
			want:  []string{"invalid HELLOWORLD -"},
		},
		{
			name:  "empty input gives no output",
			input: "",
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runNumberCmd(t, tt.args, strings.NewReader(tt.input))
			if code != 0 {
				t.Fatalf("exit code %d, stderr %q", code, errOut)
			}
			var got []string
			for _, l := range decodeLines(t, out) {
				got = append(got, l.summary())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNumberCommandErrorLineNumbers(t *testing.T) {
	_, out, _ := runNumberCmd(t, nil, strings.NewReader("RB123456785GB\n\nLP00123456789012\n\x00\n"))
	var got []int
	for _, l := range decodeLines(t, out) {
		if l.Error != "" {
			got = append(got, l.Line)
		}
	}
	if diff := cmp.Diff([]int{2, 4}, got); diff != "" {
		t.Errorf("error line numbers mismatch (-want +got):\n%s", diff)
	}
}

func TestNumberCommandExpect(t *testing.T) {
	tests := []struct {
		name, expect, input, wantMessage string
	}{
		{"order number where a tracking number belongs", "tracking", "8214937669763641",
			"this is an AliExpress order number, not a tracking number: open the order on AliExpress to find its tracking number"},
		{"tracking number where an order number belongs", "order", "RI002972278CN",
			"this is a tracking number (China Post), not an AliExpress order number"},
		{"the expected kind needs no message", "tracking", "RI002972278CN", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runNumberCmd(t, []string{"--expect", tt.expect}, strings.NewReader(tt.input+"\n"))
			if code != 0 {
				t.Fatalf("exit code %d, stderr %q", code, errOut)
			}
			lines := decodeLines(t, out)
			if len(lines) != 1 {
				t.Fatalf("got %d lines, want 1:\n%s", len(lines), out)
			}
			if diff := cmp.Diff(tt.wantMessage, lines[0].Message); diff != "" {
				t.Errorf("message mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNumberCommandURLs(t *testing.T) {
	_, out, _ := runNumberCmd(t, nil, strings.NewReader("YT2229521272164446\n"))
	lines := decodeLines(t, out)
	if len(lines) != 1 || len(lines[0].Candidates) == 0 {
		t.Fatalf("no candidates:\n%s", out)
	}
	var got []string
	for _, u := range lines[0].Candidates[0].URLs {
		got = append(got, u.Name+" "+u.URL)
	}
	want := []string{
		"YunExpress https://www.yuntrack.com/parcelTracking?id=YT2229521272164446",
		"Cainiao https://global.cainiao.com/detail.htm?mailNoList=YT2229521272164446",
		"17TRACK https://t.17track.net/en#nums=YT2229521272164446",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("URLs mismatch (-want +got):\n%s", diff)
	}
}

func TestNumberCommandUsage(t *testing.T) {
	code, out, _ := runNumberCmd(t, []string{"--help"}, strings.NewReader(""))
	if code != 0 {
		t.Errorf("--help exit code %d, want 0", code)
	}
	for _, want := range []string{"one raw input per line", `{"line": N, "error": "..."}`, "order_number", "S10", "jkeen/tracking_number_data", "--expect"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help does not mention %q:\n%s", want, out)
		}
	}
	for _, args := range [][]string{{"--expect", "parcel"}, {"RI002972278CN"}, {"--nope"}} {
		if code, _, errOut := runNumberCmd(t, args, strings.NewReader("")); code != 2 || errOut == "" {
			t.Errorf("args %q: exit code %d with stderr %q, want 2 and a message", args, code, errOut)
		}
	}
}

// TestNumberCommandStopsOnCancel: Ctrl-C (a cancelled context) ends the command even while it
// waits for a line that never comes, after answering the lines it had.
func TestNumberCommandStopsOnCancel(t *testing.T) {
	stdin, feed := io.Pipe()
	defer feed.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"number"}, func(string) string { return "" }, stdin, &stdout, &stderr)
	}()
	if _, err := io.WriteString(feed, "RI002972278CN\n"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if code := <-done; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("stderr %q does not say why it stopped", stderr.String())
	}
}

// FuzzNumberCommand: whatever arrives on stdin, the command exits 0 and writes exactly one
// valid JSON line per input line.
func FuzzNumberCommand(f *testing.F) {
	for _, seed := range []string{
		"RI002972278CN\n8214937669763641\n",
		"\n\n\r\n",
		"Order ID: 8214937669763641 Copy\r\nLP 0012-3456 7890 12",
		"\xff\xfe\x00\x01garbage\nYT2229521272164446\n",
		strings.Repeat("9", 5000) + "\nSF1023574626292",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		code, out, errOut := runNumberCmd(t, nil, strings.NewReader(input))
		if code != 0 {
			t.Fatalf("exit code %d, stderr %q", code, errOut)
		}
		want := strings.Count(input, "\n")
		if input != "" && !strings.HasSuffix(input, "\n") {
			want++
		}
		if got := strings.Count(out, "\n"); got != want {
			t.Fatalf("%d output lines for %d input lines", got, want)
		}
		for _, raw := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if raw == "" {
				continue
			}
			if !utf8.ValidString(raw) || !json.Valid([]byte(raw)) {
				t.Fatalf("output line is not valid UTF-8 JSON: %q", raw)
			}
		}
	})
}
