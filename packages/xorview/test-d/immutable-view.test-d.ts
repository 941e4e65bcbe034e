// ImmutableView: no write path, same-memory methods stay immutable, copies are writable (SPEC §5).
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ExclusiveView, ImmutableView, RawView, ReadonlyTypedArray } from 'xorview';

declare const bytes: ImmutableView<Uint8Array<ArrayBuffer>>;
declare const samples: ImmutableView<Float64Array<ArrayBuffer>>;
declare const words: ImmutableView<BigUint64Array<ArrayBuffer>>;

// Reads work and have the element type.
expectType<number>(bytes[0] ?? 0);
expectType<number | undefined>(samples.at(-1));
expectType<bigint | undefined>(words[0]);
expectType<number>(bytes.length);
expectType<ArrayBuffer>(bytes.buffer);

// Index assignment is refused, for every kind.
// @ts-expect-error: read-only index signature
bytes[0] = 1;
// @ts-expect-error: read-only index signature
samples[1] = 0.5;
// @ts-expect-error: read-only index signature
words[0] = 1n;
// @ts-expect-error: compound assignment writes too
bytes[0] += 1;
// @ts-expect-error: increments write too
bytes[0]++;
// @ts-expect-error: length is read-only
bytes.length = 0;

// Every mutator is absent.
// @ts-expect-error: no set
bytes.set([1, 2, 3]);
// @ts-expect-error: no fill
bytes.fill(0);
// @ts-expect-error: no copyWithin
bytes.copyWithin(0, 1);
// @ts-expect-error: no reverse (it reverses in place)
bytes.reverse();
// @ts-expect-error: no sort (it sorts in place)
samples.sort();
// @ts-expect-error: no setFromHex (writes in place)
bytes.setFromHex('00');

// The known leaks of naive read-only typed arrays (microsoft/TypeScript#37792) are closed:
// subarray, valueOf and every callback's `array` argument return the same memory read-only.
expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(bytes.subarray(1, 2));
expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(bytes.valueOf());
// @ts-expect-error: the sub-view is read-only too
bytes.subarray(1)[0] = 1;
// @ts-expect-error: valueOf() hands back the same memory
bytes.valueOf()[0] = 1;
bytes.forEach((_value, _index, array) => {
  expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(array);
  // @ts-expect-error: forEach's array argument
  array[0] = 1;
});
bytes.map((value, _index, array) => {
  // @ts-expect-error: map's array argument
  array.fill(0);
  return value;
});
bytes.every((_value, _index, array) => {
  // @ts-expect-error: every's array argument
  array[0] = 1;
  return true;
});
bytes.some((_value, _index, array) => {
  // @ts-expect-error: some's array argument
  array[0] = 1;
  return true;
});
bytes.filter((_value, _index, array) => {
  // @ts-expect-error: filter's array argument
  array.set([1]);
  return true;
});
bytes.find((_value, _index, array) => {
  // @ts-expect-error: find's array argument
  array[0] = 1;
  return true;
});
bytes.findIndex((_value, _index, array) => {
  // @ts-expect-error: findIndex's array argument
  array[0] = 1;
  return true;
});
bytes.findLast((_value, _index, array) => {
  // @ts-expect-error: findLast's array argument
  array[0] = 1;
  return true;
});
bytes.findLastIndex((_value, _index, array) => {
  // @ts-expect-error: findLastIndex's array argument
  array[0] = 1;
  return true;
});
bytes.reduce((total, value, _index, array) => {
  // @ts-expect-error: reduce's array argument
  array[0] = 1;
  return total + value;
}, 0);
bytes.reduceRight((total, value, _index, array) => {
  // @ts-expect-error: reduceRight's array argument
  array[0] = 1;
  return total + value;
}, 0);

// Copying methods return ordinary writable arrays: the copy is yours.
expectType<Uint8Array<ArrayBuffer>>(bytes.slice());
expectType<Uint8Array<ArrayBuffer>>(bytes.map((value) => value * 2));
expectType<Uint8Array<ArrayBuffer>>(bytes.filter((value) => value > 0));
expectType<Uint8Array<ArrayBuffer>>(bytes.toSorted());
expectType<Uint8Array<ArrayBuffer>>(bytes.toReversed());
expectType<Uint8Array<ArrayBuffer>>(bytes.with(0, 1));
expectType<Float64Array<ArrayBuffer>>(samples.toSorted((first, second) => first - second));
expectType<BigUint64Array<ArrayBuffer>>(words.slice(1));
const copy = bytes.slice();
copy[0] = 1;

// Assignability: not to any writable type, not to the safe writable view, not from plain arrays.
expectNotAssignable<Uint8Array>(bytes);
expectNotAssignable<Uint8Array<ArrayBuffer>>(bytes);
expectNotAssignable<ExclusiveView<Uint8Array<ArrayBuffer>>>(bytes);
expectNotAssignable<RawView<Uint8Array<ArrayBuffer>>>(bytes);
expectNotAssignable<{ set(array: ArrayLike<number>): void }>(bytes);
expectNotAssignable<ImmutableView<Uint8Array<ArrayBuffer>>>(new Uint8Array(4));
expectNotAssignable<ImmutableView>(new Uint8Array(4));
expectNotAssignable<ImmutableView<Float64Array<ArrayBuffer>>>(bytes);
expectNotAssignable<ImmutableView<Uint8ClampedArray<ArrayBuffer>>>(bytes);
// It still is a read-only typed array.
expectAssignable<ReadonlyTypedArray<Uint8Array<ArrayBuffer>>>(bytes);
expectAssignable<ArrayLike<number>>(bytes);
expectAssignable<Iterable<number>>(bytes);
expectAssignable<ImmutableView>(bytes);

// @ts-expect-error: a plain array is not a view
const forged: ImmutableView = new Uint8Array(4);
// @ts-expect-error: an immutable view never becomes writable without a cast
const writable: Uint8Array = bytes;
void forged;
void writable;

// Edge cases: `any` slips through (as it does everywhere; the lint rule catches it), `never` is
// assignable to everything, `unknown` to nothing.
declare const anything: any;
expectAssignable<ImmutableView>(anything);
declare const nothing: never;
expectAssignable<ImmutableView>(nothing);
declare const mystery: unknown;
expectNotAssignable<ImmutableView>(mystery);
// An ImmutableView is disposable (`using` releases it).
expectAssignable<Disposable>(bytes);

// A known hole, stated rather than hidden: TypeScript lets a read-only index signature flow into
// a mutable one (microsoft/TypeScript#13347), so a structural `{ [index: number]: number }`
// target accepts a view and could be written through. `no-write-through-shared-view` reports
// that flow. Should TypeScript close the hole, this assertion fails and the docs change with it.
expectAssignable<{ [index: number]: number }>(bytes);
