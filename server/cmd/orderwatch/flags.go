package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/assess"
)

// judgeFlags are the flags every command that judges an order shares: its clock and the
// language of its texts.
type judgeFlags struct{ now, lang *string }

func addJudgeFlags(fs *flag.FlagSet) judgeFlags {
	return judgeFlags{
		now:  fs.String("now", "", "assess as of this time (RFC 3339), for reproducible output; default: the current time"),
		lang: fs.String("lang", "", "language of the texts: "+strings.Join(advice.Languages(), ", ")+", or a tag such as pt-BR or he-IL; default: the order's buyer.lang, else en"),
	}
}

// options reads the parsed flags. A language without texts is not an error: the command says so
// on stderr and writes English, as the extension does.
func (f judgeFlags) options(cmd string, stderr io.Writer) (assess.Options, error) {
	if *f.lang != "" && !advice.Supported(*f.lang) {
		fmt.Fprintf(stderr, "orderwatch %s: no texts for language %q; writing English (languages: %s)\n", cmd, *f.lang, strings.Join(advice.Languages(), ", "))
	}
	opt := assess.Options{Lang: *f.lang, Now: time.Now()}
	if *f.now != "" {
		t, err := time.Parse(time.RFC3339, *f.now)
		if err != nil {
			return opt, fmt.Errorf("--now: %q is not an RFC 3339 time such as 2026-03-20T12:00:00Z", *f.now)
		}
		opt.Now = t
	}
	return opt, nil
}

// parseStdinCommand parses the flags of a command that reads its input from standard input
// only. done is true after --help.
func parseStdinCommand(fs *flag.FlagSet, args []string, stderr io.Writer) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "orderwatch %s: unexpected argument %q (the order is read from standard input)\n", fs.Name(), fs.Arg(0))
		return false, errUsage
	}
	return false, nil
}
