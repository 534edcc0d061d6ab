package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/evidence"
	"github.com/orderwatch/orderwatch/shared/order"
)

// maxHistoryOrders bounds --history: a buyer's whole account is a few hundred orders.
const maxHistoryOrders = 5000

// readTrips reads the buyer's other orders (JSON lines) and returns the delivered trips to
// country. A line that is not an order is an error naming its line number.
func readTrips(path, country string, now time.Time) ([]assess.Trip, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), order.MaxBytes+1)
	var trips []assess.Trip
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if n > maxHistoryOrders {
			return nil, fmt.Errorf("--history: more than %d orders", maxHistoryOrders)
		}
		o, err := order.Decode(line)
		if err != nil {
			return nil, fmt.Errorf("--history line %d: %w", n, err)
		}
		c := o.Buyer.Country
		if c == "" {
			c = country
		}
		trips = append(trips, assess.Trips(assess.Order(o, assess.Options{Now: now}), c)...)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("--history: %w", err)
	}
	return trips, nil
}

const evidenceUsage = `usage: orderwatch evidence [--now RFC3339] [--lang CODE] [--history orders.jsonl] < order.json > pack.html

Reads one order (the JSON documented in shared/order) on standard input and writes its
dispute evidence pack to standard output: one self-contained HTML document (no scripts, no
external resources) to attach to a dispute or print to PDF. The order may carry screenshots:
  "evidence": {"screenshots": [{"taken_at": "…", "url": "…", "title": "…",
                                "data_uri": "data:image/png;base64,…"}]}
(PNG or JPEG, at most 8, each at most 4 MB). --history names a file of the buyer's other
orders (JSON lines): their delivered parcels with the same method to the same country set the
arrival window (local-first, as the extension does with the orders it keeps).

flags:
`

// runEvidence is `orderwatch evidence`.
func runEvidence(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evidence", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jf := addJudgeFlags(fs)
	history := fs.String("history", "", "a file of the buyer's other orders, one JSON object per line, for the arrival window")
	fs.Usage = func() {
		fmt.Fprint(stderr, evidenceUsage)
		fs.PrintDefaults()
	}
	if done, err := parseStdinCommand(fs, args, stderr); done || err != nil {
		return err
	}
	opt, err := jf.options("evidence", stderr)
	if err != nil {
		return err
	}
	b, err := io.ReadAll(io.LimitReader(stdin, evidence.MaxInputBytes+1))
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	o, x, err := evidence.Decode(b)
	if err != nil {
		return err
	}
	if *history != "" {
		if opt.History, err = readTrips(*history, o.Buyer.Country, opt.Now); err != nil {
			return err
		}
	}
	html, err := evidence.Render(o, assess.Order(o, opt), x)
	if err != nil {
		return fmt.Errorf("writing the pack of %q: %w", o.ID, err)
	}
	_, err = stdout.Write(html)
	return err
}
