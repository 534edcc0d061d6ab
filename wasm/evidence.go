package main

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/orderwatch/orderwatch/shared/assess"
	"github.com/orderwatch/orderwatch/shared/evidence"
	"github.com/orderwatch/orderwatch/shared/jsonscan"
	"github.com/orderwatch/orderwatch/shared/order"
)

// EvidenceOptions are evidencePack's options besides the order and the clock.
type EvidenceOptions struct {
	Lang        string                `json:"lang,omitempty"`
	Screenshots []evidence.Screenshot `json:"screenshots,omitempty"`
	History     []assess.Trip         `json:"history,omitempty"`
}

// MaxEvidenceRequest bounds evidencePack's options: the screenshots are most of it.
const MaxEvidenceRequest = evidence.MaxInputBytes

// EvidencePack decodes one order and the pack's options, assesses the order at now (with the
// buyer's delivered trips, when given) and returns the evidence pack's HTML.
func EvidencePack(orderJSON, optionsJSON []byte, now time.Time) ([]byte, error) {
	if len(orderJSON) > MaxRequest {
		return nil, fmt.Errorf("evidencePack: order is %d bytes of JSON, more than the %d allowed", len(orderJSON), MaxRequest)
	}
	if now.IsZero() {
		return nil, errors.New("evidencePack: the time to assess at is required")
	}
	o, err := order.Decode(orderJSON)
	if err != nil {
		return nil, fmt.Errorf("evidencePack: %w", err)
	}
	var opt EvidenceOptions
	if len(bytes.TrimSpace(optionsJSON)) > 0 && string(bytes.TrimSpace(optionsJSON)) != "null" {
		if _, err := jsonscan.DecodeOne(optionsJSON, &opt, jsonscan.Strict); err != nil {
			return nil, fmt.Errorf("evidencePack: options: %w", err)
		}
	}
	x := evidence.Extra{Screenshots: opt.Screenshots}
	if err := x.Validate(); err != nil {
		return nil, fmt.Errorf("evidencePack: %w", err)
	}
	a := assess.Order(o, assess.Options{Now: now, Lang: opt.Lang, History: opt.History})
	return evidence.Render(o, a, x)
}
