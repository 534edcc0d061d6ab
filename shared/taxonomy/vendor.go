package taxonomy

// Reasons: the sub-statuses classify attaches to a parcel status. They are open-ended strings
// in results; these are the ones the vendor tables below know.
const (
	ReasonLost              = "lost"
	ReasonDamaged           = "damaged"
	ReasonDestroyed         = "destroyed"
	ReasonRefused           = "refused"
	ReasonDutiesDue         = "duties_due"
	ReasonDocumentsRequired = "documents_required"
	ReasonInspection        = "inspection"
	ReasonAddressIssue      = "address_issue"
	ReasonRecipientAbsent   = "recipient_absent"
	ReasonBusinessClosed    = "business_closed"
	ReasonCancelled         = "cancelled"
	ReasonDelayed           = "delayed"
	ReasonReleased          = "released"   // customs: cleared / released
	ReasonPickedUp          = "picked_up"  // delivered: collected by the recipient
	ReasonSigned            = "signed"     // delivered: signed for
	ReasonNeighbour         = "neighbour"  // delivered: to a neighbour or family member
	ReasonSafePlace         = "safe_place" // delivered: mailbox, parcel box, agreed place
	ReasonNoInformation     = "no_information"
	ReasonUnclaimed         = "unclaimed"
)

// VendorCodesFor returns the closest 17TRACK (v2 sub-status) and AfterShip (subtag) codes
// for a parcel status and reason, as tabled in shared/DESIGN.md §2.
func VendorCodesFor(s ParcelStatus, reason string) VendorCodes {
	if byReason, ok := vendorByReason[s]; ok {
		if v, ok := byReason[reason]; ok {
			return v
		}
	}
	if v, ok := vendorByStatus[s]; ok {
		return v
	}
	return vendorByStatus[Unknown]
}

var vendorByStatus = map[ParcelStatus]VendorCodes{
	InfoReceived:       {"InfoReceived", "InfoReceived_001"},
	Accepted:           {"InTransit_PickedUp", "InTransit_002"},
	InTransit:          {"InTransit_Other", "InTransit_001"},
	DepartedOrigin:     {"InTransit_Departure", "InTransit_001"},
	ArrivedTransit:     {"InTransit_Other", "InTransit_003"},
	ArrivedDestination: {"InTransit_Arrival", "InTransit_004"},
	Customs:            {"InTransit_CustomsProcessing", "InTransit_006"},
	CustomsHeld:        {"InTransit_CustomsRequiringInformation", "Exception_004"},
	OutForDelivery:     {"OutForDelivery_Other", "OutForDelivery_001"},
	PickupReady:        {"AvailableForPickup_Other", "AvailableForPickup_001"},
	DeliveryFailed:     {"DeliveryFailure_Other", "AttemptFail_001"},
	Delivered:          {"Delivered_Other", "Delivered_001"},
	Returning:          {"Exception_Returning", "Exception_010"},
	Returned:           {"Exception_Returned", "Exception_011"},
	Exception:          {"Exception_Other", "Exception_001"},
	Unknown:            {"NotFound_Other", "Pending_001"},
}

var vendorByReason = map[ParcelStatus]map[string]VendorCodes{
	Customs: {
		ReasonReleased: {"InTransit_CustomsReleased", "InTransit_005"},
	},
	CustomsHeld: {
		ReasonDutiesDue:         {"InTransit_CustomsRequiringInformation", "Exception_006"},
		ReasonDocumentsRequired: {"InTransit_CustomsRequiringInformation", "Exception_018"},
		ReasonInspection:        {"Exception_Security", "Exception_004"},
	},
	DeliveryFailed: {
		ReasonRecipientAbsent: {"DeliveryFailure_NoBody", "AttemptFail_002"},
		ReasonBusinessClosed:  {"DeliveryFailure_NoBody", "AttemptFail_003"},
		ReasonRefused:         {"DeliveryFailure_Rejected", "Exception_003"},
		ReasonAddressIssue:    {"DeliveryFailure_InvalidAddress", "Exception_007"},
	},
	Delivered: {
		ReasonPickedUp:  {"Delivered_Other", "Delivered_002"},
		ReasonSigned:    {"Delivered_Other", "Delivered_003"},
		ReasonNeighbour: {"Delivered_Other", "Delivered_005"},
		ReasonSafePlace: {"Delivered_Other", "Delivered_001"},
	},
	Exception: {
		ReasonLost:         {"Exception_Lost", "Exception_013"},
		ReasonDamaged:      {"Exception_Damage", "Exception_012"},
		ReasonDestroyed:    {"Exception_Destroyed", "Exception_012"},
		ReasonRefused:      {"Exception_Rejected", "Exception_003"},
		ReasonAddressIssue: {"Exception_Other", "Exception_007"},
		ReasonCancelled:    {"Exception_Cancel", "Exception_001"},
		ReasonDelayed:      {"Exception_Delayed", "Exception_005"},
		ReasonUnclaimed:    {"Exception_Other", "Exception_008"},
	},
	Returning: {
		ReasonRefused: {"Exception_Returning", "Exception_010"},
	},
	Unknown: {
		ReasonNoInformation: {"NotFound_Other", "Pending_001"},
	},
}
