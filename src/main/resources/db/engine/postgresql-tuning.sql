-- Planner statistics and indexes for Camunda's own tables on PostgreSQL (io.opsdesk.EngineTableTuning,
-- applied at every start after the engine has created or updated its tables; each statement is idempotent).
-- Measured with 100,000 open requests (docs/performance.md, "Scale").

-- Camunda's authorization-checked queries (task list, task count, Tasklist's filter counts) join
-- ACT_RU_AUTHORIZATION filtered by "PERMS_ & <permission> = <permission>". Without statistics on those
-- expressions the planner takes the filter for 0.5% of the rows (84 instead of 16,700 grants of one group)
-- and joins every task with every grant in a nested loop: a group's task count ran for minutes. With them
-- it probes the grants of each task by ACT_IDX_AUTH_RESOURCE_ID. READ (2) is what task queries check on
-- TASK, READ_TASK (64) on PROCESS_DEFINITION; READ_INSTANCE (512) is asked by process instance queries.
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_read ON (perms_ & 2) FROM act_ru_authorization;
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_read_task ON (perms_ & 64) FROM act_ru_authorization;
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_read_instance ON (perms_ & 512) FROM act_ru_authorization;
-- Which group holds grants on which kind of resource: a group's rows are almost all per-task grants.
CREATE STATISTICS IF NOT EXISTS act_ru_authorization_group_resource (mcv) ON group_id_, resource_type_, type_ FROM act_ru_authorization;

-- The job executor's acquisition asks for due jobs ("DUEDATE_ IS NULL OR DUEDATE_ <= now") and, for each
-- candidate, whether a job of its instance is locked ("LOCK_OWNER_ IS NOT NULL AND LOCK_EXP_TIME_ >= now").
-- Every open request holds four SLA timer jobs, so with 100,000 open requests both were sequential scans of
-- 400,000 jobs on every acquisition (285-400 ms each); with these indexes 11 ms.
CREATE INDEX IF NOT EXISTS act_idx_job_duedate ON act_ru_job (duedate_);
CREATE INDEX IF NOT EXISTS act_idx_job_lock ON act_ru_job (lock_owner_, lock_exp_time_);
