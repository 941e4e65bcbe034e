import type { ViewBrand } from './brand.js';
import type { ReadonlyDataView } from './readonly-data-view.js';
import type { ReadonlyTypedArray } from './readonly-typed-array.js';
import type { TypedArrayShape, ViewKindShape } from './view-kind.js';

/**
 * The read-only shape of any view kind: `ReadonlyTypedArray` for typed arrays, `ReadonlyDataView`
 * for `DataView`. Distributes over unions of kinds.
 */
export type ReadonlyViewKind<Array extends ViewKindShape> = Array extends DataView
  ? ReadonlyDataView<Array['buffer']>
  : Array extends TypedArrayShape
    ? ReadonlyTypedArray<Array>
    : never;

/**
 * A shared, read-only view: while any immutable view of a byte range is held, nothing (the
 * exporter included) writes those bytes. Any number of immutable views of the same range coexist.
 *
 * The type has no write path: no index assignment, no `set`/`fill`/`copyWithin`/`reverse`/`sort`,
 * no DataView setters, and every method that returns the same memory (`subarray`, `valueOf`, the
 * `array` argument of callbacks) returns an `ImmutableView` again. It is not assignable to
 * `Uint8Array` or any writable type. It passes without a copy to read-only platform consumers that
 * take `BufferSource`/`AllowSharedBufferSource` (`TextDecoder`, `crypto.subtle`, `Blob`,
 * `Response`); for Node parameters typed with the writable `NodeJS.ArrayBufferView` union, use
 * `asReadonlyInput`.
 *
 * Use-cases:
 * - Parameters of functions that only read binary data: the signature states the promise.
 * - Sharing one decoded frame with many readers without a defensive copy.
 *
 * @example
 * ```
 * import { acquire, type ImmutableView } from 'xorview';
 *
 * function checksum(data: ImmutableView): number {
 *   return data.reduce((sum, byte) => (sum + byte) & 0xff, 0);
 * }
 *
 * using view = acquire(new Uint8Array([1, 2, 3]), 'immutable');
 * checksum(view); //=> 6
 * // view[0] = 9; // error: Index signature in type … only permits reading.
 * ```
 */
export type ImmutableView<Array extends ViewKindShape = Uint8Array> = ReadonlyViewKind<Array> &
  ViewBrand<'immutable' | 'exclusive', Array> &
  Disposable;
