import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDashboard } from './dashboard-static.js';

let built: string;
let empty: string;

beforeAll(async () => {
  built = await mkdtemp(join(tmpdir(), 'possier-dashboard-built-'));
  empty = await mkdtemp(join(tmpdir(), 'possier-dashboard-empty-'));
  await mkdir(join(built, 'assets'));
  await writeFile(
    join(built, 'index.html'),
    '<!doctype html><title>Possier</title><script src="./assets/page-3f2a.js"></script>',
  );
  await writeFile(join(built, 'assets', 'page-3f2a.js'), 'console.log("page")');
});

afterAll(async () => {
  await rm(built, { recursive: true, force: true });
  await rm(empty, { recursive: true, force: true });
});

describe('serving the built dashboard', () => {
  it('serves the page at /dashboard/, never cached, and its hashed assets cached for good', async () => {
    const app = Fastify();
    expect(await serveDashboard(app, built)).toBe(true);
    const page = await app.inject({ method: 'GET', url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<title>Possier</title>');
    const asset = await app.inject({ method: 'GET', url: '/dashboard/assets/page-3f2a.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/dashboard/assets/missing.js' })).statusCode).toBe(404);
    await app.close();
  });

  it('sends / and /dashboard to /dashboard/, where the page’s relative asset paths resolve', async () => {
    const app = Fastify();
    await serveDashboard(app, built);
    for (const url of ['/', '/dashboard']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(301);
      expect(response.statusCode, url).toBeLessThanOrEqual(308);
      expect(response.headers.location, url).toBe('/dashboard/');
    }
    await app.close();
  });

  it('serves nothing from a folder with no built page, and says so', async () => {
    const app = Fastify();
    expect(await serveDashboard(app, empty)).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/dashboard/' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    await app.close();
  });
});
