// The bug: a view of WebAssembly memory held across `memory.grow()`. Growing replaces the
// ArrayBuffer, so the view is now empty and reads `undefined`: the sample count below would be
// garbage or a TypeError deep inside a parser. xorview reports it at compile time (the grow while
// a view is live) and at run time (the stale view cannot lend a header).
import { acquire } from 'xorview';
import { instantiateKernels } from './module.js';
import { sampleCount, writeRecord } from './samples.js';

const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
const kernels = await instantiateKernels(memory);
{
  using input = acquire(memory, 'exclusive', { byteLength: 1024 });
  writeRecord(input, 1000);
}

using record = acquire(memory, 'immutable');
memory.grow(1); // ✗ the memory is resized while `record` is live
console.log(`samples: ${sampleCount(record)}`); // ✗ `record` is now a view of a detached buffer
console.log(`sum: ${kernels.sum(8, 1000)}`);
