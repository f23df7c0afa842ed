import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConsumerConfig } from '@nats-io/jetstream';

/** infra/nats/projector-consumer.json: the consumer the projector creates, kept as a file operators can read and apply. */
export const PROJECTOR_CONSUMER_FILE = fileURLToPath(
  new URL('../../../infra/nats/projector-consumer.json', import.meta.url),
);

/**
 * The consumer definition under this deployment's durable name (`PROJECTOR_CONSUMER`; tests use
 * names of their own). Acks are explicit and sent only after a batch's transaction commits, so
 * `ack_wait` must outlast the slowest batch, or JetStream redelivers it (harmlessly: the
 * checkpoints skip it).
 */
export const projectorConsumer = (name: string): Partial<ConsumerConfig> & { durable_name: string } => ({
  ...(JSON.parse(readFileSync(PROJECTOR_CONSUMER_FILE, 'utf8')) as Partial<ConsumerConfig>),
  durable_name: name,
});
