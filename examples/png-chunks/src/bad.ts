// The bug: "fixing up" a file in place while it is being parsed. The parser's chunk views are
// zero-copy sub-views of the file; patching the comment under them changes what the parser reads
// halfway through (and breaks the CRC it already checked). xorview refuses the exclusive view
// while the immutable one is live, at compile time and at run time.
import { acquire } from 'xorview';
import { encodePng, summarise } from './png.js';

const png = encodePng({ width: 2, height: 2, pixels: new Uint8Array([0, 64, 128, 255]), comment: 'draft' });

using file = acquire(png, 'immutable');
using patch = acquire(png, 'exclusive'); // ✗ exclusive while an immutable view is live
patch.set(new TextEncoder().encode('final'), 49);
console.log(summarise(file));
