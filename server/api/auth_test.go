package api_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/orderwatch/orderwatch/server/api"
	"golang.org/x/time/rate"
)

// sign makes an HS256 token with arbitrary header fields and claims, the way an attacker
// who knows (or guesses) a key would.
func sign(t testing.TB, key []byte, header, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	in := b64(h) + "." + b64(c)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(in))
	return in + "." + b64(m.Sum(nil))
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// claimsOf reads the claims of a real access token, to forge variants of it.
func claimsOf(t testing.TB, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func with(c map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range c {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

func TestJWTAttacks(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		base := claimsOf(t, tk.AccessToken)
		now := e.clock.Now().Unix()
		hs256 := map[string]any{"alg": "HS256", "typ": "JWT"}
		tampered := func() string {
			p := strings.Split(tk.AccessToken, ".")
			c := with(base, "sub", "999")
			j, _ := json.Marshal(c)
			return p[0] + "." + b64(j) + "." + p[2]
		}
		tests := []struct {
			name   string
			token  string
			status int
		}{
			{"the real token works", tk.AccessToken, 200},
			{"alg none without signature", b64([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + strings.Split(tk.AccessToken, ".")[1] + ".", 401},
			{"alg none with the real signature", b64([]byte(`{"alg":"none"}`)) + "." + strings.Split(tk.AccessToken, ".")[1] + "." + strings.Split(tk.AccessToken, ".")[2], 401},
			{"HS512 with the right key", mustSign(t, jwt.SigningMethodHS512, e.secret, base), 401},
			{"RS256 header", sign(t, e.secret, map[string]any{"alg": "RS256"}, base), 401},
			{"wrong key", sign(t, []byte("another secret of at least 32 bytes!!"), hs256, base), 401},
			{"tampered payload", tampered(), 401},
			{"expired 31 s ago (beyond leeway)", sign(t, e.secret, hs256, with(base, "exp", now-31)), 401},
			{"expired 29 s ago (within leeway)", sign(t, e.secret, hs256, with(base, "exp", now-29)), 200},
			{"no exp", sign(t, e.secret, hs256, with(base, "exp", nil)), 401},
			{"not before in 5 minutes", sign(t, e.secret, hs256, with(base, "nbf", now+300)), 401},
			{"issued in the future", sign(t, e.secret, hs256, with(base, "iat", now+300)), 401},
			{"wrong issuer", sign(t, e.secret, hs256, with(base, "iss", "evil")), 401},
			{"no issuer", sign(t, e.secret, hs256, with(base, "iss", nil)), 401},
			{"wrong audience", sign(t, e.secret, hs256, with(base, "aud", []string{"other-api"})), 401},
			{"no audience", sign(t, e.secret, hs256, with(base, "aud", nil)), 401},
			{"typ refresh", sign(t, e.secret, hs256, with(base, "typ", "refresh")), 401},
			{"no typ", sign(t, e.secret, hs256, with(base, "typ", nil)), 401},
			{"no session", sign(t, e.secret, hs256, with(base, "sid", nil)), 401},
			{"unknown session", sign(t, e.secret, hs256, with(base, "sid", "00000000-0000-0000-0000-000000000000")), 401},
			{"another user's id with this session", sign(t, e.secret, hs256, with(base, "sub", "999")), 401},
			{"kid path traversal", sign(t, e.secret, map[string]any{"alg": "HS256", "kid": "../../../../etc/passwd"}, base), 200},
			{"kid SQL injection, wrong key", sign(t, []byte("' OR 1=1-- padding to thirty-two bytes"), map[string]any{"alg": "HS256", "kid": "' OR 1=1--"}, base), 401},
			{"expired and badly signed", sign(t, []byte("another secret of at least 32 bytes!!"), hs256, with(base, "exp", now-3600)), 401},
			{"refresh token as access token", tk.RefreshToken, 401},
			{"garbage", "a.b.c", 401},
			{"dots", "....", 401},
			{"empty", "", 401},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := e.do("GET", "/api/v1/orders", tt.token, nil)
				want(t, r, tt.status)
				if tt.status == 401 && r.errorCode(t) != "unauthorized" {
					t.Errorf("code = %q, want unauthorized", r.errorCode(t))
				}
			})
		}

		t.Run("token in the query is ignored", func(t *testing.T) {
			want(t, e.do("GET", "/api/v1/orders?token="+tk.AccessToken+"&access_token="+tk.AccessToken, "", nil), 401)
		})
		t.Run("lower-case bearer scheme works", func(t *testing.T) {
			want(t, e.do("GET", "/api/v1/orders", "", nil, "Authorization", "bearer "+tk.AccessToken), 200)
		})
		t.Run("basic scheme is refused", func(t *testing.T) {
			want(t, e.do("GET", "/api/v1/orders", "", nil, "Authorization", "Basic "+tk.AccessToken), 401)
		})
		t.Run("a megabyte of dots is refused before parsing", func(t *testing.T) {
			r := e.do("GET", "/api/v1/orders", "", nil, "Authorization", "Bearer "+strings.Repeat(".", 1<<20))
			if r.Status != http.StatusRequestHeaderFieldsTooLarge {
				t.Errorf("status = %d, want 431", r.Status)
			}
		})
		t.Run("8 KB of dots (under the header limit) is 401", func(t *testing.T) {
			want(t, e.do("GET", "/api/v1/orders", "", nil, "Authorization", "Bearer "+strings.Repeat(".", 8<<10)), 401)
		})
		t.Run("the real token still works after an hour of clock only until it expires", func(t *testing.T) {
			e.clock.Advance(api.DefaultAccessTTL + 31*time.Second)
			want(t, e.do("GET", "/api/v1/orders", tk.AccessToken, nil), 401)
		})
	})
}

func mustSign(t testing.TB, m jwt.SigningMethod, key []byte, claims map[string]any) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, jwt.MapClaims(claims)).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAccessTokenOfDeletedUser(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		r := e.do("DELETE", "/api/v1/account", tk.AccessToken, map[string]string{"password": testPassword})
		want(t, r, 204)
		want(t, e.do("GET", "/api/v1/orders", tk.AccessToken, nil), 401)
		want(t, e.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": tk.RefreshToken}), 401)
	})
}

