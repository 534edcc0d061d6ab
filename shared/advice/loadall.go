package advice

import (
	"fmt"
	"io/fs"
)

// LoadAll gives the package every language's texts from fsys, a folder laid out like texts/
// (<lang>.json for each of Languages()): what a host that keeps the texts beside the
// WebAssembly build, or a test of a package built on this one, does to have all of them.
// Natively every language is embedded and each Load is a no-op.
func LoadAll(fsys fs.FS) error {
	for _, l := range Languages() {
		b, err := fs.ReadFile(fsys, l+".json")
		if err != nil {
			return fmt.Errorf("advice: texts of %q: %w", l, err)
		}
		if err := Load(l, b); err != nil {
			return err
		}
	}
	return nil
}
