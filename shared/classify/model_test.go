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
