package classify

import (
	"strings"
	"testing"
)

// TestThaiTermsMatchInsideText: Thai is written without spaces between words, so a Thai term
// compiles without word boundaries (like Han or Hangul) and is found inside a longer run.
func TestThaiTermsMatchInsideText(t *testing.T) {
	for _, tt := range []struct{ term, want string }{
		{"นำจ่ายสำเร็จ", "นำจ่ายสำเร็จ"},
		{"นำจ่าย*", "นำจ่าย"},
		{"delivered", " delivered "},
	} {
		if got, err := compileTerm(tt.term); err != nil || got != tt.want {
			t.Errorf("compileTerm(%q) = %q, %v; want %q", tt.term, got, err, tt.want)
		}
	}
	rs, err := parseRules([]ruleFile{{lang: "th", name: "t.txt", text: "negate before 0 : ไม่\ndelivered 75 : นำจ่ายสำเร็จ\nout_for_delivery 73 : ระหว่างการนำจ่าย\n"}}, func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"พัสดุของท่านนำจ่ายสำเร็จแล้ว ผู้รับลงนาม", "delivered"},
		{"สิ่งของอยู่ระหว่างการนำจ่ายโดยบุรุษไปรษณีย์", "out_for_delivery"},
		{"พัสดุยังไม่นำจ่ายสำเร็จ", "delivery_failed"}, // a negator right before, in the same run
		{"นำจ่ายสำเร็จ", "delivered"},
	} {
		n, _ := normalize(nil, tt.text)
		m := rs.match(n, "th")
		got := ""
		if m.best != nil {
			got = m.best.status
		}
		if got != tt.want {
			t.Errorf("%q = %q, want %q", tt.text, got, tt.want)
		}
	}
	// A Latin term keeps its word boundaries: "delivered" is not read inside "undelivered".
	n, _ := normalize(nil, "undelivered")
	if strings.Contains(string(n), " delivered ") {
		t.Errorf("normalize(undelivered) = %q", n)
	}
}

