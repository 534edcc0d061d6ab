package assess

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/orderwatch/orderwatch/shared/advice"
	"github.com/orderwatch/orderwatch/shared/classify"
	"github.com/orderwatch/orderwatch/shared/number"
	"github.com/orderwatch/orderwatch/shared/order"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// Order assesses one order at opt.Now. It never fails: missing data lowers the confidence
// and makes the texts say what is not known.
func Order(o order.Order, opt Options) Assessment {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	lang := opt.Lang
	if lang == "" {
		lang = o.Buyer.Lang
	}
	j := &judge{o: o, now: now.UTC(), cat: advice.Lang(lang), findings: make([]finding, 0, 6), history: opt.History, events: opt.Events}
	if j.events == nil {
		j.events = classify.Event
	}
	return j.assess()
}

// judge carries one assessment in progress.
type judge struct {
	events   func(classify.Input) classify.Result // the classifier of carrier events
	o        order.Order
	now      time.Time
	cat      *advice.Catalog
	parcels  []parcelState
	shipped  []*parcelState // parcels with at least one tracking number
	prot     Protection
	base     advice.Facts
	findings []finding
	// found is what has been found so far about each parcel (by index), and orderFound about
	// the order itself: rules that depend on an earlier finding read it here.
	found      []reasonSet
	orderFound reasonSet
	history    []Trip // the buyer's delivered trips, for the arrival window (eta.go)
}

// finding is one reason before it is rendered.
type finding struct {
	code      ReasonCode
	verdict   taxonomy.Verdict
	situation advice.Situation // "" when no advice goes with it
	parcel    *parcelState     // nil for order-level findings
	facts     Facts
	tf        *advice.Facts // shared by the findings of one parcel; never changed once added
}

var severity = map[taxonomy.Verdict]int{taxonomy.Normal: 0, taxonomy.Watch: 1, taxonomy.Act: 2}

func worse(a, b taxonomy.Verdict) taxonomy.Verdict {
	if severity[b] > severity[a] {
		return b
	}
	return a
}

// stageOrder ranks stages along the journey; the order's stage is that of the parcel that
// needs the most attention, and of equals the least advanced one.
var stageOrder = []Stage{StageNotShipped, StageLabelCreated, StageUnknown, StageOrigin, StageInternational,
	StageCustoms, StageDestination, StageLastMile, StageException, StageReturning, StageDelivered}

func stageRank(s Stage) int {
	for i, x := range stageOrder {
		if x == s {
			return i
		}
	}
	return len(stageOrder)
}

