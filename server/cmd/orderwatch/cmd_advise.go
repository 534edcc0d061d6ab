package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/order"
)

const adviseUsage = `usage: orderwatch advise [--json] [--lines] [--now RFC3339] [--lang CODE] < order.json

Reads one order (the JSON documented in shared/order) on standard input and prints where its
parcels stand, whether to worry, the Buyer Protection deadline and what to do.
With --lines, reads one order per line (JSON lines); a bad line is reported on standard error
with its number and the others are still assessed.

flags:
`

// runAdvise is `orderwatch advise`.
func runAdvise(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("advise", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the assessment as JSON (one object per line with --lines)")
	lines := fs.Bool("lines", false, "read JSON lines: one order per line")
	jf := addJudgeFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, adviseUsage)
		fs.PrintDefaults()
	}
	if done, err := parseStdinCommand(fs, args, stderr); done || err != nil {
		return err
	}
	opt, err := jf.options("advise", stderr)
	if err != nil {
		return err
	}
	write := func(a assess.Assessment) error {
		if *asJSON {
			var b []byte
			var err error
			if *lines {
				b, err = json.Marshal(a)
			} else {
				b, err = json.MarshalIndent(a, "", "  ")
			}
			if err != nil {
				return fmt.Errorf("advise: unable to encode the assessment of %q: %w", a.OrderID, err)
			}
			_, err = fmt.Fprintf(stdout, "%s\n", b)
			return err
		}
		return writeAssessment(stdout, a)
	}

	if !*lines {
		b, err := io.ReadAll(io.LimitReader(stdin, order.MaxBytes+1))
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
		o, err := order.Decode(b)
		if err != nil {
			return err
		}
		return write(assess.Order(o, opt))
	}

	r := bufio.NewReaderSize(stdin, 64*1024)
	n, bad, good := 0, 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := readOrderLine(r, order.MaxBytes)
		if len(line) > 0 || err == nil {
			n++
			text := strings.TrimSpace(string(line))
			switch {
			case errors.Is(err, errOrderLineTooLong):
				bad++
				fmt.Fprintf(stderr, "line %d: order: longer than %d bytes; skipped\n", n, order.MaxBytes)
			case text == "":
				// blank lines separate nothing; ignore them
			default:
				o, derr := order.Decode([]byte(text))
				if derr != nil {
					bad++
					fmt.Fprintf(stderr, "line %d: %v\n", n, derr)
					break
				}
				if good > 0 && !*asJSON {
					fmt.Fprintln(stdout)
				}
				good++
				if werr := write(assess.Order(o, opt)); werr != nil {
					return werr
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, errOrderLineTooLong) {
			return fmt.Errorf("reading standard input: %w", err)
		}
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d orders could not be read (see the lines above)", bad, bad+good)
	}
	return nil
}

var errOrderLineTooLong = errors.New("line too long")

// readOrderLine reads one line without its newline. A line longer than max is consumed to its
// end and reported as errOrderLineTooLong, so that the next line is still read.
func readOrderLine(r *bufio.Reader, max int) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			if err == nil {
				return []byte{' '}, errOrderLineTooLong
			}
			return []byte{' '}, errors.Join(errOrderLineTooLong, err)
		}
		return []byte(strings.TrimRight(string(line), "\r\n")), err
	}
}

