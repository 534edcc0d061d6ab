// Package ordertest builds orders as JSON values for tests of every part that checks an
// order's limits (shared/order, server), so each can set any field of the limits table by its
// path. It works on plain JSON values and does not import package order.
package ordertest

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Base is an order with one of everything, so any field of the limits table can be set.
func Base() map[string]any {
	var m map[string]any
	src := `{"order_id": "8214937669763641", "items": [{"title": "t"}], "protection": {},
	  "parcels": [{"numbers": [{"number": "LP00123456789012"}], "events": [{"text": "accepted"}]}],
	  "buyer": {}, "promise": {"texts": ["Refund if no delivery"]}}`
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		panic(err)
	}
	return m
}

// walk returns the object that holds the last element of path, following the first entry of
// each list and making objects on the way.
func walk(m map[string]any, parts []string) map[string]any {
	cur := m
	for _, p := range parts {
		if name, ok := strings.CutSuffix(p, "[]"); ok {
			cur = cur[name].([]any)[0].(map[string]any)
			continue
		}
		if cur[p] == nil {
			cur[p] = map[string]any{}
		}
		cur = cur[p].(map[string]any)
	}
	return cur
}

// Set sets the field named by a table path ("parcels[].events[].location") in the first entry
// of each list; a path ending in "[]" (a list of strings) gets a list of one.
func Set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	cur := walk(m, parts[:len(parts)-1])
	last := parts[len(parts)-1]
	if name, ok := strings.CutSuffix(last, "[]"); ok {
		cur[name] = []any{v}
		return
	}
	cur[last] = v
}

// Fill makes the list at path ("parcels[].events") n copies of its first entry.
func Fill(m map[string]any, path string, n int) {
	parts := strings.Split(path, ".")
	cur := walk(m, parts[:len(parts)-1])
	last := parts[len(parts)-1]
	list, _ := cur[last].([]any)
	var first any = "a"
	if len(list) > 0 {
		first = list[0]
	}
	out := make([]any, n)
	for i := range out {
		out[i] = first
	}
	cur[last] = out
}

// Scripts are the texts Runes cuts from: 2-, 3- and 4-byte UTF-8 characters, and a
// right-to-left script.
var Scripts = []string{"cyrillic", "chinese", "hebrew", "emoji"}

// Runes is n characters cut from a text in script (one of Scripts).
func Runes(script string, n int) string {
	src := map[string]string{"cyrillic": "Сортировочный центр ", "chinese": "国际小包已揽收", "hebrew": "החבילה בדרך ", "emoji": "📦🚚"}[script]
	return string([]rune(strings.Repeat(src, n/utf8.RuneCountInString(src)+1))[:n])
}

// Field is the path of the first entry, as errors name it: "parcels[0].events[0].location".
func Field(path string) string { return strings.ReplaceAll(path, "[]", "[0]") }
