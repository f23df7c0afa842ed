import { registerServiceHealth, type ServiceHealth } from '@possier/store';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

/**
 * The relay's lag: seconds since the newest event JetStream acknowledged was recorded by the
 * store. Alert on it (DESIGN.md): one stuck write transaction holds the global log back, and with
 * it every projection, and this is where that shows first.
 */
export const createRelayMetrics = (options: { health?: ServiceHealth; processMetrics?: boolean } = {}) => {
  const registry = new Registry();
  // In a process that serves several services' metrics together, the process's own are served once.
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'possier_relay_' });
  if (options.health) registerServiceHealth(registry, [options.health]);
  let lastRecordedAt: number | undefined;
  const published = new Counter({
    name: 'possier_relay_acked_positions_total',
    help: 'Acknowledged positions reported',
    registers: [registry],
  });
  const position = new Gauge({
    name: 'possier_relay_position_info',
    help: 'The last log position JetStream acknowledged (as a label; the value is always 1)',
    labelNames: ['position'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'possier_relay_lag_seconds',
    help: 'Seconds since the newest acknowledged event was recorded by the store',
    registers: [registry],
    collect() {
      if (lastRecordedAt !== undefined) this.set((Date.now() - lastRecordedAt) / 1000);
    },
  });
  return {
    registry,
    observeAcked(at: string, recordedAt: string) {
      published.inc();
      position.reset();
      position.set({ position: at }, 1);
      lastRecordedAt = Date.parse(recordedAt);
    },
  };
};
