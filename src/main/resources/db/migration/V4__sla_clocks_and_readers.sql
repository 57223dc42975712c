-- Every SLA clock of a ticket: the request's response and resolution clocks (round 0) and the resolution
-- clock each reopen starts (round n). Reports measure compliance from these rows.
CREATE TABLE ticket_sla_clock (
    ticket_id    VARCHAR(32) NOT NULL REFERENCES ticket (ticket_id),
    clock        VARCHAR(16) NOT NULL,
    reopen_round INTEGER     NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at   TIMESTAMP WITH TIME ZONE,
    breached_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ticket_sla_clock_pk PRIMARY KEY (ticket_id, clock, reopen_round)
);

-- Who may read a request besides the groups allowed to read every request (access.yaml): its requester,
-- handler group, consultants. Written together with the engine's per-request grants (InstanceAccess) and
-- kept after the process instance ends, so /api's need-to-know also covers closed tickets.
CREATE TABLE ticket_reader (
    process_instance_id VARCHAR(64) NOT NULL,
    user_id             VARCHAR(64),
    group_id            VARCHAR(64),
    CONSTRAINT ticket_reader_user_or_group CHECK ((user_id IS NULL AND group_id IS NOT NULL)
        OR (user_id IS NOT NULL AND group_id IS NULL))
);

CREATE INDEX ticket_reader_instance_idx ON ticket_reader (process_instance_id);
CREATE INDEX ticket_reader_user_idx ON ticket_reader (user_id);
CREATE INDEX ticket_reader_group_idx ON ticket_reader (group_id);

INSERT INTO ticket_reader (process_instance_id, user_id)
    SELECT process_instance_id, requester_id FROM ticket WHERE requester_id IS NOT NULL;
INSERT INTO ticket_reader (process_instance_id, group_id)
    SELECT process_instance_id, candidate_group FROM ticket WHERE candidate_group IS NOT NULL;
