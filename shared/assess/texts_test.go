package assess

import (
	"os"
	"testing"

	"github.com/orderwatch/orderwatch/shared/advice"
)

// TestMain gives the core every shipped language, as the extension gives the WebAssembly
// build the buyer's (it embeds English alone): the tests judge all of them in both builds.
func TestMain(m *testing.M) {
	if err := advice.LoadAll(os.DirFS("../advice/texts")); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
