package classify

import "testing"

// TestCarrierPhrasingEnglish17 holds rules/en.txt (session 16) to three classes of wording that
// rules written for one carrier each had read wrong on other carriers' texts: "delivered to" a
// parcel terminal, self-service terminal or collection counter is waiting to be collected;
// "delivered to" a partner or a postal service is a handover inside the network; "handed over
// to" the recipient without an article is a delivery. Written from how carriers word things.
func TestCarrierPhrasingEnglish17(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "pickup_ready", "Parcel delivered to parcel terminal"},
		{"en", "pickup_ready", "Your parcel has been delivered to the parcel terminal"},
		{"en", "pickup_ready", "Shipment delivered to a self service terminal"},
		{"en", "pickup_ready", "The item was delivered to the collection counter"},
		{"en", "pickup_ready", "Package delivered to the parcel counter of the post office"},
		{"en", "in_transit", "Parcel delivered to our partner for final delivery"},
		{"en", "in_transit", "Shipment delivered to the delivery partner"},
		{"en", "in_transit", "Item delivered to the local postal service"},
		{"en", "in_transit", "Delivered to postal partner"},
		{"en", "delivered", "Handed over to recipient"},
		{"en", "delivered", "Parcel handed over to consignee"},
		{"en", "delivered", "Shipment handed over to receiver at the door"},
		{"en", "delivered", "Delivered to the recipient in person"},
	})
}