func refresh(e *env, rt string) response {
	return e.do("POST", "/api/v1/auth/refresh", "", map[string]string{"refresh_token": rt})
}

func TestRefreshRotationAndReuse(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		_, tk := e.user()
		r := refresh(e, tk.RefreshToken)
		want(t, r, 200)
		var tk2 tokens
		r.JSON(t, &tk2)
		if tk2.RefreshToken == tk.RefreshToken || tk2.AccessToken == "" {
			t.Fatal("refresh did not rotate the refresh token")
		}
		want(t, e.do("GET", "/api/v1/orders", tk2.AccessToken, nil), 200)

		// The spent token comes back: the whole family ends, the newest token and the
		// session's access tokens included.
		want(t, refresh(e, tk.RefreshToken), 401)
		want(t, refresh(e, tk2.RefreshToken), 401)
		want(t, e.do("GET", "/api/v1/orders", tk2.AccessToken, nil), 401)

		t.Run("another session is untouched", func(t *testing.T) {
			email, _ := e.user()
			r := e.login(email, testPassword)
			want(t, r, 200)
			var a tokens
			r.JSON(t, &a)
			r = e.login(email, testPassword)
			var b tokens
			r.JSON(t, &b)
			want(t, refresh(e, a.RefreshToken), 200)
			want(t, refresh(e, a.RefreshToken), 401)
			want(t, refresh(e, b.RefreshToken), 200)
		})
		t.Run("access token as refresh token", func(t *testing.T) {
			_, tk := e.user()
			want(t, refresh(e, tk.AccessToken), 401)
		})
		t.Run("expired refresh token", func(t *testing.T) {
			_, tk := e.user()
			e.clock.Advance(api.DefaultRefreshTTL + time.Minute)
			want(t, refresh(e, tk.RefreshToken), 401)
		})
		t.Run("made-up refresh token", func(t *testing.T) {
			want(t, refresh(e, "owr_"+strings.Repeat("A", 43)), 401)
		})
	})
}

func TestConcurrentRefreshExactlyOneWins(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		for round := 0; round < 3; round++ {
			_, tk := e.user()
			const n = 8
			statuses := make([]int, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					statuses[i] = refresh(e, tk.RefreshToken).Status
				}()
			}
			wg.Wait()
			ok := 0
			for _, s := range statuses {
				switch s {
				case 200:
					ok++
				case 401:
				default:
					t.Errorf("status %d, want 200 or 401", s)
				}
			}
			if ok != 1 {
				t.Errorf("round %d: %d refreshes succeeded, want exactly 1 (%v)", round, ok, statuses)
			}
		}
	})
}

