import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { rebuildProjection } from '@possier/projector';
import { projections, readModelTables } from '@possier/read-models';
import { seededId } from '@possier/register/testing';
import { messageIdOf } from '@possier/relay';
import type { PostgresEventStore } from '@possier/store';
import type { Acknowledged } from './online-client.js';
import type { TillDay } from './tills.js';

export type Findings = { lost: number; duplicated: number; examples: string[] };

const tally = (examples: string[], note: string) => {
  if (examples.length < 10) examples.push(note);
};

/**
 * Every command the ledger acknowledged has its events in the store, once: each event id it
 * answered with is stored exactly once, and no other event claims that command as its cause
 * (a retried command that appended again would add some).
 */
export const checkAcknowledged = async (
  store: PostgresEventStore,
  acknowledged: ReadonlyArray<Acknowledged>,
): Promise<Findings> => {
  const findings: Findings = { lost: 0, duplicated: 0, examples: [] };
  const { rows } = await store.pool.query<{ causation_id: string; event_id: string; copies: number }>(
    `SELECT causation_id::text, event_id::text, count(*)::int AS copies FROM events
      WHERE causation_id = ANY($1::uuid[]) GROUP BY causation_id, event_id`,
    [acknowledged.map((command) => command.commandId)],
  );
  const storedByCommand = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const events = storedByCommand.get(row.causation_id) ?? new Map<string, number>();
    events.set(row.event_id, row.copies);
    storedByCommand.set(row.causation_id, events);
  }
  for (const command of acknowledged) {
    const stored = storedByCommand.get(command.commandId) ?? new Map<string, number>();
    for (const eventId of command.eventIds) {
      const copies = stored.get(eventId) ?? 0;
      if (copies === 0) {
        findings.lost += 1;
        tally(findings.examples, `acknowledged ${command.path} ${command.commandId}: event ${eventId} not stored`);
      }
      if (copies > 1) findings.duplicated += copies - 1;
    }
    const extra = [...stored.keys()].filter((eventId) => !command.eventIds.includes(eventId));
    if (extra.length > 0) {
      findings.duplicated += extra.length;
      tally(
        findings.examples,
        `${command.path} ${command.commandId}: ${extra.length} stored events it did not answer with`,
      );
    }
  }
  return findings;
};

/** Every sale a till made, online or offline, is one OrderPlaced in the store: none lost, none twice. */
export const checkOfflineSales = async (store: PostgresEventStore, days: ReadonlyArray<TillDay>): Promise<Findings> => {
  const findings: Findings = { lost: 0, duplicated: 0, examples: [] };
  const expected = days.flatMap((day) => Array.from({ length: day.total }, (_, n) => seededId(day.seed, 'order', n)));
  const { rows } = await store.pool.query<{ order_id: string; copies: number }>(
    `SELECT data->>'orderId' AS order_id, count(*)::int AS copies FROM events
      WHERE type = 'OrderPlaced' AND data->>'orderId' = ANY($1::text[]) GROUP BY 1`,
    [expected],
  );
  const copies = new Map(rows.map((row) => [row.order_id, row.copies]));
  for (const orderId of expected) {
    const count = copies.get(orderId) ?? 0;
    if (count === 0) {
      findings.lost += 1;
      tally(findings.examples, `offline sale ${orderId} not stored`);
    }
    if (count > 1) {
      findings.duplicated += count - 1;
      tally(findings.examples, `offline sale ${orderId} stored ${count} times`);
    }
  }
  return findings;
};

/**
 * The stream holds every stored event once, by event id (the message id): `lost` counts events
 * the relay never published, `duplicated` messages that repeat an event id.
 */
export const checkStream = async (
  store: PostgresEventStore,
  nats: NatsConnection,
  stream: string,
): Promise<Findings & { messages: number }> => {
  const findings: Findings = { lost: 0, duplicated: 0, examples: [] };
  const jsm = await jetstreamManager(nats);
  const { state } = await jsm.streams.info(stream);
  const published = new Set<string>();
  for (let first = state.first_seq; first <= state.last_seq; first += 100) {
    const sequences = Array.from({ length: Math.min(100, state.last_seq - first + 1) }, (_, index) => first + index);
    const messages = await Promise.all(sequences.map((seq) => jsm.streams.getMessage(stream, { seq })));
    for (const message of messages) {
      const eventId = message?.header.get('Nats-Msg-Id');
      if (!eventId) continue;
      if (published.has(eventId)) {
        findings.duplicated += 1;
        tally(findings.examples, `event ${eventId} published twice`);
      }
      published.add(eventId);
    }
  }
  const { rows } = await store.pool.query<{ org_id: string; event_id: string }>(
    'SELECT org_id::text, event_id::text FROM events',
  );
  for (const { org_id: orgId, event_id: eventId } of rows) {
    if (!published.has(messageIdOf({ orgId, eventId }))) {
      findings.lost += 1;
      tally(findings.examples, `event ${eventId} never published`);
    }
  }
  return { ...findings, messages: published.size };
};

