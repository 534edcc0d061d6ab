package classify

import "testing"

// TestCarrierPhrasingThaiMore: Thai forms added in session 13 (Thailand Post, Kerry / KEX, Flash,
// J&T, SPX), read by the phrase rules alone.
func TestCarrierPhrasingThaiMore(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"th", "in_transit", "เตรียมการนำจ่าย"},
		{"th", "in_transit", "พัสดุอยู่ระหว่างนำส่งไปยังสาขาปลายทาง"},
		{"th", "in_transit", "ผู้รับขอเลื่อนวันจัดส่ง"},
		{"th", "in_transit", "พัสดุยังไม่ได้นำจ่าย"},
		{"th", "in_transit", "พัสดุถึงฮับ"},
		{"th", "in_transit", "พัสดุของคุณถึง สาขาบางรัก แล้ว"},
		{"th", "in_transit", "พัสดุถูกส่งไปยัง DC บางนา"},
		{"th", "in_transit", "รับเข้าคลังสินค้า"},
		{"th", "delivery_failed", "ไม่สามารถติดต่อผู้รับได้"},
		{"th", "delivery_failed", "ร้านปิด ไม่สามารถนำส่งได้"},
		{"th", "delivery_failed", "ผู้รับไม่อยู่บ้าน"},
		{"th", "delivered", "จัดส่งพัสดุสำเร็จ"},
		{"th", "delivered", "จัดส่งเรียบร้อยแล้ว"},
		{"th", "delivered", "ฝากไว้กับ รปภ."},
		{"th", "delivered", "วางไว้หน้าบ้านตามที่ผู้รับแจ้ง"},
		{"th", "delivered", "ผู้รับรับพัสดุที่สาขาแล้ว"},
		{"th", "exception", "เข้ารับพัสดุไม่สำเร็จ"},
		{"th", "exception", "พัสดุตกค้าง"},
		{"th", "info_received", "รอพนักงานเข้ารับพัสดุ"},
		{"th", "info_received", "พนักงานกำลังเข้ารับพัสดุ"},
		{"th", "out_for_delivery", "ไรเดอร์กำลังไปส่ง"},
		{"th", "out_for_delivery", "พัสดุของคุณกำลังจะถูกนำส่ง"},
		{"th", "out_for_delivery", "นำออกจ่าย"},
		{"th", "pickup_ready", "พัสดุถึงจุดรับแล้ว"},
		{"th", "pickup_ready", "พัสดุพร้อมให้รับที่สาขา"},
		{"th", "pickup_ready", "พัสดุถูกเก็บรักษาไว้ที่สาขา"},
		{"th", "departed_origin", "พัสดุออกจากโกดังต่างประเทศ"},
		{"th", "departed_origin", "พัสดุออกจากประเทศจีน"},
		{"th", "departed_origin", "ออกจากสนามบินต้นทาง"},
		{"th", "arrived_destination", "พัสดุถึงโกดังในประเทศไทย"},
		{"th", "arrived_destination", "ถึงสนามบินปลายทาง"},
		{"th", "unknown", "ขอบคุณที่ใช้บริการ"},
	})
}
