-- +goose Up

-- Requests (需求/订单) and their dispatch; see the PostgreSQL twin for the
-- design. SQLite has no exclusion constraints, so the same rules are
-- triggers that RAISE(ABORT, '<CODE>: …'). They are race-free because
-- SQLite has a single writer: the store begins every transaction with
-- BEGIN IMMEDIATE (_txlock=immediate), so a trigger's count can never miss
-- a concurrent booking.
--
-- Timestamps are stored as text in UTC; the triggers compare them through
-- julianday() so that the comparison does not depend on the text layout.
-- China time is UTC+8 all year, hence '+8 hours'.

CREATE TABLE request (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind               TEXT NOT NULL CHECK (kind IN ('SCHOOL', 'VILLAGE', 'ENTERPRISE', 'EMERGENCY')),
    organization_id    INTEGER NOT NULL REFERENCES organization (id),
    contact_name       TEXT NOT NULL,
    contact_phone      TEXT NOT NULL,
    contact_email      TEXT NOT NULL DEFAULT '',
    title              TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    township           TEXT NOT NULL,
    place              TEXT NOT NULL DEFAULT '',
    audience           TEXT NOT NULL DEFAULT '',
    headcount          INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
    window_start       TEXT NOT NULL,
    window_end         TEXT NOT NULL,
    duration_minutes   INTEGER NOT NULL CHECK (duration_minutes BETWEEN 10 AND 1440),
    emergency_category TEXT NOT NULL DEFAULT '',
    experts_needed     INTEGER NOT NULL DEFAULT 1 CHECK (experts_needed BETWEEN 1 AND 20),
    status             TEXT NOT NULL CHECK (status IN ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'SCHEDULED',
                                                       'COMPLETED', 'RATED', 'CANCELLED', 'EXPIRED')),
    deadline           TIMESTAMP NOT NULL,
    accepted_at        TIMESTAMP,
    auto_rounds        INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CHECK (window_end >= window_start),
    CHECK ((kind = 'EMERGENCY') = (emergency_category <> ''))
);
CREATE INDEX request_open_deadline ON request (deadline) WHERE status IN ('SUBMITTED', 'DISPATCHED');
CREATE INDEX request_status ON request (status, id);
CREATE INDEX request_created ON request (created_at);
CREATE INDEX request_organization ON request (organization_id);

CREATE TABLE request_event (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id  INTEGER NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_event_request ON request_event (request_id, id);

CREATE TABLE invitation (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id   INTEGER NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    expert_id    INTEGER NOT NULL REFERENCES expert (id),
    status       TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'CANCELLED', 'FILLED')),
    call_out     INTEGER NOT NULL DEFAULT 0,
    invited_by   TEXT NOT NULL DEFAULT '',
    invited_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    responded_at TIMESTAMP,
    reason       TEXT NOT NULL DEFAULT '',
    CHECK (julianday(expires_at) > julianday(invited_at)),
    CHECK ((status = 'PENDING') = (responded_at IS NULL))
);
CREATE UNIQUE INDEX invitation_once ON invitation (request_id, expert_id) WHERE status IN ('PENDING', 'ACCEPTED');
CREATE INDEX invitation_request ON invitation (request_id, id);
CREATE INDEX invitation_expert ON invitation (expert_id, id);
CREATE INDEX invitation_due ON invitation (expires_at) WHERE status = 'PENDING';

