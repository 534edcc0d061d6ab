package main

import (
	"context"
	"errors"
	"io"
)

// runServe is being written; its owner replaces this file.
func runServe(ctx context.Context, args []string, env func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("not built yet")
}
