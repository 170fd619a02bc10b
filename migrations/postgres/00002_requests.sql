-- +goose Up

-- Requests (需求/订单) and their dispatch. The rules live in
-- internal/dispatch; this schema makes the ones that must never be broken —
-- not even by two replicas racing — hold in the database itself:
--
--   * an expert is never booked twice for overlapping times
--     (engagement_no_overlap, an exclusion constraint);
--   * an expert's monthly cap and unavailable dates are respected, and a
--     request never has more experts than it needs (engagement_guard, a
--     trigger that serialises bookings per expert and per request);
--   * an engagement's month is the month of its start in China time
--     (engagement_month), so the cap cannot be dodged by a wrong month.
--
-- Timestamps are UTC; China time is UTC+8 all year (no daylight saving), so
-- "+8 hours" is exact and matches dispatch.China in Go.

-- btree_gist lets an exclusion constraint combine "same expert" (=) with
-- "overlapping times" (&&). It is a trusted extension (PostgreSQL 13+): the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE request (
    id                 BIGSERIAL PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('SCHOOL', 'VILLAGE', 'ENTERPRISE', 'EMERGENCY')),
    organization_id    BIGINT NOT NULL REFERENCES organization (id),
    contact_name       TEXT NOT NULL,
    contact_phone      TEXT NOT NULL,
    contact_email      TEXT NOT NULL DEFAULT '',
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    township           TEXT NOT NULL,
    place              TEXT NOT NULL DEFAULT '',
    audience           TEXT NOT NULL DEFAULT '',
    headcount          INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    window_start       DATE NOT NULL,
    window_end         DATE NOT NULL,
    duration_minutes   INTEGER NOT NULL CHECK (duration_minutes BETWEEN 10 AND 1440),
    emergency_category TEXT NOT NULL DEFAULT '',
    experts_needed     INTEGER NOT NULL DEFAULT 1 CHECK (experts_needed BETWEEN 1 AND 20),
    status             TEXT NOT NULL CHECK (status IN ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'SCHEDULED',
                                                       'COMPLETED', 'RATED', 'CANCELLED', 'EXPIRED')),
    deadline           TIMESTAMPTZ NOT NULL,  -- the window closes: end of window_end, China time
    accepted_at        TIMESTAMPTZ,           -- first acceptance or claim
    auto_rounds        INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CHECK (window_end >= window_start),
    -- An emergency names its category; nothing else has one.
    CHECK ((kind = 'EMERGENCY') = (emergency_category <> ''))
);
-- The expiry job looks for open requests whose window has closed.
CREATE INDEX request_open_deadline ON request (deadline) WHERE status IN ('SUBMITTED', 'DISPATCHED');
CREATE INDEX request_status ON request (status, id);
CREATE INDEX request_created ON request (created_at);
CREATE INDEX request_organization ON request (organization_id);

