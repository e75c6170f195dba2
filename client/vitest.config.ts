// Unit tests of the client's pure modules (outbox, message merging): `npm test -w client`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@beside/shared': decodeURIComponent(new URL('../shared/src/index.ts', import.meta.url).pathname) },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