// writeAssessment prints an assessment for a person, in the assessment's language.
func writeAssessment(w io.Writer, a assess.Assessment) error {
	c := advice.Lang(a.Lang)
	var b strings.Builder
	lbl := func(k string) string { return c.Label(k, nil) }
	date := func(t *time.Time) string {
		if t == nil {
			return lbl("none")
		}
		return c.Date(*t)
	}

	fmt.Fprintf(&b, "%s %s — %s\n", lbl("order"), a.OrderID, c.Verdict(a.Verdict))
	fmt.Fprintf(&b, "%s\n\n", a.Summary)
	fmt.Fprintf(&b, "%s: %s (%s: %s)\n", lbl("status"), c.Status(a.Status), lbl("stage"), c.Stage(string(a.Stage)))
	if a.LastUpdate != nil {
		fmt.Fprintf(&b, "%s: %s (%s)\n", lbl("last_update"), date(a.LastUpdate), c.Label("days_ago", &advice.Facts{DaysSilent: deref(a.DaysSinceUpdate)}))
	} else {
		fmt.Fprintf(&b, "%s: %s\n", lbl("last_update"), lbl("none"))
	}
	if a.DaysSinceShipment != nil {
		fmt.Fprintf(&b, "%s: %s\n", lbl("since_shipment"), c.Days(*a.DaysSinceShipment))
	}
	name := a.Method.Name
	if name == "" {
		name = lbl("unknown_method")
	}
	fmt.Fprintf(&b, "%s: %s, %s\n", lbl("method"), name, c.Label("typical", &advice.Facts{MethodMin: a.Method.MinDays, MethodMax: a.Method.MaxDays}))
	p := a.Protection
	if p.Deadline != nil && p.Expired {
		ago := int(a.Now.Sub(*p.Deadline) / (24 * time.Hour))
		fmt.Fprintf(&b, "%s: %s (%s) — %s\n", lbl("protection"), date(p.Deadline), c.Label("ended_ago", &advice.Facts{DaysSinceEnd: ago}), p.Basis)
	} else if p.Deadline != nil {
		fmt.Fprintf(&b, "%s: %s (%s) — %s\n", lbl("protection"), date(p.Deadline), c.Label("days_left", &advice.Facts{DaysLeft: deref(p.DaysLeft)}), p.Basis)
	} else {
		fmt.Fprintf(&b, "%s: %s — %s\n", lbl("protection"), lbl("none"), p.Basis)
	}
	fmt.Fprintf(&b, "%s: %.2f\n", lbl("confidence"), a.Confidence)

	if len(a.Reasons) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", lbl("reasons"))
		for _, r := range a.Reasons {
			fmt.Fprintf(&b, "  [%s] %s\n", r.Verdict, r.Text)
		}
	}
	for i, pc := range a.Parcels {
		nums := make([]string, 0, len(pc.Numbers))
		for _, n := range pc.Numbers {
			s := n.Number
			if n.Carrier != "" {
				s += " (" + n.Carrier + ")"
			}
			nums = append(nums, s)
		}
		fmt.Fprintf(&b, "\n%s %d: %s — %s\n", lbl("parcel"), i+1, strings.Join(nums, ", "), c.Status(pc.Status))
		var legs []string
		for _, l := range pc.Legs {
			s := lbl("leg_"+l.Name) + " (" + lbl("state_"+l.State) + ")"
			if len(l.Places) > 0 {
				s += ": " + strings.Join(l.Places, "; ")
			}
			legs = append(legs, s)
		}
		fmt.Fprintf(&b, "  %s: %s\n", lbl("route"), strings.Join(legs, " → "))
		for _, e := range pc.Timeline {
			when := "????-??-?? ??:??"
			if !e.Time.IsZero() {
				// As the carrier gave it: its own zone, or none when it gave none.
				when = e.Time.Time.Format("2006-01-02 15:04")
				if !e.Time.NoZone {
					when += zone(e.Time.Time)
				}
			}
			line := fmt.Sprintf("  %-23s %-19s %s", when, e.Status, e.Text)
			if e.Location != "" {
				line += " — " + e.Location
			}
			if e.Noise {
				line += "  (noise, ignored)"
			}
			fmt.Fprintln(&b, line)
		}
	}
	if len(a.Advice) > 0 {
		fmt.Fprintf(&b, "\n%s:\n", lbl("advice"))
		for i, ad := range a.Advice {
			fmt.Fprintf(&b, "\n%d. %s\n", i+1, ad.Title)
			fmt.Fprintf(&b, "   %s: %s\n", lbl("deadline"), ad.DeadlineText)
			fmt.Fprintf(&b, "   %s:\n", lbl("steps"))
			for k, s := range ad.Steps {
				fmt.Fprintf(&b, "     %d. %s\n", k+1, s)
			}
			fmt.Fprintf(&b, "   %s:\n", lbl("evidence"))
			for _, s := range ad.Evidence {
				fmt.Fprintf(&b, "     - %s\n", s)
			}
			fmt.Fprintf(&b, "   %s:\n     %s\n", lbl("seller_message"), ad.SellerMessage)
			fmt.Fprintf(&b, "   %s:\n     %s\n", lbl("dispute_text"), ad.DisputeText)
			if ad.SellerMessageEn != "" {
				fmt.Fprintf(&b, "   %s:\n     %s\n", lbl("seller_message_en"), ad.SellerMessageEn)
			}
			if ad.DisputeTextEn != "" {
				fmt.Fprintf(&b, "   %s:\n     %s\n", lbl("dispute_text_en"), ad.DisputeTextEn)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// zone writes a time's offset: " +08:00", " UTC".
func zone(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return " UTC"
	}
	return t.Format(" -07:00")
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
