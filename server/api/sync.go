package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
)

type pushIn struct {
	DeviceID  string       `json:"device_id"`
	Mutations []mutationIn `json:"mutations"`
}

type mutationIn struct {
	MutationID  string          `json:"mutation_id"`
	OrderID     string          `json:"order_id"`
	BaseVersion *int64          `json:"base_version"`
	Op          string          `json:"op"`
	Data        json.RawMessage `json:"data"`
}

type pushOut struct {
	Results []resultOut `json:"results"`
}

// resultOut is the outcome of one mutation.
type resultOut struct {
	MutationID        string       `json:"mutation_id"`
	Status            string       `json:"status"`
	Version           int64        `json:"version,omitempty"`
	Merged            bool         `json:"merged,omitempty"`
	ConflictingFields []string     `json:"conflicting_fields,omitempty"`
	Row               *rowOut      `json:"row,omitempty"` // conflict: the server's row; null when absent
	Error             *errorDetail `json:"error,omitempty"`
}

// decodePush reads and validates a whole push. Any invalid mutation fails the whole batch
// with 400 and nothing applied (shared/DESIGN.md §5): a client bug shows
// at once instead of as a half-applied batch.
func decodePush(body []byte) (deviceID string, muts []server.Mutation, err error) {
	var in pushIn
	if err := decodeStrict(body, &in); err != nil {
		return "", nil, err
	}
	if err := server.ValidateClientID("device_id", in.DeviceID); err != nil {
		return "", nil, err
	}
	if in.Mutations == nil {
		return "", nil, server.Errorf(server.EINVALID, "mutations is required.")
	}
	if len(in.Mutations) > server.MaxPushMutations {
		return "", nil, server.Errorf(server.EINVALID, "A push carries at most %d mutations.", server.MaxPushMutations)
	}
	muts = make([]server.Mutation, len(in.Mutations))
	for i, m := range in.Mutations {
		mu, err := decodeMutation(m)
		if err != nil {
			return "", nil, server.Errorf(server.EINVALID, "mutations[%d]: %s", i, server.ErrorMessage(err))
		}
		muts[i] = mu
	}
	return in.DeviceID, muts, nil
}

func decodeMutation(m mutationIn) (server.Mutation, error) {
	var mu server.Mutation
	if err := server.ValidateClientID("mutation_id", m.MutationID); err != nil {
		return mu, err
	}
	if err := server.ValidateOrderID(m.OrderID); err != nil {
		return mu, err
	}
	if m.BaseVersion == nil || *m.BaseVersion < 0 {
		return mu, server.Errorf(server.EINVALID, "base_version must be a version number, 0 for a new order.")
	}
	mu = server.Mutation{ID: m.MutationID, OrderID: m.OrderID, BaseVersion: *m.BaseVersion, Op: server.Op(m.Op)}
	switch mu.Op {
	case server.OpUpsert:
		if m.Data == nil || isNull(m.Data) {
			return mu, server.Errorf(server.EINVALID, "data is required for an upsert ({} for an order known only by its id).")
		}
		p, err := decodePatch(m.OrderID, m.Data)
		if err != nil {
			return mu, err
		}
		mu.Patch = p
	case server.OpDelete:
		if m.Data != nil && !isNull(m.Data) && strings.TrimSpace(string(m.Data)) != "{}" {
			return mu, server.Errorf(server.EINVALID, "a delete carries no data.")
		}
		m.Data = nil
	default:
		return mu, server.Errorf(server.EINVALID, `op must be "upsert" or "delete".`)
	}
	mu.Fingerprint = fingerprint(m.OrderID, mu.Op, mu.BaseVersion, m.Data)
	return mu, nil
}

func toResultOut(r server.MutationResult) resultOut {
	out := resultOut{MutationID: r.MutationID, Status: r.Status, Version: r.Version, Merged: r.Merged, ConflictingFields: r.ConflictingFields}
	if r.Row != nil {
		row := toRowOut(r.Row)
		out.Row = &row
	}
	if r.Err != nil {
		out.Error = &errorDetail{Code: r.Err.Code, Message: r.Err.Message}
	}
	return out
}

func (s *Server) handlePush(c echo.Context) error {
	if err := requireJSON(c); err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	deviceID, muts, err := decodePush(body)
	if err != nil {
		return err
	}
	results, err := s.orders.Push(c.Request().Context(), userOf(c), deviceID, muts, s.cfg.Now())
	if err != nil {
		return err
	}
	out := pushOut{Results: make([]resultOut, len(results))}
	for i, r := range results {
		out.Results[i] = toResultOut(r)
	}
	return c.JSON(http.StatusOK, out)
}

// Pull page sizes.
const (
	DefaultPullLimit = 100
	MaxPullLimit     = 500
)

// ParseCursor reads a pull cursor: a non-negative decimal int64 without sign, exponent or
// leading zeros, so that every accepted cursor has exactly one spelling.
func ParseCursor(s string) (int64, error) {
	bad := server.Errorf(server.EINVALID, "since must be a non-negative whole number.")
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return 0, bad
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, bad
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, bad
	}
	return v, nil
}

// parseLimit reads a page size and clamps it to 1..MaxPullLimit.
func parseLimit(s string) (int, error) {
	if s == "" {
		return DefaultPullLimit, nil
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, server.Errorf(server.EINVALID, "limit must be a whole number.")
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v > MaxPullLimit {
		return MaxPullLimit, nil // all digits but huge
	}
	return max(int(v), 1), nil
}

type pullOut struct {
	Changes []rowOut `json:"changes"`
	Cursor  int64    `json:"cursor"` // pass as since to get the next page
	HasMore bool     `json:"has_more"`
}

func (s *Server) handlePull(c echo.Context) error {
	var since int64
	if q := c.QueryParam("since"); q != "" || c.QueryParams().Has("since") {
		v, err := ParseCursor(q)
		if err != nil {
			return err
		}
		since = v
	}
	limit, err := parseLimit(c.QueryParam("limit"))
	if err != nil {
		return err
	}
	page, err := s.orders.Changes(c.Request().Context(), userOf(c), since, limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, pullOut{Changes: toRowsOut(page.Changes), Cursor: page.Cursor, HasMore: page.HasMore})
}
