package api_test

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// TestLongScriptsRoundTrip: the order with long Cyrillic, Chinese and Hebrew fields that the
// core and the extension tests share (shared/order/testdata/long_scripts.json) is pushed over
// loopback and pulled back unchanged, on each database. Its long fields are within the limits
// table in characters and over the old limits in bytes.
func TestLongScriptsRoundTrip(t *testing.T) {
	b, err := os.ReadFile("../../shared/order/testdata/long_scripts.json")
	if err != nil {
		t.Fatal(err)
	}
	var sent map[string]any
	if err := json.Unmarshal(b, &sent); err != nil {
		t.Fatal(err)
	}
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		id, _ := sent["order_id"].(string)
		res := e.push(tk.AccessToken, mut(newMutationID(), id, 0, "upsert", `{"order":`+string(b)+`}`))
		if res[0].Status != "applied" {
			t.Fatalf("push = %+v", res[0])
		}
		p := e.pull(tk.AccessToken, "?since=0")
		if len(p.Changes) != 1 {
			t.Fatalf("pull = %+v", p)
		}
		var data struct {
			Order map[string]any `json:"order"`
		}
		if err := json.Unmarshal(p.Changes[0].Data, &data); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(data.Order, sent) {
			got, _ := json.Marshal(data.Order)
			t.Errorf("pulled order differs from the pushed one:\n got %.400s", got)
		}
	})
}
