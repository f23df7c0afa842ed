-- Hand-written: identity is (org, id).
--
-- Ids are minted by clients (UUIDv7, offline too), so an id says nothing about who owns it. Until
-- now a stream name and an event id were unique across the whole store: a stream belonged to
-- whichever org wrote it first, and a refusal ("org_mismatch", "event id conflict ... stored in
-- stream ...") told one org which ids another held and kept it from using them. Now both are
-- unique per org: the same `order-<uuid>` or event id in two orgs is two unrelated things, and
-- append_events looks only at the appending org's rows.
--
-- Existing rows already satisfy the narrower constraints, so no row is rewritten and no hash
-- changes: the chain links each event to the one before it in its stream, and a stream's events
-- all belong to one org (append_events refused every other org until now), so the predecessor
-- found by (org, stream, position) is the one it was chained to.
--
-- The runner applies this in one transaction, so the table is locked while the new indexes are
-- built (CONCURRENTLY cannot run inside a transaction): minutes on a large store, planned for.

ALTER TABLE events DROP CONSTRAINT events_event_id_key;
ALTER TABLE events DROP CONSTRAINT events_stream_position_key;
ALTER TABLE events ADD CONSTRAINT events_org_event_id_key UNIQUE (org_id, event_id);
ALTER TABLE events ADD CONSTRAINT events_org_stream_position_key UNIQUE (org_id, stream_id, stream_position);

-- Store ids are client-minted too. Every lookup through these indexes names the org as well
-- (stock levels of a replayed sale, a store's first day seal), so the org leads: another org's
-- rows under the same store id never enter the scan. Same names, so the queries' comments hold.
DROP INDEX events_stock_adjustments;
CREATE INDEX events_stock_adjustments ON events (org_id, store_id, (data->>'stockItemId'), transaction_id, global_position)
    WHERE type = 'StockAdjusted';
DROP INDEX events_stock_movements;
CREATE INDEX events_stock_movements ON events (org_id, store_id, (data->>'stockItemId'), transaction_id, global_position)
    WHERE type IN ('StockDepleted', 'StockAdjusted');
DROP INDEX events_unhashed;
CREATE INDEX events_unhashed ON events (org_id, store_id, transaction_id, global_position) WHERE hash IS NULL;

-- As 20261125002450_append_events_notify_after_commit, with every read of `events` scoped by the
-- batch's org and the stream lock keyed on (org, stream); the org_mismatch status is gone, since
-- another org's stream of the same name is another stream. An event id is a duplicate or a
-- conflict only against the same org's events, and a conflict's detail names only that org's
-- streams. The one race the lock cannot exclude is now the same event id appended at once to two
-- streams of one org: a unique violation the caller retries batch by batch (group-commit.ts).
--
-- status: appended | duplicate | wrong_expected_version | event_id_conflict

CREATE OR REPLACE FUNCTION append_events(p_appends jsonb)
RETURNS TABLE (batch integer, status text, stream_version bigint, global_positions bigint[], conflict_event_id uuid, detail text)
LANGUAGE plpgsql
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
BEGIN
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
                            correlation_id, data, hash)
        OVERRIDING SYSTEM VALUE
        SELECT v_positions[x.n], (x.e->>'eventId')::uuid, v_stream, v_version + x.n, x.e->>'type',
               (x.e->>'schemaVersion')::integer, v_org, (x.e->>'brandId')::uuid, (x.e->>'storeId')::uuid,
               (x.e->>'registerId')::uuid, (x.e->>'actorId')::uuid, x.e->>'occurredAt', v_recorded_at,
               (x.e->>'causationId')::uuid, (x.e->>'correlationId')::uuid, x.e->'data', v_hashes[x.n]
        FROM unnest(v_events) WITH ORDINALITY AS x(e, n)
        ORDER BY x.n;

        RETURN QUERY SELECT a.i, 'appended'::text, v_version + v_count, v_positions, NULL::uuid, NULL::text;
    END LOOP;
END;
$$;