func (j *judge) assess() Assessment {
	o := j.o
	a := Assessment{
		OrderID:     o.ID,
		OrderStatus: taxonomy.OrderUnknown,
		Status:      taxonomy.Unknown,
		Stage:       StageNotShipped,
		Verdict:     taxonomy.Normal,
		Reasons:     []Reason{},
		Parcels:     []Parcel{},
		Advice:      []advice.Advice{},
		Lang:        j.cat.Code(),
		Now:         j.now,
	}
	if strings.TrimSpace(o.StatusText) != "" {
		if s := classify.OrderStatus(o.StatusText); s.Valid() {
			a.OrderStatus = s
		}
	}
	for i, p := range o.Parcels {
		j.parcels = append(j.parcels, buildParcel(i, p, o, j.events))
	}
	for i := range j.parcels {
		if len(j.parcels[i].numbers) > 0 || len(j.parcels[i].entries) > 0 {
			j.shipped = append(j.shipped, &j.parcels[i])
		}
	}
	method, known := j.orderMethod()
	a.Method = Method{ID: method.ID, Name: method.Name, MinDays: method.MinDays, MaxDays: method.MaxDays, Tracking: method.Tracking, Known: known}
	j.prot = j.protection(method)
	a.Protection = j.prot
	j.base = j.baseFacts(method)

	j.judgeOrder(a.OrderStatus, known)
	a.ETA = j.arrival(a.OrderStatus)

	// The verdict and the parcel the order's status is read from.
	dispute := o.Buyer.DisputeOpened || a.OrderStatus == taxonomy.InDispute
	var focus *parcelState
	focusVerdict := taxonomy.Normal
	for _, f := range j.findings {
		a.Verdict = worse(a.Verdict, f.verdict)
	}
	for _, ps := range j.shipped {
		v := taxonomy.Normal
		for _, f := range j.findings {
			if f.parcel == ps {
				v = worse(v, f.verdict)
			}
		}
		if focus == nil || severity[v] > severity[focusVerdict] ||
			severity[v] == severity[focusVerdict] && stageRank(ps.stage) < stageRank(focus.stage) {
			focus, focusVerdict = ps, v
		}
	}
	if dispute && a.Verdict == taxonomy.Act {
		a.Verdict = taxonomy.Watch // AliExpress is already handling it
	}
	if focus != nil {
		a.Status, a.Reason, a.Stage = focus.status, focus.reason, focus.stage
		if focus.last != nil {
			t := focus.last.at.UTC()
			a.LastUpdate = &t
			a.DaysSinceUpdate = ip(days(focus.last.at, j.now))
		}
		if focus.first != nil {
			a.DaysSinceShipment = ip(days(focus.first.at, j.now))
		}
	}
	for i := range j.parcels {
		a.Parcels = append(a.Parcels, j.parcels[i].output(j.now))
	}

	// Most serious first; of equals, the parcel the order's status is read from first, then
	// the order's own findings, then other parcels.
	place := func(f finding) int {
		switch f.parcel {
		case focus:
			return 0
		case nil:
			return 1
		}
		return 2
	}
	sort.SliceStable(j.findings, func(x, y int) bool {
		fx, fy := j.findings[x], j.findings[y]
		if sx, sy := severity[fx.verdict], severity[fy.verdict]; sx != sy {
			return sx > sy
		}
		return place(fx) < place(fy)
	})
	seen := map[advice.Situation]bool{}
	a.Reasons = make([]Reason, 0, len(j.findings))
	for _, f := range j.findings {
		a.Reasons = append(a.Reasons, Reason{Code: f.code, Verdict: f.verdict, Text: f.code.Text(j.cat, f.tf), Facts: f.facts})
		if f.situation == "" || f.verdict == taxonomy.Normal || seen[f.situation] {
			continue
		}
		if dispute && (f.situation == advice.ProtectionEnding || f.situation == advice.ProtectionExpired) {
			continue
		}
		seen[f.situation] = true
		tf := *f.tf
		refundFacts(&tf, a.ETA, j.now)
		a.Advice = append(a.Advice, j.cat.For(f.situation, tf))
	}
	a.Summary = j.summary(a)
	a.Confidence = j.confidence(focus, known)
	return a
}

// orderMethod is the order's shipping method: the order's own, else the first parcel's.
func (j *judge) orderMethod() (methodInfo, bool) {
	name := j.o.ShippingMethod
	if name == "" {
		for _, p := range j.o.Parcels {
			if p.ShippingMethod != "" {
				name = p.ShippingMethod
				break
			}
		}
	}
	return lookupMethod(name)
}

// done reports whether the buyer has what they ordered (or nothing more is expected), so
// that Buyer Protection no longer needs watching.
func (j *judge) done(os taxonomy.OrderStatus) bool {
	r := j.o.Buyer.Received
	if r != nil && *r {
		return true
	}
	if os == taxonomy.Closed || os == taxonomy.AwaitingPayment || os == taxonomy.Completed && r == nil {
		return true
	}
	if len(j.shipped) == 0 {
		return false
	}
	for _, ps := range j.shipped {
		if ps.status != taxonomy.Delivered {
			return false
		}
	}
	return r == nil
}

func (j *judge) add(f finding) {
	j.findings = append(j.findings, f)
	if f.parcel == nil {
		j.orderFound = j.orderFound.with(f.code)
		return
	}
	if j.found == nil {
		j.found = make([]reasonSet, len(j.parcels))
	}
	j.found[f.parcel.index] = j.found[f.parcel.index].with(f.code)
}

// foundFor is what has been found so far about one parcel.
func (j *judge) foundFor(ps *parcelState) reasonSet {
	if j.found == nil {
		return 0
	}
	return j.found[ps.index]
}

