import { defineConfig } from 'vitest/config';

/**
 * Workspace packages export their TypeScript sources under the `@possier/source` condition, so
 * tests run against source with no build step; published builds resolve to `dist/` instead. The
 * rest is Vite's default server condition list, which setting `conditions` replaces.
 */
export const sourceConditions = ['@possier/source', 'module', 'node', 'development|production'];

type Kind =
  /** Pure packages: no I/O, and their line coverage is printed and held at 90 %. */
  | 'pure'
  /** Packages whose tests start real PostgreSQL databases, NATS streams and servers. */
  | 'integration';

/** The one vitest configuration of every package, by kind; `include` for suites laid out otherwise. */
export const packageConfig = (kind: Kind, include = ['src/**/*.spec.ts']) =>
  defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions } },
    test: {
      include,
      exclude: ['**/node_modules/**'],
      ...(kind === 'pure'
        ? {
            coverage: {
              provider: 'v8',
              include: ['src/**/*.ts'],
              // Barrels only re-export; the fixtures and spec helpers serve the tests.
              exclude: ['src/**/*.spec.ts', 'src/testing/**', 'src/**/index.ts'],
              reporter: ['text-summary', 'text'],
              thresholds: { lines: 90 },
            },
          }
        : { testTimeout: 60_000, hookTimeout: 60_000 }),
    },
  });
