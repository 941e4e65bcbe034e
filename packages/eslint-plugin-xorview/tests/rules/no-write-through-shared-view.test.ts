import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds, type Options } from '../../src/rules/no-write-through-shared-view.js';
import { ruleTester } from '../rule-tester.js';

/** Two lines every case starts with: the case's own code begins on line 3. */
const prelude = `import { acquire, asReadonlyInput, type ExclusiveView, type ImmutableView, type RawView } from 'xorview';
declare const view: ImmutableView;
`;
const preludeLines = 2;

function valid(body: string, options?: Options[0]): ValidTestCase<Options> {
  return options === undefined ? { code: prelude + body } : { code: prelude + body, options: [options] };
}

/** `line` counts from the first line of `body`. */
function invalid(
  body: string,
  messageId: MessageIds,
  line: number,
  column: number,
  options?: Options[0],
): InvalidTestCase<MessageIds, Options> {
  const errors = [{ messageId, line: line + preludeLines, column }];
  return options === undefined ? { code: prelude + body, errors } : { code: prelude + body, errors, options: [options] };
}

ruleTester.run('no-write-through-shared-view', rule, {
  valid: [
    // code that uses no views at all
    valid(`const bytes = new Uint8Array(4);
bytes[0] = 1;
bytes.fill(0);
Uint8Array.prototype.set.call(bytes, [1]);
Reflect.set(bytes, 0, 1);
const copy = new Uint8Array(bytes.buffer);`),
    valid(`const settings = { a: 1 };
Object.assign(settings, { b: 2 });
Reflect.set(settings, 'a', 3);
const lookup = new Map<number, number>();
lookup.set(1, 2);`),
    valid(`const counters = new Int32Array(new SharedArrayBuffer(16));
Atomics.store(counters, 0, 1);
Atomics.add(counters, 1, 2);
structuredClone(counters, { transfer: [] });`),
    // reads of an ImmutableView
    valid(`const first = view[0];
const last = view.at(-1);
const tail = view.subarray(1).length;
let sum = 0;
for (const byte of view) sum += byte;`),
    valid(`const { length, byteOffset } = view;
const text = new TextDecoder().decode(view);`),
    // a copy is yours to write
    valid(`const copy = view.slice();
copy[0] = 1;
copy.fill(0);
const again = structuredClone(view);`),
    // exclusive views are writable
    valid(`declare const exclusive: ExclusiveView;
exclusive[0] = 1;
exclusive.fill(0);
Uint8Array.prototype.set.call(exclusive, [1]);
Reflect.set(exclusive, 0, 1);
(exclusive as Uint8Array)[1] = 2;`),
    // reborrow: an exclusive view passed where an immutable one is expected
    valid(`declare const exclusive: ExclusiveView;
function read(data: ImmutableView): number { return data[0] ?? 0; }
read(exclusive);`),
    // casts that keep the view read-only or opaque, and casts that are only read
    valid(`const same = view as ImmutableView<Uint8Array>;
const opaque = view as unknown;
console.log(opaque);
const size = (view as unknown as Uint8Array).length;`),
    // an any-typed alias that is only read
    valid(`const untyped: any = view;
console.log(untyped.length, untyped[0]);`),
    // the adapter feeding known read-only Node APIs
    valid(`import { writeSync } from 'node:fs';
writeSync(1, asReadonlyInput(view));`),
    valid(`import * as fs from 'node:fs';
fs.writeFileSync('/tmp/out.bin', asReadonlyInput(view));`),
    valid(`Buffer.compare(asReadonlyInput(view), asReadonlyInput(view));
const joined = Buffer.concat([asReadonlyInput(view)]);`),
    valid(`import { deflateSync, gzipSync } from 'node:zlib';
const packed = deflateSync(asReadonlyInput(view));
const zipped = gzipSync(asReadonlyInput(view));`),
    valid(`import { createHash } from 'node:crypto';
const digest = createHash('sha256').update(asReadonlyInput(view)).digest('hex');`),
    valid(`import type { Writable } from 'node:stream';
declare const out: Writable;
out.write(asReadonlyInput(view));`),
    valid(`const decoder = new TextDecoder('latin1');
const text = decoder.decode(asReadonlyInput(view)) + new TextDecoder().decode(asReadonlyInput(view));`),
    valid(`import { writeSync } from 'node:fs';
const input = asReadonlyInput(view);
writeSync(1, input);`),
    // the adapter with a justification, or a callee listed as read-only
    valid(`declare function scramble(data: Uint8Array): void;
// xorview-unsafe: scramble only reads its input (see codec.md)
scramble(asReadonlyInput(view));`),
    valid(`declare function scramble(data: Uint8Array): void;
scramble(asReadonlyInput(view));`, { readOnlyFunctions: ['scramble'] }),
    // buffer metadata, when allowed
    valid(`declare const other: ImmutableView;
const size = view.buffer.byteLength;
const growable = view.buffer.resizable;
const same = view.buffer === other.buffer;`, { allowBufferMetadata: true }),
    // raw views and plain arrays are not this rule's business
    valid(`declare const ring: RawView;
const wrapped = new Uint8Array(ring.buffer);
(ring as Uint8Array)[0] = 1;`),
    // generics and unions with undefined, read only
    valid(`function peek<T extends ImmutableView>(data: T): number { return data[0] ?? 0; }
declare const maybe: ImmutableView | undefined;
const first = maybe?.[0];
const size = maybe?.length;`),
    // acquisitions in every mode, used as their types allow
    valid(`using shared = acquire(new ArrayBuffer(8), 'immutable');
using mine = acquire(new ArrayBuffer(8), 'exclusive');
mine.set(shared);
const total = shared.reduce((sum, byte) => sum + byte, 0);`),
    // a DataView read through an immutable view
    valid(`declare const header: ImmutableView<DataView>;
const magic = header.getUint32(0);`),
    // a view's buffer handed back to xorview, whose registry checks the new view against it
    valid(`import { capabilities, exportsOf } from 'xorview';
using again = acquire(view.buffer, 'immutable', { byteLength: 4 });
const counts = exportsOf(view.buffer);
const can = capabilities(view.buffer).modes;`),
    // structuredClone transferring memory that is not a shared view's
    valid(`const scratch = new ArrayBuffer(8);
structuredClone(scratch, { transfer: [scratch] });`),
    // Names answered from their declaration (type-answers.ts), no checker: a literal-mode
    // exclusive acquisition and plain built-in arrays stay writable.
    valid(`const target = acquire(new ArrayBuffer(8), 'exclusive');
target.fill(0);
target[0] = 1;
const bytes = new Uint8Array(4);
const copy = bytes.slice(0, 2);
copy.reverse();
const lengths = new Map<string, number>();
lengths.set('copy', copy.length);`),
  ],
  invalid: [
    // Names whose declaration answers (type-answers.ts) report exactly as the checker would:
    invalid(`const shared = acquire(new ArrayBuffer(8), 'immutable');
Reflect.set(shared, 0, 1);`, 'writeThroughView', 2, 1),
    invalid(`const shared = acquire(new ArrayBuffer(8), 'immutable');
(shared as unknown as Uint8Array)[0] = 1;`, 'writeThroughAlias', 2, 1),
    // ... and fall back to the checker where the declaration does not say it all: a shadowed
    // built-in, a type predicate or assertion function that narrows a plain array into a view.
    invalid(`declare const Uint8Array: new (length: number) => ImmutableView;
const bytes = new Uint8Array(4);
Uint8Array.prototype.fill.call(bytes, 0);`, 'writeThroughView', 3, 1),
    invalid(`declare function isShared(bytes: Uint8Array): bytes is Uint8Array & ImmutableView;
const bytes = new Uint8Array(4);
if (isShared(bytes)) Reflect.set(bytes, 0, 1);`, 'writeThroughView', 3, 22),
    invalid(`declare function assertShared(bytes: Uint8Array): asserts bytes is Uint8Array & ImmutableView;
const bytes = new Uint8Array(4);
assertShared(bytes);
Atomics.store(bytes, 0, 1);`, 'writeThroughView', 4, 1),
    invalid(`declare function isShared(bytes: unknown): bytes is ImmutableView;
const bytes = new Uint8Array(4);
const copy = bytes.slice();
if (isShared(copy)) Reflect.set(copy, 0, 1);`, 'writeThroughView', 4, 21),
    // casts
    invalid(`(view as unknown as Uint8Array)[0] = 1;`, 'writeThroughAlias', 1, 1),
    invalid(`(view as any).fill(0);`, 'writeThroughAlias', 1, 1),
    invalid(`(<Uint8Array>(<unknown>view)).set([1]);`, 'writeThroughAlias', 1, 1),
    invalid(`delete (view as any)[0];`, 'writeThroughAlias', 1, 1),
    invalid(`(view as unknown as ExclusiveView).copyWithin(0, 1);`, 'writeThroughAlias', 1, 1),
    invalid(`declare const header: ImmutableView<DataView>;
(header as unknown as DataView).setUint32(0, 1);`, 'writeThroughAlias', 2, 1),
    // aliases through const, let, and chains of aliases
    invalid(`const alias = view as unknown as Uint8Array;
alias[1] = 2;`, 'writeThroughAlias', 2, 1),
    invalid(`const first = view as any;
const second = first;
second[0] += 1;`, 'writeThroughAlias', 3, 1),
    invalid(`const alias = view as unknown as Uint8Array;
alias[0]++;`, 'writeThroughAlias', 2, 1),
    invalid(`const tail = (view as unknown as Uint8Array).subarray(1);
tail.fill(0);`, 'writeThroughAlias', 2, 1),
    // any-typed aliases
    invalid(`const untyped: any = view;
untyped[0] = 3;`, 'writeThroughAlias', 2, 1),
    invalid(`let target: any;
target = view;
target.fill(1);`, 'writeThroughAlias', 3, 1),
    // reflection, prototypes, Atomics
    invalid(`Uint8Array.prototype.set.call(view, [1]);`, 'writeThroughView', 1, 1),
    invalid(`Uint8Array.prototype.fill.apply(view, [0]);`, 'writeThroughView', 1, 1),
    invalid(`Reflect.set(view, 0, 1);`, 'writeThroughView', 1, 1),
    invalid(`Reflect.apply(Uint8Array.prototype.fill, view, [0]);`, 'writeThroughView', 1, 1),
    invalid(`Object.assign(view, [1, 2]);`, 'writeThroughView', 1, 1),
    invalid(`Atomics.store(view as any, 0, 1);`, 'writeThroughAlias', 1, 1),
    invalid(`Atomics.add(view as unknown as Int32Array, 0, 1);`, 'writeThroughAlias', 1, 1),
    invalid(`// @ts-expect-error ImmutableView has no index writes
view[0] = 1;`, 'writeThroughView', 2, 1),
    // .buffer re-wrapped, transferred, escaping
    invalid(`const wrapped = new Uint8Array(view.buffer);`, 'bufferRewrapped', 1, 32),
    invalid(`new DataView(view.buffer).setUint8(0, 1);`, 'bufferRewrapped', 1, 14),
    invalid(`const shared = Buffer.from(view.buffer);`, 'bufferRewrapped', 1, 28),
    invalid(`structuredClone(null, { transfer: [view.buffer] });`, 'bufferTransferred', 1, 36),
    invalid(`import { MessageChannel } from 'node:worker_threads';
const { port1 } = new MessageChannel();
port1.postMessage(null, [view.buffer]);`, 'bufferTransferred', 3, 26),
    invalid(`const size = view.buffer.byteLength;`, 'bufferEscapes', 1, 14),
    invalid(`export const memory = view.buffer;`, 'bufferEscapes', 1, 23),
    invalid(`const { buffer } = view;`, 'bufferEscapes', 1, 9),
    invalid(`const memory = view['buffer'];`, 'bufferEscapes', 1, 16),
    invalid(`declare const exclusive: ExclusiveView;
export const memory = exclusive.buffer;`, 'bufferEscapes', 2, 23),
    invalid(`declare const exclusive: ExclusiveView;
const size = exclusive.buffer.byteLength;`, 'bufferEscapes', 2, 14),
    // optional chaining, unions with undefined, generics
    invalid(`declare const maybe: ImmutableView | undefined;
export const memory = maybe?.buffer;`, 'bufferEscapes', 2, 23),
    invalid(`declare const maybe: ImmutableView | undefined;
const alias = maybe as unknown as Uint8Array | undefined;
alias?.fill(0);`, 'writeThroughAlias', 3, 1),
    invalid(`function zero<T extends ImmutableView>(data: T): void {
  (data as unknown as Uint8Array).fill(0);
}`, 'writeThroughAlias', 2, 3),
    // writable aliases passed, returned, stored
    invalid(`declare function scramble(data: Uint8Array): void;
scramble(view as unknown as Uint8Array);`, 'writableArgument', 2, 10),
    invalid(`declare function scramble(...chunks: Uint8Array[]): void;
const alias = view as unknown as Uint8Array;
scramble(new Uint8Array(1), alias);`, 'writableArgument', 3, 29),
    invalid(`export function leak(): Uint8Array {
  return view as unknown as Uint8Array;
}`, 'writableEscape', 2, 10),
    invalid(`const holder = { data: view as unknown as Uint8Array };`, 'writableEscape', 1, 24),
    invalid(`class Cache {
  entry: Uint8Array | undefined;
  keep(): void { this.entry = view as unknown as Uint8Array; }
}`, 'writableEscape', 3, 31),
    // the adapter feeding an API not known to only read
    invalid(`declare function scramble(data: Uint8Array): void;
scramble(asReadonlyInput(view));`, 'unjustifiedReadonlyInput', 2, 10),
    invalid(`declare function scramble(data: Uint8Array): void;
const input = asReadonlyInput(view);
scramble(input);`, 'unjustifiedReadonlyInput', 3, 10),
    invalid(`declare function scramble(data: Uint8Array): void;
// xorview-unsafe:
scramble(asReadonlyInput(view));`, 'unjustifiedReadonlyInput', 3, 10),
    invalid(`declare function scramble(data: Uint8Array): void;
scramble(asReadonlyInput(view));`, 'unjustifiedReadonlyInput', 2, 10, { readOnlyFunctions: ['unscramble'] }),
    invalid(`import { readSync } from 'node:fs';
readSync(0, asReadonlyInput(view));`, 'unjustifiedReadonlyInput', 2, 13),
    invalid(`(asReadonlyInput(view))[0] = 1;`, 'writeThroughAlias', 1, 1),
    // a renamed adapter import is still the adapter
    {
      code: `import { asReadonlyInput as readonlyInput, type ImmutableView } from 'xorview';
declare const view: ImmutableView;
declare function scramble(data: Uint8Array): void;
scramble(readonlyInput(view));`,
      errors: [{ messageId: 'unjustifiedReadonlyInput', line: 4, column: 10 }],
    },
    // one write reached through two aliases is one error
    {
      code: `${prelude}const first = view as any;
const second: any = view;
const third = view as unknown as Uint8Array;
first[0] = second[0] = third[0] = 1;`,
      errors: [
        { messageId: 'writeThroughAlias', line: 6, column: 1 },
        { messageId: 'writeThroughAlias', line: 6, column: 12 },
        { messageId: 'writeThroughAlias', line: 6, column: 24 },
      ],
    },
  ],
});
