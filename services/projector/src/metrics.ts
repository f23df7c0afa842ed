import { registerServiceHealth, type ServiceHealth } from '@possier/store';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export type ProjectorMetrics = ReturnType<typeof createProjectorMetrics>;

/**
 * The projector's lag, for Prometheus: how old the newest event it has applied is (seconds since
 * the store recorded it), and how far it has read. Alert on the age: a projector that stops
 * moving while events keep coming shows a growing age long before anyone reads a stale report.
 */
export const createProjectorMetrics = (options: { health?: ServiceHealth; processMetrics?: boolean } = {}) => {
  const registry = new Registry();
  // In a process that serves several services' metrics together, the process's own are served once.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'possier_projector_' });
  if (options.health) registerServiceHealth(registry, [options.health]);
  let lastRecordedAt: number | undefined;
  const metrics = {
    registry,
    batches: new Counter({ name: 'possier_projector_batches_total', help: 'Batches committed', registers: [registry] }),
    events: new Counter({
      name: 'possier_projector_events_total',
      help: 'Events read from the stream, by whether a projection applied them or its checkpoint skipped them',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    checkpoint: new Gauge({
      name: 'possier_projector_checkpoint_info',
      help: 'The log position last applied (as a label; the value is always 1)',
      labelNames: ['position'] as const,
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'possier_projector_last_event_age_seconds',
      help: 'Seconds since the newest applied event was recorded by the store',
      registers: [registry],
      collect() {
        if (lastRecordedAt !== undefined) this.set((Date.now() - lastRecordedAt) / 1000);
      },
    }),
    observeBatch(position: string, recordedAt: string, applied: number, skipped: number) {
      metrics.batches.inc();
      metrics.events.inc({ outcome: 'applied' }, applied);
      metrics.events.inc({ outcome: 'skipped' }, skipped);
      metrics.checkpoint.reset();
      metrics.checkpoint.set({ position }, 1);
      lastRecordedAt = Date.parse(recordedAt);
    },
  };
  return metrics;
};
