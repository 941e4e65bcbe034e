// SPEC §7 runtime targets, measured side by side in one run against baselines from the same run:
// - a view's element read/write loop vs the same loop over a plain TypedArray (≥ 0.95×);
// - acquire + release round trips for registry exporters (≤ 150 ns), next to the cost of the
//   `new Uint8Array(buffer, offset, length)` every view has to pay anyway;
// - OwnedBuffer exclusive round trips at 1 KiB and 64 MiB (≤ 2 µs each, 64 MiB / 1 KiB ≤ 2).
// Plain JS over packages/xorview/dist: run `pnpm run build` first.
import { acquire, OwnedBuffer, release } from '../packages/xorview/dist/index.js';
import { formatNumber, median, ratioRow, writeResults } from './lib/report.js';

const batches = Number(process.env.XORVIEW_BENCH_RUNTIME_BATCHES ?? 201);

/**
 * Median nanoseconds per operation of each of `runs` (functions of an iteration count), measured
 * in many short interleaved batches: on a shared machine a long batch gets preempted, and a
 * baseline measured minutes apart sees a different load. Short interleaved batches keep each
 * figure and its baseline under the same conditions.
 */
function nanosecondsPer(runs, count) {
  for (const run of runs) for (let warm = 0; warm < 20; warm++) run(count);
  const samples = runs.map(() => []);
  for (let batch = 0; batch < batches; batch++) {
    runs.forEach((run, index) => {
      const started = process.hrtime.bigint();
      run(count);
      samples[index].push(Number(process.hrtime.bigint() - started) / count);
    });
  }
  return samples.map(median);
}

// --- element loops: two textually identical functions so each call site stays monomorphic ----
function sumAndBumpPlain(array, rounds) {
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < array.length; index++) {
      total += array[index];
      array[index] = (array[index] + 1) & 0xff;
    }
  }
  return total;
}
function sumAndBumpView(array, rounds) {
  let total = 0;
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < array.length; index++) {
      total += array[index];
      array[index] = (array[index] + 1) & 0xff;
    }
  }
  return total;
}

const elements = 64 * 1024;
const plain = new Uint8Array(elements);
const viewMemory = new ArrayBuffer(elements);
const view = acquire(viewMemory, 'exclusive');
let sink = 0;
const [plainLoop, viewLoop] = nanosecondsPer(
  [(rounds) => (sink += sumAndBumpPlain(plain, rounds)), (rounds) => (sink += sumAndBumpView(view, rounds))],
  1,
).map((perRound) => perRound / elements);
release(view);

// --- registry round trips ----------------------------------------------------------------------
const arrayBuffer = new ArrayBuffer(1024);
const poolBuffer = Buffer.from('a registry exporter carved from the Buffer pool');
const typedWindow = new Uint8Array(new ArrayBuffer(4096), 1024, 1024);
function construct(count) {
  for (let index = 0; index < count; index++) sink += new Uint8Array(arrayBuffer, 0, 1024).length;
}
function roundTrip(exporter, mode, options) {
  return (count) => {
    for (let index = 0; index < count; index++) {
      const lent = acquire(exporter, mode, options);
      sink += lent.length;
      release(lent);
    }
  };
}
/** [label, round trip] pairs, each measured interleaved with the construction baseline. */
function measureAgainstConstruction(cases, count) {
  return cases.map(([label, run]) => {
    const [baseline, measured] = nanosecondsPer([construct, run], count);
    return { label, baseline, measured };
  });
}
const registryCases = measureAgainstConstruction(
  [
    ['ArrayBuffer, exclusive', roundTrip(arrayBuffer, 'exclusive')],
    ['ArrayBuffer, immutable, Float64Array window', roundTrip(arrayBuffer, 'immutable', { as: Float64Array, byteOffset: 8, length: 4 })],
    ['TypedArray window, raw', roundTrip(typedWindow, 'raw')],
    ['Node Buffer (pool), exclusive', roundTrip(poolBuffer, 'exclusive')],
  ],
  1000,
);
// With other views held on the same memory: the range index at work.
const crowded = new ArrayBuffer(64 * 1024);
const held = Array.from({ length: 1000 }, (_, index) => acquire(crowded, 'immutable', { byteOffset: index * 64, byteLength: 32 }));
registryCases.push(
  ...measureAgainstConstruction(
    [['ArrayBuffer with 1,000 views held, exclusive', roundTrip(crowded, 'exclusive', { byteOffset: 32_040, byteLength: 16 })]],
    1000,
  ),
);
for (const lent of held) release(lent);

// --- OwnedBuffer exclusive round trips -----------------------------------------------------------
const small = new OwnedBuffer(1024);
const large = new OwnedBuffer(64 * 1024 * 1024);
const [constructionForOwned, ownedSmall, ownedLarge] = nanosecondsPer([construct, roundTrip(small, 'exclusive'), roundTrip(large, 'exclusive')], 100);

// --- report ----------------------------------------------------------------------------------------
const ns = (label, value) => ({ label, value, unit: 'ns' });
const rows = [
  ratioRow({
    target: 'View element read/write loop ≥ 0.95× a plain TypedArray (throughput)',
    baseline: { label: 'plain Uint8Array', value: 1 / plainLoop, unit: 'elements/ns' },
    measured: { label: 'exclusive view', value: 1 / viewLoop, unit: 'elements/ns' },
    atLeast: 0.95,
  }),
  ...registryCases.map(({ label, baseline, measured: value }) => ({
    target: `acquire + release round trip, registry exporter (${label}) ≤ 150 ns`,
    baseline: ns('new Uint8Array(buffer, offset, length)', baseline),
    measured: ns('acquire + release', value),
    ratio: value / baseline,
    goal: '≤ 150 ns',
    pass: value <= 150,
  })),
  ...[
    ['1 KiB', ownedSmall],
    ['64 MiB', ownedLarge],
  ].map(([label, value]) => ({
    target: `acquire + release round trip, OwnedBuffer exclusive, ${label} ≤ 2 µs`,
    baseline: ns('new Uint8Array(buffer, offset, length)', constructionForOwned),
    measured: ns('acquire + release', value),
    ratio: value / constructionForOwned,
    goal: '≤ 2000 ns',
    pass: value <= 2000,
  })),
  ratioRow({
    target: 'OwnedBuffer exclusive round trip is O(1) in size: 64 MiB vs 1 KiB ≤ 2',
    baseline: ns('1 KiB', ownedSmall),
    measured: ns('64 MiB', ownedLarge),
    atMost: 2,
  }),
];

console.log(`xorview runtime benchmark (Node ${process.version}, median of ${batches} short interleaved batches)\n`);
console.log('| target | baseline | measured | ratio | goal | pass |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  const baseline = row.baseline ? `${row.baseline.label}: ${formatNumber(row.baseline.value)} ${row.baseline.unit}` : '—';
  const ratio = row.ratio === null ? '—' : `${formatNumber(row.ratio)}×`;
  console.log(
    `| ${row.target} | ${baseline} | ${formatNumber(row.measured.value)} ${row.measured.unit} | ${ratio} | ${row.goal} | ${row.pass ? 'pass' : 'FAIL'} |`,
  );
}
process.stderr.write(`(checksum ${sink % 997})\n`);
writeResults('runtime', rows, [
  `Node ${process.version}; median of ${batches} short batches per figure, each interleaved with its baseline; view loop over ${elements} elements.`,
  'OwnedBuffer moves its bytes (ArrayBuffer#transfer, structuredClone on Node 20) when the last view is released.',
]);
