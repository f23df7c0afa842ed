import type { FastifyInstance } from 'fastify';

export type ServedRoute = { method: string; url: string };

type Entry = ServedRoute & { pattern: RegExp };

/** `/v1/orders/:orderId/void` → a pattern a concrete path matches; `*` (a static folder) takes the rest. */
const patternOf = (url: string): RegExp => {
  const source = url
    .split('/')
    .map((segment) =>
      segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
};

/**
 * Every route Fastify serves, as registered (`onRoute`): what the OpenAPI document is checked
 * against, so an undocumented route fails a test, and what tells a wrong method (405, with the
 * methods that path takes) from an unknown path (404).
 */
export class RouteTable {
  private readonly entries: Entry[] = [];

  record(method: string | string[], url: string): void {
    for (const one of Array.isArray(method) ? method : [method]) {
      this.entries.push({ method: one, url, pattern: patternOf(url) });
    }
  }

  /**
   * The routes, less the HEAD route Fastify adds beside each GET (`exposeHeadRoutes`): a HEAD
   * answers as its GET does and is not documented apart from it.
   */
  list(): ServedRoute[] {
    const gets = new Set(this.entries.filter(({ method }) => method === 'GET').map(({ url }) => url));
    return this.entries
      .filter(({ method, url }) => !(method === 'HEAD' && gets.has(url)))
      .map(({ method, url }) => ({ method, url }));
  }

  /** The methods some route takes at this concrete path (query string excluded), HEAD included. */
  methodsAt(path: string): string[] {
    return [...new Set(this.entries.filter(({ pattern }) => pattern.test(path)).map(({ method }) => method))].sort();
  }
}

const tables = new WeakMap<object, RouteTable>();

/** Starts recording `app`'s routes: call before any route is added, since `onRoute` sees only later ones. */
export const recordRoutes = (app: FastifyInstance): RouteTable => {
  const table = new RouteTable();
  app.addHook('onRoute', (route) => table.record(route.method, route.url));
  tables.set(app, table);
  return table;
};

/** The routes `app` serves; throws for an app whose routes nobody recorded, rather than answer none. */
export const servedRoutes = (app: object): ServedRoute[] => {
  const table = tables.get(app);
  if (table === undefined) throw new Error('no route table was recorded for this app (recordRoutes)');
  return table.list();
};
