// An image-processing pipeline across worker threads over one SharedOwnedBuffer: workers filter
// tiles through exclusive views of disjoint byte ranges, main reads the result through an
// immutable view. The lock table lives in shared memory, so every thread sees the same borrows,
// and a stage that dies holding a view does not block the others.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { acquire, capabilities, exportsOf, release, SharedOwnedBuffer, tryAcquire } from 'xorview';
import {
  filtered,
  headerBytes,
  height,
  imageBytes,
  pixelIndex,
  sourcePixel,
  tileBytes,
  tileCount,
  tileOffset,
  tileSize,
  width,
  type TileJob,
  type WorkerReport,
} from './layout.js';

const workerCount = 4;
const image = new SharedOwnedBuffer(headerBytes + imageBytes);
console.log(
  `image: ${width}×${height} RGBA, ${tileCount} tiles of ${tileSize}×${tileSize}, tile-major in a SharedOwnedBuffer ` +
    `(${image.byteLength} bytes, ${capabilities(image).enforcement} enforcement)`,
);

{
  using pixels = acquire(image, 'exclusive', { byteOffset: headerBytes });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(sourcePixel(x, y), pixelIndex(x, y));
  }
}

function startStage(task: TileJob['task']): Worker {
  const worker = new Worker(new URL('./tile-worker.js', import.meta.url));
  const job: TileJob = { task, handle: image.handle };
  worker.postMessage(job);
  return worker;
}

// 1. Four workers filter every tile, each through an exclusive view of that tile's bytes only.
let processed = 0;
await Promise.all(
  Array.from({ length: workerCount }, async () => {
    const worker = startStage('filter');
    worker.on('message', (report: WorkerReport) => {
      if (report.kind === 'done') processed += report.tiles;
    });
    const [code] = (await once(worker, 'exit')) as [number];
    if (code !== 0) throw new Error(`a worker exited with code ${code}`);
  }),
);
console.log(`${workerCount} workers filtered ${processed} tiles through exclusive views of disjoint ranges`);

// 2. Main reads the whole picture through one immutable view.
{
  using result = acquire(image, 'immutable', { byteOffset: headerBytes });
  let matching = 0;
  let checksum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = pixelIndex(x, y);
      if (filtered(sourcePixel(x, y)).every((value, channel) => result[at + channel] === value)) matching++;
      for (let channel = 0; channel < 4; channel++) checksum = (Math.imul(checksum, 31) + (result[at + channel] as number)) >>> 0;
    }
  }
  console.log(`result: ${matching}/${width * height} pixels match the single-threaded filter, each tile filtered exactly once`);
  console.log(`checksum: 0x${checksum.toString(16).padStart(8, '0')}`);
}

// 3. A stage dies in the middle of writing tile 0. Its view is reclaimed when the thread is gone,
//    and the report says which bytes may be half-written.
image.onReclaim(({ views, exclusiveRanges }) => {
  const ranges = exclusiveRanges.map(({ start, end }) => `[${start}, ${end})`).join(', ');
  console.log(`the stage died holding ${views.length} view; reclaimed, possibly half-written: bytes ${ranges}`);
});
const tileZero = { byteOffset: tileOffset(0), byteLength: tileBytes };
/** Whether a read of `range` would be granted right now (released at once if so), or the refusal's code. */
function probe(range: typeof tileZero): string {
  const attempt = tryAcquire(image, 'immutable', range);
  if (!attempt.ok) return attempt.error.code;
  release(attempt.view);
  return 'granted';
}
const crashing = startStage('hold');
await once(crashing, 'message');
console.log(`reading tile 0 while a stage writes it: ${probe(tileZero)}`);
await crashing.terminate();
{
  using tile = acquire(image, 'immutable', tileZero);
  console.log(
    `tile 0 readable again: first pixel ${tile.subarray(0, 4).join(',')} (zeroed by the dead stage), ` +
      `last pixel ${tile.subarray(-4).join(',')} (filtered)`,
  );
}
console.log(`live views at exit: ${JSON.stringify(exportsOf(image))}`);
