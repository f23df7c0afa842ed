-- The event store: one append-only table, the source of truth of the ledger.
--
-- Global order is (transaction_id, global_position). A bigint identity alone is not enough: it is
-- drawn when a row is inserted, not when its transaction commits, so a reader that follows it can
-- see position 11 commit before position 10 and, having moved past 10, never see it (the
-- sequence-gap problem). Readers therefore order by the writing transaction's id and read only
-- below pg_snapshot_xmin(pg_current_snapshot()): every transaction with a lower id has finished,
-- so nothing can appear behind a position already handed out.
CREATE TABLE events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_id        uuid        NOT NULL,
    stream_id       text        NOT NULL,
    stream_position bigint      NOT NULL CHECK (stream_position >= 0),
    type            text        NOT NULL,
    schema_version  integer     NOT NULL CHECK (schema_version > 0),
    org_id          uuid        NOT NULL,
    brand_id        uuid,
    store_id        uuid,
    register_id     uuid,
    actor_id        uuid        NOT NULL,
    -- As the producer wrote it, UTC offset included; an instant alone would lose the offset.
    occurred_at     text        NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    causation_id    uuid,
    correlation_id  uuid        NOT NULL,
    data            jsonb       NOT NULL,
    CONSTRAINT events_event_id_key UNIQUE (event_id),
    CONSTRAINT events_stream_position_key UNIQUE (stream_id, stream_position)
);

CREATE INDEX events_log_order ON events (transaction_id, global_position);
CREATE INDEX events_org_log_order ON events (org_id, transaction_id, global_position);

-- Appends one or more batches, each to its own stream, in one statement and so one commit (group
-- commit): the caller gathers concurrent appends into one call. Each batch is decided on its own
-- and reported on its own row; a refused batch writes nothing and does not affect the others.
--
-- p_appends: [{ "streamId", "expected" (-1 no stream, -2 any, else the version), "orgId",
--               "events": [envelope, ...] }, ...]
-- status: appended | duplicate | wrong_expected_version | event_id_conflict | org_mismatch
--
-- Batches to one stream are serialised by a transaction-scoped advisory lock on the stream, taken
-- in a fixed order (by lock key) so that two concurrent groups can never deadlock. Under the lock,
-- the stream's version and earlier copies of the batch's event ids are read, then the rows are
-- inserted. The one race the lock cannot exclude — the same event id appended concurrently to two
-- different streams — surfaces as a unique violation that aborts the call; the caller retries each
-- batch on its own and the loser then sees a conflict.
CREATE FUNCTION append_events(p_appends jsonb)
RETURNS TABLE (batch integer, status text, stream_version bigint, global_positions bigint[], conflict_event_id uuid, detail text)
LANGUAGE plpgsql
AS $$
DECLARE
    a record;
    v_stream text;
    v_count integer;
    v_version bigint;
    v_expected bigint;
    v_org uuid;
    v_ids uuid[];
    v_first bigint;
    v_positions bigint[];
    v_conflict text;
    v_conflict_id uuid;
    v_appended boolean := false;
