package number

// The check-digit algorithms named by jkeen/tracking_number_data (its CHECKSUM_ALGORITHMS.md
// describes them). Each takes the serial number and the check digit with spaces already
// removed and reports whether they agree.

// checksum names what a format's validation.checksum asks for.
type checksum struct {
	Name            string `json:"name"`
	EvensMultiplier int    `json:"evens_multiplier"`
	OddsMultiplier  int    `json:"odds_multiplier"`
	Reverse         bool   `json:"reverse"`
	Weightings      []int  `json:"weightings"`
	Modulo          int    `json:"modulo"`
	Modulo1         int    `json:"modulo1"`
	Modulo2         int    `json:"modulo2"`
}

// known reports whether the algorithm is implemented.
func (c *checksum) known() bool {
	switch c.Name {
	case "mod10", "mod7", "s10", "luhn", "mod_37_36", "sum_product_with_weightings_and_modulo":
		return true
	}
	return false
}

// valid reports whether check is the check digit of serial.
func (c *checksum) valid(serial, check string) bool {
	if len(check) != 1 {
		return false
	}
	switch c.Name {
	case "mod10":
		return mod10(serial, check[0], c.EvensMultiplier, c.OddsMultiplier, c.Reverse)
	case "mod7":
		return mod7(serial, check[0])
	case "s10":
		return s10(serial, check[0])
	case "luhn":
		return luhn(serial, check[0])
	case "mod_37_36":
		return mod3736(serial, check[0])
	case "sum_product_with_weightings_and_modulo":
		return sumProduct(serial, check[0], c.Weightings, c.Modulo1, c.Modulo2)
	}
	return false
}

func digitValue(b byte) (int, bool) {
	if b >= '0' && b <= '9' {
		return int(b - '0'), true
	}
	return 0, false
}

// mod10 sums the characters (a letter counts as (its code - 3) mod 10), multiplying those at
// even and odd 0-based positions, and expects the distance to the next multiple of ten.
func mod10(serial string, check byte, evens, odds int, reverse bool) bool {
	want, ok := digitValue(check)
	if !ok {
		return false
	}
	total := 0
	n := len(serial)
	for i := 0; i < n; i++ {
		c := serial[i]
		if reverse {
			c = serial[n-1-i]
		}
		x, isDigit := digitValue(c)
		if !isDigit {
			x = (int(c) - 3) % 10
		}
		if odds != 0 && i%2 == 1 {
			x *= odds
		} else if evens != 0 && i%2 == 0 {
			x *= evens
		}
		total += x
	}
	got := total % 10
	if got != 0 {
		got = 10 - got
	}
	return got == want
}

// mod7: the serial read as a number, modulo 7.
func mod7(serial string, check byte) bool {
	want, ok := digitValue(check)
	if !ok || len(serial) == 0 || len(serial) > 18 {
		return false
	}
	v := 0
	for i := 0; i < len(serial); i++ {
		d, ok := digitValue(serial[i])
		if !ok {
			return false
		}
		v = v*10 + d
	}
	return v%7 == want
}

// s10 is the UPU S10 check digit: weights 8 6 4 2 3 5 9 7, 11 minus the sum modulo 11, with
// 10 written as 0 and 11 as 5.
func s10(serial string, check byte) bool {
	weights := [8]int{8, 6, 4, 2, 3, 5, 9, 7}
	want, ok := digitValue(check)
	if !ok || len(serial) != len(weights) {
		return false
	}
	total := 0
	for i := 0; i < len(serial); i++ {
		d, ok := digitValue(serial[i])
		if !ok {
			return false
		}
		total += d * weights[i]
	}
	got := 11 - total%11
	switch got {
	case 10:
		got = 0
	case 11:
		got = 5
	}
	return got == want
}

// luhn doubles every second digit counting from the one next to the check digit.
func luhn(serial string, check byte) bool {
	want, ok := digitValue(check)
	if !ok {
		return false
	}
	total := 0
	for i := 0; i < len(serial); i++ {
		d, ok := digitValue(serial[len(serial)-1-i])
		if !ok {
			return false
		}
		if i%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		total += d
	}
	return (10-total%10)%10 == want
}

// sumProduct: the weighted sum of the digits, modulo modulo1, then modulo modulo2.
func sumProduct(serial string, check byte, weights []int, modulo1, modulo2 int) bool {
	want, ok := digitValue(check)
	if !ok || modulo1 <= 0 || modulo2 <= 0 {
		return false
	}
	total := 0
	for i := 0; i < len(serial) && i < len(weights); i++ {
		d, _ := digitValue(serial[i]) // a letter counts as zero, as in the reference
		total += d * weights[i]
	}
	return total%modulo1%modulo2 == want
}

// mod3736 is ISO 7064 MOD 37,36 as DPD prints it: the check character is a digit or a letter.
func mod3736(serial string, check byte) bool {
	const mod = 36
	cd := mod
	for i := 0; i < len(serial); i++ {
		c := serial[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case c >= 'a' && c <= 'z':
			v = int(c-'a') + 10
		default:
			return false
		}
		cd += v
		if cd > mod {
			cd -= mod
		}
		cd *= 2
		if cd > mod {
			cd -= mod + 1
		}
	}
	cd = mod + 1 - cd
	if cd == mod {
		cd = 0
	}
	var want byte
	if cd < 10 {
		want = byte('0' + cd)
	} else {
		want = byte('A' + cd - 10)
	}
	return check == want
}
