// RawView: shared and mutable, assignable to neither safe view type (SPEC §5).
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ExclusiveView, ImmutableView, RawView } from 'xorview';

declare const ring: RawView<Float32Array<SharedArrayBuffer>>;

ring[0] = 1.5;
ring.set([1, 2]);
expectType<RawView<Float32Array<SharedArrayBuffer>>>(ring.subarray(1));
expectType<SharedArrayBuffer>(ring.buffer);

expectNotAssignable<ImmutableView<Float32Array<SharedArrayBuffer>>>(ring);
expectNotAssignable<ExclusiveView<Float32Array<SharedArrayBuffer>>>(ring);
expectNotAssignable<ImmutableView<Float32Array>>(ring);
// Raw is the status quo made explicit: it still is the plain class.
expectAssignable<Float32Array<SharedArrayBuffer>>(ring);
expectNotAssignable<RawView<Float32Array<SharedArrayBuffer>>>(new Float32Array(new SharedArrayBuffer(8)));

// @ts-expect-error: a raw view is not a safe shared view
const asShared: ImmutableView<Float32Array<SharedArrayBuffer>> = ring;
// @ts-expect-error: nor a safe exclusive one
const asExclusive: ExclusiveView<Float32Array<SharedArrayBuffer>> = ring;
void asShared;
void asExclusive;
