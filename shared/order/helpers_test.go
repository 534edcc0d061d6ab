package order

import "encoding/json"

func jsonMarshal(o Order) ([]byte, error) { return json.Marshal(o) }
