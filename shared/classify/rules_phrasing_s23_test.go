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
		{"da", "info_received", "Din forsendelse er planlagt hos afsender"},
		{"da", "in_transit", "Levering er planlagt til fredag"},
		// Set down in a warehouse or terminal: moving; set down at the door: delivered.
		{"da", "in_transit", "Pallen er stillet på lager i Kolding"},
		{"da", "in_transit", "Stillet på terminalen i Taastrup"},
		{"da", "delivered", "Pakken er stillet ved hoveddøren"},
		// en: the courier still being found or picking up at the sender; a pending pickup or handover.
		{"en", "info_received", "We are looking for a courier for your shipment"},
		{"en", "info_received", "Courier is picking up your parcel"},
		{"en", "info_received", "Shipment created, pending pickup by the courier"},
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
		{"en", "in_transit", "The item has left the acceptance point"},
		{"en", "pickup_ready", "Your parcel has arrived at the collection point"},
		// A delivery recorded or signed; a signature asked for is no status.
		{"en", "delivered", "Delivery was recorded by the courier"},
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
		{"pt", "departed_origin", "Objeto recebido pela companhia aérea em Guangzhou"},
		{"pt", "departed_origin", "Objeto embarcado na companhia aérea"},
		{"pt", "exception", "Recusado pela companhia aérea"},
		// id: a courier still searched for, a pickup being scheduled.
		{"id", "info_received", "Sedang mencari kurir untuk penjemputan"},
		{"id", "info_received", "Penjemputan paket dijadwalkan besok"},
		{"id", "accepted", "Paket telah dijemput kurir"},
		// el: has been returned (perfect) vs is being returned.
		{"el", "returned", "Η αποστολή έχει επιστραφεί στην αποθήκη του αποστολέα"},
		{"el", "returning", "Το δέμα επιστρέφεται στον αποστολέα"},
		// nb: Bring's event names as words.
		{"no", "delivery_failed", "FORSØKT_UTLEVERT"},
		{"no", "delivered", "UTLEVERT"},
		{"no", "pickup_ready", "VARSEL_SENDT"},
		// de: in the course of today.
		{"de", "out_for_delivery", "Das Paket wird voraussichtlich im Laufe des Tages zugestellt"},
		{"de", "in_transit", "Das Paket wird voraussichtlich morgen zugestellt"},
		// pl: collected from the sender's parcel machine.
		{"pl", "accepted", "Kurier odebrał przesyłkę z paczkomatu nadawczego"},
		{"pl", "delivered", "Przesyłka odebrana z paczkomatu przez odbiorcę"},
		// After the twenty-first set was measured. zh: signed for after a failed attempt, by a
		// locker or station, by someone else; waiting for the courier; the courier assigned or
		// having collected; back to the sender; the station delivering.
		{"zh", "delivered", "派件异常，后续正常签收"},
		{"zh", "delivery_failed", "派件异常"},
		{"zh", "delivered", "快件已由快递柜签收"},
		{"zh", "pickup_ready", "快递已放入快递柜，请凭取件码取件"},
		{"zh", "delivered", "包裹已由他人代收"},
		{"zh", "info_received", "订单已生成，等待快递员揽收"},
		{"zh", "accepted", "快递公司已揽收"},
		{"zh", "info_received", "已分配快递员上门"},
		{"zh", "accepted", "快递员已取件，正在发往网点"},
		{"zh", "returning", "包裹正在返回寄件人"},
		{"zh", "out_for_delivery", "包裹驿站正在派送，请保持电话畅通"},
		// ko: AliExpress's Korean steps.
		{"ko", "departed_origin", "원산지 출발"},
		{"ko", "arrived_destination", "현지 공항 도착"},
		{"ko", "customs_held", "통관 이상"},
		{"ko", "customs", "통관 진행중"},
		{"ko", "in_transit", "환적중"},
		// en: Cainiao's country stages in the base form; an air carrier; CamelCase "UnDelivered"; a typo.
		{"en", "departed_origin", "Parcel leaving origin country"},
		{"en", "arrived_destination", "Shipment will arrive at destination country soon"},
		{"en", "in_transit", "Arrive at destination facility"},
		{"en", "departed_origin", "Consignment delivered to air carrier at origin"},
		{"en", "delivery_failed", "Shipment UnDelivered"},
		{"en", "delivered", "Delivered"},
		{"en", "delivered", "Parcel delievered to recipient"},
		{"en", "unknown", "Error while fetching tracking information"},
		// ru: not yet received from the sender.
		{"ru", "info_received", "Заказ ещё не получен от продавца"},
		{"ru", "delivered", "Посылка получена адресатом"},
		// pt: no information yet.
		{"pt", "unknown", "Não existe informação disponível para este objeto"},
		{"pt", "delivered", "Objeto entregue ao destinatário"},
		// de: waiting for the sender's instructions.
		{"de", "exception", "Paket im Depot, wir warten auf eine Weisung des Absenders"},
		{"de", "pickup_ready", "Die Sendung liegt in der Filiale zur Abholung bereit"},
	})
}
