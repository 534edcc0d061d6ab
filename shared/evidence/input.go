// Package evidence makes the dispute evidence pack: one self-contained HTML document, from an
// order and its assessment, that a buyer can attach to an AliExpress dispute or print to PDF.
// It holds the order (number, store, items, date, method and its usual time), every tracking
// number with its carrier and where to check it, the full merged timeline (each event's
// original text, its time with its zone, place, carrier and what it means in the buyer's
// language), the verdict and why, the Buyer Protection deadline and where it came from, the
// arrival window beside AliExpress's own estimate and promise, the advice's seller message
// and dispute text (with English copies), the evidence checklist, and the screenshots the
// buyer took.
//
// The document loads nothing: no scripts, no style sheets, no fonts, no images from
// elsewhere (screenshots are data: URIs, checked to be PNG or JPEG), styles inline in one
// <style> element and a Content-Security-Policy that allows nothing else; every string that
// came from a page or a carrier is HTML-escaped (write.go). The package is pure: no clock, no
// files, no network.
package evidence

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/orderwatch/orderwatch/shared/jsonscan"
	"github.com/orderwatch/orderwatch/shared/order"
)

// Screenshot is one picture the buyer took of a page (the AliExpress tracking or order page).
type Screenshot struct {
	TakenAt order.Time `json:"taken_at,omitzero"`
	URL     string     `json:"url,omitempty"`   // the page's address, shown as text only
	Title   string     `json:"title,omitempty"` // the page's title
	DataURI string     `json:"data_uri"`        // data:image/png;base64,… or data:image/jpeg;base64,…
}

// Extra is what the pack holds beyond the order: the order JSON's "evidence" member. It
// never reaches the order store: the server's order JSON has no such field.
type Extra struct {
	Screenshots []Screenshot `json:"screenshots,omitempty"`
}

// Limits of the extra input. A visible-area capture of a 1920×1080 page is 0.3–2 MB as PNG.
const (
	MaxScreenshots     = 8
	MaxScreenshotBytes = 4 << 20 // one data URI
	MaxInputBytes      = order.MaxBytes + MaxScreenshots*MaxScreenshotBytes
	maxShotText        = 500
)

// Decode reads the input of `orderwatch evidence`: an order (shared/order's JSON, read as
// strictly as order.Decode reads it) that may carry an "evidence" member with screenshots.
func Decode(b []byte) (order.Order, Extra, error) {
	var x Extra
	if len(b) > MaxInputBytes {
		return order.Order{}, x, fmt.Errorf("evidence: input is %d bytes, more than the %d allowed", len(b), MaxInputBytes)
	}
	rest := b
	if i := bytes.IndexByte(bytes.TrimSpace(b), '{'); i == 0 {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(b, &fields); err == nil {
			if raw, ok := fields["evidence"]; ok {
				if _, err := jsonscan.DecodeOne(raw, &x, jsonscan.Strict); err != nil {
					return order.Order{}, x, fmt.Errorf("evidence: %w", err)
				}
				delete(fields, "evidence")
				if rest, err = json.Marshal(fields); err != nil {
					return order.Order{}, x, fmt.Errorf("evidence: %w", err)
				}
			}
		}
	}
	if len(rest) > order.MaxBytes {
		return order.Order{}, x, fmt.Errorf("order: %d bytes without the screenshots, more than the %d allowed", len(rest), order.MaxBytes)
	}
	o, err := order.Decode(rest)
	if err != nil {
		return order.Order{}, x, err
	}
	if err := x.Validate(); err != nil {
		return order.Order{}, x, err
	}
	return o, x, nil
}

// Validate checks the screenshots: at most MaxScreenshots, each a base64 PNG or JPEG data URI
// whose bytes really are that kind of picture, within MaxScreenshotBytes.
func (x Extra) Validate() error {
	if len(x.Screenshots) > MaxScreenshots {
		return fmt.Errorf("evidence.screenshots: %d screenshots, more than the %d allowed", len(x.Screenshots), MaxScreenshots)
	}
	for i, s := range x.Screenshots {
		f := fmt.Sprintf("evidence.screenshots[%d]", i)
		if len(s.DataURI) > MaxScreenshotBytes {
			return fmt.Errorf("%s.data_uri: %d bytes, more than the %d allowed", f, len(s.DataURI), MaxScreenshotBytes)
		}
		if err := checkImage(s.DataURI); err != nil {
			return fmt.Errorf("%s.data_uri: %w", f, err)
		}
		for _, t := range []struct{ name, v string }{{"url", s.URL}, {"title", s.Title}} {
			if len(t.v) > maxShotText || !utf8.ValidString(t.v) {
				return fmt.Errorf("%s.%s: more than %d bytes or not UTF-8", f, t.name, maxShotText)
			}
		}
	}
	return nil
}

// imageKinds are the data URI prefixes a screenshot may have, with the first bytes of that
// kind of file (PNG signature; JPEG start-of-image marker).
var imageKinds = []struct{ prefix, magic string }{
	{"data:image/png;base64,", "\x89PNG\r\n\x1a\n"},
	{"data:image/jpeg;base64,", "\xff\xd8\xff"},
}

func checkImage(uri string) error {
	for _, k := range imageKinds {
		payload, ok := strings.CutPrefix(uri, k.prefix)
		if !ok {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			return errors.New("not valid base64")
		}
		if !strings.HasPrefix(string(raw), k.magic) {
			return errors.New("the bytes are not the picture the data URI says")
		}
		return nil
	}
	return errors.New("want data:image/png;base64,… or data:image/jpeg;base64,…")
}
