/**
 * The adapter behind OwnedBuffer and FrozenBuffer: memory only xorview holds a reference to,
 * lent through the in-process registry, with the engine doing the enforcing where it can.
 *
 * When the last view of the memory is released, the bytes move (zero-copy) into a fresh
 * ArrayBuffer, which detaches every released view and every alias made from one
 * (`new Uint8Array(view.buffer)`). So while nothing is held, no one but xorview can reach the
 * bytes, and the next `exclusive` grant gets memory no earlier view can touch: that is the
 * "granting exclusive moves the bytes" rule, paid once per idle transition instead of per grant.
 * Immutable platform buffers cannot move; they do not need to (nobody can write them).
 */
import type { AccessMode } from '../semantics.js';
import type { Enforcement, ExportCounts } from '../runtime/api-types.js';
import { BorrowRecord, attachRecord, detachRecord } from '../runtime/borrow-record.js';
import { BufferError } from '../runtime/errors.js';
import type { ExporterAdapter, Lease, Placement } from '../runtime/exporter-adapter.js';
import { isImmutableBuffer, moveBuffer } from '../runtime/intrinsics.js';
import { claimInRegistry } from './builtin.js';

export class OwnedMemory implements ExporterAdapter {
  readonly enforcement: Enforcement;
  readonly servesViewRequests = true;
  readonly record: BorrowRecord;
  /** The bytes, or `undefined` once they moved out (`transfer`, `freeze`). */
  buffer: ArrayBuffer | undefined;
  private readonly label: string;
  private readonly grantable: readonly AccessMode[];

  constructor(buffer: ArrayBuffer, label: string, enforcement: Enforcement, modes: readonly AccessMode[]) {
    this.buffer = buffer;
    this.label = label;
    this.enforcement = enforcement;
    this.grantable = modes;
    this.record = new BorrowRecord(() => `${label}(${this.buffer?.byteLength ?? 0})`, () => {
      this.detachReleasedViews();
    });
    this.record.owner = label;
    this.record.modes = modes;
    attachRecord(buffer, this.record);
  }

  modes(): readonly AccessMode[] {
    return this.grantable;
  }

  locate(_exporter: object, into: Placement): void {
    const buffer = this.requireBuffer('lend');
    into.buffer = buffer;
    into.start = 0;
    into.length = buffer.byteLength;
  }

  claim(_exporter: object, lease: Lease): undefined {
    claimInRegistry(lease); // the claim may move the bytes: the runtime builds the view after it
    return undefined;
  }

  unclaim(lease: Lease): void {
    this.record.remove(lease);
  }

  counts(): ExportCounts {
    return this.record.counts();
  }

  /** The bytes, or `DETACHED` when they moved to another owner. */
  requireBuffer(action: string): ArrayBuffer {
    if (this.buffer === undefined) {
      throw new BufferError(
        'DETACHED',
        `xorview: cannot ${action}: this ${this.label}'s memory moved out (transfer() or freeze()). Use the exporter that received it.`,
      );
    }
    return this.buffer;
  }

  /** Refuse an operation that would change the memory while views are held (PEP 298's lock). */
  assertUnlocked(operation: string): void {
    const record = this.record;
    if (record.live === 0) return;
    throw new BufferError(
      'LOCKED',
      `xorview: cannot ${operation} this ${this.label} while views of it are held ` +
        `(immutable: ${record.immutable}, exclusive: ${record.exclusive}, raw: ${record.raw}). Release them first; nothing was changed.`,
    );
  }

  /** Hand the bytes over (to a new owner): this memory is left empty. */
  takeBuffer(operation: string): ArrayBuffer {
    const buffer = this.requireBuffer(operation);
    this.assertUnlocked(operation);
    this.buffer = undefined;
    detachRecord(buffer);
    return buffer;
  }

  private detachReleasedViews(): void {
    const old = this.buffer;
    if (old === undefined || isImmutableBuffer(old)) return;
    const moved = moveBuffer(old);
    detachRecord(old);
    attachRecord(moved, this.record);
    this.buffer = moved;
  }
}
