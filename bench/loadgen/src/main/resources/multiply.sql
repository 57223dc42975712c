-- Multiplies the open process instances of an OpsDesk (or bare Camunda) database on PostgreSQL.
--
-- Every root process instance that has an open user task is a seed. Each seed, with every row of every
-- table that belongs to it (runtime, history, authorizations, OpsDesk's ticket tables), is copied
-- `copies` times. A row belongs to a seed when one of its text columns holds an id of the seed or of
-- a row that belongs to it (found by repeating until nothing new turns up), so no table list is needed.
-- In the copies every such id is replaced: ids get the copy number in front ('12-<uuid>'), activity
-- instance ids ('accept:<uuid>') keep their activity in front of that, ticket ids ('SR-2026-000123') get
-- a number of their own (old number + copy * stride) and the ticket number sequence moves past them.
-- Values that are not ids of seed rows (definition ids, group ids, user ids, timestamps) are kept, so
-- the copies are what the engine would have written for the same requests.
-- Foreign keys are not checked while copying (session_replication_role = replica): the copies are
-- consistent by construction. Creates only temporary objects. Returns the number of rows written.
CREATE OR REPLACE FUNCTION pg_temp.bench_multiply(copies integer) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
  c record;
  found_rows bigint;
  added bigint;
  total bigint := 0;
  predicate text;
  stride bigint;
  columns text;
  vals text;
  -- The id a copy gives to a seed id (an expression over $ID and the copy number n; plain string
  -- functions, as this runs for every id of every copied row): ticket ids get a number of their own,
  -- activity instance ids ('accept:<uuid>') keep their activity, every other id gets the copy number in front.
  copy_id constant text := $$CASE WHEN $ID LIKE 'SR-____-%' THEN left($ID, 8) || lpad((substr($ID, 9)::bigint + n * $STRIDE)::text, 6, '0')
    WHEN strpos($ID, ':') > 0 THEN split_part($ID, ':', 1) || ':' || n || '-' || substr($ID, strpos($ID, ':') + 1)
    ELSE n || '-' || $ID END$$;
BEGIN
  CREATE TEMP TABLE seed_id (id varchar(255) PRIMARY KEY) ON COMMIT DROP;
  INSERT INTO seed_id
    SELECT DISTINCT e.proc_inst_id_ FROM act_ru_execution e JOIN act_ru_task k ON k.proc_inst_id_ = e.proc_inst_id_
    WHERE e.id_ = e.proc_inst_id_ AND e.super_exec_ IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no open process instance with a user task to multiply';
  END IF;

  -- The tables that may hold rows of a process instance, with their text columns.
  CREATE TEMP TABLE seed_table ON COMMIT DROP AS
    SELECT tc.table_name AS name,
           array_agg(col.column_name::text ORDER BY col.ordinal_position)
             FILTER (WHERE col.data_type IN ('character varying', 'text')) AS text_columns
    FROM information_schema.tables tc
    JOIN information_schema.columns col ON col.table_schema = tc.table_schema AND col.table_name = tc.table_name
    WHERE tc.table_schema = current_schema() AND tc.table_type = 'BASE TABLE'
      AND tc.table_name NOT LIKE 'act_re_%' AND tc.table_name NOT LIKE 'act_id_%'
      AND tc.table_name NOT IN ('act_ge_property', 'act_ge_schema_log', 'act_ru_filter', 'act_ru_jobdef',
                                'act_ru_meter_log', 'act_ru_task_meter_log', 'opsdesk_schema_history')
      AND tc.table_name NOT LIKE 'flyway%'
    GROUP BY tc.table_name;

  -- Rows that name a seed id belong to the seeds; their own ids (and the job ids of the job log, whose
  -- jobs are gone) are seed ids too. Repeat until no table adds any.
  LOOP
    added := 0;
    FOR t IN SELECT * FROM seed_table WHERE text_columns IS NOT NULL LOOP
      SELECT string_agg(format('%I IN (SELECT id FROM seed_id)', x), ' OR ') INTO predicate FROM unnest(t.text_columns) x;
      FOR c IN SELECT x AS name FROM unnest(t.text_columns) x WHERE x IN ('id_', 'ticket_id', 'job_id_') LOOP
        EXECUTE format('INSERT INTO seed_id SELECT DISTINCT %I FROM %I WHERE %I IS NOT NULL AND (%s) ON CONFLICT DO NOTHING',
                       c.name, t.name, c.name, predicate);
        GET DIAGNOSTICS found_rows = ROW_COUNT;
        added := added + found_rows;
      END LOOP;
    END LOOP;
    EXIT WHEN added = 0;
  END LOOP;

  -- Ticket numbers: the copies take old number + copy * stride, past every number given so far.
  SELECT coalesce(max(substring(id FROM '^[A-Z]+-[0-9]{4}-([0-9]+)$')::bigint), 0) INTO stride FROM seed_id;
  IF to_regclass('ticket') IS NOT NULL THEN
    SELECT greatest(stride, coalesce(max(substring(ticket_id FROM '^[A-Z]+-[0-9]{4}-([0-9]+)$')::bigint), 0)) INTO stride FROM ticket;
  END IF;
  stride := greatest(stride, 1);

  -- The rows to copy, per table, taken before anything is written.
  FOR t IN SELECT * FROM seed_table WHERE text_columns IS NOT NULL LOOP
    SELECT string_agg(format('%I IN (SELECT id FROM seed_id)', x), ' OR ') INTO predicate FROM unnest(t.text_columns) x;
    EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS SELECT * FROM %I WHERE %s', 'seed_rows_' || t.name, t.name, predicate);
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows = 0 THEN
      EXECUTE format('DROP TABLE %I', 'seed_rows_' || t.name);
      DELETE FROM seed_table WHERE name = t.name;
    END IF;
  END LOOP;
  DELETE FROM seed_table WHERE text_columns IS NULL;

  -- Bulk loading: the indexes that back no constraint are dropped and built again afterwards (several
  -- times faster than keeping them up to date row by row; building a unique one checks the copies).
  CREATE TEMP TABLE seed_index ON COMMIT DROP AS
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
    WHERE r.relnamespace = current_schema()::regnamespace AND r.relname IN (SELECT name FROM seed_table)
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
  FOR t IN SELECT * FROM seed_index LOOP
    EXECUTE format('DROP INDEX %s', t.name);
  END LOOP;

  SET LOCAL session_replication_role = replica;
  FOR t IN SELECT * FROM seed_table ORDER BY name LOOP
    -- Identity and serial columns (OpsDesk's bigint ids) take their defaults.
    SELECT string_agg(format('%I', col.column_name), ', ' ORDER BY col.ordinal_position),
           string_agg(CASE WHEN col.data_type IN ('character varying', 'text')
                           THEN format('CASE WHEN s.%1$I IN (SELECT id FROM seed_id) THEN %2$s ELSE s.%1$I END',
                                       col.column_name, replace(replace(copy_id, '$ID', format('s.%I', col.column_name)), '$STRIDE', stride::text))
                           ELSE format('s.%I', col.column_name) END, ', ' ORDER BY col.ordinal_position)
      INTO columns, vals
      FROM information_schema.columns col
      WHERE col.table_schema = current_schema() AND col.table_name = t.name
        AND col.is_identity = 'NO' AND coalesce(col.column_default, '') NOT LIKE 'nextval(%';
    EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I s CROSS JOIN generate_series(1, %s) n',
                   t.name, columns, vals, 'seed_rows_' || t.name, copies);
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    total := total + found_rows;
  END LOOP;
  SET LOCAL session_replication_role = origin;

  SET LOCAL maintenance_work_mem = '256MB';
  FOR t IN SELECT * FROM seed_index LOOP
    EXECUTE t.definition;
  END LOOP;

  IF to_regclass('ticket_number_seq') IS NOT NULL THEN
    PERFORM setval('ticket_number_seq', greatest((SELECT last_value FROM ticket_number_seq), stride * (copies + 1)));
  END IF;
  RETURN total;
END
$fn$;