CREATE TABLE engagement (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id     INTEGER NOT NULL REFERENCES request (id) ON DELETE CASCADE,
    expert_id      INTEGER NOT NULL REFERENCES expert (id),
    invitation_id  INTEGER REFERENCES invitation (id),
    source         TEXT NOT NULL CHECK (source IN ('INVITATION', 'CLAIM')),
    registry       TEXT NOT NULL CHECK (registry IN ('YOUTH_TALENT', 'SENIOR_LECTURER', 'SCIENCE_ENVOY', 'EMERGENCY_EXPERT')),
    status         TEXT NOT NULL CHECK (status IN ('ACCEPTED', 'SCHEDULED', 'COMPLETED', 'CANCELLED')),
    month          TEXT NOT NULL,
    starts_at      TIMESTAMP,
    ends_at        TIMESTAMP,
    reminded_at    TIMESTAMP,
    completed_on   TEXT,
    attendees      INTEGER NOT NULL DEFAULT 0 CHECK (attendees >= 0),
    notes          TEXT NOT NULL DEFAULT '',
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL DEFAULT '',
    rated_at       TIMESTAMP,
    accepted_at    TIMESTAMP NOT NULL,
    cancelled_at   TIMESTAMP,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    CONSTRAINT engagement_slot CHECK ((starts_at IS NULL) = (ends_at IS NULL)
        AND (starts_at IS NULL OR julianday(ends_at) > julianday(starts_at))),
    CONSTRAINT engagement_has_slot CHECK (status IN ('ACCEPTED', 'CANCELLED') OR starts_at IS NOT NULL),
    CONSTRAINT engagement_month CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        AND (starts_at IS NULL OR month = strftime('%Y-%m', starts_at, '+8 hours'))),
    CONSTRAINT engagement_completion CHECK ((status = 'COMPLETED') = (completed_on IS NOT NULL)),
    CONSTRAINT engagement_rating CHECK (rating IS NULL OR status = 'COMPLETED')
);
CREATE UNIQUE INDEX engagement_once ON engagement (request_id, expert_id) WHERE status <> 'CANCELLED';
CREATE INDEX engagement_request ON engagement (request_id, id);
CREATE INDEX engagement_expert_month ON engagement (expert_id, month) WHERE status <> 'CANCELLED';
CREATE INDEX engagement_expert ON engagement (expert_id, id);
CREATE INDEX engagement_reminder_due ON engagement (starts_at) WHERE status = 'SCHEDULED' AND reminded_at IS NULL;

-- No expert in two places at once (PostgreSQL: engagement_no_overlap).
-- Half-open ranges: one talk may end at 10:00 and the next start at 10:00.
-- In a BEFORE INSERT trigger NEW.id is not yet assigned, hence a separate
-- trigger for updates that skips the row itself.
-- +goose StatementBegin
CREATE TRIGGER engagement_no_overlap_insert BEFORE INSERT ON engagement
WHEN NEW.status IN ('SCHEDULED', 'COMPLETED')
BEGIN
    SELECT RAISE(ABORT, 'DOUBLE_BOOKED: engagement_no_overlap')
     WHERE EXISTS (SELECT 1 FROM engagement o
                    WHERE o.expert_id = NEW.expert_id AND o.status IN ('SCHEDULED', 'COMPLETED')
                      AND julianday(o.starts_at) < julianday(NEW.ends_at)
                      AND julianday(NEW.starts_at) < julianday(o.ends_at));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER engagement_no_overlap_update BEFORE UPDATE OF expert_id, status, starts_at, ends_at ON engagement
WHEN NEW.status IN ('SCHEDULED', 'COMPLETED')
BEGIN
    SELECT RAISE(ABORT, 'DOUBLE_BOOKED: engagement_no_overlap')
     WHERE EXISTS (SELECT 1 FROM engagement o
                    WHERE o.expert_id = NEW.expert_id AND o.id <> NEW.id AND o.status IN ('SCHEDULED', 'COMPLETED')
                      AND julianday(o.starts_at) < julianday(NEW.ends_at)
                      AND julianday(NEW.starts_at) < julianday(o.ends_at));
END;
-- +goose StatementEnd

-- A request never has more experts than it needs.
-- +goose StatementBegin
CREATE TRIGGER engagement_slots BEFORE INSERT ON engagement
WHEN NEW.status <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'TAKEN: the request already has the experts it needs')
     WHERE (SELECT COUNT(*) FROM engagement o WHERE o.request_id = NEW.request_id AND o.status <> 'CANCELLED')
           >= (SELECT experts_needed FROM request WHERE id = NEW.request_id);
END;
-- +goose StatementEnd

