-- Hand-written SQL only: schema.prisma did not change.
--
-- The event log under row-level security, as the read models are. Until now `events` was exempt
-- and the application role could SELECT every org's events and INSERT rows of its own making:
-- another org's, or ones outside the hash chain. Now:
--
-- * `possier_app` sees only the transaction's tenant (`app.org_id`), and nothing when none is set,
--   and may not INSERT, UPDATE or DELETE: it appends only through append_events, which refuses an
--   org other than the tenant and computes each event's place in its stream's hash chain itself.
-- * `possier_log_reader` (no login) reads the whole log and writes nothing: the relay, the
--   projectors, rebuilds, `possier status` and audit checks across orgs read through it. A service
--   login is granted it and `possier_app`, and switches to `possier_app` for tenant work.
--
-- No row is rewritten, so every stored hash and chain verifies as before. A superuser (the usual
-- owner in development) bypasses row-level security whatever FORCE says; an owner that is not one
-- is held to the policies like everyone else.

DO $$
BEGIN
    CREATE ROLE possier_log_reader NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events
    USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
    WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
-- Permissive policies add up: a member of possier_log_reader sees every row, for reading only.
CREATE POLICY log_reader ON events FOR SELECT TO possier_log_reader USING (true);

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON events FROM possier_app;
REVOKE USAGE ON SEQUENCE events_global_position_seq FROM possier_app;
GRANT SELECT ON events TO possier_app, possier_log_reader;

-- As 20261205000000_command_fingerprints, run as its owner (SECURITY DEFINER) so that it can
-- insert for a caller that may not, and with the tenant check and per-batch tenant below.
CREATE OR REPLACE FUNCTION append_events(p_appends jsonb)
RETURNS TABLE (batch integer, status text, stream_version bigint, global_positions bigint[], conflict_event_id uuid, detail text)
LANGUAGE plpgsql
SECURITY DEFINER
AS $$
DECLARE
    a record;
    v_stream text;
    v_org uuid;
    v_count integer;
    v_version bigint;
    v_expected bigint;
    v_texts text[];
    v_events jsonb[];
    v_all_text boolean;
    v_own boolean;
    v_ids uuid[];
    v_first bigint;
    v_positions bigint[];
    v_hashes bytea[];
    v_prev bytea;
    v_conflict text;
    v_conflict_id uuid;
    v_recorded_at timestamptz := now();
    v_recorded_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
    v_tenant text := nullif(current_setting('app.org_id', true), '');
    v_caller name := CASE current_setting('role') WHEN 'none' THEN session_user ELSE current_setting('role')::name END;
    v_foreign text;
