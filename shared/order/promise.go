package order

import "fmt"

// What AliExpress itself says about delivery, as its tracking answer (querydetail) gives it
// (shared/DESIGN.md §7; from the anonymised real capture in
// maxwellmezadre/aliexpress-mcp test/fixtures/logistics-querydetail.json @226cf08b, MIT):
// each tracking line's etaInfo {beginEtaTime, endEtaTime, etaTimeText}, and the module's
// fastDeliveryInfoDTO.fdContentList, promises such as "Refund if no delivery before Sep 3,
// 2026" and "Apply for R$5.00 coupon code if delayed by Aug 3, 2026".

// Promise is AliExpress's own delivery guarantee as the tracking page states it. RefundBy is a
// deadline the buyer can act on, like the end of Buyer Protection.
type Promise struct {
	RefundBy Time     `json:"refund_by,omitzero"` // "Refund if no delivery before <date>"
	CouponBy Time     `json:"coupon_by,omitzero"` // "Apply for … coupon code if delayed by <date>"
	Texts    []string `json:"texts,omitempty"`    // the promises as the page words them
}

// ParcelETA is AliExpress's own arrival estimate for one parcel (etaInfo).
type ParcelETA struct {
	Earliest Time   `json:"earliest,omitzero"` // beginEtaTime
	Latest   Time   `json:"latest,omitzero"`   // endEtaTime
	Text     string `json:"text,omitempty"`    // etaTimeText as shown, e.g. "Jul. 28"
}

// The promises' limits are MaxPromiseTexts and MaxName of the limits table (limits.go).
const (
	promiseTexts   = MaxPromiseTexts
	promiseTextLen = MaxName
)

func (p Promise) validate() error {
	if len(p.Texts) > promiseTexts {
		return fieldErr("promise.texts", "%d texts, more than the %d allowed", len(p.Texts), promiseTexts)
	}
	for i, s := range p.Texts {
		if textOK(s, promiseTextLen) {
			continue
		}
		if err := checkText(fmt.Sprintf("promise.texts[%d]", i), s, promiseTextLen); err != nil {
			return err
		}
	}
	return nil
}

// valid holds when validate would find nothing wrong with e.
func (e ParcelETA) valid() bool {
	return textOK(e.Text, promiseTextLen) && (e.Earliest.IsZero() || e.Latest.IsZero() || !e.Latest.Before(e.Earliest.Time))
}

func (e ParcelETA) validate(field string) error {
	if err := checkText(field+".text", e.Text, promiseTextLen); err != nil {
		return err
	}
	if !e.Earliest.IsZero() && !e.Latest.IsZero() && e.Latest.Before(e.Earliest.Time) {
		return fieldErr(field, "latest %s is before earliest %s", e.Latest.Format("2006-01-02"), e.Earliest.Format("2006-01-02"))
	}
	return nil
}
