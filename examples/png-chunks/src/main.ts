// Encode a small greyscale PNG into memory owned by xorview, freeze it, and parse its chunks
// through immutable views: zero copies, and nobody can write the file while it is being read.
import { capabilities, acquire, exportsOf } from 'xorview';
import { encodePng, summarise } from './png.js';

const width = 64;
const height = 32;
const pixels = new Uint8Array(width * height);
for (let index = 0; index < pixels.length; index++) pixels[index] = (index % width) * 4;

const png = encodePng({ width, height, pixels, comment: 'drawn by xorview' });
console.log(`encoded ${png.byteLength} bytes of PNG into an OwnedBuffer (${capabilities(png).enforcement} enforcement)`);

// Freezing gives up writing for good: only immutable views from now on.
const frozen = png.freeze();
const { modes, enforcement } = capabilities(frozen);
console.log(`frozen: modes ${modes.join('/')}, enforcement ${enforcement}`);

{
  using file = acquire(frozen, 'immutable');
  const summary = summarise(file);
  console.log(`chunks: ${summary.chunks.join(' ')}`);
  console.log(`image: ${summary.width}×${summary.height}, comment "${summary.comment}"`);
  console.log(`pixel sum: ${summary.pixelSum} (expected ${pixels.reduce((sum, value) => sum + value, 0)})`);
  console.log(`live views while parsing: ${JSON.stringify(exportsOf(frozen))}`);
}
console.log(`live views after: ${JSON.stringify(exportsOf(frozen))}`);
