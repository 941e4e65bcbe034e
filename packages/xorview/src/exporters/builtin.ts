/**
 * Built-in exporters, enforced by the in-process borrow registry: ArrayBuffer (fixed or
 * resizable), SharedArrayBuffer, any TypedArray/DataView/Node Buffer (its window of the underlying
 * buffer, so Buffers carved from Node's pool are disjoint ranges of one memory) and
 * WebAssembly.Memory.
 *
 * WebAssembly.Memory#grow cannot be refused from here (xorview patches no built-in). What happens:
 * - non-shared memory: `grow` detaches the old ArrayBuffer, so every view of it becomes a
 *   zero-length detached view. Those views stay held until released (release still works and is
 *   still required), but they cover no bytes of the new `memory.buffer`, which is new memory to the
 *   registry: acquisitions after the grow do not conflict with the dead views, and
 *   `exportsOf(memory)` counts only views of the current buffer.
 * - shared memory: `grow` does not detach; old and new `memory.buffer` objects are the same bytes,
 *   so the registry keeps one record per Memory and every buffer object it has handed out reaches
 *   that record. Views stay valid and keep conflicting.
 */
import { type AccessMode, accessModes } from '../semantics.js';
import type { ExportCounts } from '../runtime/api-types.js';
import { attachRecord, ensureRecord, recordOf, type BorrowRecord } from '../runtime/borrow-record.js';
import { BufferError } from '../runtime/errors.js';
import { boundAdapterOf, type ExporterAdapter, type Lease, type Placement } from '../runtime/exporter-adapter.js';
import {
  arrayBufferLengthOf,
  bufferByteLength,
  bufferKindOf,
  isDetached,
  isImmutableBuffer,
  readWindow,
  webAssemblyBufferOf,
} from '../runtime/intrinsics.js';
import { describeValue } from '../runtime/views.js';

const sharedMemoryRecords = new WeakMap<object, BorrowRecord>();

function detachedError(what: string): BufferError {
  return new BufferError(
    'DETACHED',
    `xorview: ${what} is detached (transferred, grown or freed), so it has no memory to lend. Acquire from its current owner instead.`,
  );
}

/** A shared WebAssembly.Memory: one record for every buffer object it hands out. */
function joinSharedMemoryRecord(memory: object, buffer: ArrayBufferLike): void {
  const known = sharedMemoryRecords.get(memory);
  if (known === undefined) sharedMemoryRecords.set(memory, ensureRecord(buffer));
  else if (recordOf(buffer) !== known) attachRecord(buffer, known);
}

/** What memory reached as a plain buffer lends: its owner's limits (a FrozenBuffer's) or the platform's. */
function modesOfBuffer(buffer: ArrayBufferLike | undefined): readonly AccessMode[] {
  if (buffer === undefined) return accessModes;
  if (isImmutableBuffer(buffer)) return immutableOnly;
  return recordOf(buffer)?.modes ?? accessModes;
}

const immutableOnly = ['immutable'] as const;

function windowGoneError(view: ArrayBufferView): BufferError {
  return detachedError(`the memory of this ${describeValue(view).slice(2)}`);
}

/** `locate` past its two common cases: empty or detached ArrayBuffers, SharedArrayBuffers, WebAssembly.Memory. */
function locateOther(exporter: object, into: Placement): void {
  const kind = bufferKindOf(exporter);
  if (kind !== 'none') {
    const buffer = exporter as ArrayBufferLike;
    if (kind === 'array' && isDetached(buffer)) throw detachedError('this ArrayBuffer');
    into.buffer = buffer;
    into.start = 0;
    into.length = bufferByteLength(buffer);
    return;
  }
  const memoryBuffer = webAssemblyBufferOf(exporter);
  if (memoryBuffer === undefined) throw notAnExporterError(exporter);
  if (!(memoryBuffer instanceof ArrayBuffer)) joinSharedMemoryRecord(exporter, memoryBuffer);
  into.buffer = memoryBuffer;
  into.start = 0;
  into.length = bufferByteLength(memoryBuffer);
}

