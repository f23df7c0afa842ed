import type { AddressInfo } from 'node:net';
import { serveOperations, ServiceHealth } from '@possier/store';
import { describe, expect, it } from 'vitest';
import { createProjectorMetrics } from './metrics.js';

describe('projector metrics', () => {
  it('serves the checkpoint, the counts and the age of the newest applied event at /metrics', async () => {
    const health = new ServiceHealth('projector');
    const metrics = createProjectorMetrics({ health });
    const recordedAt = new Date(Date.now() - 5_000).toISOString();
    metrics.observeBatch('0000000000000abc-0000000000000def', recordedAt, 7, 3);
    health.running();
    const server = await serveOperations(metrics.registry, health, 0);
    try {
      const { port } = server.address() as AddressInfo;
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(body).toContain('possier_projector_checkpoint_info{position="0000000000000abc-0000000000000def"} 1');
      expect(body).toContain('possier_projector_events_total{outcome="applied"} 7');
      expect(body).toContain('possier_projector_events_total{outcome="skipped"} 3');
      expect(body).toContain('possier_service_up{service="projector"} 1');
      const age = Number(/possier_projector_last_event_age_seconds ([\d.]+)/.exec(body)?.[1]);
      expect(age).toBeGreaterThanOrEqual(5);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  it('answers /health/ready with 503 and the error while the projector is interrupted, 200 once it runs', async () => {
    const health = new ServiceHealth('projector');
    const metrics = createProjectorMetrics({ health, processMetrics: false });
    const server = await serveOperations(metrics.registry, health, 0);
    try {
      const { port } = server.address() as AddressInfo;
      const ready = () => fetch(`http://127.0.0.1:${port}/health/ready`);
      expect((await ready()).status).toBe(503);
      health.running();
      expect(health.interrupted(new Error('heartbeats missed'))).toBe(true);
      expect(health.interrupted(new Error('heartbeats missed'))).toBe(false);
      const down = await ready();
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        status: 'not ready',
        components: { projector: { state: 'interrupted', interruptions: 1, error: 'heartbeats missed' } },
      });
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(body).toContain('possier_service_up{service="projector"} 0');
      expect(body).toContain('possier_service_interruptions{service="projector"} 1');
      expect(body).not.toContain('process_cpu');
      expect(health.running()).toBe(true);
      expect((await ready()).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
