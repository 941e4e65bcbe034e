// `pnpm bench`: runs every benchmark in bench/ as a child process, collects the rows each writes
// (the convention is in bench/README.md) and writes bench/RESULTS.md. Benchmarks are not tests:
// a missed target is reported, never turned into a failing exit code. A benchmark that crashes or
// writes no rows is reported as such and makes the run exit non-zero.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber } from './lib/report.js';

const benchDirectory = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(benchDirectory, '..');
const resultsFile = join(benchDirectory, 'RESULTS.md');
// The order the report lists them in; any other bench/*.js is run after these.
const preferredOrder = ['runtime.js', 'workers.js', 'lint.js', 'real-world-lint.js', 'types.js'];
const notBenchmarks = new Set(['run-all.js']);

const present = readdirSync(benchDirectory).filter((name) => name.endsWith('.js') && !notBenchmarks.has(name));
const benchmarks = [
  ...preferredOrder.filter((name) => present.includes(name)),
  ...present.filter((name) => !preferredOrder.includes(name)).sort(),
];
const missing = preferredOrder.filter((name) => !present.includes(name));

// The machine may be shared: the load around the run says how much to trust absolute figures.
const loadBefore = loadavg()[0];
const scratch = mkdtempSync(join(tmpdir(), 'xorview-bench-'));
const results = [];
for (const name of benchmarks) {
  console.log(`\n▶ bench/${name}`);
  const jsonFile = join(scratch, `${name}.json`);
  const started = performance.now();
  const child = spawnSync(process.execPath, [join(benchDirectory, name)], {
    cwd: repoRoot,
    env: { ...process.env, XORVIEW_BENCH_JSON: jsonFile },
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.stderr) process.stderr.write(child.stderr);
  const report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : undefined;
  const problem =
    child.status !== 0
      ? `exited with ${child.status ?? child.signal}: ${lastLines(child.stderr)}`
      : report === undefined || report.rows.length === 0
        ? 'wrote no result rows (XORVIEW_BENCH_JSON convention, bench/README.md)'
        : undefined;
  results.push({ name, seconds, rows: report?.rows ?? [], notes: report?.notes ?? [], problem });
}
rmSync(scratch, { recursive: true, force: true });

writeFileSync(resultsFile, renderReport());
const allRows = allRowsOf(results);
const failedBenchmarks = results.filter((result) => result.problem);
console.log(
  `\nWrote bench/RESULTS.md: ${allRows.filter((row) => row.pass).length}/${allRows.length} targets met` +
    `${failedBenchmarks.length > 0 ? `, ${failedBenchmarks.length} benchmark(s) failed to run` : ''}` +
    `${missing.length > 0 ? `, not present: ${missing.join(', ')}` : ''}.`,
);
process.exitCode = failedBenchmarks.length > 0 ? 1 : 0;

function renderReport() {
  const cpuList = cpus();
  const lines = [
    '# xorview benchmark results',
    '',
    'Written by `pnpm bench` (bench/run-all.js); do not edit by hand. Every baseline was measured in',
    'the same run as the figure it is compared with. Benchmarks are not tests: a missed target is',
    'reported here, not hidden.',
    '',
    '## Environment',
    '',
    `- Date: ${new Date().toISOString()}, commit ${gitCommit()}`,
    `- Node: ${process.version} (V8 ${process.versions.v8})`,
    `- TypeScript: ${packageVersion('typescript')} (tsc), ${packageVersion('typescript-7')} (native tsgo)`,
    `- ESLint: ${packageVersion('eslint')}, typescript-eslint ${packageVersion('typescript-eslint')}`,
    `- Machine: ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${cpuList.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${platform()} ${release()}`,
    `- Load average (1 min): ${loadBefore.toFixed(1)} before the run, ${loadavg()[0].toFixed(1)} after (${
      loadBefore < cpuList.length / 2
        ? "quiet at the start; the load after is the benchmarks' own"
        : 'other processes were running: ratios measured side by side are more trustworthy than absolute times'
    })`,
    '',
    '## SPEC §7 targets',
    '',
    `${allRowsOf(results).filter((row) => row.pass).length} of ${allRowsOf(results).length} targets met in this run.`,
    '',
    '| Target | Baseline (same run) | Measured | Ratio | Goal | Met |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of allRowsOf(results)) {
    lines.push(
      `| ${escapeCell(row.target)} | ${row.baseline ? measurement(row.baseline) : '—'} | ${measurement(row.measured)} | ${
        row.ratio === null || row.ratio === undefined ? '—' : `${formatNumber(row.ratio)}×`
      } | ${escapeCell(row.goal)} | ${row.pass ? '✅ yes' : '❌ no'} |`,
    );
  }
  lines.push('', '## Benchmarks run', '');
  for (const result of results) {
    const status = result.problem ? `**failed**: ${escapeCell(result.problem)}` : `${result.rows.length} rows`;
    lines.push(`- \`bench/${result.name}\` (${result.seconds.toFixed(1)} s): ${status}`);
    for (const note of result.notes) lines.push(`  - ${note}`);
  }
  for (const name of missing) lines.push(`- \`bench/${name}\`: not present in this checkout`);
  lines.push('');
  return lines.join('\n');
}

function allRowsOf(benchmarkResults) {
  return benchmarkResults.flatMap((result) => result.rows);
}

function measurement({ label, value, unit }) {
  return `${escapeCell(label)}: ${formatNumber(value)} ${unit}`;
}

function escapeCell(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function lastLines(text, count = 5) {
  return (text ?? '').trim().split('\n').slice(-count).join(' / ');
}

function gitCommit() {
  const result = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: repoRoot, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function packageVersion(name) {
  const file = join(repoRoot, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'not installed';
}
