import { defineConfig } from 'vitest/config';

// --expose-gc: the GC test proves released views are not retained.
// Immutable ArrayBuffers (Node 26): with XORVIEW_TEST_IMMUTABLE_ARRAYBUFFER=1, or when vitest itself
// runs with --js-immutable-arraybuffer, the test workers get the flag too, so freeze() is
// engine-enforced and the suite checks that path.
const execArgv = ['--expose-gc'];
const immutableArrayBuffers =
  process.env.XORVIEW_TEST_IMMUTABLE_ARRAYBUFFER === '1' || process.execArgv.includes('--js-immutable-arraybuffer');
if (immutableArrayBuffers) execArgv.push('--js-immutable-arraybuffer');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    execArgv,
  },
});
