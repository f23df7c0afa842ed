/**
 * Workspace packages export their TypeScript sources under the `@possier/source` condition, so
 * tests run against source with no build step; published builds resolve to `dist/` instead. The
 * rest is Vite's default server condition list, which setting `conditions` replaces.
 */
export const sourceConditions = ['@possier/source', 'module', 'node', 'development|production'];