func TestLogoutRevokes(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, tk := e.user()
		other := e.login(email, testPassword)
		var tk2 tokens
		other.JSON(t, &tk2)

		logout := func() response {
			return e.do("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": tk.RefreshToken})
		}
		want(t, logout(), 204)
		want(t, logout(), 204)
		want(t, e.do("GET", "/api/v1/orders", tk.AccessToken, nil), 401)
		want(t, refresh(e, tk.RefreshToken), 401)
		// The other browser stays signed in.
		want(t, e.do("GET", "/api/v1/orders", tk2.AccessToken, nil), 200)
		want(t, e.do("POST", "/api/v1/auth/logout", "", map[string]string{"refresh_token": "not a token"}), 204)
	})
}

func TestPasswordChangeRevokesEverySession(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, tk := e.user()
		var other tokens
		e.login(email, testPassword).JSON(t, &other)

		change := func(cur, next string) response {
			return e.do("POST", "/api/v1/auth/password", tk.AccessToken, map[string]string{"current_password": cur, "new_password": next})
		}
		want(t, change("wrong password!!", "a brand new passphrase"), 401)
		r := change(testPassword, "a brand new passphrase")
		want(t, r, 200)
		var fresh tokens
		r.JSON(t, &fresh)

		for name, tok := range map[string]string{"caller's old": tk.AccessToken, "other browser's": other.AccessToken} {
			if got := e.do("GET", "/api/v1/orders", tok, nil).Status; got != 401 {
				t.Errorf("%s access token: status %d, want 401", name, got)
			}
		}
		want(t, refresh(e, other.RefreshToken), 401)
		want(t, refresh(e, tk.RefreshToken), 401)
		want(t, e.do("GET", "/api/v1/orders", fresh.AccessToken, nil), 200)
		want(t, e.login(email, testPassword), 401)
		want(t, e.login(email, "a brand new passphrase"), 200)
	})
}

func TestAccountDeletionRemovesEverything(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, tk := e.user()
		e.push(tk.AccessToken, mut(newMutationID(), orderID(1), 0, "upsert", `{"note":"mine"}`))
		want(t, e.do("DELETE", "/api/v1/account", tk.AccessToken, map[string]string{"password": "wrong password!!"}), 401)
		want(t, e.do("DELETE", "/api/v1/account", tk.AccessToken, map[string]string{"password": testPassword}), 204)
		for _, table := range []string{"users", "sessions", "refresh_tokens", "orders", "applied_mutations"} {
			var n int64
			if err := e.db.Gorm().Table(table).Count(&n).Error; err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s has %d rows after the only account was deleted", table, n)
			}
		}
		want(t, e.login(email, testPassword), 401)
	})
}

func TestLoginDoesNotTellWhichAccountsExist(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, _ := e.user()
		wrong := e.login(email, "not the password")
		unknown := e.login("nobody-"+email, "not the password")
		want(t, wrong, 401)
		want(t, unknown, 401)
		if diff := cmp.Diff(string(wrong.Body), string(unknown.Body)); diff != "" {
			t.Errorf("wrong password and unknown user answer differently (-wrong +unknown):\n%s", diff)
		}
		if got := wrong.errorCode(t); got != "unauthorized" {
			t.Errorf("code = %q", got)
		}
		if e.login(strings.ToUpper(email), testPassword).Status != 200 {
			t.Error("email is not case-insensitive")
		}
	})
}

func TestPerIPRateLimitIgnoresForwardedHeaders(t *testing.T) {
	each(t, func(c *api.Config) { c.AuthRate, c.AuthBurst = rate.Every(time.Hour), 5 }, func(t *testing.T, e *env) {
		statuses := []int{}
		for i := 0; i < 8; i++ {
			r := e.do("POST", "/api/v1/auth/login", "", map[string]string{"email": "x@example.com", "password": "whatever123"},
				"X-Forwarded-For", "203.0.113."+string(rune('1'+i)), "X-Real-IP", "198.51.100."+string(rune('1'+i)))
			statuses = append(statuses, r.Status)
			if r.Status == 429 {
				if r.errorCode(t) != "rate_limited" || r.Header.Get("Retry-After") == "" {
					t.Errorf("429 without rate_limited code or Retry-After: %s %v", r.Body, r.Header)
				}
			}
		}
		want := []int{401, 401, 401, 401, 401, 429, 429, 429}
		if diff := cmp.Diff(want, statuses); diff != "" {
			t.Errorf("statuses with a new forged X-Forwarded-For each time: mismatch (-want +got):\n%s", diff)
		}
		// The clock refills the bucket.
		e.clock.Advance(time.Hour)
		if got := e.login("x@example.com", "whatever123").Status; got != 401 {
			t.Errorf("after an hour: status %d, want 401", got)
		}
	})
}

