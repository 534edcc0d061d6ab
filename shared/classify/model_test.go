package classify

import (
	"bytes"
	"math"
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// TestExpTable: the logistic regression's exponentials, made by integer multiplication only,
// are e^(-x) to within a millionth of 1 over the table's whole range.
func TestExpTable(t *testing.T) {
	for i, v := range expTable {
		want := math.Exp(-float64(i)/256) * (1 << 24)
		if math.Abs(float64(v)-want) > 1<<24/1e6 {
			t.Fatalf("expTable[%d] = %d, want %.1f", i, v, want)
		}
	}
	for i := 1; i < len(expTable); i++ {
		if expTable[i] > expTable[i-1] {
			t.Fatalf("expTable rises at %d", i)
		}
	}
}

// TestTrainModelLearners: each learner, trained on a handful of labelled texts, reads them
// back and reads a new wording of the same words; training twice gives the same bytes.
func TestTrainModelLearners(t *testing.T) {
	rows := []vocabRow{
		{text: "parcel delivered to the recipient", label: taxonomy.Delivered},
		{text: "delivered to neighbour", label: taxonomy.Delivered},
		{text: "the item was delivered", label: taxonomy.Delivered},
		{text: "customs clearance in progress", label: taxonomy.Customs},
		{text: "held at customs for inspection", label: taxonomy.Customs},
		{text: "customs inspection started", label: taxonomy.Customs},
		{text: "returned to the sender", label: taxonomy.Returned},
		{text: "item returned to sender", label: taxonomy.Returned},
		{text: "parcel returned to the sender today", label: taxonomy.Returned},
	}
	for _, learner := range []int{learnerPerceptron, learnerLogistic} {
		saved := modelCfg
		modelCfg.learner = learner
		if modelCfg.rate == 0 {
			modelCfg.rate = 1
		}
		m := trainModel(rows)
		again := trainModel(rows)
		modelCfg = saved
		if !bytes.Equal([]byte(m.w), []byte(again.w)) {
			t.Errorf("learner %d: two trainings differ", learner)
		}
		check := func(text string, want taxonomy.ParcelStatus) {
			n, _ := normalize(nil, text)
			got, _, ok := m.predict(n)
			if !ok || got != want {
				t.Errorf("learner %d: predict(%q) = %s (read %v), want %s", learner, text, got, ok, want)
			}
		}
		for _, r := range rows {
			check(r.text, r.label)
		}
		check("delivered", taxonomy.Delivered)
		check("customs inspection", taxonomy.Customs)
		check("returned to the sender", taxonomy.Returned)
	}
}

// TestExampleWeights: the experiment's weights — a rare class weighs more under class balance
// (by the square root or in full), a row no rule matches and a rule's phrase take their own
// weights, and with every knob at 0 each example weighs 16 (the shipped training).
func TestExampleWeights(t *testing.T) {
	mk := func() []modelExample {
		ex := make([]modelExample, 0, 10)
		for i := 0; i < 8; i++ {
			ex = append(ex, modelExample{class: 0})
		}
		return append(ex, modelExample{class: 1, unmatched: true}, modelExample{class: 1, rule: true})
	}
	saved := modelCfg
	defer func() { modelCfg = saved }()
	ex := mk()
	setExampleWeights(ex, 2)
	for i, e := range ex {
		if e.weight != 16 {
			t.Errorf("shipped: example %d weighs %d, want 16", i, e.weight)
		}
	}
	// mean per class 5: class 0 (8 rows) 5/8, class 1 (2 rows) 5/2
	for _, tt := range []struct{ balance, w0, w1 int64 }{{1, 12, 25}, {2, 10, 40}} {
		modelCfg.balance = int(tt.balance)
		ex = mk()
		setExampleWeights(ex, 2)
		if ex[0].weight != tt.w0 || ex[8].weight != tt.w1 {
			t.Errorf("balance %d: weights %d, %d, want %d, %d", tt.balance, ex[0].weight, ex[8].weight, tt.w0, tt.w1)
		}
	}
	modelCfg.balance, modelCfg.unmatched, modelCfg.ruleWeight = 0, 48, 8
	ex = mk()
	setExampleWeights(ex, 2)
	if ex[0].weight != 16 || ex[8].weight != 48 || ex[9].weight != 8 {
		t.Errorf("unmatched 48, rules 8: weights %d, %d, %d, want 16, 48, 8", ex[0].weight, ex[8].weight, ex[9].weight)
	}
	for x := int64(0); x < 2000; x++ {
		if r := isqrt(x); r*r > x || (r+1)*(r+1) <= x {
			t.Fatalf("isqrt(%d) = %d", x, r)
		}
	}
}

// The words a negator reaches are features of their own, up to modelNegReach words and not
// across a clause break: "not delivered" does not share "delivered"'s word feature, "not. delivered"
// and "delivered" do.
func TestModelNegation(t *testing.T) {
	saved := modelCfg
	defer func() { modelCfg = saved }()
	modelCfg.negate = true // what is tested, whatever the shipped model's choice
	feats := func(s string) map[uint32]bool {
		n, _ := normalize(nil, s)
		var buf [modelMaxFeatures]uint32
		m := map[uint32]bool{}
		for _, f := range buf[:modelWordFeats(n, buf[:], 0)] {
			m[f] = true
		}
		return m
	}
	shares := func(a, b string) bool {
		fb := feats(b)
		for f := range feats(a) {
			if fb[f] {
				return true
			}
		}
		return false
	}
	if shares("not delivered", "delivered") {
		t.Error(`"not delivered" shares a word feature with "delivered"`)
	}
	if !shares("not. delivered", "delivered") {
		t.Error(`a clause break did not end the negator's reach`)
	}
	if !shares("not one two three delivered", "delivered") {
		t.Errorf("the reach went past %d words", modelNegReach)
	}
	if shares("nie doręczono", "doręczono") || shares("не вручено", "вручено") {
		t.Error("the Polish or Russian negator was not read")
	}
}
