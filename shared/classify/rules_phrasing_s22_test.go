package classify

import "testing"

// TestCarrierPhrasingSession22: the classes of the eighteenth set's first-sight misses, each as
// the general wording it stands for, with the neighbours that must keep their status.
func TestCarrierPhrasingSession22(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// A courier on the way to the sender has not collected anything yet.
		{"en", "info_received", "Courier is on the way to pickup your parcel"},
		{"en", "info_received", "Driver on the way to collect the shipment"},
		{"en", "out_for_delivery", "Courier is on the way to you"},
		// Pending pick-up is not a pick-up.
		{"en", "info_received", "Label created, pending pick up by DPD"},
		{"en", "accepted", "Shipment pick up by DPD"},
		// A forecast of delivery.
		{"en", "in_transit", "Your parcel should be delivered within 3 days"},
		{"en", "in_transit", "Item expected to be delivered on Monday"},
		{"en", "delivered", "Your parcel was delivered"},
		// Customs that prohibit the import hold the parcel; paperwork in progress is clearance.
		{"en", "customs_held", "Import prohibited by customs"},
		{"en", "customs_held", "Item prohibited by customs regulations"},
		{"en", "exception", "Prohibited item, cannot be carried"},
		{"en", "customs", "Customs: document processing"},
		{"en", "customs", "Customs clearance: preparing documents"},
		{"en", "customs_held", "Customs: documents required from the recipient"},
		{"en", "customs_held", "Customs documents missing"},
		// The point of issue is a pickup point.
		{"en", "pickup_ready", "Ready for pick up at the point of issue"},
		{"en", "pickup_ready", "Parcel arrived at the point of issue"},
		{"en", "exception", "Issue with the parcel, contact support"},
		// A parcel terminal.
		{"en", "pickup_ready", "Parcel arrived at the postomat"},
		{"en", "pickup_ready", "Arrived at the parcel locker"},
		// The recipient could not be contacted.
		{"en", "delivery_failed", "Customer not contactable"},
		{"en", "delivery_failed", "No such consignee at this address"},
		// A return at its end.
		{"en", "returned", "Order successfully returned to the merchant"},
		{"en", "returning", "Return to sender initiated"},
		{"es", "returned", "Devolución exitosa"},
		{"es", "returning", "En devolución al remitente"},
		{"es", "delivery_failed", "Domicilio sin moradores"},
		// Handed to the courier to be delivered.
		{"en", "out_for_delivery", "Given to the courier to be delivered"},
		{"en", "in_transit", "Shipment will be delivered to the pickup point"},
		{"id", "delivery_failed", "Antar gagal, penerima tidak ada"},
	})
}

// TestCarrierPhrasingKoreanNoData22: a Korean courier's "nothing found" notice, in the words of
// the nineteenth set's pages and others alike, carries no status; a stage beside no such words
// keeps its own.
func TestCarrierPhrasingKoreanNoData22(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"ko", "unknown", "조회 결과가 없습니다"},
		{"ko", "unknown", "입력하신 송장번호의 배송 내역이 없습니다"},
		{"ko", "unknown", "배송정보를 조회할 수 없습니다"},
		{"ko", "unknown", "해당 송장의 자료가 없습니다"},
		{"ko", "unknown", "배송 정보를 찾을 수 없습니다"},
		{"ko", "delivered", "배송완료"},
		{"ko", "out_for_delivery", "배송출발"},
	})
}
