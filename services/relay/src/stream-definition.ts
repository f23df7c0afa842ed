import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamConfig } from '@nats-io/jetstream';

/** infra/nats/ledger-stream.json: the stream the relay creates or updates, kept as a file operators can read and apply. */
export const LEDGER_STREAM_FILE = fileURLToPath(new URL('../../../infra/nats/ledger-stream.json', import.meta.url));

export type LedgerStream = {
  config: Partial<StreamConfig> & { name: string; subjects: string[] };
  subjectPrefix: string;
};

/**
 * The stream definition, optionally renamed (tests run on streams of their own). The subject
 * prefix is the definition's one subject without its `.>`.
 */
export const ledgerStream = (overrides: { name?: string; subjectPrefix?: string } = {}): LedgerStream => {
  const config = JSON.parse(readFileSync(LEDGER_STREAM_FILE, 'utf8')) as LedgerStream['config'];
  const subjectPrefix = overrides.subjectPrefix ?? (config.subjects[0] as string).replace(/\.>$/, '');
  return {
    config: { ...config, name: overrides.name ?? config.name, subjects: [`${subjectPrefix}.>`] },
    subjectPrefix,
  };
};

/**
 * `ledger.<org>.<store>.<type>`: consumers subscribe per tenant, per store or per type with
 * wildcards (`ledger.<org>.>`, `ledger.*.*.OrderPlaced`). Org-wide events use `_` for the store.
 */
export const subjectOf = (prefix: string, event: { orgId: string; storeId: string | null; type: string }): string =>
  `${prefix}.${event.orgId}.${event.storeId ?? '_'}.${event.type}`;
