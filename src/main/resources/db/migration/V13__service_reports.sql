-- Service report (io.opsdesk.report). SQL common to PostgreSQL and H2.

-- The weekly report of process service-report, one row per period (recomputing a period replaces its
-- row, so a retried step stores it once). report: the JSON of GET /api/reports/service for that period.
CREATE TABLE service_report (
    period_from          DATE          NOT NULL,
    period_to            DATE          NOT NULL,
    computed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    process_instance_id  VARCHAR(64),
    report               VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (period_from, period_to)
);

-- The report's "closed per day" counts requests by the day they closed, whenever they were opened.
CREATE INDEX ticket_closed_idx ON ticket (closed_at);
