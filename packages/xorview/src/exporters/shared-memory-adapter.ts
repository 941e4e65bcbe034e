/**
 * The exporter adapter behind SharedOwnedBuffer (see runtime/exporter-adapter.ts): views are
 * claimed in the buffer's shared lock table, never in the in-process registry, so every thread
 * that opened the buffer sees the same borrows. `acquire`'s `{ timeout }` waits by blocking the
 * thread; `acquireAsync` waits with `Atomics.waitAsync`.
 */
import { accessModes, type AccessMode } from '../semantics.js';
import type { Enforcement, ExportCounts } from '../runtime/api-types.js';
import { BufferError } from '../runtime/errors.js';
import type { ExporterAdapter, Lease, Placement } from '../runtime/exporter-adapter.js';
import type { LockToken, SharedLockTable, WaitPolicy } from './shared-lock-table.js';

const noWait: WaitPolicy = Object.freeze({ kind: 'none' });

/** How long a request may wait, from `acquire`'s `timeout` (ms, already validated; `undefined`: not at all). */
export function waitPolicyFor(timeout: number | undefined): WaitPolicy {
  if (timeout === undefined) return noWait;
  if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0) {
    throw new BufferError(
      'OUT_OF_RANGE',
      `xorview: timeout must be a non-negative number of milliseconds (or Infinity), got ${String(timeout)}.`,
    );
  }
  return { kind: 'until', deadline: Date.now() + timeout };
}

/** One per opened SharedOwnedBuffer (one holder): its memory and its handle on the lock table. */
export class SharedMemoryAdapter implements ExporterAdapter {
  readonly enforcement: Enforcement = 'cross-thread';
  /** A request through a held view in another mode is an ordinary request: it meets the table. */
  readonly servesViewRequests = true;
  readonly #memory: SharedArrayBuffer;
  readonly #table: SharedLockTable;

  constructor(memory: SharedArrayBuffer, table: SharedLockTable) {
    this.#memory = memory;
    this.#table = table;
  }

  modes(): readonly AccessMode[] {
    return accessModes;
  }

  locate(_exporter: object, into: Placement): void {
    into.buffer = this.#memory;
    into.start = 0;
    into.length = this.#memory.byteLength;
  }

  claim(_exporter: object, lease: Lease, timeout: number | undefined): void {
    // The lease is its own `{ start, end }`: absolute in the shared memory, validated by the runtime.
    lease.token = this.#table.lock(lease.mode, lease, waitPolicyFor(timeout));
  }

  /** Without a timeout, `acquireAsync` waits until granted (or until `signal` aborts). */
  async claimAsync(_exporter: object, lease: Lease, timeout: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    lease.token = await this.#table.lockAsync(lease.mode, lease, waitPolicyFor(timeout ?? Infinity), signal);
  }

  unclaim(lease: Lease): void {
    this.#table.unlock(lease.token as LockToken);
  }

  counts(): ExportCounts {
    return this.#table.counts();
  }
}
