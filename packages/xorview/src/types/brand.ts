import type { AccessMode } from '../semantics.js';

/**
 * The phantom mark that makes a typed array a *view*: what the compiler and the ESLint plugin
 * read to know a value came from `acquire` and under which access mode.
 *
 * It lives under one string key (`'~xorview'`), not a `unique symbol`, so two copies of xorview in
 * one dependency tree produce compatible views. The mark exists only in types; a view at run time
 * is a genuine TypedArray or DataView with nothing added but `Symbol.dispose`.
 *
 * `Grants` is the set of modes the holder may *treat the view as*: an exclusive view can stand in
 * where an immutable one is expected (a reborrow), so the immutable mark accepts both.
 *
 * Use-cases:
 * - Building your own view-like types that the ESLint plugin should recognise.
 * - Reading a view's mode in a type (see `ModeOf`).
 *
 * @example
 * ```
 * import type { ViewBrand } from 'xorview';
 *
 * type ReadMark = ViewBrand<'immutable' | 'exclusive'>;
 * //=> { readonly '~xorview': { readonly mode: 'immutable' | 'exclusive'; readonly kind: unknown } }
 * ```
 */
export interface ViewBrand<Grants extends AccessMode, Kind = unknown> {
  /**
   * Type-level only: never present at run time. Spelled as `viewBrandKey` in `semantics`. `kind`
   * carries the view class so generic code can infer it from any view (`<Array>(view:
   * ImmutableView<Array>)` called with an `ExclusiveView<Float32Array>` infers `Float32Array`).
   */
  readonly '~xorview': { readonly mode: Grants; readonly kind: Kind };
}
