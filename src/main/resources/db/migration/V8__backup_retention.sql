-- Data backup: retention, freshness and tickets (io.opsdesk.backup). SQL common to PostgreSQL and H2.

-- Retention deletes an archive and its manifest but keeps the row (history, success rate): pruned_at says when.
ALTER TABLE backup ADD COLUMN pruned_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX backup_target_idx ON backup (target, started_at);

-- The one open DATA ticket of a target's backup problems (failed backup, failed verification, stale backups).
-- The primary key makes one of two nodes opening a ticket for the same target at once fail. last_run_id: the
-- run that last reported to the ticket, so that a retried step does not journal twice.
CREATE TABLE backup_open_ticket (
    target       VARCHAR(64)   PRIMARY KEY,
    ticket_id    VARCHAR(32)   NOT NULL REFERENCES ticket (ticket_id),
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run_id  VARCHAR(64)   NOT NULL
);
