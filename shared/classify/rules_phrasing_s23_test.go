package classify

import "testing"

// TestCarrierPhrasingSession23: session 23's classes, each as the general wording it stands
// for, with the neighbours that must keep their status.
func TestCarrierPhrasingSession23(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Danish freight terminals: a shortage, a broken-off tour, a failed collection.
		{"da", "exception", "Manko ved udlevering"},
		{"da", "exception", "Mankoen er registreret på terminalen"},
		{"da", "exception", "Turen afbrudt pga. vejret"},
		{"da", "exception", "Forgæves afhentning hos afsender"},
		{"da", "delivery_failed", "Forgæves leveringsforsøg, ingen hjemme"},
		// A delivery confirmed or scanned.
		{"da", "delivered", "Leveringen er bekræftet af chaufføren"},
		{"da", "delivered", "Leveringsscan foretaget"},
		{"da", "in_transit", "Forventet levering i morgen"},
		// A planned shipment is data only; a planned delivery is not.
		{"da", "info_received", "Forsendelsen er planlagt"},
		{"da", "in_transit", "Levering er planlagt til fredag"},
		// Set down in a warehouse or terminal: moving; set down at the door: delivered.
		{"da", "in_transit", "Stillet på lagerområde"},
		{"da", "in_transit", "Stillet på terminalen i Taastrup"},
		{"da", "delivered", "Pakken er stillet ved hoveddøren"},
		// en: the courier still being found or picking up at the sender; a pending pickup or handover.
		{"en", "info_received", "We are looking for a courier for your shipment"},
		{"en", "info_received", "Courier is picking up your parcel"},
		{"en", "info_received", "Pending pick up"},
		{"en", "info_received", "Pending handover to the carrier"},
		{"en", "out_for_delivery", "Courier is on the way to you"},
		{"en", "accepted", "Parcel picked up by the courier"},
		// A collection from the sender that failed is a problem; the recipient not collecting is unclaimed.
		{"en", "exception", "Courier failed to collect the parcel"},
		{"en", "exception", "Recipient failed to collect the parcel"},
		{"en", "pickup_ready", "Ready to collect at the post office"},
		// Held up: held; at customs, a customs hold.
		{"en", "customs_held", "Your package is held up at customs"},
		{"en", "exception", "Shipment held up due to operational reasons"},
		{"en", "customs", "Customs clearance in progress"},
		// The parcel has returned: returned; will be returned: returning.
		{"en", "returned", "Consignment has returned to origin"},
		{"en", "returning", "The parcel will be returned to the sender"},
		{"en", "returning", "Reverse pickup completed"},
		// Left an acceptance point; arrived at a collection point.
		{"en", "in_transit", "Left acceptance point"},
		{"en", "pickup_ready", "Arrived at collection point"},
		// A delivery recorded or signed; a signature asked for is no status.
		{"en", "delivered", "Delivery recorded"},
		{"en", "delivered", "Delivered, signature obtained"},
		{"en", "unknown", "Signature required"},
		{"en", "delivery_failed", "Delivery attempted: adult signature required"},
		// A tracker with no data yet.
		{"en", "unknown", "We have not yet received tracking information for this order"},
		{"en", "info_received", "Shipment information received"},
		// 17TRACK's sub-status names passed on as the text.
		{"en", "departed_origin", "InTransit_Departure"},
		{"en", "arrived_destination", "InTransit_Arrival"},
		{"en", "delivery_failed", "Exception_NoBody"},
		{"en", "delivery_failed", "Exception_Rejected"},
		{"en", "returned", "Exception_Returned"},
		{"en", "returning", "Exception_Returning"},
		{"en", "customs_held", "InTransit_CustomsRequiringInformation"},
		{"en", "in_transit", "InTransit_Other"},
		// pt: received by / departing with the airline.
		{"pt", "departed_origin", "Recebido pela companhia aérea"},
		{"pt", "departed_origin", "Partida da companhia aérea"},
		{"pt", "exception", "Recusado pela companhia aérea"},
		// id: a courier still searched for, a pickup being scheduled.
		{"id", "info_received", "Mencarikan kurir untuk penjemputan paketmu"},
		{"id", "info_received", "Penjadwalan penjemputan paket"},
		{"id", "accepted", "Paket telah dijemput kurir"},
		// el: has been returned (perfect) vs is being returned.
		{"el", "returned", "Το δέμα έχει επιστραφεί"},
		{"el", "returning", "Το δέμα επιστρέφεται στον αποστολέα"},
		// nb: Bring's event names as words.
		{"no", "delivery_failed", "FORSØKT_UTLEVERT"},
		{"no", "delivered", "UTLEVERT"},
		{"no", "pickup_ready", "VARSEL_SENDT"},
		// de: in the course of today.
		{"de", "out_for_delivery", "Das Paket wird voraussichtlich im Laufe des Tages zugestellt"},
		{"de", "in_transit", "Das Paket wird voraussichtlich morgen zugestellt"},
		// pl: collected from the sender's parcel machine.
		{"pl", "accepted", "Przesyłka została podjęta z maszyny przez kuriera"},
		{"pl", "delivered", "Przesyłka odebrana z paczkomatu przez odbiorcę"},
	})
}
