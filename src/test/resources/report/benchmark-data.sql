-- 1,000,000 closed service requests for the service report benchmark (ServiceReportBenchmark), written
-- straight into OpsDesk's tables with generate_series: no engine runs. PostgreSQL only. Two years from
-- 2023-01-01 00:00 UTC, one request every 63 seconds (about 41,000 a month).
-- Request i: category, priority and group cycle; 1 in 20 reopened once (a second resolution clock),
-- 1 in 50 reclassified, 1 in 25 consulted an expert, 1 in 10 paused 30 minutes, 9 in 10 confirmed with a
-- score 1-5 (the others closed automatically); response within 0-119 minutes (due after 60), resolution
-- within 0-2879 more minutes (due 8 hours after opening).

INSERT INTO ticket (ticket_id, process_instance_id, requester_name, requester_id, channel, subject, description,
    occurred_at, category, impact, urgency, priority, candidate_group, status, close_reason, handler, created_at,
    classified_at, assigned_at, accepted_at, resolved_at, closed_at, response_due, resolution_due,
    response_breached, resolution_breached, reopen_count, satisfied, satisfaction_score)
SELECT 'RPTBENCH-' || g.i, 'rptbench-' || g.i, 'Bench requester', 'bench-user-' || (g.i % 5000), 'WEB',
    'Benchmark request ' || g.i, 'Generated for the service report benchmark', g.created,
    (ARRAY['HARDWARE','SOFTWARE','NETWORK','DATA','SECURITY','OTHER'])[1 + g.i % 6], 'MEDIUM', 'MEDIUM',
    (ARRAY['URGENT','IMPORTANT','GENERAL','MINOR'])[1 + g.i % 4],
    (ARRAY['hardware-support','software-support','network-support','data-support','security-support','service-desk'])[1 + g.i % 6],
    'CLOSED', CASE WHEN g.i % 10 = 0 THEN 'AUTO_CLOSED' ELSE 'CONFIRMED' END, 'tech', g.created, g.created, g.created,
    g.accepted, g.resolved, g.resolved + INTERVAL '1 day', g.created + INTERVAL '60 minutes', g.created + INTERVAL '8 hours',
    g.accepted > g.created + INTERVAL '60 minutes', g.resolved > g.created + INTERVAL '8 hours',
    CASE WHEN g.i % 20 = 0 THEN 1 ELSE 0 END,
    CASE WHEN g.i % 10 = 0 THEN NULL ELSE TRUE END, CASE WHEN g.i % 10 = 0 THEN NULL ELSE 1 + g.i % 5 END
FROM (SELECT s.i, TIMESTAMPTZ '2023-01-01 00:00:00+00' + s.i * INTERVAL '63 seconds' AS created,
        TIMESTAMPTZ '2023-01-01 00:00:00+00' + s.i * INTERVAL '63 seconds' + (s.i * 7 % 120) * INTERVAL '1 minute' AS accepted,
        TIMESTAMPTZ '2023-01-01 00:00:00+00' + s.i * INTERVAL '63 seconds' + (s.i * 7 % 120) * INTERVAL '1 minute'
          + (s.i * 13 % 2880) * INTERVAL '1 minute' AS resolved
      FROM generate_series(1, 1000000) AS s(i)) g;

-- Clocks: the response clock, the first resolution clock and, for a reopened request, a second one from
-- halfway to its resolution. A clock is breached at its due time when it stopped after it.
INSERT INTO ticket_sla_clock (ticket_id, clock, reopen_round, started_at, due_at, stopped_at, breached_at)
SELECT ticket_id, 'RESPONSE', 0, created_at, response_due, accepted_at, CASE WHEN response_breached THEN response_due END
FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';

INSERT INTO ticket_sla_clock (ticket_id, clock, reopen_round, started_at, due_at, stopped_at, breached_at)
SELECT ticket_id, 'RESOLUTION', 0, created_at, resolution_due,
    CASE WHEN reopen_count = 0 THEN resolved_at ELSE created_at + (resolved_at - created_at) / 2 END,
    CASE WHEN reopen_count = 0 AND resolution_breached THEN resolution_due END
FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';

INSERT INTO ticket_sla_clock (ticket_id, clock, reopen_round, started_at, due_at, stopped_at, breached_at)
SELECT ticket_id, 'RESOLUTION', 1, created_at + (resolved_at - created_at) / 2,
    created_at + (resolved_at - created_at) / 2 + INTERVAL '8 hours', resolved_at,
    CASE WHEN resolved_at > created_at + (resolved_at - created_at) / 2 + INTERVAL '8 hours'
      THEN created_at + (resolved_at - created_at) / 2 + INTERVAL '8 hours' END
FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%' AND reopen_count = 1;

-- Who may read: the requester and the handler group of every request, the expert of a consulted one.
INSERT INTO ticket_reader (process_instance_id, user_id)
SELECT process_instance_id, requester_id FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';
INSERT INTO ticket_reader (process_instance_id, group_id)
SELECT process_instance_id, candidate_group FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';
INSERT INTO ticket_reader (process_instance_id, user_id)
SELECT process_instance_id, 'expert' FROM ticket
WHERE ticket_id LIKE 'RPTBENCH-%' AND CAST(SUBSTRING(ticket_id FROM 10) AS INTEGER) % 25 = 0;

-- The journal: opened and closed for every request, a reclassification for some.
INSERT INTO ticket_journal (ticket_id, logged_at, actor, kind, message)
SELECT ticket_id, created_at, 'bench', 'OPENED', 'Request opened via WEB' FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';
INSERT INTO ticket_journal (ticket_id, logged_at, actor, kind, message)
SELECT ticket_id, closed_at, 'bench', 'CLOSED', 'Closed' FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%';
INSERT INTO ticket_journal (ticket_id, logged_at, actor, kind, message)
SELECT ticket_id, created_at + INTERVAL '5 minutes', 'bench', 'RECLASSIFIED', 'Reclassified' FROM ticket
WHERE ticket_id LIKE 'RPTBENCH-%' AND CAST(SUBSTRING(ticket_id FROM 10) AS INTEGER) % 50 = 0;

-- Pauses of 30 minutes after acceptance.
INSERT INTO ticket_pause (ticket_id, started_at, ended_at, waiting_for, reason, paused_by, resumed_by)
SELECT ticket_id, accepted_at, accepted_at + INTERVAL '30 minutes', 'REQUESTER', 'Waiting for logs', 'bench', 'bench'
FROM ticket WHERE ticket_id LIKE 'RPTBENCH-%' AND CAST(SUBSTRING(ticket_id FROM 10) AS INTEGER) % 10 = 0;
