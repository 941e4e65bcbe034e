// SPEC §7 "Lint": on a generated ~20k-line corpus that uses views, eslint-plugin-xorview's
// `recommended` preset adds at most 25% to the wall time of typescript-eslint's typed parse alone,
// and no xorview rule takes longer than @typescript-eslint/no-floating-promises (ESLint's
// TIMING=all) on the same corpus. Each configuration runs in a fresh ESLint process, alternating,
// several times; the medians are compared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatNumber, median, ratioRow, writeResults } from './lib/report.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Inside the repo (gitignored) so `import 'xorview'` resolves through the workspace link.
const workDirectory = join(repoRoot, 'bench/.bench-tmp/lint');
const eslintBin = join(repoRoot, 'node_modules/eslint/bin/eslint.js');
const runs = Number(process.env.XORVIEW_BENCH_LINT_RUNS ?? 5);
const files = 40;
const blocksPerFile = 10;

/** One block (~55 lines): readers, writers, an async path, a class, plain typed-array code. */
function block(index) {
  return `export function checksum${index}(data: ImmutableView): number {
  let sum = 0;
  for (let offset = 0; offset < data.length; offset++) sum = (sum + (data[offset] ?? 0)) & 0xff;
  return sum;
}

export function fill${index}(memory: OwnedBuffer, value: number): number {
  using target = acquire(memory, 'exclusive');
  target.fill(value);
  for (let offset = 0; offset < target.length; offset += 2) target[offset] = offset & 0xff;
  return target.length;
}

export async function digest${index}(memory: ArrayBuffer, ready: () => Promise<void>): Promise<number> {
  await ready();
  const view = acquire(memory, 'immutable', { byteOffset: 0, byteLength: 8 });
  try {
    return checksum${index}(view);
  } finally {
    release(view);
  }
}

export class Frame${index} {
  readonly #memory = new OwnedBuffer(64);

  header(): number {
    using view = acquire(this.#memory, 'immutable', { as: DataView, byteLength: 8 });
    return view.getUint32(0) + view.byteLength;
  }

  write(values: readonly number[]): void {
    using target = acquire(this.#memory, 'exclusive');
    target.set(values);
  }
}

export function plain${index}(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.fill(1);
  const lengths = new Map<string, number>();
  lengths.set('bytes', bytes.length);
  const copy = bytes.slice(0, lengths.get('bytes') ?? 0);
  copy.reverse();
  return copy;
}

export function later${index}(tasks: readonly (() => Promise<number>)[]): Promise<number[]> {
  return Promise.all(tasks.map(async (task) => (await task()) + ${index}));
}

`;
}

