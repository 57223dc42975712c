-- Data backup record (io.opsdesk.backup, process data-backup). SQL common to PostgreSQL and H2.

-- One row per target per run. status RUNNING while a dump is under way (claimed_until: the time after
-- which a run that died mid-dump counts as gone and may be taken over), then SUCCEEDED or FAILED;
-- verified/verified_at once the test restore ran. error holds a tool's message and stderr tail,
-- never a credential.
CREATE TABLE backup (
    run_id               VARCHAR(64)   NOT NULL,      -- = the instance's business key, BAK-yyyyMMdd-HHmm
    target               VARCHAR(64)   NOT NULL,
    process_instance_id  VARCHAR(64),
    status               VARCHAR(16)   NOT NULL,
    started_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until        TIMESTAMP WITH TIME ZONE,
    finished_at          TIMESTAMP WITH TIME ZONE,
    path                 VARCHAR(1000),
    size_bytes           BIGINT,
    sha256               VARCHAR(64),
    verified             BOOLEAN       NOT NULL DEFAULT FALSE,
    verified_at          TIMESTAMP WITH TIME ZONE,
    error                VARCHAR(4000),
    PRIMARY KEY (run_id, target)
);

CREATE INDEX backup_started_idx ON backup (started_at);
