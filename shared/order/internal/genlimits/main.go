// Command genlimits writes the extension's copy of the order limits
// (extension/src/shared/limits.gen.ts) from shared/order's table. Run by
// `go generate ./shared/order`; TestLimitsFileIsCurrent fails while the file is stale.
package main

import (
	"fmt"
	"os"

	"github.com/orderwatch/orderwatch/shared/order"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genlimits <output.ts>")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], []byte(order.LimitsTS()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