-- request_event is the full status history: who, when, from, to, why.
CREATE TABLE request_event (
    id          BIGSERIAL PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',  -- empty for the submission
    to_status   TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_event_request ON request_event (request_id, id);

CREATE TABLE invitation (
    id           BIGSERIAL PRIMARY KEY,
    request_id   BIGINT NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    expert_id    BIGINT NOT NULL REFERENCES expert (id),
    status       TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED', 'FILLED')),
    call_out     BOOLEAN NOT NULL DEFAULT FALSE,
    invited_by   TEXT NOT NULL DEFAULT '',
    invited_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    responded_at TIMESTAMPTZ,
    reason       TEXT NOT NULL DEFAULT '',
    CHECK (expires_at > invited_at),
    CHECK ((status = 'PENDING') = (responded_at IS NULL))
);
-- One live (or accepted) invitation per expert and request; an expert who
-- declined may be asked again later.
CREATE UNIQUE INDEX invitation_once ON invitation (request_id, expert_id) WHERE status IN ('PENDING', 'ACCEPTED');
CREATE INDEX invitation_request ON invitation (request_id, id);
CREATE INDEX invitation_expert ON invitation (expert_id, id);
CREATE INDEX invitation_due ON invitation (expires_at) WHERE status = 'PENDING';

-- engagement is one expert's service for one request, from acceptance (or
-- claim) to rating.
CREATE TABLE engagement (
    id             BIGSERIAL PRIMARY KEY,
    request_id     BIGINT NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    expert_id      BIGINT NOT NULL REFERENCES expert (id),
    invitation_id  BIGINT REFERENCES invitation (id),
    source         TEXT NOT NULL CHECK (source IN ('INVITATION', 'CLAIM')),
    registry       TEXT NOT NULL CHECK (registry IN ('YOUTH_TALENT', 'SENIOR_LECTURER', 'SCIENCE_ENVOY', 'EMERGENCY_EXPERT')),
    status         TEXT NOT NULL CHECK (status IN ('ACCEPTED', 'SCHEDULED', 'COMPLETED', 'CANCELLED')),
    -- The month (YYYY-MM, China time) counted against the monthly cap: the
    -- window's first month until scheduled, then the start's month.
    month          TEXT NOT NULL,
    starts_at      TIMESTAMPTZ,
    ends_at        TIMESTAMPTZ,
    reminded_at    TIMESTAMPTZ,
    completed_on   DATE,
    attendees      INTEGER NOT NULL DEFAULT 0 CHECK (attendees >= 0),
    notes          TEXT NOT NULL DEFAULT '',
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL DEFAULT '',
    rated_at       TIMESTAMPTZ,
    accepted_at    TIMESTAMPTZ NOT NULL,
    cancelled_at   TIMESTAMPTZ,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT engagement_slot CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (starts_at IS NULL OR ends_at > starts_at)),
    CONSTRAINT engagement_has_slot CHECK (status IN ('ACCEPTED', 'CANCELLED') OR starts_at IS NOT NULL),
    CONSTRAINT engagement_month CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'
        AND (starts_at IS NULL OR month = to_char(starts_at AT TIME ZONE 'UTC' + INTERVAL '8 hours', 'YYYY-MM'))),
    CONSTRAINT engagement_completion CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL)),
    CONSTRAINT engagement_rating CHECK (rating IS NULL OR status = 'COMPLETED'),
    -- No expert in two places at once: among engagements that hold a slot,
    -- one expert's time ranges may not overlap. '[)' ranges let one talk
    -- end at 10:00 and the next start at 10:00. engagement_has_slot
    -- guarantees these rows have both ends.
    CONSTRAINT engagement_no_overlap EXCLUDE USING gist (
        expert_id WITH =,
        tstzrange(starts_at, ends_at, '[)') WITH &&
    ) WHERE (status IN ('SCHEDULED', 'COMPLETED'))
);
-- An expert serves a request at most once (a second claim by the same
-- expert is refused here even if two arrive together).
CREATE UNIQUE INDEX engagement_once ON engagement (request_id, expert_id) WHERE status <> 'CANCELLED';
CREATE INDEX engagement_request ON engagement (request_id, id);
CREATE INDEX engagement_expert_month ON engagement (expert_id, month) WHERE status <> 'CANCELLED';
CREATE INDEX engagement_expert ON engagement (expert_id, id);
CREATE INDEX engagement_reminder_due ON engagement (starts_at) WHERE status = 'SCHEDULED' AND reminded_at IS NULL;

-- engagement_guard enforces the rules that need other rows. Bookings of
-- one expert queue on that expert's row lock, and bookings of one request
-- on the request's, so each count below sees every committed booking:
-- under READ COMMITTED each statement of a PL/pgSQL function takes a fresh
-- snapshot. The messages start with the error code the store maps to a
-- user error (dispatch.Code*).
-- +goose StatementBegin
CREATE FUNCTION engagement_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    needed INTEGER;
    taken  INTEGER;
    cap    INTEGER;
    booked INTEGER;
