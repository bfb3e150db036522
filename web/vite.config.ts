/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

// The backend serves the build (web/dist) at /; `npm run dev` proxies /api to a running backend.
// Every text asset is also written pre-compressed (.br and .gz) so the backend sends it with
// Content-Encoding without compressing per request. Routes are split into their own chunks.
export default defineConfig({
  plugins: [
    react(),
    compression({
      include: /\.(html|css|js|json|svg)$/,
      threshold: 512,
      algorithms: [defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
      logLevel: 'silent',
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': 'http://localhost:5080', '/health': 'http://localhost:5080' } },
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 400, manifest: 'manifest.json' },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // Tests wait on conditions; these are safety nets for a busy machine, not expectations of speed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
