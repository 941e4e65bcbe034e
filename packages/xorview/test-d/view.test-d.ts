// View<Mode, Array>: the mode picks the view type; unions distribute.
import { expectType } from 'tsd';
import type { AccessMode, ExclusiveView, ImmutableView, RawView, View } from 'xorview';

declare const immutable: View<'immutable', Int16Array<ArrayBuffer>>;
declare const exclusive: View<'exclusive', Int16Array<ArrayBuffer>>;
declare const raw: View<'raw', Int16Array<ArrayBuffer>>;
declare const any: View<AccessMode, Int16Array<ArrayBuffer>>;
declare const defaults: View;
declare const never: View<never>;

expectType<ImmutableView<Int16Array<ArrayBuffer>>>(immutable);
expectType<ExclusiveView<Int16Array<ArrayBuffer>>>(exclusive);
expectType<RawView<Int16Array<ArrayBuffer>>>(raw);
expectType<ImmutableView<Int16Array<ArrayBuffer>> | ExclusiveView<Int16Array<ArrayBuffer>> | RawView<Int16Array<ArrayBuffer>>>(any);
expectType<ImmutableView | ExclusiveView | RawView>(defaults);
expectType<never>(never);

// @ts-expect-error: not a mode
type Wrong = View<'IMMUTABLE'>;