// judgeOrder collects every finding about the order and its parcels.
func (j *judge) judgeOrder(os taxonomy.OrderStatus, methodKnown bool) {
	o := j.o
	tf := j.base
	if len(j.shipped) > 0 {
		tf = j.parcelFacts(j.shipped[0])
	}
	orderFacts := Facts{DaysSinceOrder: j.daysSinceOrder()}
	switch os {
	case taxonomy.Closed:
		j.add(finding{code: ReasonClosed, verdict: taxonomy.Normal, tf: &tf, facts: orderFacts})
		return
	case taxonomy.AwaitingPayment:
		j.add(finding{code: ReasonNotPaid, verdict: taxonomy.Normal, tf: &tf, facts: orderFacts})
		return
	case taxonomy.Completed:
		if r := o.Buyer.Received; r == nil || *r {
			j.add(finding{code: ReasonCompleted, verdict: taxonomy.Normal, tf: &tf, facts: orderFacts})
			return
		}
	}
	if r := o.Buyer.Received; r != nil && *r && !o.Buyer.DisputeOpened && os != taxonomy.InDispute {
		j.add(finding{code: ReasonReceived, verdict: taxonomy.Normal, tf: &tf, facts: orderFacts})
		return
	}
	if o.Buyer.DisputeOpened || os == taxonomy.InDispute {
		j.add(finding{code: ReasonDisputeOpen, verdict: taxonomy.Watch, tf: &tf, facts: orderFacts})
	}

	if len(j.shipped) == 0 {
		j.judgeUnshipped(os)
	}
	for _, ps := range j.shipped {
		j.judgeParcel(ps)
	}
	if !j.done(os) {
		j.judgeProtection(tf)
		j.judgeSeller(tf)
	}
	if !methodKnown && len(j.shipped) > 0 {
		j.add(finding{code: ReasonUnknownMethod, verdict: taxonomy.Normal, tf: &tf,
			facts: Facts{MethodDays: methodDays(j.base)}})
	}
}

func (j *judge) daysSinceOrder() *int {
	if j.o.Date.IsZero() {
		return nil
	}
	return ip(days(j.o.Date.Time, j.now))
}

// judgeUnshipped: no tracking number yet.
func (j *judge) judgeUnshipped(os taxonomy.OrderStatus) {
	d := j.daysSinceOrder()
	facts := Facts{Stage: StageNotShipped, DaysSinceOrder: d}
	tf := j.base
	if os == taxonomy.Shipped {
		v := taxonomy.Watch
		if d != nil && *d >= processingActDays {
			v = taxonomy.Act
		}
		j.add(finding{code: ReasonNoTrackingNumber, verdict: v, situation: advice.NoTrackingYet, facts: facts, tf: &tf})
		return
	}
	switch {
	case d != nil && *d >= processingActDays:
		facts.LimitDays = ip(processingActDays)
		j.add(finding{code: ReasonProcessingLong, verdict: taxonomy.Act, situation: advice.NoTrackingYet, facts: facts, tf: &tf})
	case d != nil && *d >= processingWatchDays:
		facts.LimitDays = ip(processingWatchDays)
		j.add(finding{code: ReasonProcessingLong, verdict: taxonomy.Watch, situation: advice.NoTrackingYet, facts: facts, tf: &tf})
	default:
		j.add(finding{code: ReasonProcessingNormal, verdict: taxonomy.Normal, situation: advice.NoTrackingYet, facts: facts, tf: &tf})
	}
}

// stageCodes name the reasons for a stage: the pause is normal, or it is too long.
var stageCodes = map[Stage][2]ReasonCode{
	StageLabelCreated:  {ReasonLabelNormal, ReasonNoAcceptanceScan},
	StageOrigin:        {ReasonOriginNormal, ReasonOriginSlow},
	StageInternational: {ReasonInternationalNormal, ReasonSilentLong},
	StageCustoms:       {ReasonCustomsNormal, ReasonCustomsSlow},
	StageDestination:   {ReasonDestinationLocal, ReasonDestinationSlow},
	StageLastMile:      {ReasonLastMile, ReasonSilentLong},
	StageUnknown:       {ReasonStatusUnknown, ReasonSilentLong},
}

