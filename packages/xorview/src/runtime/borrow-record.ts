/**
 * The in-process borrow registry: per piece of memory, the live views, their ranges and modes.
 *
 * A `BorrowRecord` is keyed by memory identity (an ArrayBuffer or SharedArrayBuffer object;
 * OwnedBuffer keeps one record across the buffers its bytes move through). Which pairs of views
 * may coexist comes from `semantics.ts` alone: per mode the record keeps a `Coverage` (sorted
 * disjoint segments), so deciding a request costs one binary search per mode it must not overlap
 * (`coexistsAt`), and the decision itself is `rangesOverlap` on the one candidate segment.
 */
import { type AccessMode, type ByteRange, accessModes, coexistsAt, modeIndex, rangesOverlap, viewsConflict } from '../semantics.js';
import type { ExportCounts } from './api-types.js';
import { Coverage } from './coverage.js';
import { BufferError, withArticle } from './errors.js';
import type { Lease } from './exporter-adapter.js';

/** Called when the last root lease of a record ends (OwnedBuffer detaches released views then). */
export type IdleHook = (record: BorrowRecord, lease: Lease) => void;

interface MutableRange {
  start: number;
  end: number;
}

// Scratch ranges handed to `rangesOverlap`, so the hot path allocates nothing.
const heldScratch: MutableRange = { start: 0, end: 0 };
const requestScratch: MutableRange = { start: 0, end: 0 };

export class BorrowRecord {
  /** Root leases held (empty views included). */
  live = 0;
  head: Lease | undefined = undefined;
  /**
   * Per mode, in `accessModes` order: the bytes its views cover and how many it holds. Created
   * with the record so the hot path never tests for a missing one.
   */
  private readonly holdings: readonly [Coverage, Coverage, Coverage] = [new Coverage(), new Coverage(), new Coverage()];
  onIdle: IdleHook | undefined;
  /** What the memory is, for messages: "ArrayBuffer(16)", "OwnedBuffer(1024)". */
  describe: () => string;
  /** The xorview class that owns this memory (refuses `adopt`), if any. */
  owner: string | undefined = undefined;
  /** The modes this memory lends, however it is reached (a FrozenBuffer's: immutable only). */
  modes: readonly AccessMode[] = accessModes;

  constructor(describe: () => string, onIdle?: IdleHook) {
    this.describe = describe;
    this.onIdle = onIdle;
  }

  /** Immutable views held. */
  get immutable(): number {
    return this.holdings[0].views;
  }

  /** Exclusive views held. */
  get exclusive(): number {
    return this.holdings[1].views;
  }

  /** Raw views held. */
  get raw(): number {
    return this.holdings[2].views;
  }

  /** Whether a view `[start, end)` in `mode` may be added: SPEC §2's conflict rule. */
  conflicts(mode: AccessMode, start: number, end: number): boolean {
    return this.live !== 0 && this.overlapsConflicting(modeIndex(mode), start, end);
  }

  private overlapsConflicting(requested: number, start: number, end: number): boolean {
    requestScratch.start = start;
    requestScratch.end = end;
    const holdings = this.holdings;
    return (
      (!coexistsAt[requested] && overlapsIn(holdings[0])) ||
      (!coexistsAt[3 + requested] && overlapsIn(holdings[1])) ||
      (!coexistsAt[6 + requested] && overlapsIn(holdings[2]))
    );
  }

  /** The first held lease a request conflicts with (for the error message; linear, error path only). */
  firstConflict(mode: AccessMode, range: ByteRange): Lease | undefined {
    for (let lease = this.head; lease !== undefined; lease = lease.next) {
      if (viewsConflict(lease.mode, lease, mode, range)) return lease;
    }
    return undefined;
  }

  /** Record a root lease (already checked with `conflicts`). */
  add(lease: Lease): void {
    lease.record = this;
    const head = this.head;
    lease.previous = undefined;
    lease.next = head;
    if (head !== undefined) head.previous = lease;
    this.head = lease;
    this.live++;
    const holding = this.holdings[modeIndex(lease.mode)] as Coverage;
    holding.views++;
    if (lease.start < lease.end) holding.add(lease.start, lease.end);
  }

