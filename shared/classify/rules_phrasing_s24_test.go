package classify

import "testing"

// TestCarrierPhrasingSession24: the classes session 24 read in its first-sight set 22's misses,
// each as the general wording it stands for (paraphrased), with neighbours that keep their status.
func TestCarrierPhrasingSession24(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Cash on delivery is a payment method: not the round; the payment collected is delivered.
		{"en", "delivered", "COD payment received from the customer"},
		{"en", "delivered", "Cash on delivery payment has been collected"},
		{"en", "out_for_delivery", "Parcel is on delivery with our courier"},
		{"en", "info_received", "Order placed with cash on delivery"},
		// A van named with the courier or the delivery is the round.
		{"en", "out_for_delivery", "Your parcel is in the courier van heading to you"},
		{"en", "out_for_delivery", "Loaded into the delivery van"},
		// Another attempt announced: this one failed.
		{"en", "delivery_failed", "Another attempt will be made tomorrow"},
		{"en", "delivery_failed", "We will reattempt delivery on the next working day"},
		// Not yet delivered is under way; past the promised date it is late.
		{"en", "in_transit", "Your item has not yet been delivered"},
		{"en", "exception", "Not delivered yet and now past the expected delivery date"},
		{"en", "delivery_failed", "Item not delivered - addressee absent"},
		// A city of delivery is a place on the way.
		{"en", "in_transit", "Arrived at the delivery city hub"},
		{"en", "in_transit", "Shipment arrived in delivery city"},
		// A failed collection at the sender is a problem.
		{"en", "exception", "Our driver tried to pick up your parcel but couldn't reach the sender"},
		{"en", "exception", "Courier could not pick up the parcel from the shop"},
		// An intermediate country is a transit country.
		{"ru", "arrived_transit", "Посылка прибыла в промежуточную страну"},
		{"ru", "arrived_transit", "Поступило в промежуточную страну транзита"},
		// Hindi: made to reach is delivered; reached alone is on the way.
		{"hi", "delivered", "आपका पार्सल पहुंचा दिया गया है"},
		{"hi", "delivered", "ग्राहक को पार्सल पहुंचा दिया"},
	})
}

// TestCarrierPhrasingSession24b: classes read in the twenty-third set's misses after it was
// measured, paraphrased, with neighbours.
func TestCarrierPhrasingSession24b(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "returned", "Parcel delivered at shipper after return"},
		{"en", "returned", "Delivered to the sender"},
		{"en", "delivered", "Left with an individual at the address"},
		{"en", "pickup_ready", "Your parcel arrived at the delivery point in Leeds"},
		{"en", "delivered", "Delivered to the recipient"},
		{"it", "out_for_delivery", "Il pacco è fuori per la consegna"},
		{"vi", "returning", "Đơn hàng đang hoàn về người gửi"},
		{"vi", "returned", "Đã hoàn hàng cho shop"},
		{"vi", "delivered", "Đã giao hàng thành công"},
		{"id", "info_received", "Kurir sedang dalam perjalanan menuju toko"},
		{"id", "returning", "Kurir mengembalikan paket ke penjual"},
		{"id", "out_for_delivery", "Kurir dalam perjalanan ke alamat pembeli"},
	})
}

// The shipper named elsewhere in a delivered text does not make it a return.
func TestCarrierPhrasingSession24Shipper(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "delivered", "Delivered to the customer. Shipper: ACME Ltd"},
		{"en", "delivered", "Delivered to recipient, thank you for shopping with this seller"},
	})
}
