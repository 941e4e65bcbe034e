// A frame pool whose frames are user-defined exporters: readers hold immutable views of a frame
// while they work, the producer only ever overwrites a frame nobody reads, and a frame is recycled
// the moment its last reader releases it.
import { acquire, capabilities, exportsOf } from 'xorview';
import { FramePool, pictureNumber, pixelSum, probeOverwrite, produce } from './frames.js';

const pool = new FramePool(2, 1024);
const first = pool.frames[0];
if (first === undefined) throw new Error('the pool has no frames');
console.log(`frame exporter: modes ${capabilities(first).modes.join('/')}, enforcement ${capabilities(first).enforcement}`);

const frameA = produce(pool, 1);
console.log(`produced picture 1 in slot ${frameA.slot}; pool: ${pool.describe()}`);
{
  using encoder = acquire(frameA, 'immutable');
  using thumbnailer = acquire(frameA, 'immutable');
  console.log(`two readers on slot ${frameA.slot}: ${JSON.stringify(exportsOf(frameA))}`);
  console.log(`overwrite slot ${frameA.slot} while read → ${probeOverwrite(frameA)}`);

  const frameB = produce(pool, 2); // goes to the other slot: slot 0 is still being read
  console.log(`produced picture 2 in slot ${frameB.slot}; pool: ${pool.describe()}`);
  console.log(`encoder reads picture ${pictureNumber(encoder)}, pixel sum ${pixelSum(encoder)}`);
  console.log(`thumbnailer reads picture ${pictureNumber(thumbnailer)}, pixel sum ${pixelSum(thumbnailer)}`);
}
console.log(`readers released; pool: ${pool.describe()}`);
const frameC = produce(pool, 3);
console.log(`produced picture 3 in slot ${frameC.slot} (recycled)`);
{
  using viewer = acquire(frameC, 'immutable');
  console.log(`viewer reads picture ${pictureNumber(viewer)}, pixel sum ${pixelSum(viewer)}`);
}
