import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectorConsumer } from '@possier/projector';
import { ledgerStream } from '@possier/relay';
import { describe, expect, it } from 'vitest';

const infraFile = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../infra/${path}`, import.meta.url)), 'utf8')) as Record<
    string,
    unknown
  >;

describe('infra/nats definitions', () => {
  it('describe one stream, with three replicas in the cluster variant and the same settings otherwise', () => {
    const single = infraFile('nats/ledger-stream.json');
    const replicated = infraFile('nats/ledger-stream.replicated.json');
    const { num_replicas: singleReplicas, description: _single, ...singleRest } = single;
    const { num_replicas: clusterReplicas, description: _cluster, ...clusterRest } = replicated;
    expect([singleReplicas, clusterReplicas]).toEqual([1, 3]);
    expect(clusterRest).toEqual(singleRest);
    expect(ledgerStream().config).toMatchObject(singleRest);
  });

  it('give the projector a durable consumer with explicit acks that replays the whole stream, under its own name', () => {
    const consumer = projectorConsumer('projector-tenants-a');
    expect(consumer).toMatchObject({
      durable_name: 'projector-tenants-a',
      ack_policy: 'explicit',
      deliver_policy: 'all',
      max_deliver: -1,
    });
    // Acks follow a batch's commit: the wait must outlast a slow batch, or JetStream redelivers it.
    expect(consumer.ack_wait).toBeGreaterThanOrEqual(30_000_000_000);
  });
});
