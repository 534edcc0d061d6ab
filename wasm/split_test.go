package main

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"testing"
	"time"
)

// splitArray agrees with encoding/json: on every input it accepts whose elements are all valid
// JSON, encoding/json reads the same elements (RawMessage bytes); and on an input encoding/json
// refuses, splitArray refuses or yields an element that is not valid JSON (which sends
// AssessOrders down the encoding/json path).
func TestSplitArrayAgreesWithEncodingJSON(t *testing.T) {
	seeds := []string{
		`[]`, ` [ ] `, `[{}]`, "[\n{\"a\":1} ,\t{\"b\":[1,2,{\"c\":\"]\"}]}\r\n]", `[{"s":"a\"b\\"},{"t":"}{]["}]`,
		`[1,2]`, `[null]`, `[[],[[]]]`, `["x"]`, `[{"a":1},]`, `[,{"a":1}]`, `[{"a":1}{"b":2}]`, `[{"a":1}}]`,
		`[{"a":1}]]`, `[{"a":1}] x`, `[{"a":"unterminated}]`, `{"a":[1]}`, `null`, ``, `[`, `]`, `[{"a":tru}]`,
		`[{"a":1},,{"b":2}]`, `[ {"a":"\u00e9"} , {"b":-1.5e3} ]`, `[{"a":1}] [`, `[{"a":"\x01"}]`,
	}
	rng := rand.New(rand.NewSource(7))
	alphabet := []byte(`[]{},:"\ a1 -.e`)
	var cases []string
	for _, s := range seeds {
		cases = append(cases, s)
		for k := 0; k < 200 && len(s) > 0; k++ { // one-byte mutations of every seed
			b := []byte(s)
			switch rng.Intn(3) {
			case 0:
				b[rng.Intn(len(b))] = alphabet[rng.Intn(len(alphabet))]
			case 1:
				i := rng.Intn(len(b))
				b = append(b[:i], b[i+1:]...)
			default:
				i := rng.Intn(len(b) + 1)
				b = append(b[:i], append([]byte{alphabet[rng.Intn(len(alphabet))]}, b[i:]...)...)
			}
			cases = append(cases, string(b))
		}
	}
	accepted := 0
	for _, c := range cases {
		elems, ok := splitArray(c)
		allValid := ok
		for _, e := range elems {
			allValid = allValid && json.Valid([]byte(e))
		}
		var msgs []json.RawMessage
		err := json.Unmarshal([]byte(c), &msgs)
		isArray := err == nil && msgs != nil
		if allValid != isArray {
			t.Errorf("%q: splitArray ok=%v (elements valid: %v), encoding/json array=%v (%v)", c, ok, allValid, isArray, err)
			continue
		}
		if !allValid {
			continue
		}
		accepted++
		if len(elems) != len(msgs) {
			t.Errorf("%q: %d elements, encoding/json %d", c, len(elems), len(msgs))
			continue
		}
		for i := range elems {
			if elems[i] != string(msgs[i]) {
				t.Errorf("%q: element %d %q, encoding/json %q", c, i, elems[i], msgs[i])
			}
		}
	}
	if accepted < 100 {
		t.Errorf("only %d of %d cases were arrays: the mutations say too little", accepted, len(cases))
	}
}

// An order the core refuses sends the batch down the encoding/json path, which answers as
// before: the error element in its place, the good orders assessed.
func TestAssessOrdersFastAndSlowPathsAgree(t *testing.T) {
	account, _, err := generateAccount(5)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 20, 9, 30, 0, 0, time.UTC)
	good := "[" + string(joinJSON(account)) + "]"
	fast, err := AssessOrders([]byte(good), now)
	if err != nil {
		t.Fatal(err)
	}
	orders, errs, err := decodeOrders([]byte(good))
	if err != nil || len(errs) != len(account) || len(orders) != len(account) {
		t.Fatalf("decodeOrders: %d elements, %d orders, %v", len(errs), len(orders), err)
	}
	for i, e := range errs {
		if e != nil {
			t.Fatalf("order %d: %v", i, e)
		}
	}
	// The same orders with white space around and one refused order in the middle.
	mixed := " [ " + string(account[0]) + " ,\n" + `{"store":"no id"}` + "," + string(joinJSON(account[1:])) + " ] "
	got, err := AssessOrders([]byte(mixed), now)
	if err != nil {
		t.Fatal(err)
	}
	var a, b []json.RawMessage
	if err := json.Unmarshal(fast, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		t.Fatal(err)
	}
	if len(b) != len(a)+1 || !bytes.Contains(b[1], []byte(`"error"`)) {
		t.Fatalf("mixed batch: %d elements (want %d), second %s", len(b), len(a)+1, b[1])
	}
	b = append(b[:1], b[2:]...)
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("order %d differs between the two paths", i)
		}
	}
}
