import type { AccessMode } from '../semantics.js';
import { exportModes, exportView } from '../symbols.js';
import type { ExporterProtocol, ExportRequest } from '../types/exporter.js';
import { BufferError } from '../runtime/errors.js';

function notYetImplemented(name: string): never {
  throw new BufferError('UNSUPPORTED_MODE', `xorview: OwnedBuffer#${name} is not implemented in this build yet.`);
}

/** Options of `new OwnedBuffer(byteLength, options)`. */
export interface OwnedBufferOptions {
  /** Make the buffer resizable up to this many bytes (a resizable ArrayBuffer underneath). */
  readonly maxByteLength?: number;
}

/**
 * Memory owned by xorview, enforced by the engine: granting `exclusive` moves the bytes so every
 * other view is detached, released views are detached, and `resize`/`transfer` are refused while
 * anything is exported (PEP 298's lock).
 *
 * @example
 * ```
 * import { OwnedBuffer, acquire } from 'xorview';
 *
 * const frame = new OwnedBuffer(1024);
 * {
 *   using pixels = acquire(frame, 'exclusive');
 *   pixels.fill(255);
 * }
 * frame.resize(2048); // throws LOCKED while a view is held; fine here (and needs maxByteLength)
 * ```
 */
export class OwnedBuffer implements ExporterProtocol<ArrayBuffer> {
  constructor(byteLength: number, options?: OwnedBufferOptions) {
    void byteLength;
    void options;
    notYetImplemented('constructor');
  }

  /** Take ownership of an existing buffer. A move: `buffer` is detached afterwards. */
  static adopt(buffer: ArrayBuffer): OwnedBuffer {
    void buffer;
    return notYetImplemented('adopt');
  }

  /** The current length in bytes. */
  get byteLength(): number {
    return notYetImplemented('byteLength');
  }

  /** Whether `resize` may change the length. */
  get resizable(): boolean {
    return notYetImplemented('resizable');
  }

  /** Resize in place (resizable buffers only). `LOCKED` while any view is held. */
  resize(byteLength: number): void {
    void byteLength;
    notYetImplemented('resize');
  }

  /** Move the memory into a new `OwnedBuffer` (optionally of a new length); this one is left empty. */
  transfer(byteLength?: number): OwnedBuffer {
    void byteLength;
    return notYetImplemented('transfer');
  }

  /** Give up writing forever: an immutable-only exporter over the same bytes. */
  freeze(): FrozenBuffer {
    return notYetImplemented('freeze');
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](request: ExportRequest): ArrayBuffer {
    void request;
    return notYetImplemented('[exportView]');
  }
}

/**
 * The result of `OwnedBuffer#freeze()`: immutable views only, backed by a real immutable
 * ArrayBuffer where the platform has one.
 */
export class FrozenBuffer implements ExporterProtocol<ArrayBuffer> {
  readonly [exportModes]: readonly ['immutable'] = ['immutable'] as const;

  private constructor() {
    notYetImplemented('FrozenBuffer');
  }

  /** The length in bytes. */
  get byteLength(): number {
    return notYetImplemented('byteLength');
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](request: ExportRequest & { readonly mode: AccessMode }): ArrayBuffer {
    void request;
    return notYetImplemented('[exportView]');
  }
}
