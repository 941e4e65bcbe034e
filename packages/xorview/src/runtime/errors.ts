import type { AccessMode } from '../semantics.js';

/**
 * Why a buffer request failed. Stable across releases: match on `code`, not on the message.
 *
 * - `CONFLICT`: an overlapping view in an incompatible mode is held.
 * - `LOCKED`: the exporter cannot be resized, transferred, adopted or frozen while views are held.
 * - `RELEASED`: the view was already released.
 * - `UNSUPPORTED_MODE`: not one of the three modes, a mode the exporter cannot grant, or an `as`
 *   that is not a built-in TypedArray constructor or DataView.
 * - `OUT_OF_RANGE`: an offset or length that is not a non-negative integer, misaligned or past the end
 *   (also malformed `options`, `timeout` or `signal` values given to `acquire`).
 * - `NOT_AN_EXPORTER`: the value cannot lend memory (or its `[exportView]` returned something else).
 * - `FOREIGN_VIEW`: a typed array that `acquire` did not hand out.
 * - `DETACHED`: the memory was transferred, detached or freed.
 * - `TIMEOUT`: a blocking or async wait for a conflicting view ran out of time.
 */
export type BufferErrorCode =
  | 'CONFLICT'
  | 'LOCKED'
  | 'RELEASED'
  | 'UNSUPPORTED_MODE'
  | 'OUT_OF_RANGE'
  | 'NOT_AN_EXPORTER'
  | 'FOREIGN_VIEW'
  | 'DETACHED'
  | 'TIMEOUT';

/**
 * The error every refused buffer request throws (CPython's `BufferError`). The message says what
 * was wrong and what to do; `code` is stable.
 *
 * @example
 * ```
 * import { BufferError, acquire } from 'xorview';
 *
 * try {
 *   acquire(new ArrayBuffer(8), 'exclusive', { byteOffset: 3, as: Uint32Array });
 * } catch (error) {
 *   if (error instanceof BufferError && error.code === 'OUT_OF_RANGE') console.log(error.message);
 * }
 * ```
 */
export class BufferError extends Error {
  override readonly name = 'BufferError';
  readonly code: BufferErrorCode;

  constructor(code: BufferErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A mode with its indefinite article, for messages: "an immutable", "an exclusive", "a raw". */
export function withArticle(mode: AccessMode): string {
  return mode === 'raw' ? 'a raw' : `an ${mode}`;
}
