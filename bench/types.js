// SPEC §7 "Types": checking a file that uses views costs at most 1.2× the same file written with
// plain typed arrays, on TypeScript 6.0 and 7.0. Generates the two variants of a ~1k-line file
// (identical but for the types), checks each with `tsc --extendedDiagnostics` several times and
// compares the median check time and the instantiation count.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNumber, median, ratioRow, writeResults } from './lib/report.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Inside the repo (gitignored) so `import 'xorview'` resolves through the workspace link.
const workDirectory = join(repoRoot, 'bench/.bench-tmp/types');
const runs = Number(process.env.XORVIEW_BENCH_TYPES_RUNS ?? 5);
const compilers = [
  { label: 'TypeScript 6.0', tsc: join(repoRoot, 'node_modules/typescript/bin/tsc') },
  { label: 'TypeScript 7.0', tsc: join(repoRoot, 'node_modules/typescript-7/bin/tsc') },
];
const kinds = ['Uint8Array', 'Int16Array', 'Uint32Array', 'Float32Array', 'Float64Array'];

/**
 * One block of the generated file: a reader, a writer and a caller that gets its array from an
 * ArrayBuffer. The `views` variant types them as views and acquires; the `plain` variant uses the
 * typed array classes. Both have the same lines, so only the types differ.
 */
function block(index, kind, variant) {
  const views = variant === 'views'; // 'import-only' is the plain program plus xorview's types
  const readable = views ? `ImmutableView<${kind}>` : kind;
  const writable = views ? `ExclusiveView<${kind}>` : kind;
  const obtain = views
    ? `using output = acquire(buffer, 'exclusive', { as: ${kind} });`
    : `const output = new ${kind}(buffer);`;
  return `export function read${index}(input: ${readable}): number {
  let total = 0;
  for (let index = 0; index < input.length; index++) {
    total += input[index] ?? 0;
  }
  const head = input.subarray(0, 4);
  total += head.reduce((sum, value) => sum + value, 0);
  return total + input.indexOf(1) + (input.at(-1) ?? 0);
}

export function write${index}(output: ${writable}, seed: number): void {
  for (let index = 0; index < output.length; index++) {
    output[index] = seed + index;
  }
  output.fill(seed, 0, 2);
  output.set([seed], 0);
  output.subarray(1, 3).copyWithin(0, 1);
}

export function use${index}(buffer: ArrayBuffer): number {
  ${obtain}
  write${index}(output, ${index});
  return read${index}(output);
}
`;
}

/** The whole file for a variant: at least 1000 lines. */
export function generate(variant) {
  const header =
    variant === 'views'
      ? "import { acquire, type ExclusiveView, type ImmutableView } from 'xorview';\n"
      : variant === 'import-only'
        ? "import type { ExclusiveView, ImmutableView } from 'xorview'; export type Both = [ImmutableView, ExclusiveView];\n"
        : '// The same program over plain typed arrays.\n';
  const blocks = [];
  let lines = 1;
  for (let index = 0; lines < 1000; index++) {
    const text = `\n${block(index, kinds[index % kinds.length], variant)}`;
    blocks.push(text);
    lines += text.split('\n').length - 1;
  }
  return header + blocks.join('');
}

function writeProject(variant) {
  const directory = join(workDirectory, variant);
  mkdirSync(directory, { recursive: true });
  const source = generate(variant);
  writeFileSync(join(directory, 'index.ts'), source);
  writeFileSync(
    join(directory, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'es2023',
          lib: ['es2023', 'esnext.disposable'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          // Library checking is the same for both variants; leaving it out keeps the check time
          // about the generated file, so the ratio is not diluted by lib.d.ts.
          skipLibCheck: true,
          types: [],
          noEmit: true,
        },
        files: ['index.ts'],
      },
      null,
      2,
    ),
  );
  return { directory, lines: source.split('\n').length - 1 };
}

/** Check a project once; returns the numbers `--extendedDiagnostics` printed. */
function check(tsc, directory) {
  const result = spawnSync(process.execPath, [tsc, '-p', directory, '--extendedDiagnostics', '--pretty', 'false'], {
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`tsc failed on ${directory}:\n${output}`);
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+([\\d.]+)`, 'mu').exec(output);
    if (!match) throw new Error(`tsc printed no "${name}" in:\n${output}`);
    return Number(match[1]);
  };
  return { checkSeconds: field('Check time'), instantiations: field('Instantiations'), types: field('Types') };
}

function measure(tsc, directory) {
  const samples = Array.from({ length: runs }, () => check(tsc, directory));
  return {
    checkSeconds: median(samples.map((sample) => sample.checkSeconds)),
    instantiations: samples[0].instantiations,
    types: samples[0].types,
  };
}

rmSync(workDirectory, { recursive: true, force: true });
const plain = writeProject('plain');
const views = writeProject('views');
// The plain program that also loads xorview's view types once: separates the fixed cost of the
// declarations from the per-use cost, for whoever tunes the types.
const importOnly = writeProject('import-only');
const rows = [];
const fixedCosts = [];
console.log(`Types benchmark: ${views.lines}-line file with views vs ${plain.lines} lines with plain typed arrays`);
console.log(`median of ${runs} runs of tsc --extendedDiagnostics (skipLibCheck)\n`);
console.log('compiler         variant  check time  instantiations  types');
for (const { label, tsc } of compilers) {
  const baseline = measure(tsc, plain.directory);
  const measured = measure(tsc, views.directory);
  const fixed = measure(tsc, importOnly.directory);
  fixedCosts.push(
    `${label}: plain program + one use of the view types: ${(fixed.checkSeconds * 1000).toFixed(0)} ms, ${fixed.instantiations} instantiations (fixed cost of the declarations).`,
  );
  for (const [variant, numbers] of [['plain', baseline], ['import', fixed], ['views', measured]]) {
    console.log(
      `${label.padEnd(16)} ${variant.padEnd(8)} ${`${numbers.checkSeconds.toFixed(3)} s`.padStart(10)}  ${String(numbers.instantiations).padStart(14)}  ${String(numbers.types).padStart(5)}`,
    );
  }
  const timeRow = ratioRow({
    target: `Types (${label}): check time of a file using views ≤ 1.2× plain typed arrays`,
    baseline: { label: `plain typed arrays, ${plain.lines} lines`, value: baseline.checkSeconds * 1000, unit: 'ms' },
    measured: { label: `views, ${views.lines} lines`, value: measured.checkSeconds * 1000, unit: 'ms' },
    atMost: 1.2,
  });
  const instantiationRow = ratioRow({
    target: `Types (${label}): instantiation count, views vs plain typed arrays`,
    baseline: { label: 'plain typed arrays', value: baseline.instantiations, unit: 'instantiations' },
    measured: { label: 'views', value: measured.instantiations, unit: 'instantiations' },
    atMost: 1.2,
  });
  rows.push(timeRow, instantiationRow);
  console.log(
    `${label}: check time ratio ${formatNumber(timeRow.ratio)}× (goal ≤ 1.2), instantiations ratio ${formatNumber(instantiationRow.ratio)}×\n`,
  );
}
rmSync(workDirectory, { recursive: true, force: true });
writeResults('types', rows, [
  `Generated file: ${views.lines} lines (views) / ${plain.lines} lines (plain), ${runs} runs per compiler and variant, median check time.`,
  ...fixedCosts,
]);