export const builtinAdapter: ExporterAdapter = {
  enforcement: 'registry',
  servesViewRequests: true,

  modes(exporter) {
    const placement: Placement = { buffer: undefined, start: 0, length: 0 };
    this.locate(exporter, placement);
    return modesOfBuffer(placement.buffer);
  },

  locate(exporter, into) {
    if (ArrayBuffer.isView(exporter)) {
      const window = into as { buffer: ArrayBufferLike; start: number; length: number };
      readWindow(exporter, window);
      // Views of a detached buffer report length 0, so a non-empty window settles it.
      if (window.length < 0 || (window.length === 0 && isDetached(window.buffer))) throw windowGoneError(exporter);
      return;
    }
    if (exporter instanceof ArrayBuffer) {
      // The common case, in one intrinsic call; anything odd falls through to the full checks.
      const length = arrayBufferLengthOf(exporter);
      if (length > 0) {
        into.buffer = exporter;
        into.start = 0;
        into.length = length;
        return;
      }
    }
    locateOther(exporter, into);
  },

  claim(exporter, lease, timeout) {
    // Memory a cross-thread exporter owns (a SharedOwnedBuffer's), reached as a plain window over
    // it: its lock table decides, not this thread's registry, and the lease is that adapter's.
    const owner = lease.buffer instanceof SharedArrayBuffer ? boundAdapterOf(lease.buffer) : undefined;
    if (owner !== undefined) {
      lease.adapter = owner;
      return owner.claim(exporter, lease, timeout);
    }
    claimInRegistry(lease);
    return undefined;
  },

  unclaim(lease) {
    (lease.record as BorrowRecord).remove(lease);
  },

  counts(exporter): ExportCounts {
    const window: Placement = { buffer: undefined, start: 0, length: 0 };
    try {
      this.locate(exporter, window);
    } catch (error) {
      // A detached buffer may still have (dead) views held against it until they are released.
      if (!(error instanceof BufferError) || error.code !== 'DETACHED' || ArrayBuffer.isView(exporter)) throw error;
      return recordOf(exporter as ArrayBufferLike)?.counts() ?? { immutable: 0, exclusive: 0, raw: 0 };
    }
    const owner = window.buffer instanceof SharedArrayBuffer ? boundAdapterOf(window.buffer) : undefined;
    if (owner !== undefined) return owner.counts(exporter);
    const record = recordOf(window.buffer as ArrayBufferLike);
    if (record === undefined) return { immutable: 0, exclusive: 0, raw: 0 };
    return ArrayBuffer.isView(exporter) ? record.countsWithin(window.start, window.start + window.length) : record.counts();
  },
};

/**
 * Check a lease against the registry record of its buffer and record it: the claim step of every
 * in-process adapter. Immutable platform buffers lend immutable views only.
 */
export function claimInRegistry(lease: Lease): void {
  const buffer = lease.buffer as ArrayBufferLike;
  if (lease.mode !== 'immutable' && isImmutableBuffer(buffer)) throw modeRefusedError(lease.mode, undefined);
  const record = recordOf(buffer);
  if (record !== undefined) {
    if (record.modes !== accessModes && !record.modes.includes(lease.mode)) throw modeRefusedError(lease.mode, record);
    if (record.conflicts(lease.mode, lease.start, lease.end)) throw record.conflictError(lease.mode, lease.start, lease.end);
  }
  (record ?? ensureRecord(buffer)).add(lease);
}

/** A mode the memory does not lend: an immutable platform buffer, or a restricted owner's bytes. */
function modeRefusedError(mode: AccessMode, record: BorrowRecord | undefined): BufferError {
  return new BufferError(
    'UNSUPPORTED_MODE',
    record === undefined
      ? `xorview: this memory is an immutable ArrayBuffer; it lends 'immutable' views only, not '${mode}'.`
      : `xorview: this memory belongs to a ${record.owner ?? 'restricted exporter'} and lends ${record.modes.join(', ')} views only, not '${mode}'.`,
  );
}

/** The error for a value that cannot lend memory. */
export function notAnExporterError(value: unknown): BufferError {
  return new BufferError(
    'NOT_AN_EXPORTER',
    `xorview: ${describeValue(value)} cannot lend memory. Pass an ArrayBuffer, SharedArrayBuffer, TypedArray, DataView, ` +
      'WebAssembly.Memory, OwnedBuffer, a view, or an object implementing [exportView].',
  );
}
