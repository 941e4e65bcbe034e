// The bug: showing a preview of the image while a pipeline stage is still writing it, and keeping
// that preview borrowed while waiting for the stage. The stage holds an exclusive view of tile 0
// in another thread; the lock table is shared, so the preview is refused at run time even though
// the writer is not in this thread. The wait with a view held is what the linter reports.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { acquire, SharedOwnedBuffer } from 'xorview';
import { headerBytes, imageBytes, type TileJob } from './layout.js';

const image = new SharedOwnedBuffer(headerBytes + imageBytes);
const job: TileJob = { task: 'hold', handle: image.handle }; // a stage that is writing tile 0
const stage = new Worker(new URL('./tile-worker.js', import.meta.url));
stage.postMessage(job);
await once(stage, 'message');

using preview = acquire(image, 'immutable', { byteOffset: headerBytes }); // ✗ a stage is writing tile 0
await stage.terminate(); // ✗ `preview` is held across this await
console.log(`preview: first byte ${preview[0]}`);
