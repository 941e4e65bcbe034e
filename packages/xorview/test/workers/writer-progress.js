// Needs exclusive views of bytes a stream of readers keeps reading: every request must be granted
// within its timeout (after 4 ms of waiting it queues, and later readers queue behind it).
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, stop, writes, byteLength } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
let done = 0;
for (; done < writes; done++) {
  const words = acquire(buffer, 'exclusive', { as: Int32Array, length: byteLength / 4, timeout: 30_000 });
  words.fill(words[0] + 1);
  release(words);
}
Atomics.store(new Int32Array(stop), 0, 1);
parentPort.postMessage({ done });
