package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/orderwatch/orderwatch/server"
)

type ordersOut struct {
	Orders []rowOut `json:"orders"`
}

// orderParam reads and validates the {order_id} path parameter.
func orderParam(c echo.Context) (string, error) {
	id := c.Param("order_id")
	if err := server.ValidateOrderID(id); err != nil {
		return "", err
	}
	return id, nil
}

// ifMatch reads an optional If-Match header carrying the version the client saw, as the
// ETag of GET gives it ("12" or 12). Absent: nil, write on the current version.
func ifMatch(c echo.Context) (*int64, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return nil, nil
	}
	v, err := ParseCursor(strings.TrimPrefix(strings.Trim(h, `"`), "W/"))
	if err != nil {
		return nil, server.Errorf(server.EINVALID, "If-Match must be the order's version.")
	}
	return &v, nil
}

func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

func (s *Server) handleListOrders(c echo.Context) error {
	rows, err := s.orders.FindOrders(c.Request().Context(), userOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ordersOut{Orders: toRowsOut(rows)})
}

func (s *Server) handleGetOrder(c echo.Context) error {
	id, err := orderParam(c)
	if err != nil {
		return err
	}
	row, err := s.orders.FindOrder(c.Request().Context(), userOf(c), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(row.Version))
	return c.JSON(http.StatusOK, toRowOut(row))
}

// handlePutOrder changes fields of an existing order; the body is sync record data (absent
// fields unchanged). Creating orders is the push's job, so an unknown id is 404.
func (s *Server) handlePutOrder(c echo.Context) error {
	id, err := orderParam(c)
	if err != nil {
		return err
	}
	base, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := requireJSON(c); err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	p, err := decodePatch(id, body)
	if err != nil {
		return err
	}
	row, err := s.orders.Write(c.Request().Context(), userOf(c), id, server.OpUpsert, base, p, s.cfg.Now())
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(row.Version))
	return c.JSON(http.StatusOK, toRowOut(row))
}

// handleDeleteOrder leaves a tombstone that pulls carry to the other browsers. A deleted or
// unknown order is 404, so deleting twice answers 204 then 404.
func (s *Server) handleDeleteOrder(c echo.Context) error {
	id, err := orderParam(c)
	if err != nil {
		return err
	}
	base, err := ifMatch(c)
	if err != nil {
		return err
	}
	if _, err := s.orders.Write(c.Request().Context(), userOf(c), id, server.OpDelete, base, server.Patch{}, s.cfg.Now()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