-- The monthly cap, counted when an engagement enters a month (booking, or
-- scheduling into another month); completing does not re-check it.
-- +goose StatementBegin
CREATE TRIGGER engagement_cap_insert BEFORE INSERT ON engagement
WHEN NEW.status <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'MONTHLY_CAP: the expert''s monthly cap is reached')
     WHERE (SELECT COUNT(*) FROM engagement o
             WHERE o.expert_id = NEW.expert_id AND o.month = NEW.month AND o.status <> 'CANCELLED')
           >= (SELECT max_engagements_per_month FROM expert WHERE id = NEW.expert_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER engagement_cap_update BEFORE UPDATE OF expert_id, month, status ON engagement
WHEN NEW.status <> 'CANCELLED'
 AND (NEW.month <> OLD.month OR NEW.expert_id <> OLD.expert_id OR OLD.status = 'CANCELLED')
BEGIN
    SELECT RAISE(ABORT, 'MONTHLY_CAP: the expert''s monthly cap is reached')
     WHERE (SELECT COUNT(*) FROM engagement o
             WHERE o.expert_id = NEW.expert_id AND o.month = NEW.month AND o.status <> 'CANCELLED' AND o.id <> NEW.id)
           >= (SELECT max_engagements_per_month FROM expert WHERE id = NEW.expert_id);
END;
-- +goose StatementEnd

-- Unavailable dates (expert.availability.unavailable, inclusive
-- YYYY-MM-DD ranges) block any slot touching them.
-- +goose StatementBegin
CREATE TRIGGER engagement_unavailable_insert BEFORE INSERT ON engagement
WHEN NEW.starts_at IS NOT NULL AND NEW.status <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'UNAVAILABLE: the expert is unavailable on those dates')
     WHERE EXISTS (SELECT 1 FROM expert e, json_each(e.availability, '$.unavailable') u
                    WHERE e.id = NEW.expert_id
                      AND json_extract(u.value, '$.from') <= date(NEW.ends_at, '+8 hours', '-1 seconds')
                      AND json_extract(u.value, '$.to') >= date(NEW.starts_at, '+8 hours'));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER engagement_unavailable_update BEFORE UPDATE OF starts_at, ends_at ON engagement
WHEN NEW.starts_at IS NOT NULL AND NEW.status <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'UNAVAILABLE: the expert is unavailable on those dates')
     WHERE EXISTS (SELECT 1 FROM expert e, json_each(e.availability, '$.unavailable') u
                    WHERE e.id = NEW.expert_id
                      AND json_extract(u.value, '$.from') <= date(NEW.ends_at, '+8 hours', '-1 seconds')
                      AND json_extract(u.value, '$.to') >= date(NEW.starts_at, '+8 hours'));
END;
-- +goose StatementEnd

CREATE TABLE notification (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    kind           TEXT NOT NULL CHECK (kind IN ('INVITATION', 'CALL_OUT', 'FILLED', 'ACCEPTANCE', 'SCHEDULED',
                                                 'REMINDER', 'CANCELLATION', 'RETURNED', 'EXPIRED')),
    request_id     INTEGER REFERENCES request (id) ON DELETE CASCADE,
    invitation_id  INTEGER REFERENCES invitation (id) ON DELETE CASCADE,
    engagement_id  INTEGER REFERENCES engagement (id) ON DELETE CASCADE,
    expert_id      INTEGER REFERENCES expert (id) ON DELETE SET NULL,
    recipient      TEXT NOT NULL CHECK (recipient IN ('EXPERT', 'REQUESTER', 'OFFICE')),
    recipient_name TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    available_at   TIMESTAMP NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    sent_at        TIMESTAMP
);
CREATE INDEX notification_due ON notification (available_at, id) WHERE sent_at IS NULL;
CREATE INDEX notification_request ON notification (request_id, id);
CREATE INDEX notification_expert ON notification (expert_id, id);

-- +goose Down
DROP TABLE notification;
DROP TABLE engagement;
DROP TABLE invitation;
DROP TABLE request_event;
DROP TABLE request;
