package classify

import "testing"

// TestCarrierPhrasingRuUk holds the Ukrainian and Russian phrase rules, alone (no code, no
// vocabulary, no model), to wording written for this test from how the carriers of these
// languages word each stage — Нова Пошта, Укрпошта, Meest and Justin statuses; Russian Post
// operation and attribute names (приём, обработка, вручение, неудачная попытка вручения,
// возврат, временное хранение, таможенное оформление, импорт/экспорт международной почты);
// СДЭК, Boxberry, Белпочта, Казпочта — not rows of the labelled sets. It covers the verb forms
// carriers use (finite verb in every gender and number, short and full participles, verbal
// nouns), the places (branch, locker, pickup point, sorting centre, office of exchange,
// customs), negations, requests and notices with no status.
func TestCarrierPhrasingRuUk(t *testing.T) {
	checkPhrasings(t, []phrasing{
		// Ukrainian: data before the parcel
		{"uk", "info_received", "Створено експрес-накладну"},
		{"uk", "info_received", "Відправлення зареєстровано в системі"},
		{"uk", "info_received", "Посилка готується до відправлення"},
		{"uk", "info_received", "Отримано інформацію про відправлення від відправника"},
		// accepted
		{"uk", "accepted", "Відправлення прийнято у відділенні"},
		{"uk", "accepted", "Посилку прийнято до відправки"},
		{"uk", "accepted", "Приймання відправлення"},
		{"uk", "accepted", "Прийом відправлення у відділенні"},
		{"uk", "accepted", "Кур'єр забрав відправлення"},
		{"uk", "accepted", "Відправлення прийняте на склад Meest у Китаї"},
		// in transit
		{"uk", "in_transit", "Відправлення прибуло до сортувального центру"},
		{"uk", "in_transit", "Відправлення надійшло до сортувального центру м. Київ"},
		{"uk", "in_transit", "Відправлення покинуло сортувальний центр"},
		{"uk", "in_transit", "Обробка в сортувальному центрі"},
		{"uk", "in_transit", "Сортування відправлення"},
		{"uk", "in_transit", "Прямує до відділення № 5"},
		{"uk", "in_transit", "Відправлення завантажено в автомобіль"},
		// departed the origin country, transit country, destination country
		{"uk", "departed_origin", "Експорт міжнародного відправлення"},
		{"uk", "departed_origin", "Відправлено до країни призначення"},
		{"uk", "departed_origin", "Посилку відправлено з Китаю"},
		{"uk", "departed_origin", "Відправлення вилетіло з країни відправлення"},
		{"uk", "arrived_transit", "Відправлення прибуло до транзитної країни"},
		{"uk", "arrived_destination", "Імпорт міжнародного відправлення"},
		{"uk", "arrived_destination", "Прибула до країни призначення"},
		{"uk", "arrived_destination", "Посилка прибула на склад в Україні"},
		// customs
		{"uk", "customs", "Передано на митне оформлення"},
		{"uk", "customs", "Відправлення розмитнене"},
		{"uk", "customs", "Завершення імпорту"},
		{"uk", "customs", "Проходить митний контроль"},
		{"uk", "customs_held", "Відправлення затримане на митниці"},
		{"uk", "customs_held", "Необхідно сплатити мито"},
		{"uk", "customs_held", "Очікує сплати митних платежів"},
		{"uk", "customs_held", "Митниця запитує додаткові документи"},
		{"uk", "customs_held", "Відмова митниці у випуску відправлення"},
		// out for delivery
		{"uk", "out_for_delivery", "Передано кур'єру для доставки"},
		{"uk", "out_for_delivery", "Видано кур'єру на доставку"},
		{"uk", "out_for_delivery", "Відправлення передане на доставку"},
		// waiting at the branch or locker
		{"uk", "pickup_ready", "Відправлення прибуло у відділення"},
		{"uk", "pickup_ready", "Прибули до відділення"},
		{"uk", "pickup_ready", "Доставлено в поштомат"},
		{"uk", "pickup_ready", "Готове до видачі у відділенні"},
		{"uk", "pickup_ready", "Безкоштовне зберігання до 12.05"},
		{"uk", "pickup_ready", "Відправлення можна отримати у відділенні"},
		{"uk", "pickup_ready", "Надіслано повідомлення адресату про прибуття"},
		// failed attempts
		{"uk", "delivery_failed", "Невдала спроба вручення"},
		{"uk", "delivery_failed", "Не вручено: адресата немає вдома"},
		{"uk", "delivery_failed", "Одержувач відмовився від отримання"},
		{"uk", "delivery_failed", "Не вдалося вручити відправлення"},
		{"uk", "delivery_failed", "Доставку не здійснено"},
		// delivered
		{"uk", "delivered", "Вручене адресату"},
		{"uk", "delivered", "Доставлено кур'єром"},
		{"uk", "delivered", "Отримувач забрав посилку з поштомату"},
		{"uk", "delivered", "Видано у відділенні"},
		// returns
		{"uk", "returning", "Відправлено на повернення"},
		{"uk", "returning", "Оформлено повернення відправлення"},
		{"uk", "returning", "Відправлення прямує до відправника"},
		{"uk", "returned", "Відправлення повернене відправнику"},
		{"uk", "returned", "Повернуте відправнику"},
		{"uk", "returned", "Відправник отримав повернення"},
		// problems
		{"uk", "exception", "Відправлення пошкоджене"},
		{"uk", "exception", "Прийом скасовано"},
		{"uk", "exception", "Відправлення затримується"},
		{"uk", "exception", "Відправлення знищено"},
		{"uk", "exception", "Неправильна адреса одержувача"},
		// no status
		{"uk", "unknown", "Інформація про відправлення відсутня"},
		{"uk", "unknown", "Перевірте номер відправлення"},
		{"uk", "unknown", "Дані тимчасово недоступні"},

		// Ukrainian, more verb forms and places
		{"uk", "pickup_ready", "Посилка доставлена у поштомат"},
		{"uk", "pickup_ready", "Завантажено в поштомат"},
		{"uk", "pickup_ready", "Надійшов до відділення"},
		{"uk", "pickup_ready", "Вантаж прибув на відділення"},
		{"uk", "pickup_ready", "Відправлення очікує на отримання у відділенні"},
		{"uk", "pickup_ready", "Очікує видачі"},
		{"uk", "out_for_delivery", "Відправлення в кур'єра"},
		{"uk", "out_for_delivery", "Доставка кур'єром запланована на сьогодні"},
		{"uk", "delivered", "Отримувач отримав посилку"},
		{"uk", "delivery_failed", "Неможливо доставити: адреса не існує"},
		{"uk", "delivery_failed", "Відправлення не може бути доставлене"},
		{"uk", "returning", "Повернення відправлення: відмова одержувача"},
		{"uk", "returning", "Відправлення прямує на повернення"},
		{"uk", "returning", "Термін зберігання закінчився, відправлення повертається"},
		{"uk", "customs_held", "Митне оформлення: очікуємо документи від одержувача"},
		{"uk", "customs", "Митний огляд"},
		{"uk", "arrived_destination", "Прибуло до місця міжнародного поштового обміну"},
		{"uk", "in_transit", "Посилка прибула до Києва"},
		{"uk", "in_transit", "Прибула в сортувальний центр Meest у Львові"},
		{"uk", "info_received", "Замовлення створено"},
		{"uk", "info_received", "Очікує відправки"},

		// Ukrainian: more constructions — bare action nouns, the locative alone, customs sending it
		// back, the addressee not found or not met, SMS notices, documents as a service
		{"uk", "pickup_ready", "Посилка у відділенні"},
		{"uk", "pickup_ready", "Прибуття до відділення"},
		{"uk", "pickup_ready", "Відправлення надійшло, надіслано смс отримувачу"},
		{"uk", "customs_held", "Повернуто митницею"},
		{"uk", "customs_held", "Затримка на митниці"},
		{"uk", "delivery_failed", "Адресата не знайдено"},
		{"uk", "delivery_failed", "Спроба вручення"},
		{"uk", "delivery_failed", "Кур'єр не застав отримувача"},
		{"uk", "returned", "Вручення відправнику"},
		{"uk", "returned", "Відправлення повернулося до відправника"},
		{"uk", "exception", "Передано на тимчасове зберігання"},
		{"uk", "exception", "Посилку не забрали вчасно"},
		{"uk", "arrived_destination", "Відправлення надійшло в країну призначення"},
		{"uk", "delivered", "Відправлення отримано. Зворотна доставка документів"},
		{"uk", "in_transit", "Відправлення у місті Пустомити"}, // a town, not "пуст*" (empty)
		{"uk", "exception", "Посилка прийшла порожня"},

		// Russian: data before the parcel
		{"ru", "info_received", "Отправитель создал заказ"},
		{"ru", "info_received", "Зарегистрировано в системе"},
		{"ru", "info_received", "Ожидает передачи в службу доставки"},
		{"ru", "info_received", "Присвоение идентификатора"},
		// accepted
		{"ru", "accepted", "Прием отправления в ОПС"},
		{"ru", "accepted", "Принят на склад отправителя"},
		{"ru", "accepted", "Посылка сдана отправителем"},
		{"ru", "accepted", "Забран курьером у отправителя"},
		// in transit
		{"ru", "in_transit", "Выдан на отправку в г. отправителе"},
		{"ru", "in_transit", "Направлено в место вручения"},
		// left the origin, transit, destination
		{"ru", "departed_origin", "Отправлено из Китая"},
		{"ru", "departed_origin", "Самолет вылетел из страны отправления"},
		{"ru", "departed_origin", "Отправка за границу"},
		{"ru", "arrived_transit", "Прибыло в транзитную страну"},
		{"ru", "arrived_destination", "Посылка прибыла в аэропорт страны назначения"},
		// customs
		{"ru", "customs_held", "Направлено с обязательной уплатой таможенных платежей"},
		{"ru", "customs_held", "Возвращено таможней"},
		{"ru", "customs_held", "Необходимо предоставить паспортные данные"},
		// out for delivery
		{"ru", "out_for_delivery", "Курьер в пути"},
		{"ru", "out_for_delivery", "Отправление у курьера"},
		{"ru", "out_for_delivery", "Передано курьеру для вручения"},
		// waiting for the addressee
		{"ru", "pickup_ready", "Доставлено извещение"},
		{"ru", "pickup_ready", "Передача в кладовую хранения"},
		{"ru", "pickup_ready", "Продление срока хранения"},
		{"ru", "pickup_ready", "Поступило в ОПС для вручения"},
		{"ru", "pickup_ready", "Готов к выдаче в постамате"},
		{"ru", "pickup_ready", "Адресат заберет отправление сам"},
		// failed attempts
		{"ru", "delivery_failed", "Не вручен: получатель отсутствует"},
		{"ru", "delivery_failed", "Курьер не смог связаться с получателем"},
		{"ru", "delivery_failed", "Нет адресата"},
		{"ru", "delivery_failed", "Получатель не пришел на встречу с курьером"},
		// delivered
		{"ru", "delivered", "Вручен"},
		{"ru", "delivered", "Доставлено в почтовый ящик"},
		{"ru", "delivered", "Вручение адресату курьером"},
		{"ru", "delivered", "Получено в пункте выдачи"},
		{"ru", "delivered", "Вручено с контролем ответа"},
		{"ru", "delivered", "Выдача адресату"},
		// returns
		{"ru", "returning", "Возврат отправителю: истек срок хранения"},
		{"ru", "returning", "Готовится к возврату"},
		{"ru", "returning", "Возвращено отправителю по причине отказа адресата"},
		{"ru", "returned", "Выдано отправителю через почтомат"},
		{"ru", "returned", "Возврат выдан отправителю"},
		// problems
		{"ru", "exception", "Регистрация утраты"},
		{"ru", "exception", "Вскрытие"},
		{"ru", "exception", "Оформление в собственность"},
		{"ru", "exception", "Поступление на временное хранение"},
		{"ru", "exception", "Посылка задерживается"},
		// Russian: delivery services' order states (Яндекс Доставка, СДЭК), Russian Post attributes
		{"ru", "info_received", "Заказ создан и подтвержден"},
		{"ru", "in_transit", "Заказ обработан в сортировочном центре"},
		{"ru", "in_transit", "Заказ находится в городе получателя и готовится к отправке курьером"},
		{"ru", "out_for_delivery", "Заказ доставляется клиенту"},
		{"ru", "delivered", "Заказ вручен клиенту"},
		{"ru", "accepted", "Заказ поступил в точку приема"},
		{"ru", "info_received", "Ожидает поступления в пункт приёма"},
		{"ru", "pickup_ready", "Заложен в постамат"},
		{"ru", "returning", "Возвращен на склад отправителя"},
		{"ru", "in_transit", "Передано транзитному перевозчику"},
		{"ru", "pickup_ready", "Посылка готова к самовывозу"},
		{"ru", "in_transit", "Посылка готовится к доставке"},
		{"ru", "delivered", "Заказ получен покупателем"},
		{"ru", "delivered", "Посылку забрал получатель"},
		{"ru", "delivered", "Получатель забрал заказ из постамата"},
		{"ru", "delivery_failed", "Неудачная попытка доставки: получатель не отвечает на звонки"},
		{"ru", "delivery_failed", "Получатель отказался от заказа"},
		{"ru", "returning", "Возврат: отказ от получения"},
		{"ru", "returned", "Вручение отправителю почтальоном"},
		{"ru", "in_transit", "Покинуло место транзита"},
		{"ru", "arrived_transit", "Прибыло в место транзита"},
		{"ru", "customs", "Продление срока выпуска таможней"},
		{"ru", "customs", "Направлено в таможню"},
		{"ru", "customs", "Отправлено на таможенное оформление"},
		{"ru", "customs", "Выпуск разрешен"},
		{"ru", "accepted", "Получено на складе в Китае"},
		{"ru", "arrived_destination", "Посылка передана в службу доставки Почты России"},
		{"ru", "delivery_failed", "Получатель не найден по указанному адресу"},
		{"ru", "pickup_ready", "Почтовое отправление прибыло на ОПС выдачи"},
		// Russian: Nova Poshta's and Justin's Russian wording, bare nouns, documents as a service
		{"ru", "exception", "Прекращено хранение"},
		{"ru", "pickup_ready", "Отправление передано на осмотр получателю"},
		{"ru", "pickup_ready", "Заказ прибыл на отделение"},
		{"ru", "pickup_ready", "Прибытие в ОПС"},
		{"ru", "in_transit", "Прибыло в ОПС сортировки"},
		{"ru", "pickup_ready", "Ожидает получения"},
		{"ru", "delivered", "Выдача получателю"},
		{"ru", "departed_origin", "Отправлено авиарейсом в Россию"},
		{"ru", "delivery_failed", "Получатель не отвечает на звонки"},
		{"ru", "delivered", "Получено, создана обратная доставка документов"},
		{"ru", "in_transit", "Заказ передан в ТК"},
		{"ru", "exception", "Посылка пришла пустая"},
		// no status
		{"ru", "unknown", "Отправление не найдено"},
		{"ru", "unknown", "Трек-номер не найден"},
		{"ru", "unknown", "Информация временно недоступна"},
	})
}
