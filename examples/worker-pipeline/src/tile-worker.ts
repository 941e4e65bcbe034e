// One pipeline stage: take tiles from the shared work queue, filter each through an exclusive
// view of its bytes, release it, repeat; then report. Or, as the `hold` task, crash mid-write.
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { acquire, SharedOwnedBuffer } from 'xorview';
import { filtered, tileBytes, tileCount, tileOffset, type TileJob, type WorkerReport } from './layout.js';

const port = parentPort;
if (port === null) throw new Error('tile-worker.js runs as a worker thread');
const [job] = (await once(port, 'message')) as [TileJob];
const image = SharedOwnedBuffer.fromHandle(job.handle);

/** The next tile to filter: word 0 of the header, shared by every worker. */
function nextTile(): number {
  // xorview-unsafe: the work-queue word is shared by all workers and only touched with Atomics.
  using queue = acquire(image, 'raw', { as: Int32Array, length: 1 });
  return Atomics.add(queue, 0, 1);
}

function filterTile(tile: number): void {
  using pixels = acquire(image, 'exclusive', { byteOffset: tileOffset(tile), byteLength: tileBytes, timeout: 10_000 });
  for (let index = 0; index < pixels.length; index += 4) {
    const pixel = [pixels[index], pixels[index + 1], pixels[index + 2], pixels[index + 3]] as number[];
    pixels.set(filtered(pixel), index);
  }
}

if (job.task === 'hold') {
  const pixels = acquire(image, 'exclusive', { byteOffset: tileOffset(0), byteLength: tileBytes });
  pixels.fill(0, 0, tileBytes / 2); // … and the stage dies here, never releasing
  const report: WorkerReport = { kind: 'holding' };
  port.postMessage(report);
  setInterval(() => undefined, 1_000); // stay alive, holding, until terminated
} else {
  let tiles = 0;
  for (let tile = nextTile(); tile < tileCount; tile = nextTile()) {
    filterTile(tile);
    tiles++;
  }
  const report: WorkerReport = { kind: 'done', tiles };
  port.postMessage(report);
}
