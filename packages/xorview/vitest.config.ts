import { defineConfig } from 'vitest/config';

// --expose-gc: the GC test proves released views are not retained.
// XORVIEW_TEST_IMMUTABLE=1 (Node 26): also run with real immutable ArrayBuffers, so freeze() is engine-enforced.
const execArgv = ['--expose-gc'];
if (process.env['XORVIEW_TEST_IMMUTABLE'] === '1') execArgv.push('--js-immutable-arraybuffer');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    execArgv,
  },
});