function generateCorpus() {
  rmSync(workDirectory, { recursive: true, force: true });
  mkdirSync(join(workDirectory, 'src'), { recursive: true });
  let lines = 0;
  for (let file = 0; file < files; file++) {
    const header = `import { OwnedBuffer, acquire, release, type ImmutableView } from 'xorview';\n\n`;
    let body = header;
    for (let index = 0; index < blocksPerFile; index++) body += block(file * blocksPerFile + index);
    writeFileSync(join(workDirectory, 'src', `module-${file}.ts`), body);
    lines += body.split('\n').length;
  }
  writeFileSync(
    join(workDirectory, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        lib: ['es2023', 'esnext.disposable'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  writeFileSync(join(workDirectory, 'package.json'), '{ "type": "module", "private": true }\n');
  return lines;
}

/** A flat config file: typed parsing always; `rules` decides what runs on top of it. */
function writeConfig(name, rulesSource) {
  const plugin = pathToFileURL(join(repoRoot, 'packages/eslint-plugin-xorview/dist/index.js')).href;
  const tseslint = pathToFileURL(join(repoRoot, 'node_modules/typescript-eslint/dist/index.js')).href;
  const path = join(workDirectory, `${name}.config.js`);
  writeFileSync(
    path,
    `import xorview from ${JSON.stringify(plugin)};
import tseslint from ${JSON.stringify(tseslint)};
export default [
  {
    files: ['src/**/*.ts'],
    plugins: { xorview, '@typescript-eslint': tseslint.plugin },
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(workDirectory)} } },
    rules: ${rulesSource},
  },
];
`,
  );
  return path;
}

/**
 * Preloaded into each ESLint process: reports its CPU time (user + system) on exit. On a shared,
 * loaded machine CPU time is far steadier than wall time, so both are reported.
 */
function writeCpuReporter() {
  const path = join(workDirectory, 'cpu-usage.mjs');
  writeFileSync(
    path,
    "process.on('exit', () => { const usage = process.cpuUsage(); process.stderr.write(`\\n__CPU_MS__ ${(usage.user + usage.system) / 1000}\\n`); });\n",
  );
  return pathToFileURL(path).href;
}

function runEslint(configFile, env = {}) {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', cpuReporter, eslintBin, '--config', configFile, '--no-warn-ignored', 'src'], {
    cwd: workDirectory,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const milliseconds = performance.now() - started;
  // Exit 1 means lint problems were found (fine: the corpus is not meant to be clean); 2 is a crash.
  if (child.status !== 0 && child.status !== 1) {
    throw new Error(`eslint --config ${configFile} exited ${child.status}:\n${child.stderr}\n${child.stdout.slice(-2000)}`);
  }
  const cpu = /__CPU_MS__ ([\d.]+)/u.exec(child.stderr);
  if (cpu === null) throw new Error(`no CPU time reported by eslint --config ${configFile}:\n${child.stderr}`);
  return { milliseconds, cpuMilliseconds: Number(cpu[1]), stdout: child.stdout };
}

/** Rows of ESLint's TIMING table: "rule | time (ms) | relative". */
function parseTiming(stdout) {
  const times = new Map();
  for (const line of stdout.split('\n')) {
    const match = /^(\S+)\s*\|\s*([\d.]+)\s*\|/u.exec(line);
    if (match !== null && match[1] !== 'Rule') times.set(match[1], Number(match[2]));
  }
  return times;
}

const lines = generateCorpus();
const cpuReporter = writeCpuReporter();
const baselineConfig = writeConfig('baseline', '{}');
const recommendedConfig = writeConfig('recommended', 'xorview.configs.recommended.rules');
// Context, not a target: what one well-known typed rule alone costs over the same baseline.
const floatingPromisesConfig = writeConfig('floating-promises', `{ '@typescript-eslint/no-floating-promises': 'error' }`);
const timingConfig = writeConfig(
  'timing',
  `{ ...xorview.configs.recommended.rules, '@typescript-eslint/no-floating-promises': 'error' }`,
);

const loadAtStart = loadavg();
console.error(`corpus: ${files} files, ${lines} lines in ${workDirectory}; ${runs} runs per configuration`);
runEslint(baselineConfig); // warm the file system cache and Node's compile cache
const baselineRuns = [];
const recommendedRuns = [];
const floatingPromisesRuns = [];
for (let run = 0; run < runs; run++) {
  baselineRuns.push(runEslint(baselineConfig));
  recommendedRuns.push(runEslint(recommendedConfig));
  floatingPromisesRuns.push(runEslint(floatingPromisesConfig));
}
const wall = (measurements) => measurements.map((measurement) => measurement.milliseconds);
const cpu = (measurements) => measurements.map((measurement) => measurement.cpuMilliseconds);
const baselineTimes = wall(baselineRuns);
const recommendedTimes = wall(recommendedRuns);
const floatingPromisesTimes = wall(floatingPromisesRuns);
const baselineCpu = median(cpu(baselineRuns));
const recommendedCpu = median(cpu(recommendedRuns));
const timing = parseTiming(runEslint(timingConfig, { TIMING: 'all' }).stdout);

const baseline = median(baselineTimes);
const measured = median(recommendedTimes);
const floatingPromisesAlone = median(floatingPromisesTimes);
const floatingPromises = timing.get('@typescript-eslint/no-floating-promises') ?? Number.NaN;
const xorviewRules = Object.keys((await import(pathToFileURL(join(repoRoot, 'packages/eslint-plugin-xorview/dist/index.js')).href)).default.configs.recommended.rules);

const rows = [
  ratioRow({
    target: `Lint: recommended adds ≤ 25% to typescript-eslint's typed parse alone (${lines}-line corpus)`,
    baseline: { label: 'typed parse, no rules', value: Math.round(baseline), unit: 'ms' },
    measured: { label: 'typed parse + xorview recommended', value: Math.round(measured), unit: 'ms' },
    atMost: 1.25,
  }),
  ratioRow({
    target: `Lint: recommended adds ≤ 25% to typescript-eslint's typed parse alone, in CPU time (${lines}-line corpus)`,
    baseline: { label: 'typed parse, no rules (CPU)', value: Math.round(baselineCpu), unit: 'ms' },
    measured: { label: 'typed parse + xorview recommended (CPU)', value: Math.round(recommendedCpu), unit: 'ms' },
    atMost: 1.25,
  }),
  ...xorviewRules.map((rule) =>
    ratioRow({
      target: `Lint: ${rule} no slower than @typescript-eslint/no-floating-promises`,
      baseline: { label: 'no-floating-promises', value: floatingPromises, unit: 'ms' },
      measured: { label: rule, value: timing.get(rule) ?? 0, unit: 'ms' },
      atMost: 1,
    }),
  ),
];

console.log(`Lint benchmark: ${files} files, ${lines} lines using views; median of ${runs} runs, each a fresh ESLint process\n`);
const floatingPromisesCpu = median(cpu(floatingPromisesRuns));
console.log(`${'configuration'.padEnd(44)} ${'wall ms'.padStart(9)} ${'CPU ms'.padStart(9)}`);
console.log(`${'typed parse alone (no rules)'.padEnd(44)} ${formatNumber(baseline).padStart(9)} ${formatNumber(baselineCpu).padStart(9)}`);
console.log(`${'typed parse + xorview recommended'.padEnd(44)} ${formatNumber(measured).padStart(9)} ${formatNumber(recommendedCpu).padStart(9)}`);
console.log(`${'typed parse + no-floating-promises only'.padEnd(44)} ${formatNumber(floatingPromisesAlone).padStart(9)} ${formatNumber(floatingPromisesCpu).padStart(9)}  (context)`);
console.log(`ratio recommended/parse: wall ${formatNumber(measured / baseline)}, CPU ${formatNumber(recommendedCpu / baselineCpu)} (target ≤ 1.25); no-floating-promises alone/parse: wall ${formatNumber(floatingPromisesAlone / baseline)}, CPU ${formatNumber(floatingPromisesCpu / baselineCpu)}`);
console.log(`load average at the start: ${loadAtStart.map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`);
console.log(`${'rule (TIMING=all)'.padEnd(44)} ${'ms'.padStart(9)} ${'vs no-floating-promises'.padStart(24)}`);
for (const rule of ['@typescript-eslint/no-floating-promises', ...xorviewRules]) {
  const time = timing.get(rule) ?? 0;
  console.log(`${rule.padEnd(44)} ${formatNumber(time).padStart(9)} ${formatNumber(time / floatingPromises).padStart(24)}`);
}
console.log(`\ntargets met: ${rows.filter((row) => row.pass).length}/${rows.length}`);

writeResults('lint', rows, [
  `Corpus: ${files} generated files, ${lines} lines using views; ESLint ${spawnSync(process.execPath, [eslintBin, '--version'], { encoding: 'utf8' }).stdout.trim()}, typescript-eslint parser with projectService.`,
  `Wall times are medians of ${runs} fresh ESLint processes per configuration (raw: baseline ${baselineTimes.map((time) => Math.round(time)).join('/')} ms, recommended ${recommendedTimes.map((time) => Math.round(time)).join('/')} ms). Per-rule times from one TIMING=all run with no-floating-promises enabled next to the recommended rules.`,
  `Load average at the start: ${loadAtStart.map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} CPUs; CPU time (user + system of each ESLint process) is the steadier figure on a loaded machine.`,
  `Context: the typed parse plus @typescript-eslint/no-floating-promises alone took ${Math.round(floatingPromisesAlone)} ms (${formatNumber(floatingPromisesAlone / baseline)}× the parse; raw ${floatingPromisesTimes.map((time) => Math.round(time)).join('/')} ms).`,
]);
