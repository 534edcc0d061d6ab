package classify

import "testing"

// TestCarrierPhrasingUnknownAsReason20: session 20's review. Every language now reads a bare
// "unknown" as a notice with no status; beside a recipient or an address it is the reason a
// delivery failed (the UPU reason "addressee unknown" in the carriers' wordings), and a notice
// alone stays unknown.
func TestCarrierPhrasingUnknownAsReason20(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "delivery_failed", "Consignee unknown"},
		{"en", "delivery_failed", "Unknown consignee"},
		{"en", "delivery_failed", "Receiver unknown"},
		{"en", "delivery_failed", "Delivery attempted - unknown recipient"},
		{"en", "exception", "Unknown address"},
		{"en", "exception", "Error in address, please contact the carrier"},
		{"en", "unknown", "Status unknown"},
		{"en", "unknown", "Unknown"},
		{"de", "delivery_failed", "Unbekannter Empfänger"},
		{"de", "exception", "Adresse unbekannt"},
		{"de", "exception", "Unbekannte Anschrift"},
		{"de", "unknown", "Unbekannt"},
		{"ru", "delivery_failed", "Получатель неизвестен"},
		{"ru", "delivery_failed", "Неизвестный получатель"},
		{"ru", "exception", "Неизвестный адрес"},
		{"ru", "exception", "Адрес неизвестен"},
		{"ru", "unknown", "Статус неизвестен"},
		{"uk", "delivery_failed", "Невідомий одержувач"},
		{"uk", "delivery_failed", "Отримувач невідомий"},
		{"uk", "delivery_failed", "Адресат невідомий"},
		{"uk", "exception", "Невідома адреса"},
		{"uk", "unknown", "Невідомо"},
		{"bg", "exception", "Адрес неизвестен"},
		{"pt", "exception", "Endereço desconhecido"},
		{"pt", "unknown", "Desconhecido"},
		{"tr", "delivery_failed", "Alıcı bilinmiyor"},
		{"tr", "exception", "Bilinmeyen adres"},
		{"tr", "exception", "Adres bilinmiyor"},
	})
}

// TestCarrierPhrasingHeldForCollection20: held at a named place "for collection" waits for the
// recipient (a probe of standard postal wording found the delivery office's movement rule
// deciding it).
func TestCarrierPhrasingHeldForCollection20(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "pickup_ready", "Item held at delivery office for collection"},
		{"en", "pickup_ready", "Parcel held at depot for collection"},
		{"en", "pickup_ready", "Item held at delivery office"},
		{"en", "exception", "Held at facility"},
		{"en", "returning", "Held at the depot for return to sender collection"},
	})
}

// TestCarrierPhrasingProbes20: the rest of session 20's probes of standard English wording: the
// active "we could not deliver", a stated delay over "not delivered yet", and a parcel not found
// at a named place (which a Hungarian stem, "depo*", had read as movement).
func TestCarrierPhrasingProbes20(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "delivery_failed", "We could not deliver your parcel today"},
		{"en", "delivery_failed", "We couldn't deliver your parcel"},
		{"en", "exception", "Courier cannot deliver, address incomplete"},
		{"en", "exception", "Your parcel has not been delivered yet due to a delay"},
		{"en", "exception", "Parcel not found at depot"},
		{"en", "exception", "Package not found in warehouse"},
		{"en", "unknown", "Tracking number not found"},
		{"en", "returning", "We could not deliver your parcel, it will be returned to sender"},
		{"en", "customs_held", "Import clearance failure"},
		{"en", "customs_held", "Import customs clearance unsuccessful"},
		{"en", "returning", "Customs clearance failure, returning to sender"},
	})
}

// TestCarrierPhrasingGermanActive20: the active "we could not deliver / find you" of German and
// Finnish, as their passives.
func TestCarrierPhrasingGermanActive20(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"de", "delivery_failed", "Wir konnten Ihr Paket heute nicht zustellen"},
		{"de", "delivery_failed", "Wir konnten Sie leider nicht antreffen"},
		{"de", "delivery_failed", "Der Zusteller konnte das Paket nicht übergeben"},
		{"de", "delivery_failed", "Wir konnten die Sendung nicht ausliefern"},
		{"fi", "delivery_failed", "Emme voineet toimittaa lähetystä"},
		{"fi", "delivery_failed", "Emme pystyneet toimittamaan pakettiasi tänään"},
	})
}
