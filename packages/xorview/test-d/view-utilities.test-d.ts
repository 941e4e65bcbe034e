// Type-level utilities for users' own type tests.
import { expectType } from 'tsd';
import type {
  ExclusiveView,
  ImmutableView,
  IsExclusiveView,
  IsImmutableView,
  IsRawView,
  IsReadOnlyParameter,
  IsView,
  ModeOf,
  RawView,
} from 'xorview';

expectType<true>(true as IsImmutableView<ImmutableView<Float32Array>>);
expectType<true>(true as IsImmutableView<ImmutableView<DataView>>);
expectType<false>(false as IsImmutableView<ExclusiveView>);
expectType<false>(false as IsImmutableView<Uint8Array>);
expectType<false>(false as IsImmutableView<any>);
expectType<false>(false as IsImmutableView<never>);
expectType<false>(false as IsImmutableView<unknown>);

expectType<true>(true as IsExclusiveView<ExclusiveView<BigInt64Array>>);
expectType<false>(false as IsExclusiveView<ImmutableView>);
expectType<false>(false as IsExclusiveView<RawView>);
expectType<true>(true as IsRawView<RawView<Int8Array>>);
expectType<false>(false as IsRawView<Int8Array>);
expectType<true>(true as IsView<RawView>);
expectType<true>(true as IsView<ImmutableView>);
expectType<false>(false as IsView<DataView>);
expectType<false>(false as IsView<any>);

expectType<'immutable'>('immutable' as ModeOf<ImmutableView<Uint16Array>>);
expectType<'exclusive'>('exclusive' as ModeOf<ExclusiveView<Uint16Array>>);
expectType<'raw'>('raw' as ModeOf<RawView<Uint16Array>>);
expectType<never>(0 as never as ModeOf<Uint16Array>);
expectType<never>(0 as never as ModeOf<any>);
expectType<never>(0 as never as ModeOf<unknown>);
expectType<never>(0 as never as ModeOf<never>);

// Pinning down read-only APIs.
declare function checksum(data: ImmutableView): number;
declare function scramble(data: Uint8Array): void;
declare function either(data: ImmutableView | Uint8Array): void;
declare function loose(data: any): void;
declare function opaque(data: unknown): void;
declare function refill(data: ExclusiveView): void;
declare function second(label: string, data: ImmutableView<Float64Array>): void;
expectType<true>(true as IsReadOnlyParameter<typeof checksum>);
expectType<false>(false as IsReadOnlyParameter<typeof scramble>);
expectType<false>(false as IsReadOnlyParameter<typeof either>);
expectType<false>(false as IsReadOnlyParameter<typeof loose>);
expectType<false>(false as IsReadOnlyParameter<typeof opaque>);
expectType<false>(false as IsReadOnlyParameter<typeof refill>);
expectType<true>(true as IsReadOnlyParameter<typeof second, 1, Float64Array>);
expectType<false>(false as IsReadOnlyParameter<typeof second, 0>);

// Generic code infers the view class from any view, including a reborrowed exclusive one.
declare function kindOf<Array extends ViewKindForInference>(view: ImmutableView<Array>): Array;
type ViewKindForInference = import('xorview').ViewKind;
declare const exclusiveSamples: ExclusiveView<Float32Array<ArrayBuffer>>;
declare const sharedSamples: ImmutableView<Float32Array<ArrayBuffer>>;
expectType<Float32Array<ArrayBuffer>>(kindOf(exclusiveSamples));
expectType<Float32Array<ArrayBuffer>>(kindOf(sharedSamples));
// @ts-expect-error: a raw view is no reborrow
kindOf(0 as unknown as RawView<Float32Array<ArrayBuffer>>);
