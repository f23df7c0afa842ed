import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createProjectorMetrics, serveMetrics } from './metrics.js';

describe('projector metrics', () => {
  it('serves the checkpoint, the counts and the age of the newest applied event at /metrics', async () => {
    const metrics = createProjectorMetrics();
    const recordedAt = new Date(Date.now() - 5_000).toISOString();
    metrics.observeBatch('0000000000000abc-0000000000000def', recordedAt, 7, 3);
    const server = await serveMetrics(metrics.registry, 0);
    try {
      const { port } = server.address() as AddressInfo;
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(body).toContain('possier_projector_checkpoint_info{position="0000000000000abc-0000000000000def"} 1');
      expect(body).toContain('possier_projector_events_total{outcome="applied"} 7');
      expect(body).toContain('possier_projector_events_total{outcome="skipped"} 3');
      const age = Number(/possier_projector_last_event_age_seconds ([\d.]+)/.exec(body)?.[1]);
      expect(age).toBeGreaterThanOrEqual(5);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
