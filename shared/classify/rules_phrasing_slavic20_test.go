package classify

import "testing"

// TestCarrierPhrasingSlavic20 holds the Slavic rule files (bg, cs, sk, sr for Croatian and
// Serbian, sl, pl, uk, ru) to how their carriers word each stage in general, by word class
// rather than by phrase: participles in every gender and number, the verbal nouns that carriers
// use as event titles, "not yet" against "not", future forms that are not the event yet,
// pickup points and lockers, storage expiry and notices that tell no status. Written for this
// test from how these carriers word their events, not copied from any data rows.
func TestCarrierPhrasingSlavic20(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Bulgarian: data only, a new waybill, waiting for the sender.
		{"bg", "info_received", "Нова пратка"},
		{"bg", "info_received", "Създадена товарителница"},
		{"bg", "info_received", "Нова товарителница към Еконт"},
		{"bg", "info_received", "Пратката все още не е предадена на куриер"},
		{"bg", "info_received", "Очакваме пратката от изпращача"},
		// Bulgarian: accepted, collected from the sender by the courier.
		{"bg", "accepted", "Вземане от куриер"},
		{"bg", "accepted", "Пратката е приета в офис на Спиди"},
		{"bg", "accepted", "Куриерът взе пратката от подателя"},
		// Bulgarian: moving, received in a hub or warehouse (any gender), on the way to a locker or office.
		{"bg", "in_transit", "Получено в сортировъчния център"},
		{"bg", "in_transit", "Получен в склад София"},
		{"bg", "in_transit", "Пратката е получена в хъб Пловдив"},
		{"bg", "in_transit", "Пътува за автомат"},
		{"bg", "in_transit", "Пратката пътува за офис Варна"},
		{"bg", "in_transit", "На път за офис на Еконт"},
		{"bg", "in_transit", "Доставката ще бъде извършена утре"},
		{"bg", "in_transit", "Пратката още не е доставена"},
		// Bulgarian: pickup, collection by the recipient themself.
		{"bg", "pickup_ready", "Подготвена за самостоятелно вземане от получателя"},
		{"bg", "pickup_ready", "Пратката очаква получателя в офис"},
		{"bg", "pickup_ready", "Пратката е готова за получаване в автомат"},
		// Bulgarian: refused in every gender.
		{"bg", "delivery_failed", "Отказано от получателя"},
		{"bg", "delivery_failed", "Пратката е отказана от получателя"},
		{"bg", "delivery_failed", "Колетът е отказан от получателя"},
		{"bg", "delivery_failed", "Неуспешна доставка - получателят отсъства"},
		// Bulgarian: stopped by the sender or the carrier (any gender) is a problem.
		{"bg", "exception", "Спрян от изпращача"},
		{"bg", "exception", "Пратката е спряна от подателя"},
		{"bg", "exception", "Спряно по искане на подателя"},
		// Bulgarian: returns; delivered back is done, on the way back is under way.
		{"bg", "returned", "Доставена обратно към подателя"},
		{"bg", "returned", "Пратката е доставена обратно на изпращача"},
		{"bg", "returning", "Пратката е на път за подателя"},
		{"bg", "returning", "Пратката пътува обратно към подателя"},
		{"bg", "returning", "Пратката е върната в склада"},
		// Bulgarian: notices with no status.
		{"bg", "unknown", "Непознато събитие"},
		{"bg", "unknown", "Неизвестно събитие"},
		{"bg", "unknown", "Няма информация за пратката"},

		// Czech: data only, not yet handed to the carrier, waiting for the shop.
		{"cs", "info_received", "Zásilka zatím nebyla předána dopravci"},
		{"cs", "info_received", "Zásilka dosud nebyla předána přepravci"},
		{"cs", "info_received", "Očekáváme předání zásilky od odesílatele"},
		{"cs", "info_received", "Čekáme na zásilku od obchodu"},
		{"cs", "info_received", "Nová zásilka"},
		// Czech: acceptance nouns.
		{"cs", "accepted", "Převzetí zásilky od odesílatele"},
		{"cs", "accepted", "Podání zásilky"},
		{"cs", "accepted", "Zásilka byla převzata kurýrem od odesílatele"},
		// Czech: moving; a hub's in and out, sent from the depot, another post office.
		{"cs", "in_transit", "Vstup zásilky na SPU"},
		{"cs", "in_transit", "Výstup zásilky z třídicího uzlu"},
		{"cs", "in_transit", "Odesláno z depa"},
		{"cs", "in_transit", "Zásilka odeslána z depa Brno"},
		{"cs", "in_transit", "Odeslána přepravcem"},
		{"cs", "in_transit", "Zásilka byla předána k doručení jiné poště"},
		{"cs", "in_transit", "Zásilka bude doručena zítra"},
		// Czech: out for delivery.
		{"cs", "out_for_delivery", "Doručování zásilky"},
		{"cs", "out_for_delivery", "Zásilka je u kurýra na cestě k vám"},
		// Czech: waiting at a pickup point.
		{"cs", "pickup_ready", "Zásilka je připravena k vyzvednutí na výdejním místě"},
		{"cs", "pickup_ready", "Uložení zásilky na poště"},
		{"cs", "pickup_ready", "Zásilka byla uložena v Z-BOXu"},
		// Czech: delivered, collected, cash on delivery paid at the door.
		{"cs", "delivered", "Dodání zásilky"},
		{"cs", "delivered", "Zásilka byla doručena adresátovi"},
		{"cs", "delivered", "Zaplacená dobírka"},
		{"cs", "delivered", "Dobírka byla uhrazena příjemcem"},
		{"cs", "delivered", "Zásilka byla vyzvednuta příjemcem"},
		// Czech: failures, returns, problems.
		{"cs", "delivery_failed", "Zásilku se nepodařilo doručit"},
		{"cs", "delivery_failed", "Neúspěšný pokus o doručení"},
		{"cs", "returning", "Vratná zásilka byla přijata na pobočce"},
		{"cs", "returning", "Vratná zásilka na cestě k odesílateli"},
		{"cs", "returned", "Zásilka byla vrácena odesílateli"},
		{"cs", "exception", "Zásilka byla smazána"},
		{"cs", "exception", "Zásilka byla poškozena"},
		{"cs", "exception", "Uplynula úložní doba"},
		// Czech: notices with no status.
		{"cs", "unknown", "Pro tento druh zásilek informace nezobrazujeme"},
		{"cs", "unknown", "Neznámá událost"},
		{"cs", "unknown", "Informace o zásilce nejsou k dispozici"},

		// Slovak: data only, not yet handed over, waiting for the shop.
		{"sk", "info_received", "Očakávame dodanie obchodom"},
		{"sk", "info_received", "Zásielka zatiaľ nebola odovzdaná prepravcovi"},
		{"sk", "info_received", "Zásielka ešte nebola odovzdaná kuriérovi"},
		{"sk", "info_received", "Nová zásielka"},
		{"sk", "info_received", "Očakávame zásielku od odosielateľa"},
		// Slovak: accepted.
		{"sk", "accepted", "Prevzatie zásielky od odosielateľa"},
		{"sk", "accepted", "Podanie zásielky"},
		// Slovak: moving.
		{"sk", "in_transit", "Zásielka bola odoslaná z depa"},
		{"sk", "in_transit", "Zásielka bola odovzdaná na doručenie inej pošte"},
		// Slovak: out for delivery; waiting at a pickup point.
		{"sk", "out_for_delivery", "Zásielka je na doručení u kuriéra"},
		{"sk", "pickup_ready", "Uloženie zásielky na pošte"},
		{"sk", "pickup_ready", "Zásielka čaká na vyzdvihnutie v Z-BOXe"},
		// Slovak: delivered (the title noun), cash on delivery paid.
		{"sk", "delivered", "Doručenie zásielky adresátovi"},
		{"sk", "delivered", "Zásielka bola doručená"},
		{"sk", "delivered", "Dobierka bola zaplatená"},
		// Slovak: failures, returns, problems, notices.
		{"sk", "delivery_failed", "Neúspešný pokus o doručenie"},
		{"sk", "returning", "Vratná zásielka"},
		{"sk", "returned", "Zásielka bola vrátená odosielateľovi"},
		{"sk", "exception", "Zásielka bola zmazaná"},
		{"sk", "unknown", "Neznáma udalosť"},
		{"sk", "unknown", "Informácie o zásielke nie sú k dispozícii"},

		// Croatian and Serbian: data, not yet handed over, a new shipment.
		{"hr", "info_received", "Pošiljka još nije predana prijevozniku"},
		{"hr", "info_received", "Nova pošiljka"},
		{"sr", "info_received", "Pošiljka još nije predata kuriru"},
		// Croatian and Serbian: moving, forwarded (nadoslano, prosleđeno), prepared for delivery.
		{"hr", "in_transit", "Nadoslano u poštanski ured Zagreb"},
		{"hr", "in_transit", "Pošiljka je nadoslana na novu adresu"},
		{"sr", "in_transit", "Pošiljka je prosleđena u drugi centar"},
		{"hr", "in_transit", "Pošiljka je pripremljena za dostavu"},
		// Croatian and Serbian: out for delivery, pickup, delivered.
		{"hr", "out_for_delivery", "Pošiljka je u dostavi"},
		{"sr", "out_for_delivery", "Pošiljka je zadužena za dostavu"},
		{"hr", "pickup_ready", "Pošiljka je spremna za preuzimanje u paketomatu"},
		{"sr", "pickup_ready", "Pošiljka čeka preuzimanje u pošti"},
		{"hr", "delivered", "Pošiljka je uručena primatelju"},
		{"sr", "delivered", "Uručena"},
		{"sr", "delivered", "Pošiljka je isporučena primaocu"},
		// Croatian and Serbian: failed, problems (unrealised pickup, deleted, unknown event).
		{"hr", "delivery_failed", "Neuspješna dostava - primatelj nije kod kuće"},
		{"sr", "delivery_failed", "Neuspešna isporuka"},
		{"hr", "delivery_failed", "Nerealizirana dostava"},
		{"hr", "exception", "Nerealiziran prikup"},
		{"sr", "exception", "Nerealizovano preuzimanje kod pošiljaoca"},
		{"sr", "exception", "Obrisana pošiljka"},
		{"hr", "exception", "Pošiljka je izbrisana"},
		{"hr", "returned", "Pošiljka je vraćena pošiljatelju"},
		{"sr", "returning", "Pošiljka se vraća pošiljaocu"},
		{"hr", "unknown", "Nepoznat događaj"},
		{"sr", "unknown", "Nema podataka o pošiljci"},

		// Slovenian: the same classes.
		{"sl", "info_received", "Pošiljka še ni bila predana prevozniku"},
		{"sl", "info_received", "Nova pošiljka"},
		{"sl", "pickup_ready", "Pošiljka čaka na prevzem v paketniku"},
		{"sl", "delivered", "Pošiljka je bila vročena naslovniku"},
		{"sl", "exception", "Pošiljka je bila izbrisana"},
		{"sl", "unknown", "Neznan dogodek"},

		// Polish: acceptance nouns (przyjęcie, nadanie) at a point or a sending terminal.
		{"pl", "accepted", "Przyjęcie przesyłki do punktu Pickup"},
		{"pl", "accepted", "Nadanie przesyłki w placówce"},
		{"pl", "accepted", "Przesyłka nadana w punkcie, oczekuje na odbiór przez kuriera"},
		{"pl", "accepted", "Nadana w automacie paczkowym, czeka na odbiór przez kuriera"},
		// Polish: data only, not yet posted.
		{"pl", "info_received", "Przesyłka nie została jeszcze nadana"},
		{"pl", "info_received", "Nowa przesyłka"},
		{"pl", "info_received", "Oczekuje na nadanie przez nadawcę"},
		// Polish: moving; arrival (nadejście), a future handover.
		{"pl", "in_transit", "Nadejście"},
		{"pl", "in_transit", "Nadejście przesyłki do placówki"},
		{"pl", "in_transit", "Przesyłka zostanie przekazana do automatu jutro"},
		{"pl", "info_received", "Przesyłka nadana w systemie, oczekuje na przekazanie kurierowi"},
		// Polish: out for delivery (rozwóz).
		{"pl", "out_for_delivery", "Załadunek na rozwóz"},
		{"pl", "out_for_delivery", "Przesyłka w rozwozie"},
		{"pl", "out_for_delivery", "Wydanie do doręczenia"},
		// Polish: waiting for collection.
		{"pl", "pickup_ready", "Przesyłka doręczona do urzędu pocztowego"},
		{"pl", "pickup_ready", "Oczekiwanie na odbiór w urzędzie"},
		{"pl", "pickup_ready", "Dodanie do księgi awizacyjnej - oczekiwanie na odbiór"},
		{"pl", "pickup_ready", "Umieszczona w paczkomacie"},
		{"pl", "pickup_ready", "Przesyłka doręczona do punktu odbioru"},
		// Polish: delivered, failed, returns.
		{"pl", "delivered", "Doręczenie"},
		{"pl", "delivered", "Przesyłka doręczona"},
		{"pl", "delivered", "Wydanie przesyłki odbiorcy"},
		{"pl", "delivery_failed", "Próba doręczenia zakończona niepowodzeniem. Przesyłka oczekuje na kolejną próbę"},
		{"pl", "delivery_failed", "Nieudana próba doręczenia"},
		{"pl", "returning", "Zwrot przesyłki do nadawcy - brak dokumentów do odebrania"},
		{"pl", "returning", "Przesyłka zwrotna w drodze do nadawcy"},
		{"pl", "returned", "Zwrot doręczony do nadawcy"},
		{"pl", "exception", "Przesyłka usunięta"},
		{"pl", "unknown", "Nieznane zdarzenie"},

		// Ukrainian: Ukrposhta's and Nova Poshta's event nouns and sentences.
		{"uk", "in_transit", "Надходження"},
		{"uk", "in_transit", "Посилка виїхала з Києва"},
		{"uk", "in_transit", "Відправлення виїхало з Львова, Відділення №5"},
		{"uk", "departed_origin", "Посилка виїхала з Китаю"},
		{"uk", "departed_origin", "Відправлення виїхало з країни відправлення"},
		{"uk", "pickup_ready", "Посилка очікує у відділенні №12"},
		{"uk", "pickup_ready", "Посилка чекає у поштоматі"},
		{"uk", "pickup_ready", "Відправлення надійшло до відділення зв'язку Київ 19, на даний час не вручене"},
		{"uk", "in_transit", "Відправлення на даний час не вручене"},
		{"uk", "returning", "Термін зберігання вичерпано. Посилка направлена відправнику"},
		{"uk", "returning", "Посилку направлено відправнику під новим номером"},
		{"uk", "unknown", "Дані про відправлення на даний час відсутні"},
		{"uk", "unknown", "Невідома подія"},
		{"uk", "delivered", "Відправлення вручено"},
		{"uk", "delivery_failed", "Не вручено: адресат відсутній"},

		// Russian: the few classes missing.
		{"ru", "pickup_ready", "Отправка готова для выдачи получателю"},
		{"ru", "pickup_ready", "Посылка ожидает в пункте выдачи"},
		{"ru", "customs", "Выпуск товаров без уплаты таможенных платежей"},
		{"ru", "out_for_delivery", "Закреплен за курьером"},
		{"ru", "unknown", "Неизвестное событие"},
	})
}
