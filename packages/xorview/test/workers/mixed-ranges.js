// Random modes and random ranges. Around every hold, per-cell witness counters (one per mode, in a
// separate plain SharedArrayBuffer) prove no conflicting holder is inside at the same time: each
// holder first counts itself in, then checks the modes it conflicts with are absent.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, witness, iterations, cells, maxCells, seed } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const modes = ['immutable', 'exclusive', 'raw'];
const inside = { immutable: new Int32Array(witness, 0, cells), exclusive: new Int32Array(witness, cells * 4, cells), raw: new Int32Array(witness, cells * 8, cells) };
const conflictsWith = { immutable: ['exclusive', 'raw'], exclusive: ['immutable', 'exclusive', 'raw'], raw: ['immutable', 'exclusive'] };
let random = seed >>> 0;
let violations = 0;
let contentChanges = 0;
const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
for (let iteration = 0; iteration < iterations; iteration++) {
  const mode = modes[next() % 3];
  const first = next() % cells;
  const count = 1 + (next() % Math.min(maxCells, cells - first));
  const view = acquire(buffer, mode, { as: Int32Array, byteOffset: first * 4, length: count, timeout: 60_000 });
  for (let cell = first; cell < first + count; cell++) Atomics.add(inside[mode], cell, 1);
  for (let cell = first; cell < first + count; cell++) {
    for (const other of conflictsWith[mode]) {
      const present = Atomics.load(inside[other], cell) - (other === mode ? 1 : 0);
      if (present !== 0) violations++;
    }
  }
  if (mode === 'exclusive') {
    const stamp = next() | 1;
    view.fill(stamp);
    for (let spin = 0; spin < 32; spin++) if (view[spin % count] !== stamp) contentChanges++;
  } else if (mode === 'immutable') {
    const snapshot = view.slice();
    for (let spin = 0; spin < 32; spin++) if (view[spin % count] !== snapshot[spin % count]) contentChanges++;
  }
  for (let cell = first; cell < first + count; cell++) Atomics.sub(inside[mode], cell, 1);
  release(view);
}
parentPort.postMessage({ violations, contentChanges });