BEGIN
    -- A caller that may not insert into events itself (the application role) appends only to the
    -- transaction's tenant, the org its row-level security is keyed on. Whoever may insert
    -- directly (the owner) gains nothing from being refused here, and may group many orgs' appends
    -- into one call. The caller is the role the session has set, not the definer this runs as.
    IF NOT has_table_privilege(v_caller, 'events', 'INSERT') THEN
        SELECT t.spec->>'orgId' INTO v_foreign
        FROM jsonb_array_elements(p_appends) AS t(spec)
        WHERE (t.spec->>'orgId')::uuid IS DISTINCT FROM v_tenant::uuid
        LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'append_events: orgId % is not the transaction''s tenant (app.org_id is %)',
                    coalesce(v_foreign, 'null'), coalesce(v_tenant, 'not set')
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;

    -- Every stream lock is taken before the first write, and so before this transaction has an
    -- id (see 20261124000000_event_store for why the global log depends on it). The org is cast
    -- so that one org spelled in upper and in lower case takes one lock.
    PERFORM pg_advisory_xact_lock(k.key)
    FROM (SELECT DISTINCT hashtextextended((t.spec->>'orgId')::uuid::text || '/' || (t.spec->>'streamId'), 0) AS key
          FROM jsonb_array_elements(p_appends) AS t(spec)
          ORDER BY 1) AS k;

    FOR a IN
        SELECT t.spec, t.i::integer AS i
        FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(spec, i)
        ORDER BY t.i
    LOOP
        v_stream := a.spec->>'streamId';
        v_org := (a.spec->>'orgId')::uuid;
        v_expected := (a.spec->>'expected')::bigint;
        -- This function runs as the table's owner, which FORCE ROW LEVEL SECURITY holds to the
        -- tenant too (unless it is a superuser): each batch is read and written as its own org's.
        -- The caller's tenant is put back once every batch is done.
        PERFORM set_config('app.org_id', v_org::text, true);
        SELECT array_agg(x.e #>> '{}' ORDER BY x.n), array_agg((x.e #>> '{}')::jsonb ORDER BY x.n),
               bool_and(jsonb_typeof(x.e) = 'string')
          INTO v_texts, v_events, v_all_text
        FROM jsonb_array_elements(a.spec->'events') WITH ORDINALITY AS x(e, n);
        IF NOT v_all_text THEN
            RAISE EXCEPTION 'append_events: each event must be the canonical JSON text of its envelope, as a JSON string'
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        SELECT array_agg((x.e->>'eventId')::uuid ORDER BY x.n),
               bool_and(x.e->>'streamId' IS NOT DISTINCT FROM v_stream AND (x.e->>'orgId')::uuid IS NOT DISTINCT FROM v_org)
          INTO v_ids, v_own
        FROM unnest(v_events) WITH ORDINALITY AS x(e, n);
        IF NOT v_own THEN
            RAISE EXCEPTION 'append_events: every event of a batch must name the batch''s stream and org'
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        v_count := cardinality(v_ids);

        -- A batch already stored (a retry after a lost response) is answered from what is stored,
        -- before the version check: the stream has moved on since, because of this very batch.
        IF EXISTS (SELECT 1 FROM events s WHERE s.org_id = v_org AND s.event_id = ANY (v_ids)) THEN
            v_first := NULL;
            v_conflict := NULL;
            v_conflict_id := NULL;
            SELECT s.stream_position INTO v_first FROM events s
             WHERE s.org_id = v_org AND s.event_id = v_ids[1] AND s.stream_id = v_stream;
            SELECT (x.e->>'eventId')::uuid, CASE
                       WHEN s.event_id IS NULL THEN 'is not stored, but other events of the batch are'
                       WHEN s.stream_id <> v_stream THEN format('is stored in stream %s', s.stream_id)
                       WHEN s.type <> x.e->>'type' OR s.schema_version <> (x.e->>'schemaVersion')::integer
                           THEN format('is stored as %s v%s', s.type, s.schema_version)
                       WHEN s.data <> x.e->'data' THEN 'is stored with different data'
                       ELSE 'is stored at another position of the stream' END
              INTO v_conflict_id, v_conflict
            FROM unnest(v_events) WITH ORDINALITY AS x(e, n)
            LEFT JOIN events s ON s.org_id = v_org AND s.event_id = (x.e->>'eventId')::uuid
            WHERE s.event_id IS NULL OR s.stream_id <> v_stream OR s.type <> x.e->>'type'
               OR s.schema_version <> (x.e->>'schemaVersion')::integer OR s.data <> x.e->'data'
               OR v_first IS NULL OR s.stream_position <> v_first + x.n - 1
            ORDER BY x.n
            LIMIT 1;
            IF v_conflict IS NULL THEN
                SELECT array_agg(s.global_position ORDER BY s.stream_position) INTO v_positions
                FROM events s WHERE s.org_id = v_org AND s.event_id = ANY (v_ids);
                RETURN QUERY SELECT a.i, 'duplicate'::text, v_first + v_count - 1, v_positions, NULL::uuid, NULL::text;
            ELSE
                RETURN QUERY SELECT a.i, 'event_id_conflict'::text, NULL::bigint, NULL::bigint[], v_conflict_id, v_conflict;
            END IF;
            CONTINUE;
        END IF;

        SELECT max(s.stream_position) INTO v_version FROM events s WHERE s.org_id = v_org AND s.stream_id = v_stream;
        v_version := coalesce(v_version, -1);
        v_prev := NULL;
        IF v_expected <> -2 AND v_expected <> v_version THEN
            RETURN QUERY SELECT a.i, 'wrong_expected_version'::text, v_version, NULL::bigint[], NULL::uuid, NULL::text;
            CONTINUE;
        END IF;

        -- The chain, under the stream's lock: nothing can be appended to this stream between
        -- reading its last hash and inserting the rows chained to it.
        IF v_version >= 0 THEN
            SELECT s.hash INTO v_prev FROM events s
             WHERE s.org_id = v_org AND s.stream_id = v_stream AND s.stream_position = v_version;
        END IF;
        v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
        v_positions := '{}';
        v_hashes := '{}';
        FOR n IN 1..v_count LOOP
            v_positions[n] := nextval('events_global_position_seq');
            v_prev := sha256(v_prev || convert_to(
                '{"envelope":' || v_texts[n] || ',"store":{"globalPosition":' || v_positions[n]
                    || ',"recordedAt":"' || v_recorded_text || '","streamPosition":' || (v_version + n) || '}}',
                'UTF8'));
            v_hashes[n] := v_prev;
        END LOOP;

        INSERT INTO events (global_position, event_id, stream_id, stream_position, type, schema_version, org_id,
                            brand_id, store_id, register_id, actor_id, occurred_at, recorded_at, causation_id,
                            correlation_id, data, hash, command_id, command_fingerprint)
        OVERRIDING SYSTEM VALUE
        SELECT v_positions[x.n], (x.e->>'eventId')::uuid, v_stream, v_version + x.n, x.e->>'type',
               (x.e->>'schemaVersion')::integer, v_org, (x.e->>'brandId')::uuid, (x.e->>'storeId')::uuid,
               (x.e->>'registerId')::uuid, (x.e->>'actorId')::uuid, x.e->>'occurredAt', v_recorded_at,
               (x.e->>'causationId')::uuid, (x.e->>'correlationId')::uuid, x.e->'data', v_hashes[x.n],
               CASE WHEN x.n = 1 THEN (a.spec->'command'->>'commandId')::uuid END,
               CASE WHEN x.n = 1 THEN a.spec->'command'->>'fingerprint' END
        FROM unnest(v_events) WITH ORDINALITY AS x(e, n)
        ORDER BY x.n;

        RETURN QUERY SELECT a.i, 'appended'::text, v_version + v_count, v_positions, NULL::uuid, NULL::text;
    END LOOP;
    PERFORM set_config('app.org_id', coalesce(v_tenant, ''), true);
END;
$$;

-- A definer's function must not resolve names through the caller's search_path: pg_temp last (a
-- temporary table named events would otherwise come first), pg_catalog first, then the schema
-- these migrations run in.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION append_events(jsonb) SET search_path = pg_catalog, %I, pg_temp', current_schema());
END
$$;
REVOKE EXECUTE ON FUNCTION append_events(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION append_events(jsonb) TO possier_app;

-- As 20261124214812_assert_rls, with `events` no longer exempt, and the application role
-- checked to write the log only through append_events.
CREATE OR REPLACE FUNCTION assert_tenant_isolation() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    unforced text;
    app_role record;
BEGIN
    SELECT string_agg(format('%I.%I', namespace.nspname, class.relname), ', ' ORDER BY class.relname)
      INTO unforced
      FROM pg_class class
      JOIN pg_namespace namespace ON namespace.oid = class.relnamespace
      JOIN pg_attribute attribute ON attribute.attrelid = class.oid
     WHERE attribute.attname = 'org_id'
       AND NOT attribute.attisdropped
       AND class.relkind IN ('r', 'p')
       AND namespace.nspname = current_schema()
       AND NOT (class.relrowsecurity AND class.relforcerowsecurity);
    IF unforced IS NOT NULL THEN
        RAISE EXCEPTION 'tenant tables without FORCE ROW LEVEL SECURITY: %', unforced;
    END IF;

    SELECT rolsuper, rolbypassrls INTO app_role FROM pg_roles WHERE rolname = 'possier_app';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the application role possier_app does not exist';
    END IF;
    IF app_role.rolsuper OR app_role.rolbypassrls THEN
        RAISE EXCEPTION 'the application role possier_app must be neither SUPERUSER nor BYPASSRLS';
    END IF;
    IF has_table_privilege('possier_app', 'events', 'INSERT')
       OR has_table_privilege('possier_app', 'events', 'UPDATE')
       OR has_table_privilege('possier_app', 'events', 'DELETE') THEN
        RAISE EXCEPTION 'the application role possier_app may write events only through append_events';
    END IF;
END
$$;

SELECT assert_tenant_isolation();
