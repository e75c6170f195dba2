// Vite build and dev server for the Beside web client (survivor page, staff console, setup form).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const sharedEntry = decodeURIComponent(new URL('../shared/src/index.ts', import.meta.url).pathname);
const server = 'http://localhost:3000';
const proxy = {
  '/api': { target: server },
  '/socket.io': { target: server, ws: true },
};

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@beside/shared': sharedEntry },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The contract's zod schemas run at import time, but the client uses only its types and
      // constants: marking shared/ side-effect free keeps zod out of the survivor's bundle.
      treeshake: { moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }] },
    },
  },
  server: { proxy },
  preview: { proxy },
});