func TestPerAccountLockout(t *testing.T) {
	each(t, func(c *api.Config) { c.AccountRate, c.AccountBurst = rate.Every(time.Hour/100), 5 }, func(t *testing.T, e *env) {
		victim, _ := e.user()
		bystander, _ := e.user()
		for i := 0; i < 5; i++ {
			want(t, e.login(victim, "guess number "+string(rune('a'+i))), 401)
		}
		r := e.login(victim, "guess number z")
		want(t, r, 429)
		// Even the right password waits: the lock is on the account, not the guess.
		want(t, e.login(victim, testPassword), 429)
		want(t, e.login(bystander, testPassword), 200)
		// Unknown accounts are limited the same way, so the limit tells nothing either.
		for i := 0; i < 5; i++ {
			want(t, e.login("ghost@example.com", "guess number "+string(rune('a'+i))), 401)
		}
		want(t, e.login("ghost@example.com", "guess"), 429)
		e.clock.Advance(time.Hour / 100)
		want(t, e.login(victim, testPassword), 200)
	})
}

func TestAuthBadInputs(t *testing.T) {
	each(t, nil, func(t *testing.T, e *env) {
		email, tk := e.user()
		tests := []struct {
			name, path, contentType, body string
			status                        int
			code                          string
		}{
			{"non-UTF-8 email", "/api/v1/auth/login", "application/json", "{\"email\":\"a\xff@x.io\",\"password\":\"whatever123\"}", 400, "invalid"},
			{"2 KB password", "/api/v1/auth/login", "application/json", `{"email":"a@x.io","password":"` + strings.Repeat("p", 2048) + `"}`, 400, "invalid"},
			{"100 KB password", "/api/v1/auth/register", "application/json", `{"email":"a@x.io","password":"` + strings.Repeat("p", 100<<10) + `"}`, 413, "too_large"},
			{"email as an array", "/api/v1/auth/login", "application/json", `{"email":["a"],"password":"whatever123"}`, 400, "invalid"},
			{"SQL in the email is just text", "/api/v1/auth/login", "application/json", `{"email":"a'--@x.io","password":"whatever123"}`, 401, "unauthorized"},
			{"text/plain", "/api/v1/auth/login", "text/plain", `{"email":"a@x.io","password":"whatever123"}`, 415, "unsupported_media_type"},
			{"no content type", "/api/v1/auth/login", "", `{"email":"a@x.io","password":"whatever123"}`, 415, "unsupported_media_type"},
			{"unknown field", "/api/v1/auth/login", "application/json", `{"email":"a@x.io","password":"whatever123","admin":true}`, 400, "invalid"},
			{"two JSON values", "/api/v1/auth/login", "application/json", `{"email":"a@x.io","password":"whatever123"}{}`, 400, "invalid"},
			{"truncated JSON", "/api/v1/auth/login", "application/json", `{"email":"a@x.io"`, 400, "invalid"},
			{"no @ in email", "/api/v1/auth/register", "application/json", `{"email":"nobody","password":"whatever123"}`, 400, "invalid"},
			{"7-character password", "/api/v1/auth/register", "application/json", `{"email":"short@x.io","password":"abcdefg"}`, 400, "invalid"},
			{"common password", "/api/v1/auth/register", "application/json", `{"email":"common@x.io","password":"password1234"}`, 400, "invalid"},
			{"email taken", "/api/v1/auth/register", "application/json", `{"email":"` + email + `","password":"whatever1234"}`, 409, "conflict"},
			{"64-character passphrase", "/api/v1/auth/register", "application/json", `{"email":"long@x.io","password":"` + strings.Repeat("correct horse ", 5)[:64] + `"}`, 201, ""},
			{"access token to refresh", "/api/v1/auth/refresh", "application/json", `{"refresh_token":"` + tk.AccessToken + `"}`, 401, "unauthorized"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := e.do("POST", tt.path, "", tt.body, "Content-Type", tt.contentType)
				want(t, r, tt.status)
				if tt.code != "" {
					if got := r.errorCode(t); got != tt.code {
						t.Errorf("code = %q, want %q", got, tt.code)
					}
				}
			})
		}
	})
}
