/**
 * A `DataView` with its setters removed: every `get*` method, no `set*`.
 *
 * Use-cases:
 * - The shape of `ImmutableView<DataView>`.
 * - Parsing binary formats from memory you only promise to read.
 *
 * @example
 * ```
 * import type { ReadonlyDataView } from 'xorview';
 *
 * function magic(header: ReadonlyDataView): number {
 *   return header.getUint32(0, false);
 * }
 * ```
 */
export interface ReadonlyDataView<Buffer extends ArrayBufferLike = ArrayBufferLike> extends Float16Getter {
  readonly buffer: Buffer;
  readonly byteLength: number;
  readonly byteOffset: number;
  readonly [Symbol.toStringTag]: string;
  getBigInt64(byteOffset: number, littleEndian?: boolean): bigint;
  getBigUint64(byteOffset: number, littleEndian?: boolean): bigint;
  getFloat32(byteOffset: number, littleEndian?: boolean): number;
  getFloat64(byteOffset: number, littleEndian?: boolean): number;
  getInt8(byteOffset: number): number;
  getInt16(byteOffset: number, littleEndian?: boolean): number;
  getInt32(byteOffset: number, littleEndian?: boolean): number;
  getUint8(byteOffset: number): number;
  getUint16(byteOffset: number, littleEndian?: boolean): number;
  getUint32(byteOffset: number, littleEndian?: boolean): number;
}

/** `getFloat16` where the lib declares it (Float16 support), nothing otherwise. */
type Float16Getter = DataView extends { getFloat16: infer Getter } ? { getFloat16: Getter } : object;
