-- Hand-written: an index for the audit's reads of a store's business dates.
--
-- The audit trail reads a store's events by business date (history, export, and the span a close
-- or an amendment seals): the events whose sale time `occurred_at` falls between two local
-- midnights of the store's zone. `occurred_at` is text, as the producer wrote it (the hash covers
-- those bytes), so the filter cast it, `occurred_at::timestamptz`, which no index can serve: that
-- cast is only STABLE (its answer for text without an offset depends on the session's TimeZone
-- and DateStyle, and 'now' or 'today' on the clock), so PostgreSQL refuses it in an index, and
-- every such read scanned all of the store's events.
--
-- `event_occurred_instant` is that cast made deterministic: it accepts only ISO 8601 with an
-- explicit UTC offset (what the envelope requires of every event) and parses it with the settings
-- pinned, so its IMMUTABLE promise holds for every input; anything else is refused loudly, never
-- read as another instant. The index holds instants, not dates, on purpose:
--
-- * The business date is still taken at read time, in the zone the read names (a seal records the
--   zone it was taken in), so a store's change of time zone re-dates nothing that was sealed; a
--   stored business-date column would have fixed each event's date in the zone of its append,
--   and a read in any other zone could not use it.
-- * It is derived from the very text that is hashed, so it cannot drift from it; a column
--   maintained at append would be a second copy of the sale time that an UPDATE of the stored
--   text (which the verifier exists to catch) would leave behind.
-- * Nothing is rewritten: append_events is unchanged, and no stored row is updated.
--
-- Built in this migration's transaction: appends wait while it is built (reads go on), so on a
-- large log the migration belongs in a quiet hour.
CREATE FUNCTION event_occurred_instant(p_occurred_at text)
RETURNS timestamptz
LANGUAGE plpgsql
IMMUTABLE
STRICT
SET "TimeZone" = 'UTC'
SET "DateStyle" = 'ISO, YMD'
AS $$
BEGIN
    IF p_occurred_at !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$' THEN
        RAISE EXCEPTION 'occurred_at % is not an ISO 8601 date-time with a UTC offset', p_occurred_at
            USING ERRCODE = 'invalid_datetime_format';
    END IF;
    RETURN p_occurred_at::timestamptz;
END
$$;

CREATE INDEX events_store_occurred ON events (org_id, store_id, event_occurred_instant(occurred_at));