BEGIN
    IF NEW.status = 'CANCELLED' THEN
        RETURN NEW;  -- releasing a booking never breaks a rule
    END IF;

    -- A request never has more experts than it needs: the first N claims or
    -- acceptances win, whatever the concurrency.
    IF TG_OP = 'INSERT' THEN
        SELECT experts_needed INTO needed FROM request WHERE id = NEW.request_id FOR NO KEY UPDATE;
        SELECT COUNT(*) INTO taken FROM engagement
         WHERE request_id = NEW.request_id AND status <> 'CANCELLED';
        IF taken >= needed THEN
            RAISE EXCEPTION 'TAKEN: request % already has % of % experts', NEW.request_id, taken, needed
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;

    -- The monthly cap counts when an engagement enters a month: when it is
    -- booked, and when scheduling moves it to another month. Completing an
    -- engagement does not re-check it, so lowering a cap later never
    -- blocks recording work already agreed.
    IF TG_OP = 'INSERT' OR NEW.month <> OLD.month OR NEW.expert_id <> OLD.expert_id OR OLD.status = 'CANCELLED' THEN
        SELECT max_engagements_per_month INTO cap FROM expert WHERE id = NEW.expert_id FOR NO KEY UPDATE;
        SELECT COUNT(*) INTO booked FROM engagement
         WHERE expert_id = NEW.expert_id AND month = NEW.month AND status <> 'CANCELLED' AND id <> NEW.id;
        IF booked >= cap THEN
            RAISE EXCEPTION 'MONTHLY_CAP: expert % has % engagements in %, cap %', NEW.expert_id, booked, NEW.month, cap
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;

    -- Unavailable dates (expert.availability.unavailable, inclusive
    -- YYYY-MM-DD ranges) block any slot touching them. The weekly pattern
    -- is advisory and not checked here.
    IF NEW.starts_at IS NOT NULL AND (TG_OP = 'INSERT'
            OR NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at) THEN
        PERFORM 1 FROM expert WHERE id = NEW.expert_id FOR NO KEY UPDATE;
        IF EXISTS (
            SELECT 1
              FROM expert e,
                   jsonb_array_elements(CASE WHEN jsonb_typeof(e.availability -> 'unavailable') = 'array'
                                             THEN e.availability -> 'unavailable' ELSE '[]'::jsonb END) u
             WHERE e.id = NEW.expert_id
               AND u ->> 'from' <= to_char(NEW.ends_at AT TIME ZONE 'UTC' + INTERVAL '8 hours' - INTERVAL '1 second', 'YYYY-MM-DD')
               AND u ->> 'to' >= to_char(NEW.starts_at AT TIME ZONE 'UTC' + INTERVAL '8 hours', 'YYYY-MM-DD')
        ) THEN
            RAISE EXCEPTION 'UNAVAILABLE: expert % is unavailable between % and %', NEW.expert_id, NEW.starts_at, NEW.ends_at
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER engagement_guard BEFORE INSERT OR UPDATE ON engagement
    FOR EACH ROW EXECUTE FUNCTION engagement_guard();

-- notification is the outbox of messages to people (invitations,
-- reminders, call-outs, …). Rows are written in the same transaction as
-- the change they announce, so nothing is lost when the sender is down;
-- the worker leases due rows (available_at) with FOR UPDATE SKIP LOCKED,
-- stamps sent_at on success and backs off on failure. Recipient name and
-- address are copied at the time of the event (the message says what was
-- true then); erasing a person's contact data must scrub them here too.
CREATE TABLE notification (
    id             BIGSERIAL PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('INVITATION', 'CALL_OUT', 'FILLED', 'ACCEPTANCE', 'SCHEDULED',
                                                 'REMINDER', 'CANCELLATION', 'RETURNED', 'EXPIRED')),
    request_id     BIGINT REFERENCES request (id) ON DELETE CASCADE,
    invitation_id  BIGINT REFERENCES invitation (id) ON DELETE CASCADE,
    engagement_id  BIGINT REFERENCES engagement (id) ON DELETE CASCADE,
    expert_id      BIGINT REFERENCES expert (id) ON DELETE SET NULL,
    recipient      TEXT NOT NULL CHECK (recipient IN ('EXPERT', 'REQUESTER', 'OFFICE')),
    recipient_name TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    available_at   TIMESTAMPTZ NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    sent_at        TIMESTAMPTZ
);
CREATE INDEX notification_due ON notification (available_at, id) WHERE sent_at IS NULL;
CREATE INDEX notification_request ON notification (request_id, id);
CREATE INDEX notification_expert ON notification (expert_id, id);

-- +goose Down
DROP TABLE notification;
DROP TRIGGER engagement_guard ON engagement;
DROP FUNCTION engagement_guard();
DROP TABLE engagement;
DROP TABLE invitation;
DROP TABLE request_event;
DROP TABLE request;
-- btree_gist stays: other schemas may use it, and it holds no data.
