package classify

import (
	"testing"

	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// TestCollectionPeriodExpired: "the time allowed for collection ran out" is unclaimed
// (exception) in every language that has the rule, in the rules alone; a deadline still to
// come, or storage as such, stays pickup_ready, and a return under way stays returning.
func TestCollectionPeriodExpired(t *testing.T) {
	for _, tt := range []struct {
		lang, text string
		want       taxonomy.ParcelStatus
	}{
		{"en", "Collection period expired", taxonomy.Exception},
		{"en", "The pickup deadline has passed", taxonomy.Exception},
		{"en", "The time to collect your parcel has passed", taxonomy.Exception},
		{"it", "Il termine per il ritiro è scaduto", taxonomy.Exception},
		{"it", "Giacenza scaduta", taxonomy.Exception},
		{"it", "Giacenza scaduta, il pacco torna al mittente", taxonomy.Returning},
		{"it", "In giacenza presso l'ufficio postale", taxonomy.PickupReady},
		{"pl", "Upłynął termin odbioru paczki", taxonomy.Exception},
		{"pl", "Paczka czeka na odbiór, termin upływa jutro", taxonomy.PickupReady},
		{"pt", "Prazo de retirada expirado", taxonomy.Exception},
		{"fr", "Délai de retrait dépassé", taxonomy.Exception},
		{"uk", "Закінчився термін зберігання", taxonomy.Exception},
		{"uk", "Повернуто відправнику: закінчився термін зберігання", taxonomy.Returning},
	} {
		if got, rule := ruleStatus(Input{Text: tt.text, Lang: tt.lang}); got != tt.want {
			t.Errorf("%s %q = %s (rule %s), want %s", tt.lang, tt.text, got, rule, tt.want)
		}
	}
}

// TestReturnTowardsSender: Italian verb forms of "going back to the sender" are a return under way.
func TestReturnTowardsSender(t *testing.T) {
	for _, text := range []string{"Il pacco è ripartito verso il mittente", "La spedizione torna al mittente", "Spedizione diretta al mittente"} {
		if got, rule := ruleStatus(Input{Text: text, Lang: "it"}); got != taxonomy.Returning {
			t.Errorf("%q = %s (rule %s), want returning", text, got, rule)
		}
	}
}
