// The whole test suite, as CI and the README run it: the type matrix, every package's vitest
// suites on each supported Node, and the plugin's suites on ESLint 9 too. Ends with one summary
// line counting every test that ran.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bold, green, nodeCommand, red, repoRoot, run } from './lib/run.js';
import { runTypeMatrix } from './type-matrix.js';

/**
 * Each vitest suite to run: a package directory, the Node majors to run it on, and extra node
 * flags or environment per run. Runtime behaviour differs by Node (ArrayBuffer#transfer from 22,
 * native `using` from 24, immutable ArrayBuffers behind a flag in 26), so the runtime runs on all.
 */
const vitestRuns = [
  { label: 'xorview', directory: 'packages/xorview', node: 20 },
  { label: 'xorview', directory: 'packages/xorview', node: 22 },
  { label: 'xorview', directory: 'packages/xorview', node: 24 },
  { label: 'xorview', directory: 'packages/xorview', node: 26 },
  {
    label: 'xorview (immutable ArrayBuffer)',
    directory: 'packages/xorview',
    node: 26,
    nodeFlags: ['--js-immutable-arraybuffer'],
    env: { XORVIEW_TEST_IMMUTABLE_ARRAYBUFFER: '1' },
  },
  { label: 'eslint-plugin-xorview (ESLint 10)', directory: 'packages/eslint-plugin-xorview', node: 20 },
  {
    label: 'eslint-plugin-xorview (ESLint 9)',
    directory: 'packages/eslint-plugin-xorview',
    node: 20,
    env: { XORVIEW_ESLINT: '9' },
  },
  { label: 'examples', directory: 'examples/tests', node: 20 },
  // The README and docs/*.md: every code block type-checked, run or linted (docs/test).
  { label: 'docs', directory: 'docs', node: 20 },
];

const only = process.argv.slice(2);
const reportDirectory = mkdtempSync(join(tmpdir(), 'xorview-tests-'));
const rows = [];
let totals = { passed: 0, failed: 0, skipped: 0 };

if (only.length === 0 || only.includes('types')) {
  console.log(bold('\n▶ Type tests (tsd + TypeScript 5.9 / 6.0 / 7.0)'));
  const types = runTypeMatrix();
  rows.push({ label: 'types', ...types, skipped: 0, status: types.failed === 0 ? 0 : 1 });
}

// SPEC §8: the rules never crash on real-world TypeScript and report nothing on code without
// views. One check (immer's sources under the `strict` preset); its script exits non-zero on any
// report or crash.
if (only.length === 0 || only.includes('real-world')) {
  console.log(bold('\n▶ Real-world lint (immer, strict preset)'));
  const result = run(process.execPath, ['bench/real-world-lint.js']);
  rows.push({ label: 'real-world lint', passed: result.status === 0 ? 1 : 0, failed: result.status === 0 ? 0 : 1, skipped: 0, status: result.status });
}

for (const [index, suite] of vitestRuns.entries()) {
  const directory = join(repoRoot, suite.directory);
  if (only.length > 0 && !only.some((name) => suite.label.startsWith(name))) continue;
  if (!hasVitestConfig(directory)) continue;
  const label = `${suite.label} on Node ${suite.node}`;
  console.log(bold(`\n▶ ${label}`));
  const reportFile = join(reportDirectory, `report-${index}.json`);
  const [command, prefix] = nodeCommand(suite.node);
  const vitest = join(directory, 'node_modules/vitest/vitest.mjs');
  const result = run(
    command,
    [...prefix, ...(suite.nodeFlags ?? []), vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { cwd: directory, env: suite.env },
  );
  const counts = readVitestReport(reportFile);
  // A runner that failed without a failing test (a crash, a config error) still fails the run.
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1;
  rows.push({ label, ...counts, status: result.status });
}

rmSync(reportDirectory, { recursive: true, force: true });

console.log(bold('\nSummary'));
for (const row of rows) {
  totals = { passed: totals.passed + row.passed, failed: totals.failed + row.failed, skipped: totals.skipped + row.skipped };
  const ok = row.status === 0 && row.failed === 0;
  const counts = `${row.passed} passed, ${row.failed} failed${row.skipped ? `, ${row.skipped} skipped` : ''}`;
  console.log(`  ${ok ? green('✔') : red('✖')} ${row.label.padEnd(52)} ${counts}`);
}
const allGreen = rows.length > 0 && rows.every((row) => row.status === 0 && row.failed === 0);
// The closing line CI reads: "N passed, N failed" alone on a line, one word and a colon before it.
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exitCode = allGreen ? 0 : 1;

function hasVitestConfig(directory) {
  return ['vitest.config.ts', 'vitest.config.js', 'vitest.config.mjs'].some((name) => existsSync(join(directory, name)));
}

/** Counts from vitest's JSON reporter; a missing report (runner crashed) counts nothing. */
function readVitestReport(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}
