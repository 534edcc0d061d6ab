package classify

import "testing"

// TestCarrierPhrasingChinese18 holds rules/zh.txt (session 18) to the express networks' scan
// types and lockers, in Simplified and in Traditional characters (normalize folds the latter,
// chinese.go): bagging is line-haul handling, a retained parcel a problem, a parcel put into a
// locker waits for the recipient and one taken out of it was collected. Written from how the
// networks word their scans.
func TestCarrierPhrasingChinese18(t *testing.T) {
	checkPhrasings(t, []phrasing{
		{"zh", "in_transit", "装袋扫描"},
		{"zh", "in_transit", "快件已装袋，发往广州转运中心"},
		{"zh", "in_transit", "建包扫描"},
		{"zh", "in_transit", "拆包扫描"},
		{"zh", "in_transit", "快件已拆袋"},
		{"zh", "exception", "留仓扫描"},
		{"zh", "exception", "快件留仓，原因：收件人要求改天派送"},
		{"zh", "pickup_ready", "快件已入柜"},
		{"zh", "pickup_ready", "您的快件已投柜，请凭取件码取件"},
		{"zh", "pickup_ready", "快件已入柜，请及时取件"},
		{"zh", "delivered", "快件已从柜中取出"},
		{"zh", "delivered", "您的包裹已从快递柜取出"},
		{"zh", "in_transit", "裝袋掃描"},
		{"zh", "pickup_ready", "包裹已入櫃，請憑取件碼取件"},
		{"zh", "delivered", "已簽收"},
		{"zh", "delivered", "包裹已從櫃中取出"},
		{"zh", "in_transit", "包裹已到達轉運中心"},
		{"zh", "out_for_delivery", "派件中，派件員：王先生"},
		{"zh", "customs", "海關查驗中"},
		{"zh", "returning", "包裹退回寄件人"},
	})
}
