package password_test

import (
	"regexp"
	"testing"

	"github.com/orderwatch/orderwatch/server/password"
)

func TestHashIsArgon2idAtOWASPParameters(t *testing.T) {
	h1, err := password.Hash("correct horse battery", password.OWASP)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h1) {
		t.Errorf("hash %q is not argon2id with m=19456,t=2,p=1", h1)
	}
	h2, err := password.Hash("correct horse battery", password.OWASP)
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerify(t *testing.T) {
	weak := password.Params{Memory: 8 * 1024, Time: 1, Threads: 1}
	strong, _ := password.Hash("correct horse battery", password.OWASP)
	old, _ := password.Hash("correct horse battery", weak)
	tests := []struct {
		name       string
		pw, hash   string
		ok, rehash bool
		wantErr    bool
	}{
		{name: "right password", pw: "correct horse battery", hash: strong, ok: true},
		{name: "wrong password", pw: "correct horse batterY", hash: strong},
		{name: "weaker parameters ask for a re-hash", pw: "correct horse battery", hash: old, ok: true, rehash: true},
		{name: "not a PHC string", pw: "x", hash: "plain", wantErr: true},
		{name: "absurd memory cost", pw: "x", hash: "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5", wantErr: true},
		{name: "bcrypt hash", pw: "x", hash: "$2a$10$abcdefghijklmnopqrstuu", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, rehash, err := password.Verify(tt.pw, tt.hash, password.OWASP)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Verify error = %v, want error %v", err, tt.wantErr)
			}
			if ok != tt.ok || rehash != tt.rehash {
				t.Errorf("Verify = ok %v rehash %v, want ok %v rehash %v", ok, rehash, tt.ok, tt.rehash)
			}
		})
	}
}
