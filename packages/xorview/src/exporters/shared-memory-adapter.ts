/**
 * The exporter adapter behind SharedOwnedBuffer (see runtime/exporter-adapter.ts): views are
 * claimed in the buffer's shared lock table, never in the in-process registry, so every thread
 * that opened the buffer sees the same borrows. `acquire`'s `{ timeout }` waits by blocking the
 * thread; `acquireAsync` waits with `Atomics.waitAsync`.
 */
import { accessModes, type AccessMode } from '../semantics.js';
import type { AbortSignalLike, Enforcement, ExportCounts } from '../runtime/api-types.js';
import type { ExporterAdapter, Lease, Placement } from '../runtime/exporter-adapter.js';
import { readWindow, type Window } from '../runtime/intrinsics.js';
import { buildView } from '../runtime/views.js';
import type { LockToken, SharedLockTable } from './shared-lock-table.js';

const windowScratch: Window = { buffer: new ArrayBuffer(0), start: 0, length: 0 };

/** One per opened SharedOwnedBuffer (one holder): its memory and its handle on the lock table. */
export class SharedMemoryAdapter implements ExporterAdapter {
  readonly enforcement: Enforcement = 'cross-thread';
  /** A request through a held view in another mode is an ordinary request: it meets the table. */
  readonly servesViewRequests = true;
  readonly #memory: SharedArrayBuffer;
  /** Read once: a SharedArrayBuffer never shrinks (a growable one lends what it had when opened). */
  readonly #byteLength: number;
  readonly #table: SharedLockTable;

  constructor(memory: SharedArrayBuffer, table: SharedLockTable) {
    this.#memory = memory;
    this.#byteLength = memory.byteLength;
    this.#table = table;
  }

  modes(): readonly AccessMode[] {
    return accessModes;
  }

  locate(_exporter: object, into: Placement): void {
    into.buffer = this.#memory;
    into.start = 0;
    into.length = this.#byteLength;
  }

  claim(_exporter: object, lease: Lease, timeout: number | undefined): ArrayBufferView {
    // Shared memory never moves or shrinks: build the view first, so the lock is held for the
    // user's work only (a view whose claim fails is dropped, never handed out). The lease is its
    // own `{ start, end }`, absolute in the shared memory; the runtime validated it and the timeout.
    const view = buildView(lease);
    lease.token = this.#table.lock(lease.mode, lease, timeout);
    return view;
  }

  /** Without a timeout, `acquireAsync` waits until granted (or until `signal` aborts). */
  async claimAsync(_exporter: object, lease: Lease, timeout: number | undefined, signal: AbortSignalLike | undefined): Promise<void> {
    lease.token = await this.#table.lockAsync(lease.mode, lease, timeout ?? Infinity, signal);
  }

  unclaim(lease: Lease): void {
    this.#table.unlock(lease.token as LockToken);
  }

  /** Across all threads; for a TypedArray/DataView window over the memory, the views touching it. */
  counts(exporter: object): ExportCounts {
    if (!ArrayBuffer.isView(exporter)) return this.#table.counts();
    readWindow(exporter, windowScratch); // intrinsic getters: the object cannot lie about its window
    return this.#table.counts({ start: windowScratch.start, end: windowScratch.start + windowScratch.length });
  }
}
