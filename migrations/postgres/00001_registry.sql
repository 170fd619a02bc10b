-- +goose Up

-- expert is the shared profile. List-valued attributes are JSON documents:
-- they are read and written whole with the profile; expert_tag below
-- indexes the ones that lists are filtered on.
CREATE TABLE expert (
    id                        BIGSERIAL PRIMARY KEY,
    external_id               TEXT UNIQUE,            -- NULL when the bureau gave none
    name                      TEXT NOT NULL,
    gender                    TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'MALE', 'FEMALE')),
    birth_year                INTEGER NOT NULL DEFAULT 0,
    title                     TEXT NOT NULL DEFAULT '',
    organization              TEXT NOT NULL DEFAULT '',
    township                  TEXT NOT NULL DEFAULT '',
    fields                    JSONB NOT NULL DEFAULT '[]',
    expertise                 JSONB NOT NULL DEFAULT '[]',
    bio                       TEXT NOT NULL DEFAULT '',
    lecture_topics            JSONB NOT NULL DEFAULT '[]',
    audiences                 JSONB NOT NULL DEFAULT '[]',
    service_townships         JSONB NOT NULL DEFAULT '[]',
    availability              JSONB NOT NULL DEFAULT '{}',
    max_engagements_per_month INTEGER NOT NULL DEFAULT 4 CHECK (max_engagements_per_month >= 0),
    emergency_categories      JSONB NOT NULL DEFAULT '[]',
    on_call                   BOOLEAN NOT NULL DEFAULT FALSE,
    phone                     TEXT NOT NULL DEFAULT '',
    email                     TEXT NOT NULL DEFAULT '',
    consent_given_at          TIMESTAMPTZ,
    consent_purpose           TEXT NOT NULL DEFAULT '',
    archived_at               TIMESTAMPTZ,
    version                   INTEGER NOT NULL DEFAULT 1,
    created_at                TIMESTAMPTZ NOT NULL,
    updated_at                TIMESTAMPTZ NOT NULL
);

-- expert_tag makes list filters (field, audience, township, category)
-- indexable in both dialects. It is rewritten with every profile write.
CREATE TABLE expert_tag (
    expert_id BIGINT NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
    kind      TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    PRIMARY KEY (kind, value, expert_id)
);
CREATE INDEX expert_tag_expert ON expert_tag (expert_id);

CREATE TABLE membership (
    id            BIGSERIAL PRIMARY KEY,
    expert_id     BIGINT NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
    registry      TEXT NOT NULL CHECK (registry IN ('YOUTH_TALENT', 'SENIOR_LECTURER', 'SCIENCE_ENVOY', 'EMERGENCY_EXPERT')),
    status        TEXT NOT NULL CHECK (status IN ('NOMINATED', 'UNDER_REVIEW', 'ADMITTED', 'SUSPENDED', 'EXITED')),
    since         TIMESTAMPTZ NOT NULL,
    admitted_at   TIMESTAMPTZ,
    travel_max_km INTEGER NOT NULL DEFAULT 0,
    travel_note   TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (expert_id, registry)
);
CREATE INDEX membership_registry_status ON membership (registry, status);

CREATE TABLE membership_event (
    id            BIGSERIAL PRIMARY KEY,
    membership_id BIGINT NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
    from_status   TEXT NOT NULL DEFAULT '',
    to_status     TEXT NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    actor         TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX membership_event_membership ON membership_event (membership_id, id);

CREATE TABLE recommendation (
    id         BIGSERIAL PRIMARY KEY,
    expert_id  BIGINT NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
    programme  TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY')),
    year       INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('PENDING', 'SELECTED', 'NOT_SELECTED')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX recommendation_expert ON recommendation (expert_id);

CREATE TABLE envoy_assignment (
    id          BIGSERIAL PRIMARY KEY,
    expert_id   BIGINT NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('VILLAGE', 'COOPERATIVE', 'FAMILY_FARM', 'ENTERPRISE')),
    target_name TEXT NOT NULL,
    township    TEXT NOT NULL DEFAULT '',
    term_start  DATE NOT NULL,
    term_end    DATE,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX envoy_assignment_expert ON envoy_assignment (expert_id);

CREATE TABLE envoy_service_log (
    id             BIGSERIAL PRIMARY KEY,
    expert_id      BIGINT NOT NULL REFERENCES expert (id) ON DELETE CASCADE,
    assignment_id  BIGINT REFERENCES envoy_assignment (id) ON DELETE SET NULL,
    date           DATE NOT NULL,
    target         TEXT NOT NULL,
    content        TEXT NOT NULL,
    people_trained INTEGER NOT NULL DEFAULT 0 CHECK (people_trained >= 0),
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX envoy_service_log_expert ON envoy_service_log (expert_id, date);

CREATE TABLE organization (
    id         BIGSERIAL PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('SCHOOL', 'VILLAGE', 'ENTERPRISE', 'DEPARTMENT')),
    name       TEXT NOT NULL,
    township   TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    contact    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, name)
);

-- outbox carries changes to derived systems (the search index, later
-- notifications). It is written in the same transaction as the change, so
-- nothing is lost when the receiver is down.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT NOT NULL,
    object_id    BIGINT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    available_at TIMESTAMPTZ NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (topic, available_at, id);

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    operation   TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   BIGINT NOT NULL,
    diff        JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE outbox;
DROP TABLE organization;
DROP TABLE envoy_service_log;
DROP TABLE envoy_assignment;
DROP TABLE recommendation;
DROP TABLE membership_event;
DROP TABLE membership;
DROP TABLE expert_tag;
DROP TABLE expert;
