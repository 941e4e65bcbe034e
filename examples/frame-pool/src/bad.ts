// The bug: a reader releases its view and keeps using it. The pool saw the release, recycled the
// frame and the producer wrote the next picture into it, so the reader would silently mix two
// pictures. xorview reports the use after release at compile time, and refuses the stale view at
// run time.
import { acquire, release } from 'xorview';
import { FramePool, pictureNumber, pixelSum, produce } from './frames.js';

const pool = new FramePool(1, 1024);
const frame = produce(pool, 1);

const preview = acquire(frame, 'immutable');
console.log(`preview: pixel sum ${pixelSum(preview)}`);
release(preview);

produce(pool, 2); // the only frame is free again, so picture 2 overwrites it
console.log(`preview of picture ${pictureNumber(preview)}`); // ✗ `preview` was released on line 13
