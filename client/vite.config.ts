import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends /api and /ws: a gateway started with `npm start` (PORT 8080 by default). */
// eslint-disable-next-line no-restricted-syntax -- the dev server's own setting, not the service's configuration
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // client/public holds the gateway's placeholder page (served while there is no build), not assets.
  publicDir: false,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
  server: {
    proxy: {
      '/api': { target: gatewayUrl, changeOrigin: false },
      '/healthz': { target: gatewayUrl },
      '/ws': { target: gatewayUrl.replace(/^http/, 'ws'), ws: true },
    },
  },
});
