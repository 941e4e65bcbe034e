/**
 * `Float16Array` where the compiler's lib declares it (TypeScript's `es2025`/`esnext.float16`),
 * otherwise `never`, so the view-kind family stays complete without requiring a newer lib.
 */
export type Float16ArrayKind = typeof globalThis extends { Float16Array: { readonly prototype: infer Instance } }
  ? Instance
  : never;

/**
 * Every TypedArray class, over any kind of buffer.
 *
 * @example
 * ```
 * import type { TypedArrayKind } from 'xorview';
 *
 * const kinds: TypedArrayKind[] = [new Uint8Array(4), new Float64Array(2), new BigInt64Array(1)];
 * ```
 */
export type TypedArrayKind =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float16ArrayKind
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** The `Symbol.toStringTag` of every TypedArray class. */
export type TypedArrayTag =
  | 'Int8Array'
  | 'Uint8Array'
  | 'Uint8ClampedArray'
  | 'Int16Array'
  | 'Uint16Array'
  | 'Int32Array'
  | 'Uint32Array'
  | 'Float16Array'
  | 'Float32Array'
  | 'Float64Array'
  | 'BigInt64Array'
  | 'BigUint64Array';

/**
 * The few members that tell a TypedArray class apart, for generic constraints. The classes are
 * large structural types that differ only in their tag and element type: checking a class against
 * the `TypedArrayKind` union compares it member by member with every earlier class, which made a
 * constraint check cost more than the rest of a function. Checking this shape costs a handful of
 * property lookups and accepts exactly the TypedArray classes.
 */
export interface TypedArrayShape {
  readonly BYTES_PER_ELEMENT: number;
  readonly buffer: ArrayBufferLike;
  readonly byteLength: number;
  readonly byteOffset: number;
  readonly [Symbol.toStringTag]: TypedArrayTag;
  slice(start?: number, end?: number): unknown;
}

/**
 * The constraint of the view types' `Array` parameter: every TypedArray class and `DataView`,
 * spelled so the compiler checks it cheaply (see {@link TypedArrayShape}).
 */
export type ViewKindShape = TypedArrayShape | DataView;

/**
 * Everything a view can be: every TypedArray class and `DataView`.
 *
 * Use-cases:
 * - Constraining a generic parameter that receives any view (`<Array extends ViewKind>`).
 * - The `Array` parameter of `ImmutableView`, `ExclusiveView`, `RawView` and `View`.
 *
 * @example
 * ```
 * import type { ImmutableView, ViewKind } from 'xorview';
 *
 * function byteLengthOf<Array extends ViewKind>(view: ImmutableView<Array>): number {
 *   return view.byteLength;
 * }
 * ```
 */
export type ViewKind = TypedArrayKind | DataView;

/**
 * The constructor of a view kind, as passed to `acquire(…, { as })`.
 *
 * @example
 * ```
 * import type { ViewConstructor } from 'xorview';
 *
 * const as: ViewConstructor = Float64Array;
 * ```
 */
export type ViewConstructor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Uint8ClampedArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | (typeof globalThis extends { Float16Array: infer Constructor } ? Constructor : never)
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor
  | DataViewConstructor;

/**
 * The element type of a view kind: `number`, `bigint` for the BigInt arrays, and `never` for
 * `DataView`, which has no elements (it reads and writes through typed getters and setters).
 *
 * @example
 * ```
 * import type { ElementOf } from 'xorview';
 *
 * type Sample = ElementOf<Float32Array>; //=> number
 * type Word = ElementOf<BigUint64Array>; //=> bigint
 * ```
 */
export type ElementOf<Array> = Array extends Readonly<Record<number, infer Element>> ? Element : never;

/**
 * The view kind a constructor builds, over buffer type `Buffer` (what `acquire` returns for
 * `{ as: Constructor }` on an exporter whose memory is a `Buffer`).
 *
 * @example
 * ```
 * import type { KindOf } from 'xorview';
 *
 * type Samples = KindOf<Float64ArrayConstructor, ArrayBuffer>; //=> Float64Array<ArrayBuffer>
 * ```
 */
export type KindOf<Constructor, Buffer extends ArrayBufferLike = ArrayBufferLike> =
  Constructor extends { readonly prototype: infer Prototype } ? WithBuffer<Prototype, Buffer> : never;

/**
 * A view kind re-bound to another buffer type: `WithBuffer<Uint8Array, SharedArrayBuffer>` is
 * `Uint8Array<SharedArrayBuffer>`. Distributes over unions.
 *
 * Dispatches on the class's `Symbol.toStringTag` (a lookup) rather than on a chain of `extends`
 * checks, which compared the large TypedArray interfaces member by member.
 */
export type WithBuffer<Array, Buffer extends ArrayBufferLike> = Array extends DataView
  ? DataView<Buffer>
  : Array extends { readonly [Symbol.toStringTag]: infer Tag extends TypedArrayTag }
    ? TypedArrayByTag<Buffer>[Tag]
    : never;

/** Each TypedArray class over `Buffer`, by its tag. */
interface TypedArrayByTag<Buffer extends ArrayBufferLike> {
  Int8Array: Int8Array<Buffer>;
  Uint8Array: Uint8Array<Buffer>;
  Uint8ClampedArray: Uint8ClampedArray<Buffer>;
  Int16Array: Int16Array<Buffer>;
  Uint16Array: Uint16Array<Buffer>;
  Int32Array: Int32Array<Buffer>;
  Uint32Array: Uint32Array<Buffer>;
  Float16Array: Float16WithBuffer<Buffer>;
  Float32Array: Float32Array<Buffer>;
  Float64Array: Float64Array<Buffer>;
  BigInt64Array: BigInt64Array<Buffer>;
  BigUint64Array: BigUint64Array<Buffer>;
}

/**
 * `Float16Array<Buffer>` spelled without naming `Float16Array`, which older libs lack. Exact for
 * `ArrayBuffer`; for other buffers, the lib's `Float16Array` with `buffer` narrowed (the lib's
 * generic constructor cannot be instantiated from a type alone).
 */
type Float16WithBuffer<Buffer extends ArrayBufferLike> = typeof globalThis extends {
  Float16Array: { of(...items: number[]): infer Fresh };
}
  ? [Buffer] extends [ArrayBuffer]
    ? [ArrayBuffer] extends [Buffer]
      ? Fresh
      : Float16ArrayKind & { readonly buffer: Buffer }
    : Float16ArrayKind & { readonly buffer: Buffer }
  : never;
