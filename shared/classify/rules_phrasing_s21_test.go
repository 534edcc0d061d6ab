package classify

import "testing"

// TestCarrierPhrasingUnknownAsReason21: session 21 took "unknown beside an address or a
// recipient" to the languages session 20 had not (a Japan Post text of the sixteenth set split
// "あて所" and "不明" with a particle).
func TestCarrierPhrasingUnknownAsReason21(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"ja", "exception", "あて所が不明のため"},
		{"ja", "exception", "宛先が不明です"},
		{"sv", "delivery_failed", "Adressaten okänd"},
		{"sv", "delivery_failed", "Okänd adressat"},
		{"vi", "delivery_failed", "Người nhận không xác định"},
		{"id", "exception", "Alamat tidak dikenal"},
		{"id", "delivery_failed", "Penerima tidak dikenal"},
		{"sv", "unknown", "Okänd"},
	})
}

// TestCarrierPhrasingNoInformationYet21: "no information yet" with the words apart (a Russian
// notice of the sixteenth set put "информации" and "нет" at the two ends) is a notice, not a
// stage; "not yet" with a stage verb keeps its stage.
func TestCarrierPhrasingNoInformationYet21(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"ru", "unknown", "Данных по отправлению пока нет"},
		{"ru", "unknown", "Сведений об отправлении пока нет"},
		{"uk", "unknown", "Інформації про посилку поки немає"},
		{"pl", "unknown", "Nie ma jeszcze informacji o przesyłce"},
		{"fr", "unknown", "Pas encore d'informations sur votre colis"},
		{"pt", "unknown", "Não há informações sobre este objeto"},
		{"pt", "unknown", "Ainda não há informações sobre o objeto"},
		{"fr", "info_received", "Votre colis n'a pas encore été pris en charge"},
		{"ru", "delivery_failed", "Не удалось вручить, адресата нет дома"},
	})
}

// TestCarrierPhrasingMisrouted21: a routing error is a problem, though "encaminhamento" alone
// is movement (the CTT event "Erro de Encaminhamento" of the sixteenth set read as in transit).
func TestCarrierPhrasingMisrouted21(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"pt", "exception", "Erro de encaminhamento"},
		{"pt", "exception", "Objeto encaminhado incorretamente"},
		{"pt", "in_transit", "Objeto em encaminhamento"},
		{"es", "exception", "Error de encaminamiento"},
	})
}

// TestCarrierPhrasingOnTheVan21: in British carriers' wording a parcel "on the van" is out for
// delivery (a probe of standard wording found it left to the fallback model).
func TestCarrierPhrasingOnTheVan21(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"en", "out_for_delivery", "Your parcel is on the van"},
		{"en", "out_for_delivery", "Your parcel is on our van and will be with you today"},
		{"en", "delivery_failed", "Your parcel was on the van but we could not deliver it"},
	})
}
