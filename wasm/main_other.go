//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when this package is built for anything but the browser; the bridge's
// functions are still compiled and tested natively.
func main() {
	fmt.Fprintln(os.Stderr, "wasm: this is the OrderWatch core for WebAssembly; build it with `make wasm` (GOOS=js GOARCH=wasm)")
	os.Exit(2)
}
