import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics of the ledger, on a registry of its own (served at /metrics). */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'possier_ledger_' });
  return {
    registry,
    commands: new Counter({
      name: 'possier_ledger_commands_total',
      help: 'Commands handled, by command and outcome (ok, replayed, rejected, conflict, error)',
      labelNames: ['command', 'outcome'] as const,
      registers: [registry],
    }),
    commandDuration: new Histogram({
      name: 'possier_ledger_command_duration_seconds',
      help: 'Time from request to response, by command',
      labelNames: ['command'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    appendDuration: new Histogram({
      name: 'possier_ledger_append_duration_seconds',
      help: 'Time to append a decision to the event store',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    reports: new Counter({
      name: 'possier_ledger_reports_total',
      help: 'Report requests, by report and outcome (ok, rejected, error)',
      labelNames: ['report', 'outcome'] as const,
      registers: [registry],
    }),
    reportDuration: new Histogram({
      name: 'possier_ledger_report_duration_seconds',
      help: 'Time from request to response, by report',
      labelNames: ['report'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
    // Not by register: a label per till would grow without bound. Which till is off is in
    // /v1/ops/status (registers[].clockSkewMs) and in the replay's conflicts.
    tillClockSkew: new Histogram({
      name: 'possier_ledger_till_clock_skew_seconds',
      help: "Each sync's measured till clock skew, absolute (the till's clock minus the ledger's, either way)",
      buckets: [1, 5, 30, 60, 120, 300, 900, 3600, 21_600, 86_400],
      registers: [registry],
    }),
    conflicts: new Counter({
      name: 'possier_ledger_conflicts_total',
      help: 'Commands refused for a concurrency or idempotency conflict',
      labelNames: ['command'] as const,
      registers: [registry],
    }),
  };
};