// unknownSilence is the silence rule for parcels whose events could not be classified.
var unknownSilence = silenceRule{Watch: 10, Act: 20}

// judgeParcel applies the rules for one parcel's status and stage.
func (j *judge) judgeParcel(ps *parcelState) {
	tf := j.parcelFacts(ps)
	facts := Facts{Stage: ps.stage, Status: ps.status, Number: tf.Number, Carrier: tf.Carrier}
	if ps.last != nil {
		facts.DaysSilent = ip(tf.DaysSilent)
	}
	if ps.first != nil {
		facts.DaysSinceShipment = ip(tf.DaysSinceShipment)
	}
	facts.MethodDays = methodDays(tf)
	add := func(code ReasonCode, v taxonomy.Verdict, s advice.Situation, f Facts) {
		j.add(finding{code: code, verdict: v, situation: s, parcel: ps, facts: f, tf: &tf})
	}

	if len(ps.entries) == 0 {
		facts.DaysSinceOrder = j.daysSinceOrder()
		d := -1
		if facts.DaysSinceOrder != nil {
			d = *facts.DaysSinceOrder
		}
		res := number.Parse(tf.Number)
		if res.Kind != number.TrackingNumber || !res.Valid {
			v := taxonomy.Watch
			if d >= noEventsActDays {
				v = taxonomy.Act
			}
			add(ReasonInvalidNumber, v, advice.InvalidTrackingNumber, facts)
			return
		}
		switch {
		case d >= noEventsActDays:
			facts.LimitDays = ip(noEventsActDays)
			add(ReasonNoEvents, taxonomy.Act, advice.InvalidTrackingNumber, facts)
		case d >= noEventsWatchDays:
			facts.LimitDays = ip(noEventsWatchDays)
			add(ReasonNoEvents, taxonomy.Watch, advice.InvalidTrackingNumber, facts)
		default:
			add(ReasonNoEvents, taxonomy.Normal, "", facts)
		}
		return
	}

	j.judgeDestination(ps, tf, facts)
	silent := tf.DaysSilent
	rules := silenceRules[ps.method.Express]
	lastMile := rules[StageLastMile]

	switch ps.status {
	case taxonomy.Delivered:
		if r := j.o.Buyer.Received; r != nil && !*r {
			add(ReasonDeliveredNotReceived, taxonomy.Act, advice.DeliveredNotReceived, facts)
		} else {
			add(ReasonDelivered, taxonomy.Normal, "", facts)
		}
		return
	case taxonomy.Returning:
		add(ReasonReturning, taxonomy.Act, advice.ReturnedToSender, facts)
		return
	case taxonomy.Returned:
		add(ReasonReturned, taxonomy.Act, advice.ReturnedToSender, facts)
		return
	case taxonomy.Exception:
		add(ReasonException, taxonomy.Act, advice.ParcelException, facts)
		return
	case taxonomy.CustomsHeld:
		add(ReasonCustomsHeld, taxonomy.Act, advice.CustomsHeld, facts)
		j.suggestLocal(ps, tf, facts)
		return
	case taxonomy.PickupReady:
		v := taxonomy.Watch
		if silent >= lastMile.Act {
			v = taxonomy.Act
		}
		add(ReasonPickupWaiting, v, advice.AwaitingPickup, facts)
		j.suggestLocal(ps, tf, facts)
		return
	case taxonomy.DeliveryFailed:
		v := taxonomy.Watch
		if silent >= lastMile.Watch {
			v = taxonomy.Act
		}
		add(ReasonDeliveryFailed, v, advice.ParcelException, facts)
		j.suggestLocal(ps, tf, facts)
		return
	}

	rule, ok := rules[ps.stage]
	if !ok || ps.stage == StageUnknown {
		rule = unknownSilence
	}
	codes := stageCodes[ps.stage]
	if codes[0] == "" {
		codes = stageCodes[StageUnknown]
	}
	silenceFor := silent
	if ps.stage == StageLabelCreated && ps.first != nil {
		// No acceptance scan: count from when the label was made, not from its last echo.
		silenceFor = tf.DaysSinceShipment
	}
	switch {
	case rule.Act > 0 && silenceFor >= rule.Act:
		f := facts
		f.LimitDays = ip(rule.Act)
		add(codes[1], taxonomy.Act, advice.NoUpdatesTooLong, f)
	case rule.Watch > 0 && silenceFor >= rule.Watch:
		f := facts
		f.LimitDays = ip(rule.Watch)
		add(codes[1], taxonomy.Watch, advice.NoUpdatesTooLong, f)
	default:
		if codes[0] == ReasonDestinationLocal {
			j.suggestLocal(ps, tf, facts)
		} else {
			add(codes[0], taxonomy.Normal, "", facts)
		}
	}
	if ps.stage == StageCustoms || ps.stage == StageLastMile || codes[1] == ReasonDestinationSlow && silenceFor >= rule.Watch {
		j.suggestLocal(ps, tf, facts)
	}

	// However quiet the stages were, a parcel far past its method's usual time is late.
	if ps.first != nil {
		d, max := tf.DaysSinceShipment, ps.method.MaxDays
		f := facts
		switch {
		case d > max+overdueGrace(ps.method) && silent >= 7:
			f.LimitDays = ip(max + overdueGrace(ps.method))
			add(ReasonOverdueLong, taxonomy.Act, advice.NoUpdatesTooLong, f)
		case d > max:
			f.LimitDays = ip(max)
			add(ReasonOverdue, taxonomy.Watch, advice.NoUpdatesTooLong, f)
		}
	}
}

