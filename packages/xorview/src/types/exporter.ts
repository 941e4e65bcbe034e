import type { AccessMode } from '../semantics.js';
import type { exportModes, exportView, releaseView } from '../symbols.js';
import type { ViewBrand } from './brand.js';

/**
 * What an exporter's `[exportView]` receives: the mode asked for and the byte range, already
 * validated against the exporter's `byteLength` when it has one.
 */
export interface ExportRequest {
  readonly mode: AccessMode;
  readonly byteOffset: number;
  readonly byteLength: number;
}

/**
 * The exporter protocol for your own classes (PEP 688's `__buffer__` / `__release_buffer__`).
 *
 * `[exportView]` returns the memory to lend: an ArrayBuffer/SharedArrayBuffer (the request's range
 * of it is lent) or a TypedArray/DataView over it (its window is lent). `[releaseView]` is called
 * exactly once per granted view, with the very object `acquire` returned, never for a refused
 * request. `[exportModes]` declares which modes the exporter can grant (all three if absent).
 *
 * Use-cases:
 * - A pixel buffer, arena or ring buffer class that lends views and counts them.
 * - Objects that must know when the last reader is gone (to recycle memory).
 *
 * @example
 * ```
 * import { acquire, exportView, releaseView, type ExporterProtocol, type ExportRequest } from 'xorview';
 *
 * class Frame implements ExporterProtocol<ArrayBuffer> {
 *   readonly #bytes = new ArrayBuffer(1024);
 *   lent = 0;
 *   [exportView](request: ExportRequest): ArrayBuffer {
 *     this.lent++;
 *     return this.#bytes;
 *   }
 *   [releaseView](): void {
 *     this.lent--;
 *   }
 * }
 *
 * using header = acquire(new Frame(), 'immutable', { byteLength: 16 });
 * ```
 */
export interface ExporterProtocol<Buffer extends ArrayBufferLike = ArrayBufferLike> {
  [exportView](request: ExportRequest): Buffer | ArrayBufferView<Buffer>;
  [releaseView]?(view: ViewBrand<AccessMode>): void;
  readonly [exportModes]?: readonly AccessMode[];
}

/** The part of `WebAssembly.Memory` xorview uses, so the type works without the DOM lib. */
export interface WebAssemblyMemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(delta: number): number;
}

/**
 * Anything `acquire` accepts (PEP 688's `collections.abc.Buffer`): `ArrayBuffer`,
 * `SharedArrayBuffer`, any TypedArray/DataView/Node `Buffer` (its window is the range), a view
 * (a narrower acquisition through it is a sub-view), `WebAssembly.Memory`, xorview's own
 * `OwnedBuffer`/`SharedOwnedBuffer`, and any object implementing `ExporterProtocol`.
 *
 * @example
 * ```
 * import { capabilities, type Exporter } from 'xorview';
 *
 * function describe(source: Exporter): string {
 *   return capabilities(source).enforcement;
 * }
 * ```
 */
export type Exporter = ArrayBufferLike | ArrayBufferView | WebAssemblyMemoryLike | ExporterProtocol;

/** The buffer type behind an exporter: what `view.buffer` will be for its views. */
export type BufferOf<Source> =
  Source extends ExporterProtocol<infer Buffer>
    ? Buffer
    : Source extends { readonly buffer: infer Buffer extends ArrayBufferLike }
      ? Buffer
      : Source extends ArrayBufferLike
        ? Source
        : ArrayBufferLike;

/**
 * The modes `acquire` may ask of an exporter, as far as its type tells: what an exporter declares
 * in `[exportModes]`, only the parent's mode through a view, and all three otherwise.
 */
export type ModesFor<Source> =
  Source extends ViewBrand<infer Grants>
    ? [Grants] extends ['exclusive']
      ? 'exclusive'
      : [Grants] extends ['raw']
        ? 'raw'
        : 'immutable'
    : Source extends { readonly [exportModes]: readonly (infer Declared extends AccessMode)[] }
      ? Declared
      : AccessMode;
