import type { ElementOf, TypedArrayShape } from './view-kind.js';

/** The members of {@link ReadonlyTypedArray} that every supported lib (ES2022 and later) has. */
export interface ReadonlyTypedArrayCore<Array extends TypedArrayShape> {
  readonly [index: number]: ElementOf<Array>;
  readonly BYTES_PER_ELEMENT: number;
  readonly buffer: Array['buffer'];
  readonly byteLength: number;
  readonly byteOffset: number;
  readonly length: number;
  readonly [Symbol.toStringTag]: Array[typeof Symbol.toStringTag];

  at(index: number): ElementOf<Array> | undefined;
  entries(): ArrayIterator<[number, ElementOf<Array>]>;
  every(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): boolean;
  filter(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): CopyOf<Array>;
  find<Found extends ElementOf<Array>>(
    predicate: (value: ElementOf<Array>, index: number, array: this) => value is Found,
    thisArg?: unknown,
  ): Found | undefined;
  find(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): ElementOf<Array> | undefined;
  findIndex(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): number;
  forEach(callback: (value: ElementOf<Array>, index: number, array: this) => void, thisArg?: unknown): void;
  includes(searchElement: ElementOf<Array>, fromIndex?: number): boolean;
  indexOf(searchElement: ElementOf<Array>, fromIndex?: number): number;
  join(separator?: string): string;
  keys(): ArrayIterator<number>;
  lastIndexOf(searchElement: ElementOf<Array>, fromIndex?: number): number;
  map(callback: (value: ElementOf<Array>, index: number, array: this) => ElementOf<Array>, thisArg?: unknown): CopyOf<Array>;
  reduce(
    callback: (previous: ElementOf<Array>, current: ElementOf<Array>, index: number, array: this) => ElementOf<Array>,
  ): ElementOf<Array>;
  reduce<Accumulator>(
    callback: (previous: Accumulator, current: ElementOf<Array>, index: number, array: this) => Accumulator,
    initialValue: Accumulator,
  ): Accumulator;
  reduceRight(
    callback: (previous: ElementOf<Array>, current: ElementOf<Array>, index: number, array: this) => ElementOf<Array>,
  ): ElementOf<Array>;
  reduceRight<Accumulator>(
    callback: (previous: Accumulator, current: ElementOf<Array>, index: number, array: this) => Accumulator,
    initialValue: Accumulator,
  ): Accumulator;
  slice(start?: number, end?: number): CopyOf<Array>;
  some(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): boolean;
  /** The same memory, narrowed: read-only again. */
  subarray(begin?: number, end?: number): this;
  toLocaleString(locales?: string | string[], options?: Intl.NumberFormatOptions): string;
  toString(): string;
  /** The same memory: read-only again. */
  valueOf(): this;
  values(): ArrayIterator<ElementOf<Array>>;
  [Symbol.iterator](): ArrayIterator<ElementOf<Array>>;
}

/**
 * The ES2023 members (`findLast`, `findLastIndex`, `toReversed`, `toSorted`, `with`), present
 * exactly when the compiler's lib gives them to the underlying class, so an `ExclusiveView`
 * stays assignable to an `ImmutableView` under any `lib` setting.
 */
export interface ReadonlyTypedArrayES2023<Array extends TypedArrayShape> {
  findLast<Found extends ElementOf<Array>>(
    predicate: (value: ElementOf<Array>, index: number, array: this) => value is Found,
    thisArg?: unknown,
  ): Found | undefined;
  findLast(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): ElementOf<Array> | undefined;
  findLastIndex(predicate: (value: ElementOf<Array>, index: number, array: this) => unknown, thisArg?: unknown): number;
  toReversed(): CopyOf<Array>;
  toSorted(compare?: (first: ElementOf<Array>, second: ElementOf<Array>) => number): CopyOf<Array>;
  with(index: number, value: ElementOf<Array>): CopyOf<Array>;
}

/**
 * A TypedArray with every write path removed: the read-only typed array TypeScript itself declined
 * to ship (microsoft/TypeScript#37792).
 *
 * Unlike a naive `Readonly<Uint8Array>` or an `Omit` of the mutators, it closes the known leaks:
 * `subarray()`, `valueOf()` and the third argument of every callback hand back *the same memory*,
 * so they return this read-only type again (`this`), never the writable class. Methods that copy
 * (`slice`, `map`, `filter`, `toSorted`, `toReversed`, `with`) return ordinary writable arrays,
 * because the copy is yours.
 *
 * Use-cases:
 * - The shape of `ImmutableView` (which adds the view brand).
 * - Typing your own read-only APIs over memory you do not acquire through xorview.
 *
 * @example
 * ```
 * import type { ReadonlyTypedArray } from 'xorview';
 *
 * function sum(samples: ReadonlyTypedArray<Float32Array>): number {
 *   return samples.reduce((total, sample) => total + sample, 0);
 * }
 * ```
 */
export type ReadonlyTypedArray<Array extends TypedArrayShape> = ReadonlyTypedArrayCore<Array> &
  (Array extends { toSorted: unknown } ? ReadonlyTypedArrayES2023<Array> : unknown);

/** The fresh, writable array a copying method (`slice`, `map`, `toSorted`, …) returns. */
export type CopyOf<Array extends TypedArrayShape> = ReturnType<Array['slice']>;

/** A read-only `Int8Array`. */
export type ReadonlyInt8Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Int8Array<Buffer>>;
/** A read-only `Uint8Array`. */
export type ReadonlyUint8Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Uint8Array<Buffer>>;
/** A read-only `Uint8ClampedArray`. */
export type ReadonlyUint8ClampedArray<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<
  Uint8ClampedArray<Buffer>
>;
/** A read-only `Int16Array`. */
export type ReadonlyInt16Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Int16Array<Buffer>>;
/** A read-only `Uint16Array`. */
export type ReadonlyUint16Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Uint16Array<Buffer>>;
/** A read-only `Int32Array`. */
export type ReadonlyInt32Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Int32Array<Buffer>>;
/** A read-only `Uint32Array`. */
export type ReadonlyUint32Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Uint32Array<Buffer>>;
/** A read-only `Float32Array`. */
export type ReadonlyFloat32Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Float32Array<Buffer>>;
/** A read-only `Float64Array`. */
export type ReadonlyFloat64Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<Float64Array<Buffer>>;
/** A read-only `BigInt64Array`. */
export type ReadonlyBigInt64Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<
  BigInt64Array<Buffer>
>;
/** A read-only `BigUint64Array`. */
export type ReadonlyBigUint64Array<Buffer extends ArrayBufferLike = ArrayBufferLike> = ReadonlyTypedArray<
  BigUint64Array<Buffer>
>;
