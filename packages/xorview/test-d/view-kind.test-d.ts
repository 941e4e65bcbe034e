// ViewKind, ElementOf, KindOf, WithBuffer: every TypedArray class and DataView.
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ElementOf, ImmutableView, KindOf, TypedArrayKind, ViewConstructor, ViewKind, WithBuffer } from 'xorview';

expectAssignable<ViewKind>(new Int8Array(1));
expectAssignable<ViewKind>(new Uint8Array(1));
expectAssignable<ViewKind>(new Uint8ClampedArray(1));
expectAssignable<ViewKind>(new Int16Array(1));
expectAssignable<ViewKind>(new Uint16Array(1));
expectAssignable<ViewKind>(new Int32Array(1));
expectAssignable<ViewKind>(new Uint32Array(1));
expectAssignable<ViewKind>(new Float16Array(1));
expectAssignable<ViewKind>(new Float32Array(1));
expectAssignable<ViewKind>(new Float64Array(1));
expectAssignable<ViewKind>(new BigInt64Array(1));
expectAssignable<ViewKind>(new BigUint64Array(1));
expectAssignable<ViewKind>(new DataView(new ArrayBuffer(1)));
expectNotAssignable<TypedArrayKind>(new DataView(new ArrayBuffer(1)));
expectNotAssignable<ViewKind>([1, 2, 3]);
expectNotAssignable<ViewKind>(new ArrayBuffer(1));

expectAssignable<ViewConstructor>(Float16Array);
expectAssignable<ViewConstructor>(DataView);
expectNotAssignable<ViewConstructor>(Array);

expectType<number>(0 as ElementOf<Float32Array>);
expectType<bigint>(0n as ElementOf<BigInt64Array>);
expectType<never>(0 as never as ElementOf<DataView>);
expectType<number>(0 as ElementOf<ImmutableView<Int32Array>>);

expectType<Float64Array<ArrayBuffer>>(new Float64Array(1) as KindOf<Float64ArrayConstructor, ArrayBuffer>);
expectType<DataView<SharedArrayBuffer>>(
  new DataView(new SharedArrayBuffer(1)) as KindOf<DataViewConstructor, SharedArrayBuffer>,
);
expectType<Uint8ClampedArray<SharedArrayBuffer>>(
  new Uint8ClampedArray(new SharedArrayBuffer(1)) as WithBuffer<Uint8ClampedArray, SharedArrayBuffer>,
);
expectType<Float16Array<ArrayBuffer>>(new Float16Array(1) as KindOf<typeof Float16Array, ArrayBuffer>);

// Every kind has an immutable view whose reads have the element type.
declare const halves: ImmutableView<Float16Array<ArrayBuffer>>;
expectType<number | undefined>(halves.at(0));
// @ts-expect-error: read-only
halves[0] = 1;
