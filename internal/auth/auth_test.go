package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/fuliang/talent/internal/auth"
	"github.com/fuliang/talent/internal/store"
	"github.com/fuliang/talent/internal/talent"
	"github.com/fuliang/talent/internal/testenv"
)

// clock is shared by the store and the service of a test.
var clock time.Time

func eachDialect(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	for _, d := range []string{"sqlite", "postgres"} {
		t.Run(d, func(t *testing.T) {
			url := ""
			if d == "postgres" {
				url = testenv.PostgresURL(t)
			}
			rules := talent.DefaultRules()
			rules.Now = func() time.Time { return clock }
			st, err := store.Open(context.Background(), store.Options{DatabaseURL: url, DataDir: t.TempDir(), Rules: rules})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := st.Migrate(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			fn(t, st)
		})
	}
}

func TestLoginTokensAndLockout(t *testing.T) {
	eachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock = time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		svc := auth.New(st)
		svc.Now = func() time.Time { return clock }
		hash, err := auth.HashPassword("浮梁茶香2026")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := auth.HashPassword("short"); talent.ErrorCode(err) != talent.CodeInvalid {
			t.Fatalf("short password: %v", err)
		}
		u, err := st.CreateUser(ctx, &talent.User{Login: "hr.officer", Role: talent.RoleOfficer, Registries: []talent.Registry{talent.YouthTalent}}, hash)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateUser(ctx, &talent.User{Login: "hr.officer", Role: talent.RoleAdmin}, hash); talent.ErrorCode(err) != talent.CodeDuplicate {
			t.Fatalf("duplicate login: %v", err)
		}
		if _, err := st.CreateUser(ctx, &talent.User{Login: "x1", Role: talent.RoleExpert}, hash); talent.ErrorCode(err) != talent.CodeInvalid && talent.ErrorCode(err) != talent.CodeRequired {
			t.Fatalf("expert without link: %v", err)
		}

		token, got, err := svc.Login(ctx, "hr.officer", "浮梁茶香2026")
		if err != nil || got.ID != u.ID {
			t.Fatalf("login: %v", err)
		}
		p, err := svc.Authenticate(ctx, "Bearer "+token)
		if err != nil || !p.Keeps(talent.YouthTalent) || p.Keeps(talent.ScienceEnvoy) {
			t.Fatalf("authenticate: %+v %v", p, err)
		}
		if p, err := svc.Authenticate(ctx, ""); err != nil || !p.Anonymous() {
			t.Fatal("no header should be anonymous")
		}
		if _, err := svc.Authenticate(ctx, "Bearer tk_forged"); talent.ErrorCode(err) != talent.CodeUnauthenticated {
			t.Fatalf("forged token: %v", err)
		}
		// Sessions expire.
		clock = clock.Add(13 * time.Hour)
		st2, _ := svc.Authenticate(ctx, "Bearer "+token)
		if !st2.Anonymous() {
			t.Fatal("expired session still valid")
		}

		// Five wrong passwords lock the account; even the right one is refused while locked.
		for i := 0; i < auth.LockAfter; i++ {
			if _, _, err := svc.Login(ctx, "hr.officer", "wrong-password"); talent.ErrorCode(err) != talent.CodeUnauthenticated {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if _, _, err := svc.Login(ctx, "hr.officer", "浮梁茶香2026"); talent.ErrorCode(err) != talent.CodeLocked {
			t.Fatalf("locked account: %v", err)
		}
		clock = clock.Add(auth.LockBase + time.Second)
		if _, _, err := svc.Login(ctx, "hr.officer", "浮梁茶香2026"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		// An unknown login gets the same answer as a wrong password.
		if _, _, err := svc.Login(ctx, "nobody", "whatever-pass"); err != auth.ErrLoginFailed {
			t.Fatalf("unknown login: %v", err)
		}

		api, tok, err := svc.CreateAPIToken(ctx, u.ID, "导入脚本", 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if p, _ := svc.Authenticate(ctx, "Bearer "+api); p.Anonymous() {
			t.Fatal("API token rejected")
		}
		if err := st.RevokeToken(ctx, tok.ID, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(ctx, "Bearer "+api); err == nil {
			t.Fatal("revoked token accepted")
		}
	})
}
