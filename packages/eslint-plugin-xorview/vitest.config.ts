import { defineConfig } from 'vitest/config';

/**
 * `XORVIEW_ESLINT=9` runs every test on ESLint 9 (the `eslint-9` package) instead of ESLint 10:
 * tests/setup/eslint-version.ts redirects `eslint` to it before any test module loads.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup/eslint-version.ts'],
    // Typed linting starts a TypeScript program per worker: give it time on cold caches.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
