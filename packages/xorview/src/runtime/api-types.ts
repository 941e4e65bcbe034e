import type { AccessMode } from '../semantics.js';
import type { ViewBrand } from '../types/brand.js';
import type { BufferOf } from '../types/exporter.js';
import type { View } from '../types/view.js';
import type { KindOf, ViewConstructor } from '../types/view-kind.js';
import type { BufferError } from './errors.js';

/** Where in the exporter's memory the view starts. */
interface OffsetOption {
  /** Byte offset into the exporter's memory (its window, for typed arrays). Default 0. */
  readonly byteOffset?: number;
}

/**
 * Where in the exporter's memory the view starts and how long it is: a length in elements of the
 * view class *or* in bytes, never both. Default: to the end of the memory.
 */
export type RangeOptions = OffsetOption &
  (
    | {
        /** Length in elements of the view class. */
        readonly length?: number;
        readonly byteLength?: never;
      }
    | {
        /** Length in bytes. */
        readonly byteLength?: number;
        readonly length?: never;
      }
  );

/** Options of `acquire` and `tryAcquire`. */
export type AcquireOptions<Constructor extends ViewConstructor = Uint8ArrayConstructor> = RangeOptions & {
  /** The view class: any TypedArray constructor or `DataView`. Default `Uint8Array`. */
  readonly as?: Constructor;
  /**
   * Cross-thread exporters only: wait up to this many milliseconds for a conflicting view to be
   * released, blocking the thread (`Atomics.wait`), then fail with `TIMEOUT`. Without it a
   * conflict fails at once with `CONFLICT`.
   */
  readonly timeout?: number;
};

/**
 * The part of `AbortSignal` `acquireAsync` uses, spelled out so the types need neither the DOM lib
 * nor Node's: any real `AbortSignal` fits.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Options of `acquireAsync`. */
export type AcquireAsyncOptions<Constructor extends ViewConstructor = Uint8ArrayConstructor> =
  AcquireOptions<Constructor> & {
    /** Abort the wait. The promise rejects with the signal's reason. */
    readonly signal?: AbortSignalLike;
  };

/** The view `acquire` returns for an exporter, a mode and a view class. */
export type AcquiredView<Source, Mode extends AccessMode, Constructor> = View<Mode, KindOf<Constructor, BufferOf<Source>>>;

/** What `tryAcquire` returns: the view, or the `BufferError` `acquire` would have thrown. */
export type AcquireResult<AcquiredViewType> =
  | { readonly ok: true; readonly view: AcquiredViewType }
  | { readonly ok: false; readonly error: BufferError };

/** Any view, in any mode, of any kind. */
export type AnyView = ViewBrand<AccessMode>;

/** How strongly an exporter enforces the modes it grants. */
export type Enforcement = 'engine' | 'registry' | 'cross-thread' | 'custom';

/** What `capabilities` answers before any request. */
export interface Capabilities {
  readonly modes: readonly AccessMode[];
  readonly enforcement: Enforcement;
}

/** Live export counts per mode (CPython's `exports`). */
export interface ExportCounts {
  readonly immutable: number;
  readonly exclusive: number;
  readonly raw: number;
}
