// WebAssembly memory shared by JavaScript and a wasm module, and what happens to views across
// `memory.grow()`: growing replaces the memory's ArrayBuffer, so every typed array over the old
// one silently becomes empty. xorview keeps the borrows explicit: views are released before the
// module runs or grows the memory, and acquired again afterwards.
import { acquire, capabilities, exportsOf, tryAcquire } from 'xorview';
import { instantiateKernels } from './module.js';
import { headerBytes, sampleCount, writeRecord } from './samples.js';

const pageBytes = 65_536;
const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
const kernels = await instantiateKernels(memory);
const { modes, enforcement } = capabilities(memory);
console.log(`WebAssembly.Memory: ${memory.buffer.byteLength / pageBytes} page, modes ${modes.join('/')}, enforcement ${enforcement}`);

// 1. JavaScript writes the input through an exclusive view, then releases it before wasm reads.
let recordLength: number;
{
  using input = acquire(memory, 'exclusive', { byteLength: 1024 });
  recordLength = writeRecord(input, 1000);
  console.log(`wrote a ${recordLength}-byte record; live views: ${JSON.stringify(exportsOf(memory))}`);
}
console.log(`released; live views: ${JSON.stringify(exportsOf(memory))}`);
console.log(`wasm sum(samples) = ${kernels.sum(headerBytes, recordLength - headerBytes)}`);

// 2. A plain typed array over memory.buffer, taken the way most code does it.
const plainAlias = new Uint8Array(memory.buffer, 0, 16);
console.log(`plain Uint8Array over memory.buffer: length ${plainAlias.length}, first byte ${plainAlias[0]}`);

// 3. The module grows its memory. No view is held, so nothing can go stale through xorview.
const oldPages = kernels.grow(1);
console.log(`wasm grew the memory: ${oldPages} → ${memory.buffer.byteLength / pageBytes} pages`);
console.log(`the plain Uint8Array now: length ${plainAlias.length}, first byte ${String(plainAlias[0])} (stale, silently)`);
const stale = tryAcquire(plainAlias, 'immutable');
console.log(`acquire(plain array over the old buffer) → ${stale.ok ? 'granted' : `${stale.error.name} ${stale.error.code}`}`);

// 4. A fresh acquisition sees the grown memory and the same bytes.
{
  using record = acquire(memory, 'immutable');
  console.log(`fresh view after grow: ${record.byteLength} bytes, header says ${sampleCount(record)} samples`);
}

// 5. wasm writes into the grown part; JavaScript reads it back through an immutable view.
kernels.fill(pageBytes, 32, 7);
{
  using tail = acquire(memory, 'immutable', { byteOffset: pageBytes, byteLength: 32 });
  console.log(`wasm fill(…, 7) in page 2, read back: ${tail.reduce((sum, byte) => sum + byte, 0)} (32 × 7)`);
}
console.log(`live views at exit: ${JSON.stringify(exportsOf(memory))}`);
