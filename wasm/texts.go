package main

import (
	"fmt"

	"github.com/orderwatch/orderwatch/shared/advice"
)

// MaxTextsFile bounds one language's texts given to loadTexts (the largest is ~60 KB).
const MaxTextsFile = 1 << 20

// LoadTexts adds a language's advice texts (the contents of shared/advice/texts/<lang>.json,
// which the extension ships beside core.wasm): the module embeds English alone. Checked as
// strictly as the embedded texts; the same texts again are a no-op, other texts for a
// language already there an error.
func LoadTexts(lang string, data []byte) error {
	if len(data) > MaxTextsFile {
		return fmt.Errorf("loadTexts: %d bytes of texts, more than the %d allowed", len(data), MaxTextsFile)
	}
	if err := advice.Load(lang, data); err != nil {
		return fmt.Errorf("loadTexts: %w", err)
	}
	return nil
}

// NeedTexts is the language (a texts/<lang>.json name) that a question whose language is tag
// would be answered in but whose texts are not loaded, else "": such a question is answered
// in English, so the host loads it first.
func NeedTexts(tag string) string { return advice.Missing(tag) }
