import type { AccessMode } from '../semantics.js';
import type { ExclusiveView } from './exclusive-view.js';
import type { ImmutableView } from './immutable-view.js';
import type { RawView } from './raw-view.js';
import type { ViewKindShape } from './view-kind.js';

/**
 * The view type `acquire` returns for an access mode: `View<'immutable'>` is `ImmutableView`,
 * `View<'exclusive'>` is `ExclusiveView`, `View<'raw'>` is `RawView`. With a union of modes (the
 * default), a union of views.
 *
 * Use-cases:
 * - Generic helpers that pass the requested mode through.
 * - Accepting "any view" (`View`) in logging, hashing or release helpers.
 *
 * @example
 * ```
 * import { acquire, type AccessMode, type View } from 'xorview';
 *
 * function open<Mode extends AccessMode>(memory: ArrayBuffer, mode: Mode): View<Mode, Uint8Array<ArrayBuffer>> {
 *   return acquire(memory, mode);
 * }
 * ```
 */
export type View<Mode extends AccessMode = AccessMode, Array extends ViewKindShape = Uint8Array> = Mode extends 'immutable'
  ? ImmutableView<Array>
  : Mode extends 'exclusive'
    ? ExclusiveView<Array>
    : Mode extends 'raw'
      ? RawView<Array>
      : never;