// suggestLocal points the buyer to the local carrier and its number once the parcel is in
// their country (unless the stage rule already did).
func (j *judge) suggestLocal(ps *parcelState, tf advice.Facts, facts Facts) {
	if j.foundFor(ps).hasAny(localSaid) {
		return // already said, or the parcel is not in the buyer's country at all
	}
	f := facts
	f.Carrier = tf.LocalCarrier
	if tf.LastMileNumber != "" {
		f.Number = tf.LastMileNumber
	}
	j.add(finding{code: ReasonDestinationLocal, verdict: taxonomy.Normal, parcel: ps, facts: f, tf: &tf})
}

// judgeDestination flags a parcel that tracking shows in another country than the buyer's
// after it arrived, or delivered in another city.
func (j *judge) judgeDestination(ps *parcelState, tf advice.Facts, facts Facts) {
	want := strings.ToUpper(j.o.Buyer.Country)
	var wrongCountry *entry
	var lastMile *entry
	cityMatched := false
	countries := map[string]string{} // carriers repeat the same few places
	for i := range ps.entries {
		e := &ps.entries[i]
		if e.Noise || e.Location == "" || legOf(e.acts) != legDestination {
			continue
		}
		c, ok := countries[e.Location]
		if !ok {
			c = countryIn(e.Location, want)
			countries[e.Location] = c
		}
		if want != "" && c != "" && c != want {
			wrongCountry = e
		}
		switch e.acts {
		case taxonomy.PickupReady, taxonomy.Delivered:
			// Only where the parcel was handed over or waits counts: delivery offices and
			// couriers' depots are often in the next town.
			if _, onlyCountry := countryByName[strings.Join(splitWords(e.Location), " ")]; onlyCountry {
				continue // names only a country
			}
			if placeMatches(e.Location, j.o.Buyer.City) {
				cityMatched = true
			}
			lastMile = e
		}
	}
	if wrongCountry != nil {
		tf.ShownPlace, tf.ExpectedPlace, tf.ExpectedPlaceEn = wrongCountry.Location, j.countryName(want), ""
		if j.cat.Code() != advice.DefaultLang {
			tf.ExpectedPlaceEn = countryName(want)
		}
		f := facts
		f.Location, f.Expected = tf.ShownPlace, want
		j.add(finding{code: ReasonWrongCountry, verdict: taxonomy.Act, situation: advice.WrongDestination, parcel: ps, facts: f, tf: &tf})
		return
	}
	city := j.o.Buyer.City
	if city == "" || lastMile == nil || cityMatched || !sameScript(lastMile.Location, city) || letters(lastMile.Location) < 3 {
		return
	}
	tf.ShownPlace, tf.ExpectedPlace, tf.ExpectedPlaceEn = lastMile.Location, city, ""
	f := facts
	f.Location, f.Expected = lastMile.Location, city
	j.add(finding{code: ReasonWrongCity, verdict: taxonomy.Watch, situation: advice.WrongDestination, parcel: ps, facts: f, tf: &tf})
}

