import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type-checking every block and running them on Node takes a few seconds per file.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
