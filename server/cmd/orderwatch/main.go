// Command orderwatch is OrderWatch's one binary: the sync server (`serve`) and the command-line
// tools over the tracking core (`number`, `classify`, `advise`, `evidence`).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand. Each lives in its own cmd_*.go file.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":    {"run the sync server (default 127.0.0.1:8080, SQLite under ./data)", runServe},
		"number":   {"read raw inputs, one per line; print what each number is and where to track it", runNumber},
		"classify": {"read carrier events as JSON lines; print each event's status", runClassify},
		"advise":   {"read an order (JSON) and print its assessment and advice", runAdvise},
		"evidence": {"read an order (JSON) and write its dispute evidence pack (HTML)", runEvidence},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "orderwatch: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	if err := cmd.run(ctx, args[1:], env, stdin, stdout, stderr); err != nil {
		if err == errUsage {
			return 2
		}
		fmt.Fprintf(stderr, "orderwatch %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// errUsage is returned by a subcommand that has already printed its usage.
var errUsage = fmt.Errorf("usage")

// parseFlags parses a command's flags. --help prints help to stdout and ends the command with
// success; a mistake prints it to stderr and ends it with errUsage. done says the command ends.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, help func(io.Writer)) (done bool, err error) {
	fs.Usage = func() {} // help is printed here, to the stream that fits
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			help(stdout)
			return true, nil
		}
		help(stderr)
		return true, errUsage
	}
	return false, nil
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: orderwatch COMMAND [flags]\n\ncommands:")
	for _, name := range []string{"serve", "number", "classify", "advise", "evidence"} {
		fmt.Fprintf(w, "  %-9s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'orderwatch COMMAND --help' for a command's flags and formats.")
}
