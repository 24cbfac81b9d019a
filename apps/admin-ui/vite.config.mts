import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `.mts`, not `.ts`: the repository's root tsconfig type-checks apps/**/*.ts for Node (no DOM, node10
// resolution), and this file and the UI sources (.tsx) have their own tsconfig beside them.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Vite 8 compiles JSX with Oxc itself; @vitejs/plugin-react only adds Fast Refresh, and its peer
  // dependencies do not resolve on this repository's npm tree, so it is left out.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  // The API serves index.html with a fresh nonce for each page load in place of this placeholder (see
  // serveAdminUi in apps/api/src/app/bootstrap.ts); Vite adds it to its tags and a <meta property="csp-nonce">.
  html: { cspNonce: '__CSP_NONCE__' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin-ui', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; irrelevant in a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
