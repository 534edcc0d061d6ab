package evidence

import "strings"

// The pack's own headings, in the languages of the advice texts. Everything else (statuses,
// stages, verdicts, dates, day counts, the advice and its headings) comes from package advice
// in the same language. A language without a heading here gets the English one.
var labelKeys = []string{
	"pack_title", "made", "order_date", "store", "items", "total", "numbers", "check_at",
	"col_time", "col_place", "col_event", "col_meaning", "col_carrier", "no_zone", "verdict_why",
	"source_page", "source_estimated", "arrival", "basis_method", "basis_stage", "basis_history",
	"window_passed", "ae_estimate", "ae_promise", "refund_by", "english", "screenshots",
	"shots_none", "taken", "role_origin", "role_last_mile", "ours",
}

var labels = map[string][]string{
	"en": {"Evidence pack", "Made with OrderWatch on {date} from the order and tracking data kept in the browser.", "Order date", "Store", "Items", "Total", "Tracking numbers", "Check at",
		"Time", "Place", "Carrier's text", "What it means", "Carrier", "no time zone given", "Verdict and why",
		"from the order page", "estimated", "Arrival window", "from the shipping method's usual time", "from the stage reached and how long it took to get there", "from your own delivered orders by the same method to the same country ({n})",
		"the window has passed", "AliExpress's own estimate", "AliExpress's promises", "Refund if not delivered by", "In English", "Screenshots",
		"No screenshots attached. Add screenshots of the tracking page, the order page and the Buyer Protection countdown.", "taken", "origin", "last mile", "OrderWatch"},
	"ru": {"Доказательства для спора", "Создано OrderWatch {date} по данным заказа и отслеживания, сохранённым в браузере.", "Дата заказа", "Магазин", "Товары", "Сумма", "Трек-номера", "Проверить на",
		"Время", "Место", "Текст перевозчика", "Что это значит", "Перевозчик", "часовой пояс не указан", "Вердикт и почему",
		"со страницы заказа", "оценка", "Ожидаемый срок доставки", "по обычному сроку способа доставки", "по достигнутому этапу и времени, которое на него ушло", "по вашим доставленным заказам тем же способом в ту же страну ({n})",
		"срок прошёл", "Оценка AliExpress", "Обещания AliExpress", "Возврат, если не доставлено до", "На английском", "Снимки экрана",
		"Снимков нет. Добавьте снимки страницы отслеживания, страницы заказа и счётчика защиты покупателя.", "снято", "исходный", "последняя миля", "OrderWatch"},
	"uk": {"Докази для спору", "Створено OrderWatch {date} за даними замовлення та відстеження, збереженими в браузері.", "Дата замовлення", "Магазин", "Товари", "Сума", "Трек-номери", "Перевірити на",
		"Час", "Місце", "Текст перевізника", "Що це означає", "Перевізник", "часовий пояс не вказано", "Вердикт і чому",
		"зі сторінки замовлення", "оцінка", "Очікуваний строк доставки", "за звичайним строком способу доставки", "за досягнутим етапом і часом, що на нього пішов", "за вашими доставленими замовленнями тим самим способом у ту саму країну ({n})",
		"строк минув", "Оцінка AliExpress", "Обіцянки AliExpress", "Повернення, якщо не доставлено до", "Англійською", "Знімки екрана",
		"Знімків немає. Додайте знімки сторінки відстеження, сторінки замовлення і лічильника захисту покупця.", "знято", "початковий", "остання миля", "OrderWatch"},
	"de": {"Beweismappe", "Erstellt mit OrderWatch am {date} aus den im Browser gespeicherten Bestell- und Sendungsdaten.", "Bestelldatum", "Shop", "Artikel", "Summe", "Sendungsnummern", "Prüfen bei",
		"Zeit", "Ort", "Text des Versanddienstes", "Bedeutung", "Versanddienst", "keine Zeitzone angegeben", "Einschätzung und Gründe",
		"von der Bestellseite", "geschätzt", "Ankunftsfenster", "aus der üblichen Dauer der Versandart", "aus der erreichten Etappe und der Zeit bis dorthin", "aus Ihren eigenen zugestellten Bestellungen mit derselben Versandart ins selbe Land ({n})",
		"das Fenster ist vorbei", "Schätzung von AliExpress", "Zusagen von AliExpress", "Erstattung, wenn nicht zugestellt bis", "Auf Englisch", "Bildschirmfotos",
		"Keine Bildschirmfotos. Fügen Sie Fotos der Sendungsverfolgung, der Bestellseite und des Käuferschutz-Countdowns hinzu.", "aufgenommen", "Ursprung", "letzte Meile", "OrderWatch"},
	"es": {"Pruebas para la disputa", "Creado con OrderWatch el {date} a partir de los datos del pedido y del seguimiento guardados en el navegador.", "Fecha del pedido", "Tienda", "Artículos", "Total", "Números de seguimiento", "Consultar en",
		"Hora", "Lugar", "Texto del transportista", "Qué significa", "Transportista", "sin zona horaria", "Veredicto y motivos",
		"de la página del pedido", "estimada", "Plazo de llegada", "según el plazo habitual del método de envío", "según la etapa alcanzada y lo que tardó en llegar a ella", "según tus propios pedidos entregados con el mismo método al mismo país ({n})",
		"el plazo ha pasado", "Estimación de AliExpress", "Promesas de AliExpress", "Reembolso si no se entrega antes del", "En inglés", "Capturas de pantalla",
		"No hay capturas. Añade capturas de la página de seguimiento, de la página del pedido y de la cuenta atrás de la Protección al Comprador.", "tomada", "origen", "última milla", "OrderWatch"},
	"fr": {"Dossier de preuves", "Créé avec OrderWatch le {date} à partir des données de commande et de suivi conservées dans le navigateur.", "Date de commande", "Boutique", "Articles", "Total", "Numéros de suivi", "Vérifier sur",
		"Heure", "Lieu", "Texte du transporteur", "Signification", "Transporteur", "fuseau horaire non indiqué", "Verdict et raisons",
		"de la page de commande", "estimée", "Fenêtre d'arrivée", "d'après le délai habituel du mode de livraison", "d'après l'étape atteinte et le temps mis pour y arriver", "d'après vos propres commandes livrées par le même mode dans le même pays ({n})",
		"la fenêtre est passée", "Estimation d'AliExpress", "Promesses d'AliExpress", "Remboursement si non livré avant le", "En anglais", "Captures d'écran",
		"Aucune capture. Ajoutez des captures de la page de suivi, de la page de commande et du compte à rebours de la Protection acheteur.", "prise", "origine", "dernier kilomètre", "OrderWatch"},
	"pt": {"Pacote de provas", "Criado com o OrderWatch em {date} a partir dos dados do pedido e do rastreamento guardados no navegador.", "Data do pedido", "Loja", "Itens", "Total", "Códigos de rastreamento", "Consultar em",
		"Hora", "Local", "Texto da transportadora", "O que significa", "Transportadora", "fuso horário não informado", "Veredito e motivos",
		"da página do pedido", "estimado", "Janela de chegada", "pelo prazo habitual do método de envio", "pela etapa alcançada e pelo tempo que levou até ela", "pelos seus próprios pedidos entregues pelo mesmo método no mesmo país ({n})",
		"a janela já passou", "Estimativa do AliExpress", "Promessas do AliExpress", "Reembolso se não for entregue até", "Em inglês", "Capturas de tela",
		"Nenhuma captura. Adicione capturas da página de rastreamento, da página do pedido e da contagem da Proteção ao Comprador.", "capturada", "origem", "última milha", "OrderWatch"},
	"it": {"Fascicolo di prove", "Creato con OrderWatch il {date} dai dati dell'ordine e del tracciamento salvati nel browser.", "Data dell'ordine", "Negozio", "Articoli", "Totale", "Numeri di tracciamento", "Verifica su",
		"Ora", "Luogo", "Testo del corriere", "Cosa significa", "Corriere", "fuso orario non indicato", "Esito e motivi",
		"dalla pagina dell'ordine", "stimata", "Finestra di arrivo", "dal tempo abituale del metodo di spedizione", "dalla fase raggiunta e dal tempo impiegato per arrivarci", "dai tuoi ordini consegnati con lo stesso metodo nello stesso paese ({n})",
		"la finestra è passata", "Stima di AliExpress", "Promesse di AliExpress", "Rimborso se non consegnato entro il", "In inglese", "Schermate",
		"Nessuna schermata. Aggiungi schermate della pagina di tracciamento, della pagina dell'ordine e del conto alla rovescia della Protezione acquirente.", "acquisita", "origine", "ultimo miglio", "OrderWatch"},
	"pl": {"Pakiet dowodów", "Utworzono w OrderWatch {date} na podstawie danych zamówienia i śledzenia zapisanych w przeglądarce.", "Data zamówienia", "Sklep", "Produkty", "Suma", "Numery przesyłek", "Sprawdź w",
		"Czas", "Miejsce", "Tekst przewoźnika", "Co to znaczy", "Przewoźnik", "bez strefy czasowej", "Ocena i powody",
		"ze strony zamówienia", "szacunek", "Przewidywany termin dostawy", "na podstawie zwykłego czasu metody wysyłki", "na podstawie osiągniętego etapu i czasu dotarcia do niego", "na podstawie Twoich doręczonych zamówień tą samą metodą do tego samego kraju ({n})",
		"termin minął", "Szacunek AliExpress", "Obietnice AliExpress", "Zwrot, jeśli nie doręczono do", "Po angielsku", "Zrzuty ekranu",
		"Brak zrzutów. Dodaj zrzuty strony śledzenia, strony zamówienia i licznika Ochrony Kupującego.", "wykonano", "nadania", "ostatnia mila", "OrderWatch"},
	"nl": {"Bewijsdossier", "Gemaakt met OrderWatch op {date} uit de bestel- en volggegevens die in de browser bewaard zijn.", "Besteldatum", "Winkel", "Artikelen", "Totaal", "Trackingnummers", "Controleren op",
		"Tijd", "Plaats", "Tekst van de vervoerder", "Wat het betekent", "Vervoerder", "geen tijdzone opgegeven", "Oordeel en waarom",
		"van de bestelpagina", "geschat", "Aankomstperiode", "uit de gebruikelijke duur van de verzendmethode", "uit de bereikte etappe en de tijd die dat kostte", "uit je eigen bezorgde bestellingen met dezelfde methode naar hetzelfde land ({n})",
		"de periode is voorbij", "Schatting van AliExpress", "Beloften van AliExpress", "Terugbetaling als niet bezorgd vóór", "In het Engels", "Schermafbeeldingen",
		"Geen schermafbeeldingen. Voeg afbeeldingen toe van de volgpagina, de bestelpagina en het aftellen van de Kopersbescherming.", "gemaakt", "herkomst", "laatste kilometer", "OrderWatch"},
	"tr": {"Kanıt dosyası", "OrderWatch ile {date} tarihinde tarayıcıda saklanan sipariş ve takip verilerinden oluşturuldu.", "Sipariş tarihi", "Mağaza", "Ürünler", "Toplam", "Takip numaraları", "Kontrol yeri",
		"Zaman", "Yer", "Kargo firmasının metni", "Anlamı", "Kargo firması", "saat dilimi belirtilmemiş", "Karar ve nedenleri",
		"sipariş sayfasından", "tahmini", "Teslim aralığı", "gönderim yönteminin olağan süresinden", "ulaşılan aşamadan ve oraya varma süresinden", "aynı yöntemle aynı ülkeye teslim edilmiş kendi siparişlerinizden ({n})",
		"aralık geçti", "AliExpress'in tahmini", "AliExpress'in vaatleri", "Şu tarihe kadar teslim edilmezse iade", "İngilizce", "Ekran görüntüleri",
		"Ekran görüntüsü yok. Takip sayfasının, sipariş sayfasının ve Alıcı Koruması sayacının görüntülerini ekleyin.", "alındı", "çıkış", "son aşama", "OrderWatch"},
	"ko": {"분쟁 증거 자료", "{date}에 브라우저에 저장된 주문 및 배송 추적 데이터로 OrderWatch가 만들었습니다.", "주문일", "상점", "상품", "합계", "운송장 번호", "확인처",
		"시간", "장소", "운송사 원문", "의미", "운송사", "시간대 정보 없음", "판정과 이유",
		"주문 페이지 기준", "추정", "도착 예상 기간", "배송 방법의 일반적인 기간 기준", "도달한 단계와 거기까지 걸린 시간 기준", "같은 방법으로 같은 국가에 배송 완료된 내 주문 기준 ({n})",
		"예상 기간이 지났습니다", "AliExpress 자체 예상", "AliExpress 보장", "다음 날짜까지 미배송 시 환불", "영어", "스크린샷",
		"첨부된 스크린샷이 없습니다. 배송 추적 페이지, 주문 페이지, 구매자 보호 카운트다운의 스크린샷을 추가하세요.", "촬영", "출발", "최종 배송", "OrderWatch"},
	"he": {"תיק ראיות", "נוצר ב-OrderWatch ב-{date} מנתוני ההזמנה והמעקב השמורים בדפדפן.", "תאריך הזמנה", "חנות", "פריטים", "סכום", "מספרי מעקב", "בדיקה ב-",
		"זמן", "מקום", "טקסט המוביל", "משמעות", "מוביל", "לא צוין אזור זמן", "הערכה ונימוקים",
		"מדף ההזמנה", "הערכה", "חלון הגעה", "לפי הזמן הרגיל של שיטת המשלוח", "לפי השלב שהושג והזמן שלקח להגיע אליו", "לפי ההזמנות שלך שנמסרו באותה שיטה לאותה מדינה ({n})",
		"החלון עבר", "ההערכה של AliExpress", "ההתחייבויות של AliExpress", "החזר אם לא נמסר עד", "באנגלית", "צילומי מסך",
		"לא צורפו צילומי מסך. הוסיפו צילומים של דף המעקב, דף ההזמנה וספירת הזמן של הגנת הקונה.", "צולם", "מוצא", "מייל אחרון", "OrderWatch"},
}

// rtl are the languages written right to left.
var rtl = map[string]bool{"he": true, "ar": true}

// label is one heading in lang, with {date} and {n} filled in when given.
func label(lang, key string, repl ...string) string {
	i := -1
	for k, x := range labelKeys {
		if x == key {
			i = k
			break
		}
	}
	if i < 0 {
		return key
	}
	row, ok := labels[lang]
	if !ok || i >= len(row) || row[i] == "" {
		row = labels["en"]
	}
	s := row[i]
	for k := 0; k+1 < len(repl); k += 2 {
		s = strings.ReplaceAll(s, repl[k], repl[k+1])
	}
	return s
}