// TestCarrierPhrasingNewlang: how Thai, Finnish, Estonian, Lithuanian and Latvian carriers word
// each stage (Thailand Post, Kerry, Flash, J&T; Posti, Matkahuolto; Omniva; LP Express; Latvijas
// Pasts, DPD), read by the phrase rules alone.
func TestCarrierPhrasingNewlang(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Thai
		{"th", "delivered", "นำจ่ายสำเร็จ"},
		{"th", "delivered", "พัสดุถูกจัดส่งสำเร็จแล้ว"},
		{"th", "delivered", "ผู้รับได้รับพัสดุเรียบร้อยแล้ว"},
		{"th", "delivered", "เซ็นรับพัสดุแล้ว (ผู้รับ: สมชาย)"},
		{"th", "delivery_failed", "นำจ่ายไม่สำเร็จ ผู้รับไม่อยู่"},
		{"th", "delivery_failed", "ไม่สามารถนำจ่ายได้ เนื่องจากติดต่อผู้รับไม่ได้"},
		{"th", "delivery_failed", "ผู้รับปฏิเสธการรับพัสดุ"},
		{"th", "out_for_delivery", "อยู่ระหว่างการนำจ่าย"},
		{"th", "out_for_delivery", "พนักงานกำลังนำส่งพัสดุถึงคุณ"},
		{"th", "pickup_ready", "นำจ่าย ณ จุดรับสิ่งของ"},
		{"th", "pickup_ready", "ออกใบแจ้ง ติดต่อรับได้ที่ที่ทำการไปรษณีย์"},
		{"th", "accepted", "รับฝาก"},
		{"th", "accepted", "เข้ารับพัสดุแล้ว"},
		{"th", "in_transit", "พัสดุถึงศูนย์คัดแยกสินค้า"},
		{"th", "in_transit", "อยู่ระหว่างการขนส่ง"},
		{"th", "departed_origin", "ส่งออกจากที่ทำการแลกเปลี่ยนระหว่างประเทศ"},
		{"th", "arrived_destination", "ถึงที่ทำการแลกเปลี่ยนระหว่างประเทศขาเข้า"},
		{"th", "customs", "ดำเนินพิธีการศุลกากร"},
		{"th", "customs_held", "รอชำระภาษีอากรขาเข้า"},
		{"th", "returning", "ส่งคืนต้นทาง"},
		{"th", "returning", "พัสดุตีกลับ เนื่องจากไม่มีผู้รับ"},
		{"th", "returned", "ส่งคืนผู้ส่งสำเร็จ"},
		{"th", "exception", "พัสดุชำรุดเสียหาย"},
		{"th", "exception", "จ่าหน้าไม่ชัดเจน"},
		{"th", "info_received", "ผู้ส่งกำลังเตรียมพัสดุ"},
		{"th", "unknown", "ไม่พบข้อมูล กรุณาตรวจสอบหมายเลขพัสดุ"},
		// Finnish
		{"fi", "delivered", "Lähetys on toimitettu vastaanottajalle"},
		{"fi", "delivered", "Jaettu postilaatikkoon"},
		{"fi", "delivered", "Lähetys on noudettu"},
		{"fi", "delivery_failed", "Lähetystä ei voitu toimittaa"},
		{"fi", "delivery_failed", "Jakeluyritys: vastaanottajaa ei tavoitettu"},
		{"fi", "delivery_failed", "Vastaanottaja kieltäytyi lähetyksestä"},
		{"fi", "pickup_ready", "Lähetys on noudettavissa pakettiautomaatista"},
		{"fi", "pickup_ready", "Lähetys on toimitettu noutopisteeseen"},
		{"fi", "pickup_ready", "Saapumisilmoitus on lähetetty"},
		{"fi", "out_for_delivery", "Lähetys on jakelussa"},
		{"fi", "out_for_delivery", "Kuljettaja toimittaa lähetyksen tänään"},
		{"fi", "accepted", "Lähetys on noudettu lähettäjältä"},
		{"fi", "accepted", "Vastaanotettu kuljetettavaksi"},
		{"fi", "info_received", "Lähettäjä on ilmoittanut lähetystiedot"},
		{"fi", "in_transit", "Lähetys on saapunut lajittelukeskukseen"},
		{"fi", "in_transit", "Lähetys on lähtenyt terminaalista"},
		{"fi", "arrived_destination", "Lähetys on saapunut Suomeen"},
		{"fi", "departed_origin", "Lähetys on lähtenyt lähtömaasta"},
		{"fi", "customs", "Lähetys on tullauksessa"},
		{"fi", "customs", "Tulli on vapauttanut lähetyksen"},
		{"fi", "customs_held", "Tullimaksut on maksettava ennen luovutusta"},
		{"fi", "returning", "Lähetys palautetaan lähettäjälle"},
		{"fi", "returned", "Lähetys on palautettu lähettäjälle"},
		{"fi", "exception", "Noutoaika on päättynyt, lähetys on noutamatta"},
		{"fi", "exception", "Lähetys on vaurioitunut"},
		{"fi", "exception", "Puutteellinen osoite"},
		// Estonian
		{"et", "delivered", "Saadetis on kätte toimetatud"},
		{"et", "delivered", "Saadetis väljastati saajale"},
		{"et", "delivery_failed", "Kättetoimetamine ebaõnnestus, saajat ei olnud kodus"},
		{"et", "delivery_failed", "Saadetist ei õnnestunud kätte toimetada"},
		{"et", "pickup_ready", "Saadetis ootab pakiautomaadis"},
		{"et", "pickup_ready", "Saadetis on väljastamiseks valmis"},
		{"et", "out_for_delivery", "Saadetis on kulleril"},
		{"et", "out_for_delivery", "Saadetis on väljastatud kullerile"},
		{"et", "accepted", "Saadetis on vastu võetud"},
		{"et", "info_received", "Saadetise andmed on registreeritud"},
		{"et", "in_transit", "Saadetis saabus sorteerimiskeskusesse"},
		{"et", "arrived_destination", "Saadetis saabus Eestisse"},
		{"et", "customs", "Saadetis on tollis"},
		{"et", "customs_held", "Tasuda tollimaks ja käibemaks"},
		{"et", "returning", "Saadetis tagastatakse saatjale"},
		{"et", "returned", "Saadetis on tagastatud saatjale"},
		{"et", "exception", "Hoiuaeg on lõppenud"},
		{"et", "exception", "Saadetis on kahjustatud"},
		{"et", "exception", "Saadetis on kadunud"},
		// Lithuanian
		{"lt", "delivered", "Siunta pristatyta gavėjui"},
		{"lt", "delivered", "Siunta įteikta"},
		{"lt", "delivered", "Gavėjas atsiėmė siuntą iš paštomato"},
		{"lt", "delivery_failed", "Siunta nepristatyta: gavėjo nebuvo namuose"},
		{"lt", "delivery_failed", "Nepavyko pristatyti siuntos"},
		{"lt", "pickup_ready", "Siuntą galima atsiimti paštomate"},
		{"lt", "pickup_ready", "Siunta laukia atsiėmimo pašto skyriuje"},
		{"lt", "out_for_delivery", "Siunta perduota kurjeriui"},
		{"lt", "out_for_delivery", "Siunta pristatoma"},
		{"lt", "accepted", "Siunta priimta pašte"},
		{"lt", "info_received", "Gauta siuntos informacija"},
		{"lt", "in_transit", "Siunta atvyko į rūšiavimo centrą"},
		{"lt", "in_transit", "Siunta bus pristatyta rytoj"},
		{"lt", "arrived_destination", "Siunta atvyko į Lietuvą"},
		{"lt", "customs", "Siunta muitinėje"},
		{"lt", "customs", "Siunta išmuitinta"},
		{"lt", "customs_held", "Siunta sulaikyta muitinėje"},
		{"lt", "returning", "Siunta grąžinama siuntėjui"},
		{"lt", "returned", "Siunta įteikta siuntėjui"},
		{"lt", "exception", "Siunta neatsiimta, saugojimo terminas pasibaigė"},
		{"lt", "exception", "Neteisingas adresas"},
		// Latvian
		{"lv", "delivered", "Sūtījums piegādāts saņēmējam"},
		{"lv", "delivered", "Sūtījums izsniegts adresātam"},
		{"lv", "delivered", "Sūtījums izņemts no pakomāta"},
		{"lv", "delivery_failed", "Sūtījumu neizdevās piegādāt, saņēmējs nav mājās"},
		{"lv", "delivery_failed", "Sūtījums nav piegādāts"},
		{"lv", "pickup_ready", "Sūtījums gaida pakomātā"},
		{"lv", "pickup_ready", "Sūtījums ir pieejams saņemšanai pasta nodaļā"},
		{"lv", "out_for_delivery", "Sūtījums nodots kurjeram"},
		{"lv", "out_for_delivery", "Kurjers piegādās sūtījumu šodien"},
		{"lv", "accepted", "Sūtījums pieņemts pasta nodaļā"},
		{"lv", "info_received", "Saņemta elektroniskā informācija par sūtījumu"},
		{"lv", "in_transit", "Sūtījums ieradies šķirošanas centrā"},
		{"lv", "in_transit", "Sūtījums ir ceļā"},
		{"lv", "arrived_destination", "Sūtījums ieradies Latvijā"},
		{"lv", "departed_origin", "Sūtījums izsūtīts no izcelsmes valsts"},
		{"lv", "customs", "Sūtījums atrodas muitas kontrolē"},
		{"lv", "customs_held", "Sūtījums aizturēts muitā"},
		{"lv", "customs_held", "Jāmaksā muitas nodoklis un PVN"},
		{"lv", "returning", "Sūtījums tiek atgriezts sūtītājam"},
		{"lv", "returned", "Sūtījums atgriezts sūtītājam"},
		{"lv", "exception", "Sūtījums nav izņemts, glabāšanas termiņš beidzies"},
		{"lv", "exception", "Sūtījums bojāts"},
		{"lv", "exception", "Nepareiza adrese"},
		// Not yet handed over by the sender; on the way to a pickup point or locker.
		{"th", "info_received", "ยังไม่ได้รับพัสดุจากผู้ส่ง"},
		{"th", "in_transit", "พัสดุกำลังเดินทางไปยังศูนย์ปลายทาง"},
		{"fi", "info_received", "Lähetystä ei ole vielä vastaanotettu Postiin"},
		{"fi", "in_transit", "Lähetys on matkalla noutopisteeseen"},
		{"fi", "out_for_delivery", "Lähetys on toimitettu jakeluun"},
		{"et", "info_received", "Saadetist pole veel vastu võetud"},
		{"et", "in_transit", "Saadetis on teel pakiautomaati"},
		{"lt", "info_received", "Siunta dar negauta iš siuntėjo"},
		{"lt", "in_transit", "Siunta vežama į paštomatą"},
		{"lv", "info_received", "Sūtījums vēl nav pieņemts"},
		{"lv", "in_transit", "Sūtījums ir ceļā uz pakomātu"},
		// Negated in a sentence: not collected is unclaimed, not delivered a failed delivery.
		{"fi", "exception", "Lähetystä ei ole noudettu määräaikaan mennessä"},
		{"et", "exception", "Saadetist pole välja võetud"},
		{"fi", "delivery_failed", "Lähetystä ei toimitettu, koska vastaanottaja ei ollut kotona"},
		// Active participles, "being delivered", sent on to the destination country, postponed.
		{"th", "accepted", "พัสดุถูกนำเข้าระบบแล้ว"},
		{"th", "accepted", "ผู้ส่งได้ส่งพัสดุที่จุดให้บริการ"},
		{"et", "accepted", "Kuller on saadetise peale võtnud"},
		{"et", "delivered", "Kuller on saadetise kätte toimetanud"},
		{"et", "departed_origin", "Saadetis on edastatud sihtriiki"},
		{"lv", "out_for_delivery", "Sūtījums tiek piegādāts"},
		{"lv", "departed_origin", "Sūtījums izsūtīts uz galamērķa valsti"},
		{"fi", "departed_origin", "Lähetys on matkalla kohdemaahan"},
		{"lt", "exception", "Siuntos pristatymas atidėtas"},
		{"lt", "departed_origin", "Siunta išsiųsta į paskirties šalį"},
		// Handed to the courier is out for delivery; loaded or sent is moving; no data is no status.
		{"lv", "out_for_delivery", "Sūtījums izsniegts kurjeram piegādei"},
		{"lt", "out_for_delivery", "Siunta įteikta kurjeriui"},
		{"fi", "out_for_delivery", "Lähetys on luovutettu kuljettajalle"},
		{"fi", "in_transit", "Lähetys on lastattu kuljetukseen"},
		{"et", "in_transit", "Saadetis on lähetatud"},
		{"lt", "in_transit", "Siunta pakrauta į sunkvežimį"},
		{"lv", "in_transit", "Sūtījums iekrauts transportlīdzeklī"},
		{"th", "in_transit", "ส่งมอบให้บริษัทขนส่งแล้ว"},
		{"fi", "unknown", "Seurantatiedot eivät ole saatavilla"},
		{"lv", "unknown", "Sūtījums nav atrasts, pārbaudiet sūtījuma numuru"},
		{"et", "unknown", "Saadetist ei leitud"},
		{"lt", "unknown", "Informacijos nėra"},
	})
}
