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
		{"uk", "info_received", "Нова Пошта очікує надходження відправлення"},
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
		{"uk", "in_transit", "Відправлено з сортувального центру"},
		{"uk", "in_transit", "Відправлення покинуло сортувальний центр"},
		{"uk", "in_transit", "Обробка в сортувальному центрі"},
		{"uk", "in_transit", "Сортування відправлення"},
		{"uk", "in_transit", "Посилка в дорозі"},
		{"uk", "in_transit", "Прямує до відділення № 5"},
		{"uk", "in_transit", "Відправлення завантажено в автомобіль"},
		{"uk", "in_transit", "Відправлення у місті Одеса"},
		// departed the origin country, transit country, destination country
		{"uk", "departed_origin", "Експорт міжнародного відправлення"},
		{"uk", "departed_origin", "Відправлено до країни призначення"},
		{"uk", "departed_origin", "Посилку відправлено з Китаю"},
		{"uk", "departed_origin", "Відправлення вилетіло з країни відправлення"},
		{"uk", "arrived_transit", "Відправлення прибуло до транзитної країни"},
		{"uk", "arrived_destination", "Посилка надійшла в Україну"},
		{"uk", "arrived_destination", "Імпорт міжнародного відправлення"},
		{"uk", "arrived_destination", "Прибула до країни призначення"},
		{"uk", "arrived_destination", "Посилка прибула на склад в Україні"},
		// customs
		{"uk", "customs", "Передано на митне оформлення"},
		{"uk", "customs", "Відправлення на митному оформленні"},
		{"uk", "customs", "Відправлення розмитнене"},
		{"uk", "customs", "Завершення імпорту"},
		{"uk", "customs", "Проходить митний контроль"},
		{"uk", "customs", "Відправлення випущено митницею"},
		{"uk", "customs_held", "Відправлення затримане на митниці"},
		{"uk", "customs_held", "Необхідно сплатити мито"},
		{"uk", "customs_held", "Очікує сплати митних платежів"},
		{"uk", "customs_held", "Митниця запитує додаткові документи"},
		{"uk", "customs_held", "Відмова митниці у випуску відправлення"},
		// out for delivery
		{"uk", "out_for_delivery", "Передано кур'єру для доставки"},
		{"uk", "out_for_delivery", "Кур'єр доставить посилку сьогодні"},
		{"uk", "out_for_delivery", "Видано кур'єру на доставку"},
		{"uk", "out_for_delivery", "Відправлення передане на доставку"},
		{"uk", "out_for_delivery", "Доставляється листоношею"},
		// waiting at the branch or locker
		{"uk", "pickup_ready", "Відправлення прибуло у відділення"},
		{"uk", "pickup_ready", "Прибула у відділення № 5"},
		{"uk", "pickup_ready", "Прибули до відділення"},
		{"uk", "pickup_ready", "Надійшло у відділення поштового зв'язку"},
		{"uk", "pickup_ready", "Доставлено в поштомат"},
		{"uk", "pickup_ready", "Готове до видачі у відділенні"},
		{"uk", "pickup_ready", "Посилка чекає на вас у відділенні"},
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
		{"uk", "delivered", "Відправлення вручено одержувачу"},
		{"uk", "delivered", "Вручене адресату"},
		{"uk", "delivered", "Видано отримувачу"},
		{"uk", "delivered", "Посилку отримано"},
		{"uk", "delivered", "Доставлено кур'єром"},
		{"uk", "delivered", "Отримувач забрав посилку з поштомату"},
		{"uk", "delivered", "Видано у відділенні"},
		{"uk", "delivered", "Вручено особисто під підпис"},
		// returns
		{"uk", "returning", "Відправлено на повернення"},
		{"uk", "returning", "Оформлено повернення відправлення"},
		{"uk", "returning", "Відправлення прямує до відправника"},
		{"uk", "returned", "Відправлення повернене відправнику"},
		{"uk", "returned", "Повернуте відправнику"},
		{"uk", "returned", "Відправник отримав повернення"},
		// problems
		{"uk", "exception", "Відправлення пошкоджене"},
		{"uk", "exception", "Посилку загублено"},
		{"uk", "exception", "Прийом скасовано"},
		{"uk", "exception", "Відправлення затримується"},
		{"uk", "exception", "Відправлення знищено"},
		{"uk", "exception", "Неправильна адреса одержувача"},
		// no status
		{"uk", "unknown", "Інформація про відправлення відсутня"},
		{"uk", "unknown", "Немає даних про відправлення"},
		{"uk", "unknown", "Перевірте номер відправлення"},
		{"uk", "unknown", "Дані тимчасово недоступні"},

		// Russian: data before the parcel
		{"ru", "info_received", "Отправитель создал заказ"},
		{"ru", "info_received", "Зарегистрировано в системе"},
		{"ru", "info_received", "Ожидает передачи в службу доставки"},
		{"ru", "info_received", "Присвоение идентификатора"},
		// accepted
		{"ru", "accepted", "Прием отправления в ОПС"},
		{"ru", "accepted", "Принято от отправителя"},
		{"ru", "accepted", "Принят на склад отправителя"},
		{"ru", "accepted", "Посылка сдана отправителем"},
		{"ru", "accepted", "Забран курьером у отправителя"},
		// in transit
		{"ru", "in_transit", "Выдан на отправку в г. отправителе"},
		{"ru", "in_transit", "Направлено в место вручения"},
		{"ru", "in_transit", "Отправлен в г. Москва"},
		{"ru", "in_transit", "Обработка перевозчиком"},
		{"ru", "in_transit", "Погрузка в транспорт"},
		// left the origin, transit, destination
		{"ru", "departed_origin", "Отправлено из Китая"},
		{"ru", "departed_origin", "Самолет вылетел из страны отправления"},
		{"ru", "departed_origin", "Отправка за границу"},
		{"ru", "arrived_transit", "Прибыло в транзитную страну"},
		{"ru", "arrived_destination", "Прибыло в Россию"},
		{"ru", "arrived_destination", "Прибыло в страну назначения"},
		{"ru", "arrived_destination", "Посылка прибыла в аэропорт страны назначения"},
		// customs
		{"ru", "customs", "Проходит таможенное оформление"},
		{"ru", "customs", "Таможенное оформление в стране назначения"},
		{"ru", "customs", "Растаможено"},
		{"ru", "customs", "Осмотрено таможней"},
		{"ru", "customs_held", "Направлено с обязательной уплатой таможенных платежей"},
		{"ru", "customs_held", "Возвращено таможней"},
		{"ru", "customs_held", "Необходимо предоставить паспортные данные"},
		// out for delivery
		{"ru", "out_for_delivery", "Курьер в пути"},
		{"ru", "out_for_delivery", "Отправление у курьера"},
		{"ru", "out_for_delivery", "Передано курьеру для вручения"},
		// waiting for the addressee
		{"ru", "pickup_ready", "Прибыло в почтомат"},
		{"ru", "pickup_ready", "Прибыло в пункт выдачи"},
		{"ru", "pickup_ready", "Доставлено извещение"},
		{"ru", "pickup_ready", "Передача в кладовую хранения"},
		{"ru", "pickup_ready", "Продление срока хранения"},
		{"ru", "pickup_ready", "Прибыло в отделение связи"},
		{"ru", "pickup_ready", "Поступило в ОПС для вручения"},
		{"ru", "pickup_ready", "Готов к выдаче в постамате"},
		{"ru", "pickup_ready", "Адресат заберет отправление сам"},
		// failed attempts
		{"ru", "delivery_failed", "Не вручен: получатель отсутствует"},
		{"ru", "delivery_failed", "Курьер не смог связаться с получателем"},
		{"ru", "delivery_failed", "Нет адресата"},
		{"ru", "delivery_failed", "Получатель не пришел на встречу с курьером"},
		// delivered
		{"ru", "delivered", "Вручено адресату почтальоном"},
		{"ru", "delivered", "Вручен"},
		{"ru", "delivered", "Посылка получена"},
		{"ru", "delivered", "Доставлено в почтовый ящик"},
		{"ru", "delivered", "Вручение адресату курьером"},
		{"ru", "delivered", "Получено в пункте выдачи"},
		{"ru", "delivered", "Вручено с контролем ответа"},
		{"ru", "delivered", "Выдача адресату"},
		// returns
		{"ru", "returning", "Возврат отправителю: истек срок хранения"},
		{"ru", "returning", "Отправление возвращается отправителю"},
		{"ru", "returning", "Готовится к возврату"},
		{"ru", "returning", "Возвращено отправителю по причине отказа адресата"},
		{"ru", "returned", "Выдано отправителю через почтомат"},
		{"ru", "returned", "Возврат выдан отправителю"},
		// problems
		{"ru", "exception", "Регистрация утраты"},
		{"ru", "exception", "Вскрытие"},
		{"ru", "exception", "Оформление в собственность"},
		{"ru", "exception", "Поступление на временное хранение"},
		{"ru", "exception", "Отправление повреждено"},
		{"ru", "exception", "Посылка задерживается"},
		{"ru", "exception", "Заказ отменен"},
		// no status
		{"ru", "unknown", "Отправление не найдено"},
		{"ru", "unknown", "Трек-номер не найден"},
		{"ru", "unknown", "Информация временно недоступна"},
	})
}
