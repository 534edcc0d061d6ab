package classify

import "testing"

// TestCarrierPhrasingBaltic15 holds the phrase rules to how the carriers of Lithuania (Lietuvos
// paštas / LP Express, Omniva LT, DPD Lietuva, Venipak), Latvia (Latvijas Pasts, Omniva LV, DPD
// Latvija), Estonia (Omniva / Eesti Post, DPD Eesti, Smartposti) and Finland (Posti,
// Matkahuolto) word each stage. Written from how these carriers word their events in general,
// not copied from any rows.
func TestCarrierPhrasingBaltic15(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Lithuanian: data received
		{"lt", "info_received", "Gauta elektroninė informacija apie siuntą"},
		{"lt", "info_received", "Siuntėjas paruošė siuntą, laukiama jos pristatymo į paštą"},
		{"lt", "info_received", "Siuntos duomenys užregistruoti sistemoje"},
		{"lt", "info_received", "Siunta dar nepasiekė vežėjo"},
		// accepted
		{"lt", "accepted", "Siunta priimta pašto skyriuje"},
		{"lt", "accepted", "Siuntą priėmė kurjeris"},
		{"lt", "accepted", "Siunta paimta iš siuntėjo"},
		{"lt", "accepted", "Siuntėjas įdėjo siuntą į paštomatą"},
		{"lt", "accepted", "Siuntos priėmimas"},
		// in transit
		{"lt", "in_transit", "Siunta atvyko į rūšiavimo centrą"},
		{"lt", "in_transit", "Siunta išvyko iš rūšiavimo centro"},
		{"lt", "in_transit", "Siunta apdorota rūšiavimo centre"},
		{"lt", "in_transit", "Siunta vežama į pristatymo skyrių"},
		{"lt", "in_transit", "Siunta atvyko į DPD terminalą"},
		{"lt", "in_transit", "Siunta perduota vežėjui"},
		{"lt", "in_transit", "Siunta bus pristatyta rytoj"},
		{"lt", "in_transit", "Siunta pakeliui į Lietuvą"},
		// borders
		{"lt", "departed_origin", "Siunta išsiųsta iš kilmės šalies"},
		{"lt", "departed_origin", "Siunta išvežta iš tarptautinio pašto apsikeitimo centro"},
		{"lt", "arrived_destination", "Siunta atvyko į Lietuvą"},
		{"lt", "arrived_destination", "Siunta gauta tarptautinio pašto apsikeitimo centre Vilniuje"},
		// customs
		{"lt", "customs", "Siunta pateikta muitinei"},
		{"lt", "customs", "Vykdomas muitinis tikrinimas"},
		{"lt", "customs", "Siunta išmuitinta"},
		{"lt", "customs", "Muitinės procedūros baigtos"},
		{"lt", "customs_held", "Siunta sulaikyta muitinėje"},
		{"lt", "customs_held", "Reikia sumokėti importo mokesčius"},
		{"lt", "customs_held", "Muitinei reikalingi papildomi dokumentai"},
		{"lt", "customs_held", "Laukiama gavėjo muitinės deklaracijos"},
		// out for delivery
		{"lt", "out_for_delivery", "Siunta perduota kurjeriui pristatyti"},
		{"lt", "out_for_delivery", "Kurjeris pristatys siuntą šiandien"},
		{"lt", "out_for_delivery", "Siunta išvežta pristatymui"},
		{"lt", "out_for_delivery", "Siunta pristatoma gavėjui"},
		// pickup
		{"lt", "pickup_ready", "Siunta pristatyta į paštomatą"},
		{"lt", "pickup_ready", "Siuntą galite atsiimti pašto skyriuje"},
		{"lt", "pickup_ready", "Siunta laukia atsiėmimo"},
		{"lt", "pickup_ready", "Priminimas: atsiimkite siuntą"},
		{"lt", "pickup_ready", "Siunta atvyko į pašto skyrių"},
		{"lt", "pickup_ready", "Siunta paruošta atsiėmimui atsiėmimo punkte"},
		// failed
		{"lt", "delivery_failed", "Siuntos pristatyti nepavyko"},
		{"lt", "delivery_failed", "Gavėjo nebuvo namuose"},
		{"lt", "delivery_failed", "Gavėjas atsisakė priimti siuntą"},
		{"lt", "delivery_failed", "Siunta neįteikta, paliktas pranešimas"},
		{"lt", "delivery_failed", "Nepavyko įteikti siuntos gavėjui"},
		// delivered
		{"lt", "delivered", "Siunta įteikta gavėjui"},
		{"lt", "delivered", "Siunta pristatyta"},
		{"lt", "delivered", "Gavėjas atsiėmė siuntą"},
		{"lt", "delivered", "Siunta atsiimta iš paštomato"},
		{"lt", "delivered", "Įteikta asmeniškai"},
		// returns and problems
		{"lt", "returning", "Siunta grąžinama siuntėjui"},
		{"lt", "returning", "Siunta siunčiama atgal siuntėjui"},
		{"lt", "returned", "Siunta grąžinta siuntėjui"},
		{"lt", "returned", "Siunta įteikta siuntėjui"},
		{"lt", "exception", "Siunta pažeista"},
		{"lt", "exception", "Siunta pamesta"},
		{"lt", "exception", "Siuntos pristatymas vėluoja"},
		{"lt", "exception", "Siunta atšaukta"},
		{"lt", "exception", "Siunta neatsiimta per saugojimo terminą"},
		{"lt", "exception", "Neteisingas gavėjo adresas"},
		{"lt", "unknown", "Informacijos apie siuntą nėra"},
		{"lt", "unknown", "Siunta nerasta"},

		// Latvian: data received
		{"lv", "info_received", "Saņemta elektroniskā informācija par sūtījumu"},
		{"lv", "info_received", "Sūtījums reģistrēts"},
		{"lv", "info_received", "Sūtītājs sagatavojis sūtījumu"},
		// accepted
		{"lv", "accepted", "Sūtījums pieņemts pasta nodaļā"},
		{"lv", "accepted", "Sūtījums pieņemts"},
		{"lv", "accepted", "Kurjers paņēma sūtījumu no sūtītāja"},
		{"lv", "accepted", "Sūtījuma pieņemšana"},
		// in transit
		{"lv", "in_transit", "Sūtījums ieradies šķirošanas centrā"},
		{"lv", "in_transit", "Sūtījums izsūtīts no šķirošanas centra"},
		{"lv", "in_transit", "Sūtījums apstrādāts šķirošanas centrā"},
		{"lv", "in_transit", "Sūtījums ir ceļā"},
		{"lv", "in_transit", "Sūtījums tiks piegādāts rīt"},
		{"lv", "in_transit", "Sūtījums nosūtīts uz pasta nodaļu"},
		{"lv", "in_transit", "Sūtījums ieradies DPD terminālī"},
		// borders
		{"lv", "departed_origin", "Sūtījums izsūtīts no izcelsmes valsts"},
		{"lv", "departed_origin", "Sūtījums nosūtīts uz galamērķa valsti"},
		{"lv", "arrived_destination", "Sūtījums ieradies Latvijā"},
		{"lv", "arrived_destination", "Sūtījums ieradies galamērķa valstī"},
		// customs
		{"lv", "customs", "Sūtījums nodots muitas kontrolei"},
		{"lv", "customs", "Sūtījums atrodas muitā"},
		{"lv", "customs", "Muitas formalitātes pabeigtas"},
		{"lv", "customs", "Sūtījums atmuitots"},
		{"lv", "customs_held", "Sūtījums aizturēts muitā"},
		{"lv", "customs_held", "Jāsamaksā muitas nodoklis un PVN"},
		{"lv", "customs_held", "Muitai nepieciešami papildu dokumenti"},
		// out for delivery
		{"lv", "out_for_delivery", "Sūtījums nodots kurjeram piegādei"},
		{"lv", "out_for_delivery", "Sūtījums tiks piegādāts šodien"},
		{"lv", "out_for_delivery", "Kurjers piegādā sūtījumu"},
		{"lv", "out_for_delivery", "Sūtījums ir piegādes ceļā"},
		// pickup
		{"lv", "pickup_ready", "Sūtījums ievietots pakomātā"},
		{"lv", "pickup_ready", "Sūtījums gaida saņēmēju pasta nodaļā"},
		{"lv", "pickup_ready", "Sūtījumu var saņemt pasta nodaļā"},
		{"lv", "pickup_ready", "Atgādinājums: izņemiet sūtījumu no pakomāta"},
		{"lv", "pickup_ready", "Sūtījums ir gatavs saņemšanai"},
		{"lv", "pickup_ready", "Sūtījums ir pieejams izņemšanai"},
		// failed
		{"lv", "delivery_failed", "Piegāde neizdevās"},
		{"lv", "delivery_failed", "Saņēmējs nebija sastopams"},
		{"lv", "delivery_failed", "Saņēmējs atteicās pieņemt sūtījumu"},
		{"lv", "delivery_failed", "Sūtījumu neizdevās piegādāt"},
		{"lv", "delivery_failed", "Neveiksmīgs piegādes mēģinājums"},
		// delivered
		{"lv", "delivered", "Sūtījums izsniegts saņēmējam"},
		{"lv", "delivered", "Sūtījums piegādāts"},
		{"lv", "delivered", "Sūtījums izņemts no pakomāta"},
		{"lv", "delivered", "Piegādāts kaimiņam"},
		{"lv", "delivered", "Saņēmējs saņēma sūtījumu"},
		// returns and problems
		{"lv", "returning", "Sūtījums tiek atgriezts sūtītājam"},
		{"lv", "returning", "Sūtījums nosūtīts atpakaļ sūtītājam"},
		{"lv", "returned", "Sūtījums atgriezts sūtītājam"},
		{"lv", "exception", "Sūtījums bojāts"},
		{"lv", "exception", "Sūtījums pazudis"},
		{"lv", "exception", "Piegāde aizkavējas"},
		{"lv", "exception", "Sūtījums nav izņemts glabāšanas termiņā"},
		{"lv", "exception", "Nepareiza adrese"},
		{"lv", "unknown", "Informācija nav pieejama"},
		{"lv", "unknown", "Sūtījums nav atrasts"},

		// Estonian: data received
		{"et", "info_received", "Saadetise andmed on Omnivale edastatud"},
		{"et", "info_received", "Saadetis on registreeritud"},
		{"et", "info_received", "Saatja on saadetise registreerinud"},
		// accepted
		{"et", "accepted", "Saadetis on vastu võetud"},
		{"et", "accepted", "Saadetis võeti vastu postkontoris"},
		{"et", "accepted", "Kuller võttis saadetise saatjalt peale"},
		{"et", "accepted", "Saatja tõi saadetise pakiautomaati"},
		// in transit
		{"et", "in_transit", "Saadetis saabus sorteerimiskeskusesse"},
		{"et", "in_transit", "Saadetis lahkus sorteerimiskeskusest"},
		{"et", "in_transit", "Saadetis on teel"},
		{"et", "in_transit", "Saadetis on sorteeritud"},
		{"et", "in_transit", "Saadetis on teel pakiautomaati"},
		{"et", "in_transit", "Saadetis jõuab teieni homme"},
		// borders
		{"et", "departed_origin", "Saadetis lahkus lähteriigist"},
		{"et", "departed_origin", "Saadetis on teel sihtriiki"},
		{"et", "arrived_destination", "Saadetis saabus Eestisse"},
		{"et", "arrived_destination", "Saadetis saabus sihtriiki"},
		// customs
		{"et", "customs", "Saadetis on tollis"},
		{"et", "customs", "Saadetis on tollivormistusel"},
		{"et", "customs", "Saadetis on tollist vabastatud"},
		{"et", "customs", "Saadetis anti üle tollile"},
		{"et", "customs_held", "Saadetis on tolli poolt kinni peetud"},
		{"et", "customs_held", "Tasuda tuleb tollimaks ja käibemaks"},
		{"et", "customs_held", "Toll vajab lisadokumente"},
		// out for delivery
		{"et", "out_for_delivery", "Saadetis on kullerile väljastatud"},
		{"et", "out_for_delivery", "Kuller toimetab saadetise kätte täna"},
		{"et", "out_for_delivery", "Saadetis on kättetoimetamisel"},
		{"et", "out_for_delivery", "Saadetis on kulleril"},
		// pickup
		{"et", "pickup_ready", "Saadetis on pakiautomaadis"},
		{"et", "pickup_ready", "Saadetis on väljastamiseks valmis"},
		{"et", "pickup_ready", "Saadetis ootab kättesaamist postkontoris"},
		{"et", "pickup_ready", "Meeldetuletus: saadetis ootab pakiautomaadis"},
		{"et", "pickup_ready", "Saadetis on toimetatud pakipunkti"},
		{"et", "pickup_ready", "Saadetis on pakiautomaati sisestatud"},
		// failed
		{"et", "delivery_failed", "Kättetoimetamine ebaõnnestus"},
		{"et", "delivery_failed", "Saajat ei olnud kodus"},
		{"et", "delivery_failed", "Saaja keeldus saadetisest"},
		{"et", "delivery_failed", "Saadetist ei õnnestunud kätte toimetada"},
		// delivered
		{"et", "delivered", "Saadetis on kätte toimetatud"},
		{"et", "delivered", "Saadetis on väljastatud saajale"},
		{"et", "delivered", "Saadetis on pakiautomaadist välja võetud"},
		{"et", "delivered", "Saadetis on üle antud"},
		{"et", "delivered", "Saadetis on väljastatud"},
		// returns and problems
		{"et", "returning", "Saadetis tagastatakse saatjale"},
		{"et", "returning", "Saadetis on teel tagasi saatjale"},
		{"et", "returned", "Saadetis on tagastatud saatjale"},
		{"et", "exception", "Saadetis on kahjustatud"},
		{"et", "exception", "Saadetis on kadunud"},
		{"et", "exception", "Saadetis hilineb"},
		{"et", "exception", "Hoiuaeg on lõppenud"},
		{"et", "exception", "Vale aadress"},
		{"et", "unknown", "Andmed puuduvad"},
		{"et", "unknown", "Saadetist ei leitud"},

		// Finnish: data received
		{"fi", "info_received", "Lähetystiedot vastaanotettu"},
		{"fi", "info_received", "Lähettäjä on ilmoittanut lähetyksen tiedot"},
		{"fi", "info_received", "Ennakkotieto vastaanotettu"},
		// accepted
		{"fi", "accepted", "Lähetys on vastaanotettu kuljetettavaksi"},
		{"fi", "accepted", "Lähetys on luovutettu Postille"},
		{"fi", "accepted", "Lähetys noudettu lähettäjältä"},
		{"fi", "accepted", "Lähetys vastaanotettu Matkahuollon toimipisteessä"},
		// in transit
		{"fi", "in_transit", "Lähetys on saapunut lajittelukeskukseen"},
		{"fi", "in_transit", "Lähetys on lähtenyt lajittelukeskuksesta"},
		{"fi", "in_transit", "Lähetys on kuljetuksessa"},
		{"fi", "in_transit", "Lähetys on matkalla noutopisteeseen"},
		{"fi", "in_transit", "Lähetys on lajiteltu"},
		// borders
		{"fi", "departed_origin", "Lähetys on lähtenyt lähtömaasta"},
		{"fi", "arrived_destination", "Lähetys on saapunut Suomeen"},
		{"fi", "arrived_destination", "Lähetys on saapunut kohdemaahan"},
		// customs
		{"fi", "customs", "Lähetys on tullissa"},
		{"fi", "customs", "Lähetys on tullattu"},
		{"fi", "customs", "Lähetys on siirretty tulliselvitykseen"},
		{"fi", "customs_held", "Lähetyksestä on maksettava tulli ja arvonlisävero"},
		{"fi", "customs_held", "Tulli tarvitsee lisätietoja"},
		{"fi", "customs_held", "Tulli on pysäyttänyt lähetyksen"},
		// out for delivery
		{"fi", "out_for_delivery", "Lähetys on jakelussa"},
		{"fi", "out_for_delivery", "Lähetys on lähtenyt jakeluun"},
		{"fi", "out_for_delivery", "Kuljettaja toimittaa lähetyksen tänään"},
		// pickup
		{"fi", "pickup_ready", "Lähetys on noudettavissa"},
		{"fi", "pickup_ready", "Lähetys on saapunut noutopisteeseen"},
		{"fi", "pickup_ready", "Lähetys on toimitettu pakettiautomaattiin"},
		{"fi", "pickup_ready", "Saapumisilmoitus lähetetty"},
		{"fi", "pickup_ready", "Muistutus: nouda lähetyksesi"},
		// failed
		{"fi", "delivery_failed", "Lähetystä ei voitu toimittaa"},
		{"fi", "delivery_failed", "Vastaanottajaa ei tavoitettu"},
		{"fi", "delivery_failed", "Vastaanottaja kieltäytyi lähetyksestä"},
		// delivered
		{"fi", "delivered", "Lähetys on toimitettu"},
		{"fi", "delivered", "Lähetys on luovutettu vastaanottajalle"},
		{"fi", "delivered", "Lähetys on noudettu"},
		{"fi", "delivered", "Vastaanottaja on noutanut lähetyksen"},
		// returns and problems
		{"fi", "returning", "Lähetys palautetaan lähettäjälle"},
		{"fi", "returned", "Lähetys on palautettu lähettäjälle"},
		{"fi", "exception", "Lähetys on vahingoittunut"},
		{"fi", "exception", "Lähetys on kadonnut"},
		{"fi", "exception", "Lähetys on myöhässä"},
		{"fi", "exception", "Noutoaika on päättynyt"},
		{"fi", "unknown", "Tietoja ei löytynyt"},
	})
}
