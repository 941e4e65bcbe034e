// Reads the same bytes under immutable views back to back, overlapping the other readers, until
// told to stop, checking every read is whole.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, stop, byteLength } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const stopped = new Int32Array(stop);
let reads = 0;
let torn = 0;
while (Atomics.load(stopped, 0) === 0) {
  const words = acquire(buffer, 'immutable', { as: Int32Array, length: byteLength / 4, timeout: 60_000 });
  const first = words[0];
  for (let pass = 0; pass < 8; pass++) for (const word of words) if (word !== first) torn++;
  release(words);
  reads++;
}
parentPort.postMessage({ reads, torn });
