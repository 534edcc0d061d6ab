package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
)

// maxClassifyLine bounds one input line: an event is a sentence with a few fields; anything
// far longer is not an event, and is answered with an error rather than read into memory.
const maxClassifyLine = 64 << 10

const classifyHelp = `usage: orderwatch classify < events.jsonl

Reads carrier events, one JSON object per line, and writes one JSON line per input line, in
order. Input fields (only "text" is required):

  {"text": "Delivered to recipient", "carrier": "Cainiao", "code": "GTMS_SIGNED", "lang": "en"}

  text     the event's message as the carrier wrote it, in any language
  carrier  the carrier's name, when known (selects its code table: Cainiao/AliExpress,
           Correios, Russian Post, Colissimo, ...)
  code     the carrier's own event code, when known (GTMS_SIGNED, AE_CC_IM_START, BDE/01,
           OperType=2;OperAttr=1, LIVCFM, ...)
  lang     the language of the text, when known (a hint; ISO code such as "pt" or "pt-BR")

Output per event:

  {"status": "delivered", "reason": "", "confidence": 0.95, "rule": "code:cainiao:GTMS_SIGNED",
   "lang": "en", "seventeen_track": "Delivered_Other", "aftership": "Delivered_001"}

  status           info_received, accepted, in_transit, departed_origin, arrived_transit,
                   arrived_destination, customs, customs_held, out_for_delivery, pickup_ready,
                   delivery_failed, delivered, returning, returned, exception or unknown
  reason           sub-status when the text says one: lost, damaged, destroyed, refused,
                   duties_due, documents_required, inspection, address_issue,
                   recipient_absent, business_closed, cancelled, delayed, released, ...
  confidence       0..1; low for weak matches and for unknown
  rule             the rule that fired: "<lang>:<status>[/<reason>]:<phrase>", "code:<table>:<code>"
                   or "none"
  seventeen_track  the closest 17TRACK sub-status
  aftership        the closest AfterShip subtag

Languages with rules: en, fr, de, es, pt, it, pl, ru, uk, zh, ko, nl (others come out as
"unknown" unless a code is known). Carrier code tables: Cainiao/AliExpress action codes (with
or without AE_), Correios tipo/status, Russian Post OperType.OperAttr, La Poste/Colissimo.

A line that cannot be read as an event gives {"line": N, "error": "..."} instead and reading
goes on: empty lines, broken JSON, JSON that is not an object, a missing or empty "text",
binary data, invalid UTF-8, lines over %d bytes.

flags:
`

// classifyError is the line written for an input line that is not an event.
type classifyError struct {
	Line  int    `json:"line"`
	Error string `json:"error"`
}

// classifyLine is the input's JSON. Pointers tell a missing "text" from an empty one.
type classifyLine struct {
	Text    *string `json:"text"`
	Carrier string  `json:"carrier"`
	Code    string  `json:"code"`
	Lang    string  `json:"lang"`
}

// runClassify is `orderwatch classify`.
func runClassify(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	help := func(w io.Writer) {
		fmt.Fprintf(w, classifyHelp, maxClassifyLine)
		fs.SetOutput(w)
		fs.PrintDefaults()
		fmt.Fprintln(w, "  (none besides --help)")
	}
	if done, err := parseFlags(fs, args, stdout, stderr, help); done {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "orderwatch classify: events are read from stdin, one JSON object per line (got argument %q)\n", fs.Arg(0))
		return errUsage
	}

	in := bufio.NewReaderSize(stdin, 64<<10)
	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for lineNo := 1; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			out.Flush()
			return fmt.Errorf("classify: stopped at line %d: %w", lineNo, err)
		}
		line, size, err := readLine(in, maxClassifyLine)
		if err == io.EOF && size == 0 {
			break
		}
		if err != nil && err != io.EOF {
			out.Flush()
			return fmt.Errorf("classify: unable to read line %d: %w", lineNo, err)
		}
		var v any
		if ev, problem := parseEventLine(line, size); problem != "" {
			v = classifyError{Line: lineNo, Error: problem}
		} else {
			v = classify.Event(ev)
		}
		if werr := enc.Encode(v); werr != nil {
			return fmt.Errorf("classify: unable to write line %d: %w", lineNo, werr)
		}
		if in.Buffered() == 0 { // interactive input: answer at once
			if werr := out.Flush(); werr != nil {
				return fmt.Errorf("classify: unable to write: %w", werr)
			}
		}
		if err == io.EOF {
			break
		}
	}
	return out.Flush()
}

// parseEventLine reads one input line as an event, or says why it is not one.
func parseEventLine(line []byte, size int) (classify.Input, string) {
	switch {
	case size > maxClassifyLine:
		return classify.Input{}, fmt.Sprintf("line too long: %d bytes, at most %d", size, maxClassifyLine)
	case len(bytes.TrimSpace(line)) == 0:
		return classify.Input{}, "empty line"
	case !utf8.Valid(line):
		return classify.Input{}, "not valid UTF-8 text"
	}
	for _, c := range line {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return classify.Input{}, "binary data, not a JSON line"
		}
	}
	trimmed := bytes.TrimSpace(line)
	if trimmed[0] != '{' {
		return classify.Input{}, `not a JSON object; want {"text": "...", "carrier": "...", "code": "...", "lang": "..."}`
	}
	var l classifyLine
	if _, err := jsonscan.DecodeOne(trimmed, &l, jsonscan.Lenient); errors.Is(err, jsonscan.ErrTrailing) {
		return classify.Input{}, "invalid JSON: more than one value on the line"
	} else if err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return classify.Input{}, fmt.Sprintf("invalid JSON: %q must be a string, not a %s", typeErr.Field, typeErr.Value)
		}
		return classify.Input{}, "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: ")
	}
	if l.Text == nil {
		return classify.Input{}, `missing "text"`
	}
	if strings.TrimSpace(*l.Text) == "" {
		return classify.Input{}, `empty "text"`
	}
	return classify.Input{Text: *l.Text, Carrier: l.Carrier, Code: l.Code, Lang: l.Lang}, ""
}
