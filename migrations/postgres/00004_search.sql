-- +goose Up

-- Applied outbox rows are kept for a while instead of deleted: a full
-- reindex replays every change made while it was reading the database.
ALTER TABLE outbox ADD COLUMN processed_at TIMESTAMPTZ;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (topic, available_at, id) WHERE processed_at IS NULL;
CREATE INDEX outbox_created ON outbox (topic, created_at);

-- Synonym groups added by officers, on top of the shipped county list.
CREATE TABLE synonym_group (
    id         BIGSERIAL PRIMARY KEY,
    terms      JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE synonym_group;
DROP INDEX outbox_created;
DROP INDEX outbox_due;
ALTER TABLE outbox DROP COLUMN processed_at;
CREATE INDEX outbox_due ON outbox (topic, available_at, id);
