import type { ViewBrand } from './brand.js';
import type { ViewKindShape } from './view-kind.js';

/**
 * Narrowing methods that return the same memory in the same mode. Placed first in the view
 * intersections so overload resolution picks them over the class's own `subarray`.
 */
export interface SubViewOf {
  /** The same memory, narrowed: a sub-view that inherits this view's mode and dies with it. */
  subarray(begin?: number, end?: number): this;
}

/**
 * The one view that may read or write a byte range while it is held: Rust's `&mut [u8]`.
 *
 * It is a real, writable typed array (or DataView), so it passes to every platform API that
 * writes into a buffer, and it may be passed where an `ImmutableView` is expected (a reborrow).
 * `subarray` returns an `ExclusiveView` of the same kind. A plain typed array is not assignable to
 * it: exclusive views come from `acquire` only.
 *
 * Use-cases:
 * - Filling a buffer in place (decoders, `fs.readSync` targets, WebAssembly output).
 * - Handing a region to one worker that may mutate it while nobody else looks.
 *
 * @example
 * ```
 * import { OwnedBuffer, acquire, type ExclusiveView } from 'xorview';
 *
 * function fillRamp(target: ExclusiveView<Uint8Array>): void {
 *   for (let index = 0; index < target.length; index++) target[index] = index;
 * }
 *
 * const pixels = new OwnedBuffer(256);
 * using view = acquire(pixels, 'exclusive');
 * fillRamp(view);
 * ```
 */
export type ExclusiveView<Array extends ViewKindShape = Uint8Array> = (Array extends DataView ? unknown : SubViewOf) &
  Array &
  ViewBrand<'exclusive', Array> &
  Disposable;