type Rows = Map<string, Record<string, unknown>>;

/** Every read-model table, every org, keyed by each row's primary key. */
const snapshot = async (store: PostgresEventStore): Promise<Map<string, Rows>> => {
  const tables = new Map<string, Rows>();
  for (const table of readModelTables) {
    // As the owner, which row-level security does not filter: all orgs at once.
    const { rows } = await store.pool.query<Record<string, unknown>>(`SELECT * FROM ${table.name}`);
    tables.set(table.name, new Map(rows.map((row) => [JSON.stringify(table.key.map((column) => row[column])), row])));
  }
  return tables;
};

/** The columns whose values differ between two versions of a row. */
const differingColumns = (live: Record<string, unknown>, rebuilt: Record<string, unknown>): string[] =>
  Object.keys({ ...live, ...rebuilt }).filter(
    (column) => JSON.stringify(live[column]) !== JSON.stringify(rebuilt[column]),
  );

/**
 * Each projection equals a rebuild from position 0, row for row: the live tables are read, every
 * projection is rebuilt over them, and the rows that differ are counted (missing from either
 * side, or with any column changed). Run with the projector stopped.
 */
export const checkProjections = async (store: PostgresEventStore): Promise<{ diffs: number; examples: string[] }> => {
  const live = await snapshot(store);
  for (const projection of Object.values(projections)) await rebuildProjection(store.pool, store, projection);
  const rebuilt = await snapshot(store);
  let diffs = 0;
  const examples: string[] = [];
  for (const [table, liveRows] of live) {
    const rebuiltRows = rebuilt.get(table) ?? new Map();
    for (const key of new Set([...liveRows.keys(), ...rebuiltRows.keys()])) {
      const liveRow = liveRows.get(key);
      const rebuiltRow = rebuiltRows.get(key);
      if (!liveRow || !rebuiltRow) {
        diffs += 1;
        tally(examples, `${table} ${key}: ${liveRow ? 'missing from the rebuild' : 'missing live'}`);
        continue;
      }
      const columns = differingColumns(liveRow, rebuiltRow);
      if (columns.length === 0) continue;
      diffs += 1;
      tally(
        examples,
        `${table} ${key}: ${columns.map((column) => `${column} live ${JSON.stringify(liveRow[column])}, rebuilt ${JSON.stringify(rebuiltRow[column])}`).join('; ')}`,
      );
    }
  }
  return { diffs, examples };
};

/**
 * No sale is reversed beyond what it took, whatever raced: for every order with a reversal, the
 * voids' and refunds' paise add up to at most its payable, and it holds at most one void.
 * `orders` counts the orders reversed at all; `doubled` those reversed too far.
 */
export const checkReversals = async (
  store: PostgresEventStore,
): Promise<{ orders: number; doubled: number; examples: string[] }> => {
  const examples: string[] = [];
  const { rows } = await store.pool.query<{ order_id: string; payable: string; reversed: string; voids: number }>(
    `SELECT data->>'orderId' AS order_id,
            sum(CASE WHEN type = 'OrderPlaced' THEN (data->'totals'->>'payablePaise')::bigint ELSE 0 END) AS payable,
            sum(CASE type WHEN 'OrderVoided' THEN (data->>'reversedPaise')::bigint
                          WHEN 'OrderRefunded' THEN (data->>'refundPaise')::bigint ELSE 0 END) AS reversed,
            count(*) FILTER (WHERE type = 'OrderVoided')::int AS voids
       FROM events WHERE type IN ('OrderPlaced', 'OrderVoided', 'OrderRefunded')
      GROUP BY 1 HAVING count(*) FILTER (WHERE type <> 'OrderPlaced') > 0`,
  );
  let doubled = 0;
  for (const row of rows) {
    if (Number(row.reversed) <= Number(row.payable) && row.voids <= 1) continue;
    doubled += 1;
    tally(examples, `order ${row.order_id}: ${row.reversed} paise reversed of ${row.payable}, ${row.voids} voids`);
  }
  return { orders: rows.length, doubled, examples };
};
