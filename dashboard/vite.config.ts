import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientSource = fileURLToPath(new URL('../client/src/index.ts', import.meta.url));

/**
 * Built to dashboard/dist, which the gateway serves at /dashboard. `npm run dev -w dashboard`
 * serves it with hot reload on :5173 and proxies /graphql to a running `npm start` (:4000).
 */
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  resolve: { alias: { '@platform/client': clientSource } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/graphql': process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000' } },
});
