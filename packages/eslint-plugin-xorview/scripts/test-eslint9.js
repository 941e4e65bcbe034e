#!/usr/bin/env node
// Runs the plugin's whole test suite on ESLint 9 (the `eslint-9` devDependency alias); CI runs this
// next to `vitest run` (ESLint 10). Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestPackage = createRequire(join(packageDirectory, 'package.json')).resolve('vitest/package.json');
const vitest = join(dirname(vitestPackage), 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: packageDirectory,
  stdio: 'inherit',
  env: { ...process.env, XORVIEW_ESLINT: '9' },
});
process.exit(result.status ?? 1);
