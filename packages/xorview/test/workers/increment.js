// Exclusive read-modify-write increments of random counters: none may be lost.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, iterations, counters, seed } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
let random = seed >>> 0;
for (let iteration = 0; iteration < iterations; iteration++) {
  random = (Math.imul(random, 1103515245) + 12345) >>> 0;
  const counter = random % counters;
  // Each counter is two words: the count, and scratch written between the read and the write so
  // an unprotected increment would have a wide window to lose updates in.
  const cell = acquire(buffer, 'exclusive', { as: Int32Array, byteOffset: counter * 8, length: 2, timeout: 60_000 });
  const before = cell[0];
  for (let spin = 0; spin < (random & 15); spin++) cell[1] = (cell[1] + spin) | 0;
  cell[0] = before + 1;
  release(cell);
}
parentPort.postMessage({ done: true });