// placeMatches reports whether a location names the city (either contains the other, case
// and punctuation ignored).
func placeMatches(location, city string) bool {
	l := strings.Join(splitWords(location), " ")
	c := strings.Join(splitWords(city), " ")
	if c == "" || l == "" {
		return false
	}
	return strings.Contains(l, c) || strings.Contains(c, l)
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// sameScript reports whether two texts are written in the same alphabet: "Москва" and
// "Moscow" name the same city, so a city is compared only within one script.
func sameScript(a, b string) bool { return scriptOf(a) == scriptOf(b) }

func scriptOf(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Han, r):
			return "han"
		case unicode.IsLetter(r) && r < 0x250:
			return "latin"
		}
	}
	return ""
}

// judgeProtection: warnings at 7, 3 and 1 days, and never "wait" past the deadline.
func (j *judge) judgeProtection(tf advice.Facts) {
	p := j.prot
	if p.Deadline == nil || j.o.Buyer.DisputeOpened {
		return
	}
	facts := Facts{ProtectionDaysLeft: p.DaysLeft}
	switch {
	case p.Expired:
		j.add(finding{code: ReasonProtectionExpired, verdict: taxonomy.Act, situation: advice.ProtectionExpired, facts: facts, tf: &tf})
	case *p.DaysLeft <= protectionActDays:
		j.add(finding{code: ReasonProtectionWarning, verdict: taxonomy.Act, situation: advice.ProtectionEnding, facts: facts, tf: &tf})
	default:
		// Would the parcel, at the usual pace, arrive only after protection ends?
		if arrival, ok := j.expectedArrival(); ok && arrival.After(*p.Deadline) {
			j.add(finding{code: ReasonProtectionBeforeDelivery, verdict: taxonomy.Watch, situation: advice.ProtectionEnding, facts: facts, tf: &tf})
		}
	}
}

// expectedArrival is the latest usual arrival of the parcels still on their way.
func (j *judge) expectedArrival() (time.Time, bool) {
	var latest time.Time
	for _, ps := range j.shipped {
		if ps.status.Terminal() {
			continue
		}
		var start time.Time
		switch {
		case ps.first != nil:
			start = ps.first.at
		case !j.o.Date.IsZero():
			start = j.o.Date.Time
		default:
			continue
		}
		if t := start.AddDate(0, 0, ps.method.MaxDays); t.After(latest) {
			latest = t
		}
	}
	return latest, !latest.IsZero()
}

// judgeSeller: the buyer wrote to the seller and has had no answer.
func (j *judge) judgeSeller(tf advice.Facts) {
	b := j.o.Buyer
	if b.SellerAskedAt.IsZero() || b.SellerReplied {
		return
	}
	d := days(b.SellerAskedAt.Time, j.now)
	if d < sellerSilentDays {
		return
	}
	v := taxonomy.Watch
	if d >= sellerActDays {
		v = taxonomy.Act
	}
	for _, f := range j.findings {
		if f.verdict == taxonomy.Act {
			v = taxonomy.Act
		}
	}
	j.add(finding{code: ReasonSellerSilent, verdict: v, situation: advice.SellerNotResponding,
		facts: Facts{LimitDays: ip(sellerSilentDays)}, tf: &tf})
}

