import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built from its own folder so `vite build --config src/web/console/vite.config.ts`
// works from the repository root; the server serves dist/web/console as static files.
const backend = 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../../dist/web/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          // The softphone (Twilio Voice JS SDK and what only it uses): loaded by the desk only when a tenant has one.
          if (/node_modules\/(@twilio\/|events\/|loglevel\/)/.test(id)) return 'softphone';
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          if (id.includes('node_modules/@mantine/') || id.includes('node_modules/@floating-ui/')) return 'mantine';
          if (id.includes('node_modules/@tabler/')) return 'icons';
          // Phone numbers shown and checked as the server does (src/core/text-ja/phone.util.ts): its metadata is large and rarely changes.
          if (id.includes('node_modules/libphonenumber-js/')) return 'phone';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: {
      // ws: the agent desk and the wallboard keep a WebSocket open under /api.
      '/api': { target: backend, ws: true },
      '/healthz': backend,
    },
  },
});
