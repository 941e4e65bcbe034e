// Acquires and releases random ranges as fast as it can, forever, until it is terminated: it may
// die anywhere, mid-request included.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, release, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, cells, seed } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const modes = ['immutable', 'exclusive', 'raw'];
let random = seed >>> 0;
const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
parentPort.postMessage({ started: true });
for (let iteration = 0; ; iteration++) {
  const first = next() % cells;
  const count = 1 + (next() % (cells - first));
  try {
    const view = acquire(buffer, modes[next() % 3], { as: Int32Array, byteOffset: first * 4, length: count, timeout: 50 });
    view[0] = iteration;
    release(view);
  } catch (error) {
    if (error?.code !== 'TIMEOUT') throw error;
  }
}