// protection works out the Buyer Protection deadline: from the page when it shows one,
// otherwise estimated from the method and the order date (or the first tracking event).
func (j *judge) protection(m methodInfo) Protection {
	o := j.o
	var p Protection
	f := advice.Facts{Method: j.methodName(m)}
	var deadline time.Time
	switch {
	case !o.Protection.EndsAt.IsZero():
		deadline = o.Protection.EndsAt.Time
		p.Source = SourcePage
		p.Basis = j.cat.Text("protection.basis_page_ends_at", &f)
	case o.Protection.DaysLeft != nil:
		read := o.Protection.ReadAt.Time
		if o.Protection.ReadAt.IsZero() {
			read = j.now
		}
		deadline = read.Add(time.Duration(*o.Protection.DaysLeft) * 24 * time.Hour)
		p.Source = SourcePage
		f.BasisDays, f.BasisDate = *o.Protection.DaysLeft, &read
		key := "protection.basis_page_days_left"
		if f.BasisDays < 0 {
			// The page already counted past the end: say how long ago, never "-3 days left".
			key, f.BasisDays = "protection.basis_page_ended", -f.BasisDays
		}
		p.Basis = j.cat.Text(key, &f)
	default:
		key := "protection.basis_estimated_order_date"
		start := o.Date.Time
		if o.Date.IsZero() {
			key = "protection.basis_estimated_first_event"
			for _, ps := range j.shipped {
				if ps.first != nil && (start.IsZero() || ps.first.at.Before(start)) {
					start = ps.first.at
				}
			}
		}
		if start.IsZero() {
			p.Basis = j.cat.Text("protection.basis_unknown", &f)
			return p
		}
		deadline = start.AddDate(0, 0, m.ProtectionDays)
		p.Source = SourceEstimated
		f.BasisDays, f.BasisDate = m.ProtectionDays, &start
		p.Basis = j.cat.Text(key, &f)
	}
	deadline = deadline.UTC()
	p.Deadline = &deadline
	left := int(math.Floor(deadline.Sub(j.now).Hours() / 24))
	p.DaysLeft = &left
	p.Expired = !j.now.Before(deadline)
	if !p.Expired {
		for _, w := range []int{1, 3, 7} {
			if left <= w {
				p.Warning = w
				break
			}
		}
	}
	return p
}

// countryName is a country's name in the assessment's language.
func (j *judge) countryName(code string) string {
	if n := j.cat.Country(strings.ToUpper(code)); n != "" {
		return n
	}
	return countryName(code)
}

func (j *judge) methodName(m methodInfo) string {
	if m.Name != "" {
		return m.Name
	}
	return j.cat.Label("unknown_method", nil)
}

func methodDays(f advice.Facts) string {
	return strconv.Itoa(f.MethodMin) + "–" + strconv.Itoa(f.MethodMax)
}

// baseFacts are the order's facts for every text.
func (j *judge) baseFacts(m methodInfo) advice.Facts {
	o := j.o
	f := advice.Facts{
		OrderID:       o.ID,
		Store:         o.Store,
		Method:        j.methodName(m),
		MethodUnknown: m.Name == "",
		MethodMin:     m.MinDays,
		MethodMax:     m.MaxDays,
	}
	if !o.Date.IsZero() {
		t := o.Date.Time.UTC()
		f.OrderDate = &t
		f.DaysSinceOrder = days(o.Date.Time, j.now)
	}
	if country := strings.ToUpper(o.Buyer.Country); country != "" {
		f.LocalCarrier = localCarriers[country]
		f.ExpectedPlace = j.countryName(country)
		if j.cat.Code() != advice.DefaultLang {
			f.ExpectedPlaceEn = countryName(country)
		}
	}
	p := j.prot
	if p.Deadline != nil {
		f.Deadline, f.DeadlineSource, f.DeadlineBasis, f.Expired = p.Deadline, p.Source, p.Basis, p.Expired
		f.DaysLeft = *p.DaysLeft
		if p.Expired {
			f.DaysSinceEnd = days(*p.Deadline, j.now)
		}
	}
	if !o.Buyer.SellerAskedAt.IsZero() {
		t := o.Buyer.SellerAskedAt.Time.UTC()
		f.SellerAskedAt = &t
		f.DaysSinceAsked = days(t, j.now)
	}
	return f
}

