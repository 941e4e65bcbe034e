// ExclusiveView: writable, reborrows as ImmutableView, never forged from a plain array (SPEC §5).
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ExclusiveView, ImmutableView, RawView } from 'xorview';

declare const pixels: ExclusiveView<Uint8ClampedArray<ArrayBuffer>>;
declare const words: ExclusiveView<BigInt64Array<ArrayBuffer>>;

pixels[0] = 255;
pixels.fill(0);
pixels.set([1, 2, 3], 4);
pixels.copyWithin(0, 4);
pixels.reverse();
pixels.sort();
words[0] = 1n;
// @ts-expect-error: elements of a BigInt64Array are bigints
words[0] = 1;

// Sub-views inherit the exclusive mode.
expectType<ExclusiveView<Uint8ClampedArray<ArrayBuffer>>>(pixels.subarray(2));
expectType<ExclusiveView<Uint8ClampedArray<ArrayBuffer>>>(pixels.valueOf());
pixels.forEach((_value, _index, array) => {
  expectType<ExclusiveView<Uint8ClampedArray<ArrayBuffer>>>(array);
});

// A reborrow: an exclusive view passes where an immutable one is expected.
expectAssignable<ImmutableView<Uint8ClampedArray<ArrayBuffer>>>(pixels);
expectAssignable<ImmutableView<Uint8ClampedArray>>(pixels);
// It is a real array, so it passes to every API that writes into one.
expectAssignable<Uint8ClampedArray<ArrayBuffer>>(pixels);
// But it is not raw, and a plain array or an immutable view cannot become exclusive.
expectNotAssignable<RawView<Uint8ClampedArray<ArrayBuffer>>>(pixels);
expectNotAssignable<ExclusiveView<Uint8ClampedArray<ArrayBuffer>>>(new Uint8ClampedArray(4));
declare const shared: ImmutableView<Uint8ClampedArray<ArrayBuffer>>;
expectNotAssignable<ExclusiveView<Uint8ClampedArray<ArrayBuffer>>>(shared);
// Kinds do not mix: Uint8ClampedArray is not Uint8Array.
expectNotAssignable<ExclusiveView<Uint8Array<ArrayBuffer>>>(pixels);

// @ts-expect-error: views come from acquire only
const forged: ExclusiveView = new Uint8Array(8);
void forged;

declare const mystery: unknown;
expectNotAssignable<ExclusiveView>(mystery);
expectAssignable<Disposable>(pixels);
