import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;

/**
 * The relay's lag: seconds since the newest event JetStream acknowledged was recorded by the
 * store. Alert on it (DESIGN.md): one stuck write transaction holds the global log back, and with
 * it every projection, and this is where that shows first.
 */
export const createRelayMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'possier_relay_' });
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

export const serveMetrics = (registry: Registry, port: number, host = '127.0.0.1'): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer(async (request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
    });
    server.listen(port, host, () => resolve(server));
  });
