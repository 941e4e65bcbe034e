import type { ViewBrand } from './brand.js';
import type { SubViewOf } from './exclusive-view.js';
import type { ViewKindShape } from './view-kind.js';

/**
 * A shared *and* mutable view with no guarantee to anyone: the status quo of plain typed arrays,
 * made explicit and greppable. Raw views coexist only with other raw views.
 *
 * It is assignable to the plain array type (that is what raw means) but to neither safe view type:
 * a `RawView` never passes where an `ImmutableView` or `ExclusiveView` is expected. The ESLint rule
 * `no-unsafe-raw-view` asks for a `// xorview-unsafe: <reason>` comment on each raw acquisition.
 *
 * Use-cases:
 * - Migrating existing aliasing code one call site at a time.
 * - Interop with code that genuinely shares mutable memory (a ring buffer with its own protocol).
 *
 * @example
 * ```
 * import { acquire, type RawView } from 'xorview';
 *
 * const memory = new ArrayBuffer(64);
 * // xorview-unsafe: the audio thread owns the ring-buffer protocol
 * using ring: RawView<Float32Array<ArrayBuffer>> = acquire(memory, 'raw', { as: Float32Array });
 * ```
 */
export type RawView<Array extends ViewKindShape = Uint8Array> = (Array extends DataView ? unknown : SubViewOf) &
  Array &
  ViewBrand<'raw', Array> &
  Disposable;
