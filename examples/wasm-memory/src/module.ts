// A tiny WebAssembly module, assembled byte by byte (no toolchain, no network). It imports its
// memory from JavaScript, so JavaScript and wasm share one linear memory:
//
//   (module
//     (import "env" "memory" (memory 1 4))
//     (func (export "sum") (param $ptr i32) (param $len i32) (result i32) …)   ;; Σ bytes
//     (func (export "fill") (param $ptr i32) (param $len i32) (param $value i32) …) ;; memory.fill
//     (func (export "grow") (param $pages i32) (result i32) memory.grow))
//
// The binary format: https://webassembly.github.io/spec/core/binary/index.html

const i32 = 0x7f;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32Load8U: 0x2d,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  memoryGrow: 0x40,
  prefixFC: 0xfc,
  memoryFill: 0x0b,
  emptyBlockType: 0x40,
} as const;

/** Unsigned LEB128, the wasm encoding of every count, index and size. */
function unsigned(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 for `i32.const` immediates (small non-negative values here). */
function signed(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const low = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
    bytes.push(done ? low : low | 0x80);
    if (done) return bytes;
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsigned(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function section(id: number, contents: number[]): number[] {
  return [id, ...unsigned(contents.length), ...contents];
}

function functionBody(locals: number[][], code: number[]): number[] {
  const body = [...vector(locals), ...code, op.end];
  return [...unsigned(body.length), ...body];
}

// sum(ptr, len): locals 2 = total, 3 = end.
const sumBody = functionBody(
  [[2, i32]],
  [
    op.localGet, 0, op.localGet, 1, op.i32Add, op.localSet, 3,
    op.block, op.emptyBlockType,
    op.loop, op.emptyBlockType,
    op.localGet, 0, op.localGet, 3, op.i32GeU, op.brIf, 1,
    op.localGet, 2, op.localGet, 0, op.i32Load8U, 0, 0, op.i32Add, op.localSet, 2,
    op.localGet, 0, op.i32Const, ...signed(1), op.i32Add, op.localSet, 0,
    op.br, 0,
    op.end,
    op.end,
    op.localGet, 2,
  ],
);

// fill(ptr, len, value): memory.fill takes (destination, value, length).
const fillBody = functionBody([], [op.localGet, 0, op.localGet, 2, op.localGet, 1, op.prefixFC, op.memoryFill, 0]);

// grow(pages): memory.grow, returns the old size in pages (or -1).
const growBody = functionBody([], [op.localGet, 0, op.memoryGrow, 0]);

const functionTypes = [
  [0x60, ...vector([[i32], [i32]]), ...vector([[i32]])], // (i32, i32) -> i32
  [0x60, ...vector([[i32], [i32], [i32]]), ...vector([])], // (i32, i32, i32) -> ()
  [0x60, ...vector([[i32]]), ...vector([[i32]])], // (i32) -> i32
];

const importKindMemory = 0x02;
const exportKindFunction = 0x00;
const limitsWithMaximum = 0x01;

/** The module's bytes. Its memory is imported, at least `minimumPages`, at most `maximumPages`. */
export function assembleModule(minimumPages: number, maximumPages: number): Uint8Array<ArrayBuffer> {
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d], // "\0asm"
    ...[0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vector(functionTypes)),
    ...section(
      2,
      vector([
        [...name('env'), ...name('memory'), importKindMemory, limitsWithMaximum, ...unsigned(minimumPages), ...unsigned(maximumPages)],
      ]),
    ),
    ...section(3, vector([[0], [1], [2]])),
    ...section(
      7,
      vector([
        [...name('sum'), exportKindFunction, 0],
        [...name('fill'), exportKindFunction, 1],
        [...name('grow'), exportKindFunction, 2],
      ]),
    ),
    ...section(10, vector([sumBody, fillBody, growBody])),
  ];
  return new Uint8Array(bytes);
}

/** What the module exports. */
export interface Kernels {
  sum(pointer: number, length: number): number;
  fill(pointer: number, length: number, value: number): void;
  grow(pages: number): number;
}

/** Instantiate the module over `memory`. */
export async function instantiateKernels(memory: WebAssembly.Memory): Promise<Kernels> {
  const { instance } = await WebAssembly.instantiate(assembleModule(1, 4), { env: { memory } });
  return instance.exports as unknown as Kernels;
}