BEGIN
    -- Every stream lock is taken before the first write, and so before this transaction has an
    -- id. A writer that waited for a stream's lock therefore gets a higher transaction id than
    -- the one it waited for, and the global log, ordered by transaction id, keeps each stream's
    -- events in stream order.
    PERFORM pg_advisory_xact_lock(k.key)
    FROM (SELECT DISTINCT hashtextextended(t.spec->>'streamId', 0) AS key
          FROM jsonb_array_elements(p_appends) AS t(spec)
          ORDER BY 1) AS k;

    FOR a IN
        SELECT t.spec, t.i::integer AS i
        FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS t(spec, i)
        ORDER BY t.i
    LOOP
        v_stream := a.spec->>'streamId';
        v_expected := (a.spec->>'expected')::bigint;
        SELECT array_agg((x.e->>'eventId')::uuid ORDER BY x.n) INTO v_ids
        FROM jsonb_array_elements(a.spec->'events') WITH ORDINALITY AS x(e, n);
        v_count := cardinality(v_ids);

        -- A batch already stored (a retry after a lost response) is answered from what is stored,
        -- before the version check: the stream has moved on since, because of this very batch.
        IF EXISTS (SELECT 1 FROM events s WHERE s.event_id = ANY (v_ids)) THEN
            SELECT s.stream_position INTO v_first FROM events s WHERE s.event_id = v_ids[1] AND s.stream_id = v_stream;
            SELECT (x.e->>'eventId')::uuid, CASE
                       WHEN s.event_id IS NULL THEN 'is not stored, but other events of the batch are'
                       WHEN s.stream_id <> v_stream THEN format('is stored in stream %s', s.stream_id)
                       WHEN s.type <> x.e->>'type' OR s.schema_version <> (x.e->>'schemaVersion')::integer
                           THEN format('is stored as %s v%s', s.type, s.schema_version)
                       WHEN s.data <> x.e->'data' THEN 'is stored with different data'
                       ELSE 'is stored at another position of the stream' END
              INTO v_conflict_id, v_conflict
            FROM jsonb_array_elements(a.spec->'events') WITH ORDINALITY AS x(e, n)
            LEFT JOIN events s ON s.event_id = (x.e->>'eventId')::uuid
            WHERE s.event_id IS NULL OR s.stream_id <> v_stream OR s.type <> x.e->>'type'
               OR s.schema_version <> (x.e->>'schemaVersion')::integer OR s.data <> x.e->'data'
               OR v_first IS NULL OR s.stream_position <> v_first + x.n - 1
            ORDER BY x.n
            LIMIT 1;
            IF v_conflict IS NULL THEN
                SELECT array_agg(s.global_position ORDER BY s.stream_position) INTO v_positions
                FROM events s WHERE s.event_id = ANY (v_ids);
                RETURN QUERY SELECT a.i, 'duplicate'::text, v_first + v_count - 1, v_positions, NULL::uuid, NULL::text;
            ELSE
                RETURN QUERY SELECT a.i, 'event_id_conflict'::text, NULL::bigint, NULL::bigint[], v_conflict_id, v_conflict;
            END IF;
            CONTINUE;
        END IF;

        SELECT max(s.stream_position) INTO v_version FROM events s WHERE s.stream_id = v_stream;
        v_version := coalesce(v_version, -1);
        IF v_version >= 0 THEN
            SELECT s.org_id INTO v_org FROM events s WHERE s.stream_id = v_stream AND s.stream_position = 0;
            IF v_org <> (a.spec->>'orgId')::uuid THEN
                RETURN QUERY SELECT a.i, 'org_mismatch'::text, v_version, NULL::bigint[], NULL::uuid, NULL::text;
                CONTINUE;
            END IF;
        END IF;
        IF v_expected <> -2 AND v_expected <> v_version THEN
            RETURN QUERY SELECT a.i, 'wrong_expected_version'::text, v_version, NULL::bigint[], NULL::uuid, NULL::text;
            CONTINUE;
        END IF;

        WITH inserted AS (
            INSERT INTO events (event_id, stream_id, stream_position, type, schema_version, org_id, brand_id,
                                store_id, register_id, actor_id, occurred_at, causation_id, correlation_id, data)
            SELECT (x.e->>'eventId')::uuid, v_stream, v_version + x.n, x.e->>'type',
                   (x.e->>'schemaVersion')::integer, (a.spec->>'orgId')::uuid, (x.e->>'brandId')::uuid,
                   (x.e->>'storeId')::uuid, (x.e->>'registerId')::uuid, (x.e->>'actorId')::uuid,
                   x.e->>'occurredAt', (x.e->>'causationId')::uuid, (x.e->>'correlationId')::uuid, x.e->'data'
            FROM jsonb_array_elements(a.spec->'events') WITH ORDINALITY AS x(e, n)
            ORDER BY x.n
            RETURNING events.global_position, events.stream_position
        )
        SELECT array_agg(inserted.global_position ORDER BY inserted.stream_position) INTO v_positions FROM inserted;

        v_appended := true;
        RETURN QUERY SELECT a.i, 'appended'::text, v_version + v_count, v_positions, NULL::uuid, NULL::text;
    END LOOP;

    IF v_appended THEN
        PERFORM pg_notify('possier_events', '');
    END IF;
END;
$$;
