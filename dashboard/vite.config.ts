import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The page is built into dist/ with relative asset paths, so the ledger can serve it under
 * `/dashboard/`. It calls the API at `/v1/…` on its own origin; `npm run dev` proxies that to the
 * ledger named by POSSIER_URL. Workspace packages are bundled from their TypeScript sources.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: { conditions: ['@possier/source', ...defaultClientConditions] },
  server: { proxy: { '/v1': process.env.POSSIER_URL ?? 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change less often than the page: separate chunks stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'charts', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
