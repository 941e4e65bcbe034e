import { exportView } from '../symbols.js';
import { BufferError } from '../runtime/errors.js';
import { bindExporter } from '../runtime/exporter-adapter.js';
import type { ExporterProtocol } from '../types/exporter.js';
import { directExportError } from './frozen-buffer.js';
import { defaultLockTableCapacity, maxSharedByteLength, SharedLockTable, type ReclaimReport } from './shared-lock-table.js';
import { SharedMemoryAdapter } from './shared-memory-adapter.js';
import { currentThreadId, watchWorkerExits, type ThreadExitListener } from './worker-liveness.js';

export type { ReclaimedView, ReclaimReport } from './shared-lock-table.js';

const handleKind = 'xorview.SharedOwnedBuffer';
const handleVersion = 1;

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

/** Options of `new SharedOwnedBuffer(byteLength, options)`. */
export interface SharedOwnedBufferOptions {
  /**
   * How many views (plus requests queued for one) may be live at once across all threads: the
   * lock table's slot count. Default 256, at most 16384. A request that finds the table full fails
   * with `CONFLICT` (or waits for a free slot when given a `timeout`).
   */
  readonly maxViews?: number;
}

/** A reclaim this thread performed by itself because a worker it started exited. */
export interface AutomaticReclaim extends ReclaimReport {
  /** The node:worker_threads id of the worker that exited. */
  readonly threadId: number;
}

/** Memory opened by `fromHandle`, passed to the constructor without a public parameter. */
let opening: { readonly memory: SharedArrayBuffer; readonly locks: SharedArrayBuffer } | undefined;

/**
 * A SharedArrayBuffer with a lock table in shared memory: mutable-XOR-shared enforced across
 * workers with `Atomics` (`capabilities()` says `cross-thread`).
 *
 * Every thread that opens the buffer (the creator, and each `fromHandle`) is a holder with its own
 * id. A worker that exits or is terminated while holding views has them reclaimed by the thread
 * that started it (if that thread had loaded xorview before starting it); `reclaim(holderId)`
 * frees a holder's views by hand, and reports the ranges it held `exclusive`, which may be
 * half-written.
 *
 * @example
 * ```
 * import { SharedOwnedBuffer, acquire } from 'xorview';
 *
 * const counters = new SharedOwnedBuffer(1024);
 * // worker.postMessage(counters.handle);  // worker: SharedOwnedBuffer.fromHandle(handle)
 * using slot = acquire(counters, 'exclusive', { as: Int32Array, length: 1, timeout: 100 });
 * slot[0]++;
 * ```
 */
export class SharedOwnedBuffer implements ExporterProtocol<SharedArrayBuffer>, ThreadExitListener {
  readonly #memory: SharedArrayBuffer;
  readonly #table: SharedLockTable;
  readonly #handle: SharedBufferHandle;
  readonly #reclaimListeners = new Set<(report: AutomaticReclaim) => void>();

  constructor(byteLength: number, options?: SharedOwnedBufferOptions) {
    let memory: SharedArrayBuffer;
    let locks: SharedArrayBuffer;
    if (opening === undefined) {
      if (typeof byteLength !== 'number') {
        throw new TypeError(`xorview: new SharedOwnedBuffer(byteLength) needs a number, got ${typeof byteLength}.`);
      }
      if (!Number.isInteger(byteLength) || byteLength < 0 || byteLength > maxSharedByteLength) {
        throw new BufferError(
          'OUT_OF_RANGE',
          `xorview: a SharedOwnedBuffer's byteLength must be an integer from 0 to ${maxSharedByteLength}, got ${String(byteLength)}.`,
        );
      }
      locks = SharedLockTable.allocate(options?.maxViews ?? defaultLockTableCapacity);
      memory = new SharedArrayBuffer(byteLength);
    } else {
      ({ memory, locks } = opening);
      opening = undefined;
    }
    this.#memory = memory;
    this.#table = SharedLockTable.open(locks, {
      holderId: SharedLockTable.newHolderId(locks),
      threadId: currentThreadId(),
    });
    this.#handle = Object.freeze({ kind: handleKind, version: handleVersion, memory, locks });
    const adapter = new SharedMemoryAdapter(memory, this.#table);
    bindExporter(this, adapter);
    // The memory itself (what `view.buffer` is) lends through the same table: same memory, same locks.
    bindExporter(memory, adapter);
    watchWorkerExits(this);
  }

  /**
   * Open, in this thread, a buffer created in another one from its `handle`. The result is a new
   * holder of the same memory and locks.
   */
  static fromHandle(handle: SharedBufferHandle): SharedOwnedBuffer {
    const given: unknown = handle; // typed for callers, checked for everyone
    const { kind, version, memory, locks } = (typeof given === 'object' && given !== null ? given : {}) as Partial<
      Record<keyof SharedBufferHandle, unknown>
    >;
    if (kind !== handleKind || version !== handleVersion) {
      throw new TypeError(
        'xorview: SharedOwnedBuffer.fromHandle needs the `.handle` of a SharedOwnedBuffer (posted to this thread as is).',
      );
    }
    if (!(memory instanceof SharedArrayBuffer) || memory.byteLength > maxSharedByteLength) {
      throw new TypeError('xorview: this handle has no shared memory; post `buffer.handle` itself, unmodified.');
    }
    if (!SharedLockTable.isTableMemory(locks)) {
      throw new TypeError(
        'xorview: this handle has no lock table of this xorview version; open it with the same xorview that created it.',
      );
    }
    opening = { memory, locks };
    try {
      return new SharedOwnedBuffer(0);
    } finally {
      opening = undefined;
    }
  }

  /** Post this to a worker; it survives `structuredClone` and `postMessage` without a transfer list. */
  get handle(): SharedBufferHandle {
    return this.#handle;
  }

  /** The length in bytes. */
  get byteLength(): number {
    return this.#memory.byteLength;
  }

  /** The lock table's slot count: how many views and queued requests may be live at once. */
  get maxViews(): number {
    return this.#table.capacity;
  }

  /** This opening's holder id: what another thread passes to `reclaim` if this one dies. */
  get holderId(): number {
    return this.#table.requester.holderId;
  }

  /**
   * Free every view and queued request of holder `holderId`, in every thread's eyes, for a holder
   * that will never release them (a dead worker). Returns what was freed; `exclusiveRanges` may
   * hold half-written bytes. Reclaiming a holder that is still running voids its guarantees.
   */
  reclaim(holderId: number): ReclaimReport {
    if (!Number.isInteger(holderId) || holderId <= 0) {
      throw new TypeError(`xorview: reclaim(holderId) needs a holder id (a positive integer), got ${String(holderId)}.`);
    }
    return this.#table.reclaimHolder(holderId);
  }

  /**
   * Be told about reclaims this thread performs by itself when a worker it started exits holding
   * views (only reclaims that freed something). Returns a function that stops listening.
   */
  onReclaim(listener: (report: AutomaticReclaim) => void): () => void {
    this.#reclaimListeners.add(listener);
    return () => this.#reclaimListeners.delete(listener);
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](): SharedArrayBuffer {
    throw directExportError('SharedOwnedBuffer');
  }

  /** @internal Called by the worker-exit watcher. */
  onThreadExit(threadId: number): void {
    const report = this.#table.reclaimThread(threadId);
    if (report.views.length === 0 && report.pendingRequests === 0) return;
    const automatic: AutomaticReclaim = { ...report, threadId };
    for (const listener of this.#reclaimListeners) listener(automatic);
  }
}