// parcelFacts adds one parcel's facts to the order's.
func (j *judge) parcelFacts(ps *parcelState) advice.Facts {
	f := j.base
	f.Method, f.MethodUnknown = j.methodName(ps.method), ps.method.Name == ""
	f.MethodMin, f.MethodMax = ps.method.MinDays, ps.method.MaxDays
	for _, n := range ps.numbers {
		if n.Role == order.RoleLastMile {
			if f.LastMileNumber == "" {
				f.LastMileNumber = n.Number
				if n.Carrier != "" {
					f.LocalCarrier = n.Carrier
				}
			}
		} else if f.Number == "" {
			f.Number, f.Carrier = n.Number, n.Carrier
		}
	}
	if f.Number == "" && len(ps.numbers) > 0 {
		f.Number, f.Carrier = ps.numbers[0].Number, ps.numbers[0].Carrier
	}
	if f.Number == "" && len(ps.entries) > 0 {
		f.Number = ps.entries[0].Number
	}
	f.Status = ps.status
	f.Stage = string(ps.stage)
	f.Detail, f.DetailCode = j.cat.Detail(ps.reason), ps.reason
	if e := ps.statusAt; e != nil {
		f.LastEvent = e.Text
	}
	if e := ps.last; e != nil {
		t := e.at.UTC()
		f.LastUpdate = &t
		f.DaysSilent = days(e.at, j.now)
		if f.LastEvent == "" {
			f.LastEvent = e.Text
		}
	}
	if ps.first != nil {
		f.DaysSinceShipment = days(ps.first.at, j.now)
	}
	f.DeliveredAt = ps.deliveredAt
	return f
}

// output is the public form of a parcel's state.
func (ps *parcelState) output(now time.Time) Parcel {
	p := Parcel{
		Numbers:  ps.numbers,
		Status:   ps.status,
		Reason:   ps.reason,
		Stage:    ps.stage,
		Timeline: make([]Event, 0, len(ps.entries)),
		Legs:     ps.legs(),
	}
	if p.Numbers == nil {
		p.Numbers = []order.ParcelNumber{}
	}
	if ps.last != nil {
		t := ps.last.at.UTC()
		p.LastUpdate = &t
		p.DaysSinceUpdate = ip(days(ps.last.at, now))
	}
	for _, e := range ps.entries {
		p.Timeline = append(p.Timeline, e.Event)
	}
	return p
}

// summary is the verdict in a sentence or two, with the protection deadline while it
// matters.
func (j *judge) summary(a Assessment) string {
	f := j.base
	if len(a.Reasons) > 0 {
		f.Headline = a.Reasons[0].Text
	}
	s := j.cat.Text("summary."+string(a.Verdict), &f)
	headlineIsProtection := len(a.Reasons) > 0 && reasonsOf(a.Reasons[0].Code).hasAny(protectionReasons)
	if a.Protection.Deadline != nil && !headlineIsProtection && !j.done(a.OrderStatus) && !j.o.Buyer.DisputeOpened && a.OrderStatus != taxonomy.InDispute {
		if a.Protection.Expired {
			s += j.cat.Text("summary.protection_expired", &f)
		} else {
			s += j.cat.Text("summary.protection", &f)
		}
	}
	return s
}

// confidence says how much the verdict can be trusted given what was known: the
// classifier's confidence in the status, and whether the method, the protection deadline,
// the order date and the events' times were known.
func (j *judge) confidence(focus *parcelState, methodKnown bool) float64 {
	c := 1.0
	if focus == nil {
		c *= 0.8
	} else {
		if focus.statusAt != nil {
			c *= 0.5 + 0.5*clamp01(focus.statusConf)
		} else if len(focus.entries) > 0 {
			c *= 0.5
		}
		if focus.noZone {
			c *= 0.95
		}
		if focus.untimed {
			c *= 0.9
		}
	}
	if !methodKnown {
		c *= 0.85
	}
	switch j.prot.Source {
	case SourceEstimated:
		c *= 0.9
	case "":
		c *= 0.8
	}
	if j.o.Date.IsZero() {
		c *= 0.95
	}
	return math.Round(c*100) / 100
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

// days counts whole days from one time to another; never negative.
func days(from, to time.Time) int {
	d := int(to.Sub(from) / (24 * time.Hour))
	if d < 0 {
		return 0
	}
	return d
}

func ip(n int) *int { return &n }
