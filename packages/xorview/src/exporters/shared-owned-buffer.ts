import { exportView } from '../symbols.js';
import type { ExporterProtocol, ExportRequest } from '../types/exporter.js';
import { BufferError } from '../runtime/errors.js';

function notYetImplemented(name: string): never {
  throw new BufferError('UNSUPPORTED_MODE', `xorview: SharedOwnedBuffer#${name} is not implemented in this build yet.`);
}

/**
 * A structured-clonable description of a `SharedOwnedBuffer`: post it to a worker (no transfer
 * list needed) and open it there with `SharedOwnedBuffer.fromHandle`.
 */
export interface SharedBufferHandle {
  readonly kind: 'xorview.SharedOwnedBuffer';
  readonly version: number;
  readonly memory: SharedArrayBuffer;
  readonly locks: SharedArrayBuffer;
}

/**
 * A SharedArrayBuffer with a lock table in shared memory: mutable-XOR-shared enforced across
 * workers with `Atomics`.
 *
 * @example
 * ```
 * import { SharedOwnedBuffer, acquire } from 'xorview';
 *
 * const counters = new SharedOwnedBuffer(1024);
 * // worker.postMessage(counters.handle);  // worker: SharedOwnedBuffer.fromHandle(handle)
 * using slot = acquire(counters, 'exclusive', { as: Int32Array, length: 1 });
 * slot[0]++;
 * ```
 */
export class SharedOwnedBuffer implements ExporterProtocol<SharedArrayBuffer> {
  constructor(byteLength: number) {
    void byteLength;
    notYetImplemented('constructor');
  }

  /** Open a buffer created in another thread from its `handle`. */
  static fromHandle(handle: SharedBufferHandle): SharedOwnedBuffer {
    void handle;
    return notYetImplemented('fromHandle');
  }

  /** Post this to a worker; it survives `structuredClone` without a transfer list. */
  get handle(): SharedBufferHandle {
    return notYetImplemented('handle');
  }

  /** The length in bytes. */
  get byteLength(): number {
    return notYetImplemented('byteLength');
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](request: ExportRequest): SharedArrayBuffer {
    void request;
    return notYetImplemented('[exportView]');
  }
}
