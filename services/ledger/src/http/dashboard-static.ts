import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_PREFIX = '/dashboard/';

/**
 * Serves the built dashboard (`npm run build -w @possier/dashboard`, a folder with index.html)
 * at `/dashboard/`, and sends `/` there. The page calls the API on the same origin, so no CORS is
 * needed. Answers false, serving nothing, when the folder holds no built page: the API runs the
 * same without it.
 */
export const serveDashboard = async (app: FastifyInstance, root: string): Promise<boolean> => {
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(async (scope) => {
    // The page and its assets are served to anyone; the API they call asks for the token.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: DASHBOARD_PREFIX,
      cacheControl: false,
      // Built assets carry a content hash in their names; only index.html must never be cached.
      setHeaders: (reply, path) => {
        void reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
    // With the trailing slash, the page's relative asset paths resolve under the prefix.
    for (const path of ['/', '/dashboard'])
      scope.get(path, async (_request, reply) => reply.redirect(DASHBOARD_PREFIX));
  });
  return true;
};
