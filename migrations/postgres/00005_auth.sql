-- +goose Up

-- app_user is an account. Role-specific links: an EXPERT user is one
-- expert, a REQUESTER one organisation, an officer keeps registries.
CREATE TABLE app_user (
    id              BIGSERIAL PRIMARY KEY,
    login           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL DEFAULT '',       -- argon2id; empty: no password login
    role            TEXT NOT NULL CHECK (role IN ('ADMIN', 'REGISTRY_OFFICER', 'DISPATCHER', 'EXPERT', 'REQUESTER', 'ORGANIZER')),
    registries      JSONB NOT NULL DEFAULT '[]',
    expert_id       BIGINT REFERENCES expert (id),
    organization_id BIGINT REFERENCES organization (id),
    disabled_at     TIMESTAMPTZ,
    failed_logins   INTEGER NOT NULL DEFAULT 0,     -- consecutive failures
    locked_until    TIMESTAMPTZ,                    -- brute-force lockout
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (role <> 'EXPERT' OR expert_id IS NOT NULL),
    CHECK (role <> 'REQUESTER' OR organization_id IS NOT NULL)
);

-- auth_token holds session and API tokens by their SHA-256, never in clear.
CREATE TABLE auth_token (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('SESSION', 'API')),
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX auth_token_user ON auth_token (user_id);

-- +goose Down
DROP TABLE auth_token;
DROP TABLE app_user;
