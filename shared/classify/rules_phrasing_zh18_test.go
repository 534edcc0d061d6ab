package classify

import "testing"

// TestCarrierPhrasingChinese18 holds rules/zh.txt (session 17) to the express networks' scan
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
		// Taiwan's convenience-store pickup, in Traditional characters as written there.
		{"zh", "pickup_ready", "包裹已配達取貨門市"},
		{"zh", "pickup_ready", "商品已送達您指定的取件門市"},
		{"zh", "pickup_ready", "已到店，請於7日內取貨"},
		{"zh", "pickup_ready", "貨件已到達取貨門市，請攜帶證件取件"},
		{"zh", "delivered", "顧客已到店取貨"},
		{"zh", "delivered", "取貨完成"},
		{"zh", "delivered", "收件人成功取件"},
		{"zh", "returning", "逾期未取，包裹退回物流中心"},
		{"zh", "returning", "買家未取，商品離開門市"},
		{"zh", "returned", "退貨已由賣家取回，買家未取貨"},
		{"zh", "exception", "收件人電話格式錯誤"},
		{"zh", "exception", "寄件人姓名為空"},
		{"zh", "exception", "商品尺寸不符規定"},
		{"zh", "exception", "外箱包裝不良"},
		{"zh", "exception", "包裹送錯轉運中心"},
		{"zh", "exception", "因天候不佳，配送延後"},
		{"zh", "exception", "道路中斷，暫停配送"},
		{"zh", "exception", "配送車輛故障"},
		{"zh", "out_for_delivery", "包裹配送中"},
		{"zh", "pickup_ready", "包裹已到店"},
	})
}
