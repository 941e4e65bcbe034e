import type { AccessMode } from '../semantics.js';
import type { ViewBrand } from './brand.js';
import type { ImmutableView } from './immutable-view.js';
import type { ViewKind } from './view-kind.js';

/** Whether `Type` is `any` (which would otherwise satisfy every check below). */
type IsAny<Type> = 0 extends 1 & Type ? true : false;

/**
 * The access mode a view type was acquired in: `'immutable'`, `'exclusive'` or `'raw'`; `never`
 * for anything that is not a view (plain arrays, `any`, `unknown`, `never`).
 *
 * @example
 * ```
 * import type { ExclusiveView, ImmutableView, ModeOf } from 'xorview';
 *
 * type A = ModeOf<ImmutableView<Float32Array>>; //=> 'immutable'
 * type B = ModeOf<ExclusiveView>; //=> 'exclusive'
 * type C = ModeOf<Uint8Array>; //=> never
 * ```
 */
export type ModeOf<Type> =
  IsAny<Type> extends true
    ? never
    : [Type] extends [never]
      ? never
      : Type extends ViewBrand<infer Grants>
        ? [Grants] extends ['exclusive']
          ? 'exclusive'
          : [Grants] extends ['raw']
            ? 'raw'
            : [Grants] extends ['immutable' | 'exclusive']
              ? 'immutable'
              : never
        : never;

/**
 * `true` when `Type` is a view in exactly `Mode`, `false` otherwise (including `any`/`never`).
 */
type IsViewIn<Type, Mode extends AccessMode> = [ModeOf<Type>] extends [never]
  ? false
  : [ModeOf<Type>] extends [Mode]
    ? true
    : false;

/**
 * `true` for an `ImmutableView` of any kind, `false` for everything else (`any` included).
 *
 * @example
 * ```
 * import type { ImmutableView, IsImmutableView } from 'xorview';
 *
 * const yes: IsImmutableView<ImmutableView<DataView>> = true;
 * const no: IsImmutableView<Uint8Array> = false;
 * ```
 */
export type IsImmutableView<Type> = IsViewIn<Type, 'immutable'>;

/** `true` for an `ExclusiveView` of any kind, `false` otherwise. */
export type IsExclusiveView<Type> = IsViewIn<Type, 'exclusive'>;

/** `true` for a `RawView` of any kind, `false` otherwise. */
export type IsRawView<Type> = IsViewIn<Type, 'raw'>;

/** `true` for a view in any mode, `false` otherwise. */
export type IsView<Type> = IsViewIn<Type, AccessMode>;

/**
 * `true` when the parameter at `Index` of `Function` only reads: it accepts an `ImmutableView`
 * (so callers may pass shared views and reborrows) and its type offers no write method. Use it in
 * your own type tests to pin down APIs that promise not to write.
 *
 * @example
 * ```
 * import type { ImmutableView, IsReadOnlyParameter } from 'xorview';
 *
 * declare function hash(data: ImmutableView): string;
 * declare function scramble(data: Uint8Array): void;
 *
 * const ok: IsReadOnlyParameter<typeof hash, 0> = true;
 * const refused: IsReadOnlyParameter<typeof scramble, 0> = false;
 * ```
 */
export type IsReadOnlyParameter<
  Function extends (...parameters: never[]) => unknown,
  Index extends number = 0,
  Kind extends ViewKind = Uint8Array,
> =
  Parameters<Function> extends infer Parameter extends readonly unknown[]
    ? IsAny<Parameter[Index]> extends true
      ? false
      : unknown extends Parameter[Index]
        ? false
        : [ImmutableView<Kind>] extends [Parameter[Index]]
          ? [Extract<Parameter[Index], WriteMethods>] extends [never]
            ? true
            : false
          : false
    : false;

/** Members only writable types have. */
type WriteMethods =
  | { set: unknown }
  | { fill: unknown }
  | { copyWithin: unknown }
  | { setUint8: unknown };
