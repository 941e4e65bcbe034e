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
 */
export type WithBuffer<Array, Buffer extends ArrayBufferLike> = Array extends DataView
  ? DataView<Buffer>
  : Array extends Uint8ClampedArray
    ? Uint8ClampedArray<Buffer>
    : Array extends Uint8Array
      ? Uint8Array<Buffer>
      : Array extends Int8Array
        ? Int8Array<Buffer>
        : Array extends Int16Array
          ? Int16Array<Buffer>
          : Array extends Uint16Array
            ? Uint16Array<Buffer>
            : Array extends Int32Array
              ? Int32Array<Buffer>
              : Array extends Uint32Array
                ? Uint32Array<Buffer>
                : Array extends Float32Array
                  ? Float32Array<Buffer>
                  : Array extends Float64Array
                    ? Float64Array<Buffer>
                    : Array extends BigInt64Array
                      ? BigInt64Array<Buffer>
                      : Array extends BigUint64Array
                        ? BigUint64Array<Buffer>
                        : Array extends Float16ArrayKind
                          ? Float16WithBuffer<Buffer>
                          : never;

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