  /** Forget a root lease; runs the idle hook when it was the last. */
  remove(lease: Lease): void {
    const previous = lease.previous;
    const next = lease.next;
    if (previous === undefined) this.head = next;
    else previous.next = next;
    if (next !== undefined) next.previous = previous;
    lease.previous = undefined;
    lease.next = undefined;
    const holding = this.holdings[modeIndex(lease.mode)] as Coverage;
    holding.views--;
    if (lease.start < lease.end) holding.remove(lease.start, lease.end);
    if (--this.live === 0 && this.onIdle !== undefined) this.onIdle(this, lease);
  }

  /** Export counts of the whole memory. */
  counts(): ExportCounts {
    return { immutable: this.immutable, exclusive: this.exclusive, raw: this.raw };
  }

  /**
   * Export counts of the views that touch the window `[start, end)`: overlapping it, or empty and
   * positioned inside it (a Buffer's own window of a shared pool, for example).
   */
  countsWithin(start: number, end: number): ExportCounts {
    const counts = { immutable: 0, exclusive: 0, raw: 0 };
    for (let lease = this.head; lease !== undefined; lease = lease.next) {
      const touches = lease.start < lease.end ? lease.start < end && start < lease.end : lease.start >= start && lease.start <= end;
      if (touches) counts[lease.mode]++;
    }
    return counts;
  }

  /** The error for a request that `conflicts` refused. */
  conflictError(mode: AccessMode, start: number, end: number): BufferError {
    const request = { start, end };
    const held = this.firstConflict(mode, request);
    const heldText =
      held === undefined
        ? 'a held view'
        : `${withArticle(held.mode)} view of bytes ${rangeText(held)}${held.site === undefined ? '' : ` (acquired ${held.site})`}`;
    return new BufferError(
      'CONFLICT',
      `xorview: cannot acquire ${withArticle(mode)} view of bytes ${rangeText(request)} of ${this.describe()}: it overlaps ${heldText}. ` +
        `Release that view first, or ask for a disjoint range${mode === 'immutable' ? '' : ' or a shared mode'}.`,
    );
  }
}

/**
 * Whether the request in `requestScratch` overlaps a view of a coverage whose mode it cannot
 * coexist with (`coexistsAt` in semantics.ts said so): one binary search finds the only segment
 * that could overlap, and `rangesOverlap` decides.
 */
function overlapsIn(coverage: Coverage): boolean {
  const candidate = coverage.candidateBefore(requestScratch.end);
  if (candidate < 0) return false;
  heldScratch.start = coverage.starts[candidate] as number;
  heldScratch.end = coverage.ends[candidate] as number;
  return rangesOverlap(heldScratch, requestScratch);
}

/** "[4, 8)". */
export function rangeText(range: ByteRange): string {
  return `[${range.start}, ${range.end})`;
}

const records = new WeakMap<ArrayBufferLike, BorrowRecord>();

/** The record of a buffer, if any view of it was ever recorded. */
export function recordOf(buffer: ArrayBufferLike): BorrowRecord | undefined {
  return records.get(buffer);
}

/** The record of a buffer, created on first use. */
export function ensureRecord(buffer: ArrayBufferLike): BorrowRecord {
  let record = records.get(buffer);
  if (record === undefined) {
    record = new BorrowRecord(() => describeBuffer(buffer));
    records.set(buffer, record);
  }
  return record;
}

/** Make `buffer` reach `record` (OwnedBuffer's moved bytes, a growing shared WebAssembly.Memory). */
export function attachRecord(buffer: ArrayBufferLike, record: BorrowRecord): void {
  records.set(buffer, record);
}

/** Forget which record a buffer reached (its bytes moved elsewhere). */
export function detachRecord(buffer: ArrayBufferLike): void {
  records.delete(buffer);
}

/** "ArrayBuffer(16)" / "SharedArrayBuffer(64)". */
export function describeBuffer(buffer: ArrayBufferLike): string {
  return `${buffer instanceof ArrayBuffer ? 'ArrayBuffer' : 'SharedArrayBuffer'}(${buffer.byteLength})`;
}
