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
	})
}
