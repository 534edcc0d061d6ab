package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/evidence"
)

const evidenceUsage = `usage: orderwatch evidence [--now RFC3339] [--lang CODE] < order.json > pack.html

Reads one order (the JSON documented in shared/order) on standard input and writes its
dispute evidence pack to standard output: one self-contained HTML document (no scripts, no
external resources) to attach to a dispute or print to PDF. The order may carry screenshots:
  "evidence": {"screenshots": [{"taken_at": "…", "url": "…", "title": "…",
                                "data_uri": "data:image/png;base64,…"}]}
(PNG or JPEG, at most 8, each at most 4 MB).

flags:
`

// runEvidence is `orderwatch evidence`.
func runEvidence(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evidence", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nowFlag := fs.String("now", "", "assess as of this time (RFC 3339), for reproducible output; default: the current time")
	lang := fs.String("lang", "", "language of the pack ("+strings.Join(advice.Languages(), ", ")+"); default: the order's buyer.lang, else en")
	fs.Usage = func() {
		fmt.Fprint(stderr, evidenceUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "orderwatch evidence: unexpected argument %q (the order is read from standard input)\n", fs.Arg(0))
		return errUsage
	}
	opt := assess.Options{Lang: *lang, Now: time.Now()}
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fmt.Errorf("--now: %q is not an RFC 3339 time such as 2026-03-20T12:00:00Z", *nowFlag)
		}
		opt.Now = t
	}
	b, err := io.ReadAll(io.LimitReader(stdin, evidence.MaxInputBytes+1))
	if err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	o, x, err := evidence.Decode(b)
	if err != nil {
		return err
	}
	html, err := evidence.Render(o, assess.Order(o, opt), x)
	if err != nil {
		return fmt.Errorf("writing the pack of %q: %w", o.ID, err)
	}
	_, err = stdout.Write(html)
	return err
}
