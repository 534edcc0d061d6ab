package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/number"
)

// maxNumberLine is how much of one input line is kept: far more than any number with its
// label, far less than a runaway line.
const maxNumberLine = 4096

const numberHelp = `usage: orderwatch number [--expect order|tracking] < inputs

Reads one raw input per line (a tracking number or an AliExpress order number, as pasted:
labels, spaces, dashes, full-width and zero-width characters are fine) and writes one JSON
line per input line, in order:

  {"input": "...", "normalized": "LP00123456789012", "kind": "tracking_number",
   "valid": true, "message": "...",
   "candidates": [{"kind": "tracking_number", "format": "cainiao_lp", "evidence": "FOLK",
     "valid": true, "carrier": "Cainiao", "carrier_id": "cainiao", "service": "...",
     "country": "CN", "check_digit": "valid|invalid|none", "score": 0.42,
     "why": ["..."], "urls": [{"name": "17TRACK", "url": "https://..."}]}]}

kind is order_number, tracking_number or invalid; candidates are best first (every format
that fits, since formats overlap), each with where to check it. A line that cannot be read
as an input gives {"line": N, "error": "..."} instead, and reading goes on: empty lines,
binary data, invalid UTF-8, lines over %d bytes.

Formats: AliExpress order numbers (16 digits; 14 on older orders; 14-19 accepted); UPU S10
(2 letters, 8 digits, check digit, issuing country: RI002972278CN); every courier of
jkeen/tracking_number_data (UPS, FedEx, USPS, DHL, DPD, Amazon, Canada Post, YunExpress, ...);
Cainiao LP..., AliExpress AE..., Israel-bound ...Y, YunExpress/YTO YT..., Yanwen ...YP, 4PX,
SF Express, J&T/Anjun/Shopee Brazil, PostNL 3S..., Russian Post 14-digit domestic.

flags:
`

// numberError is the line written for an input that could not be read.
type numberError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// runNumber is `orderwatch number`.
func runNumber(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("number", flag.ContinueOnError)
	fs.SetOutput(stderr)
	expect := fs.String("expect", "", "say so when an input is not of this kind: order or tracking")
	help := func(w io.Writer) {
		fmt.Fprintf(w, numberHelp, maxNumberLine)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	if done, err := parseFlags(fs, args, stdout, stderr, help); done {
		return err
	}
	var want number.Kind
	switch *expect {
	case "":
	case "order":
		want = number.OrderNumber
	case "tracking":
		want = number.TrackingNumber
	default:
		fmt.Fprintf(stderr, "orderwatch number: --expect must be order or tracking, not %q\n", *expect)
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "orderwatch number: inputs are read from stdin, one per line (got argument %q)\n", fs.Arg(0))
		return errUsage
	}

	// Lines are read on their own goroutine so that a cancelled context (Ctrl-C) ends the
	// command even while it waits for input on a terminal.
	lines := make(chan inputLine, 64)
	go readLines(stdin, lines)
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false) // URLs keep their & and #
	for lineNo := 1; ; lineNo++ {
		var l inputLine
		select {
		case <-ctx.Done():
			out.Flush()
			return fmt.Errorf("number: stopped at line %d: %w", lineNo, ctx.Err())
		case l = <-lines:
		}
		if l.err == io.EOF && l.size == 0 {
			break
		}
		if l.err != nil && l.err != io.EOF {
			out.Flush()
			return fmt.Errorf("number: unable to read line %d: %w", lineNo, l.err)
		}
		var v any
		if problem := lineProblem(l.text, l.size); problem != "" {
			v = numberError{Line: lineNo, Error: problem}
		} else if want != "" {
			v = number.ParseAs(string(l.text), want)
		} else {
			v = number.Parse(string(l.text))
		}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("number: unable to write line %d: %w", lineNo, err)
		}
		// Answer at once when the input is interactive (nothing more is waiting).
		if len(lines) == 0 {
			if err := out.Flush(); err != nil {
				return fmt.Errorf("number: unable to write: %w", err)
			}
		}
		if l.err == io.EOF {
			break
		}
	}
	return out.Flush()
}

// inputLine is one line as read: at most maxNumberLine+2 bytes of it, and its full size.
type inputLine struct {
	text []byte
	size int
	err  error // io.EOF on the last line
}

// readLines sends every line of r, then stops after the one carrying an error (io.EOF included).
func readLines(r io.Reader, lines chan<- inputLine) {
	in := bufio.NewReaderSize(r, 64<<10)
	for {
		text, size, err := readLine(in, maxNumberLine)
		lines <- inputLine{text, size, err}
		if err != nil {
			return
		}
	}
}

// readLine reads up to the next newline, keeping at most max bytes of it (without the line
// ending); size is the full length of the line however long it was.
func readLine(r *bufio.Reader, max int) (line []byte, size int, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		size += len(chunk)
		if room := max + 2 - len(line); room > 0 { // +2 so the line ending can be cut off below
			if len(chunk) < room {
				room = len(chunk)
			}
			line = append(line, chunk[:room]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if bytes.HasSuffix(chunk, []byte("\n")) {
			size--
			line = bytes.TrimSuffix(line, []byte("\n"))
			if bytes.HasSuffix(chunk, []byte("\r\n")) {
				size--
				line = bytes.TrimSuffix(line, []byte("\r"))
			}
		}
		return line, size, err
	}
}

// lineProblem says why a line cannot be an input, or "".
func lineProblem(line []byte, size int) string {
	switch {
	case size > maxNumberLine:
		return fmt.Sprintf("line too long: %d bytes, at most %d", size, maxNumberLine)
	case len(bytes.TrimSpace(line)) == 0:
		return "empty line"
	case !utf8.Valid(line):
		return "not valid UTF-8 text"
	}
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return "binary data, not text"
		}
	}
	return ""
}
