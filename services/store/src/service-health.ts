import { createServer, type Server } from 'node:http';
import { Gauge, type Registry } from 'prom-client';

export type ServiceState = 'starting' | 'running' | 'interrupted';

/** What an operator sees of one background service: `/health/ready`, `/metrics`, `ops status`. */
export type ServiceStatus = {
  service: string;
  state: ServiceState;
  /** When it entered this state. */
  since: string;
  /** How many times it has been interrupted since the process started. */
  interruptions: number;
  /** The error that interrupted it last, while it is interrupted. */
  error?: string;
};

/**
 * The connection state of a long-running service (the relay, a projector): starting, running, or
 * interrupted by a lost broker or database and retrying. Each transition is reported once, so the
 * service logs an interruption once and its recovery once, however many retries lie between.
 */
export class ServiceHealth {
  #state: ServiceState = 'starting';
  #since: Date;
  #interruptions = 0;
  #error: string | undefined;

  constructor(
    readonly service: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#since = now();
  }

  /** Connected and working. True when this ends an interruption (or the start), for the caller to log once. */
  running(): boolean {
    if (this.#state === 'running') return false;
    this.#enter('running');
    this.#error = undefined;
    return true;
  }

  /** Failed and retrying. True for the first failure of an interruption, for the caller to log once. */
  interrupted(error: unknown): boolean {
    this.#error = error instanceof Error ? error.message || error.name : String(error);
    if (this.#state === 'interrupted') return false;
    this.#enter('interrupted');
    this.#interruptions += 1;
    return true;
  }

  /** How long the current state has lasted, in milliseconds. */
  elapsedMs(): number {
    return this.now().getTime() - this.#since.getTime();
  }

  status(): ServiceStatus {
    return {
      service: this.service,
      state: this.#state,
      since: this.#since.toISOString(),
      interruptions: this.#interruptions,
      ...(this.#error === undefined ? {} : { error: this.#error }),
    };
  }

  #enter(state: ServiceState) {
    this.#state = state;
    this.#since = this.now();
  }
}

/**
 * `possier_service_up{service}` (1 while running, 0 while starting or interrupted) and
 * `possier_service_interruptions{service}` for each service, in `registry`: alert on `up` staying
 * 0, and on interruptions growing.
 */
export const registerServiceHealth = (registry: Registry, services: ReadonlyArray<ServiceHealth>): void => {
  new Gauge({
    name: 'possier_service_up',
    help: '1 while the service is running, 0 while it is starting or interrupted and retrying',
    labelNames: ['service'] as const,
    registers: [registry],
    collect() {
      for (const health of services) this.set({ service: health.service }, health.status().state === 'running' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'possier_service_interruptions',
    help: 'Times the service was interrupted (lost its broker or database) since the process started',
    labelNames: ['service'] as const,
    registers: [registry],
    collect() {
      for (const health of services) this.set({ service: health.service }, health.status().interruptions);
    },
  });
};

/** A Prometheus registry as far as serving it goes (prom-client's `Registry`). */
export type MetricsSource = { contentType: string; metrics(): Promise<string> };

/**
 * The operations surface of a service without an API of its own, on its own port: `/metrics`,
 * `/health/live`, and `/health/ready`, which answers 503 with the service's status while it is
 * not running.
 */
export const serveOperations = (
  source: MetricsSource,
  health: ServiceHealth,
  port: number,
  host = '127.0.0.1',
): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      if (path === '/metrics') {
        source.metrics().then(
          (body) => response.writeHead(200, { 'content-type': source.contentType }).end(body),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
        return;
      }
      if (path === '/health/live') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
        return;
      }
      if (path === '/health/ready') {
        const status = health.status();
        const ready = status.state === 'running';
        response
          .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: ready ? 'ready' : 'not ready', components: { [status.service]: status } }));
        return;
      }
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { code: 'NOT_FOUND', path, reason: 'no such route' } }));
    });
    server.listen(port, host, () => resolve(server));
  });
