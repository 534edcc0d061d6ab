package server

import (
	"strings"
	"unicode/utf8"
)

// Password limits. The upper bound is checked before hashing so that a huge password cannot
// make the server spend its memory-hard hash on it.
const (
	MinPasswordBytes = 8
	MaxPasswordBytes = 1024
	MaxEmailBytes    = 254
)

// NormalizeEmail validates an email address loosely (one "@", something on each side, no
// spaces or control characters) and lower-cases it. The address is an account name here;
// nothing is ever sent to it.
func NormalizeEmail(email string) (string, error) {
	if !utf8.ValidString(email) || len(email) > MaxEmailBytes {
		return "", Errorf(EINVALID, "email must be valid UTF-8 of at most %d bytes.", MaxEmailBytes)
	}
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return "", Errorf(EINVALID, "email must look like name@example.com.")
	}
	for _, r := range email {
		if r <= ' ' || r == 0x7f || isBidiControl(r) {
			return "", Errorf(EINVALID, "email must not contain spaces or control characters.")
		}
	}
	return strings.ToLower(email), nil
}

// ValidatePassword applies the password policy of ASVS 5.0 §6.2: a length range and no
// well-known passwords, with no composition rules.
func ValidatePassword(pw string) error {
	if len(pw) > MaxPasswordBytes {
		return Errorf(EINVALID, "password must be at most %d bytes.", MaxPasswordBytes)
	}
	if !utf8.ValidString(pw) {
		return Errorf(EINVALID, "password must be valid UTF-8.")
	}
	if utf8.RuneCountInString(pw) < MinPasswordBytes {
		return Errorf(EINVALID, "password must be at least %d characters.", MinPasswordBytes)
	}
	if _, ok := commonPasswords[strings.ToLower(pw)]; ok {
		return Errorf(EINVALID, "this password is too common; choose another.")
	}
	return nil
}

// commonPasswords holds a few of the most used passwords of eight characters or more. It is
// a short list written here, not the full top-3000 list ASVS asks for.
var commonPasswords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, p := range strings.Fields(`password password1 password12 password123 password1234 passw0rd
		12345678 123456789 1234567890 12341234 11111111 00000000 87654321 123123123 1q2w3e4r
		1q2w3e4r5t qwertyuiop qwerty123 qwerty12 qwertyui asdfghjkl asdfasdf zxcvbnm1 iloveyou
		iloveyou1 sunshine princess football baseball superman starwars trustno1 letmein1
		welcome1 welcome123 admin123 administrator abc12345 abcd1234 aa123456 changeme
		monkey123 dragon123 master123 qazwsxedc 1qaz2wsx aliexpress orderwatch`) {
		m[p] = struct{}{}
	}
	return m
}()
