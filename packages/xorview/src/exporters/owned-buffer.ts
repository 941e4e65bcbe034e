import { accessModes } from '../semantics.js';
import { exportView } from '../symbols.js';
import type { ExporterProtocol } from '../types/exporter.js';
import { checkedCount, outOfRange } from '../runtime/arguments.js';
import { recordOf } from '../runtime/borrow-record.js';
import { BufferError } from '../runtime/errors.js';
import { bindExporter } from '../runtime/exporter-adapter.js';
import {
  allocateBuffer,
  bufferKindOf,
  isDetached,
  isImmutableBuffer,
  isResizable,
  maxByteLengthOf,
  moveBuffer,
  moveBufferToLength,
  moveToImmutable,
  resizeBuffer,
} from '../runtime/intrinsics.js';
import { describeValue } from '../runtime/views.js';
import { FrozenBuffer, createFrozenBuffer, directExportError } from './frozen-buffer.js';
import { OwnedMemory } from './owned-memory.js';

export { FrozenBuffer };

/** Options of `new OwnedBuffer(byteLength, options)`. */
export interface OwnedBufferOptions {
  /** Make the buffer resizable up to this many bytes (a resizable ArrayBuffer underneath). */
  readonly maxByteLength?: number;
}

// Bytes handed to the constructor by `adopt`/`transfer` (read and cleared at once, no user code in between).
let movedIn: ArrayBuffer | undefined;

function allocate(byteLength: unknown, options: unknown): ArrayBuffer {
  const length = checkedCount('byteLength', byteLength);
  if (options === undefined) return allocateBuffer(length);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`xorview: OwnedBuffer options must be an object like { maxByteLength }, got ${describeValue(options)}.`);
  }
  const maxOption = (options as OwnedBufferOptions).maxByteLength;
  if (maxOption === undefined) return allocateBuffer(length);
  const maxByteLength = checkedCount('maxByteLength', maxOption);
  if (maxByteLength < length) throw outOfRange(`maxByteLength ${maxByteLength} is smaller than byteLength ${length}.`);
  return allocateBuffer(length, maxByteLength);
}

/**
 * Memory owned by xorview, enforced by the engine: views are detached when released (an
 * exclusive view at its release, shared views when the last view of the memory is released, by
 * moving the bytes to a fresh ArrayBuffer), so an exclusive grant always gets bytes no earlier
 * view can reach; and `resize`/`transfer`/`freeze` are refused with `LOCKED` while anything is
 * exported (PEP 298's lock).
 *
 * @example
 * ```
 * import { OwnedBuffer, acquire } from 'xorview';
 *
 * const frame = new OwnedBuffer(1024, { maxByteLength: 4096 });
 * {
 *   using pixels = acquire(frame, 'exclusive');
 *   pixels.fill(255);
 *   // frame.resize(2048) here throws BufferError LOCKED
 * }
 * frame.resize(2048); // fine: nothing is held
 * ```
 */
export class OwnedBuffer implements ExporterProtocol<ArrayBuffer> {
  readonly #memory: OwnedMemory;

  constructor(byteLength: number, options?: OwnedBufferOptions) {
    const adopted = movedIn;
    movedIn = undefined;
    const buffer = adopted ?? allocate(byteLength, options);
    this.#memory = new OwnedMemory(buffer, 'OwnedBuffer', 'engine', accessModes);
    bindExporter(this, this.#memory);
  }

  /**
   * Take ownership of an existing ArrayBuffer. A move: `buffer` is detached afterwards (as are all
   * views of it). `LOCKED` while views of it are held.
   */
  static adopt(buffer: ArrayBuffer): OwnedBuffer {
    // Typed for TypeScript callers; JavaScript callers may pass anything.
    const candidate: unknown = buffer;
    if (typeof candidate !== 'object' || candidate === null || bufferKindOf(candidate) !== 'array') {
      throw new TypeError(
        `xorview: OwnedBuffer.adopt() takes an ArrayBuffer, got ${describeValue(buffer)}` +
          ' (a SharedArrayBuffer cannot be moved: use SharedOwnedBuffer).',
      );
    }
    if (isDetached(buffer)) throw new BufferError('DETACHED', 'xorview: cannot adopt a detached ArrayBuffer: it has no bytes left.');
    const record = recordOf(buffer);
    if (record !== undefined && (record.live > 0 || record.owner !== undefined)) {
      throw new BufferError(
        'LOCKED',
        record.owner === undefined
          ? `xorview: cannot adopt this ArrayBuffer while views of it are held (immutable: ${record.immutable}, exclusive: ${record.exclusive}, raw: ${record.raw}). Release them first; nothing was changed.`
          : `xorview: cannot adopt memory that a ${record.owner} owns.`,
      );
    }
    if (isImmutableBuffer(buffer)) throw new TypeError('xorview: an immutable ArrayBuffer cannot be moved; acquire it in immutable mode instead.');
    movedIn = moveBuffer(buffer);
    return new OwnedBuffer(0);
  }

  /** The current length in bytes (0 once the memory moved out). */
  get byteLength(): number {
    return this.#memory.buffer?.byteLength ?? 0;
  }

  /** Whether `resize` may change the length. */
  get resizable(): boolean {
    const buffer = this.#memory.buffer;
    return buffer !== undefined && isResizable(buffer);
  }

  /** The largest length `resize` accepts (`byteLength` for fixed-length buffers). */
  get maxByteLength(): number {
    const buffer = this.#memory.buffer;
    return buffer === undefined ? 0 : maxByteLengthOf(buffer);
  }

  /** Whether the memory moved out (`transfer()` or `freeze()`): nothing is left to lend. */
  get detached(): boolean {
    return this.#memory.buffer === undefined;
  }

  /**
   * Resize in place (resizable buffers only). `LOCKED` while any view is held, even an empty one;
   * a resize to the current length is a no-op and always allowed.
   */
  resize(byteLength: number): void {
    const length = checkedCount('byteLength', byteLength);
    const memory = this.#memory;
    const buffer = memory.requireBuffer('resize');
    if (length === buffer.byteLength) return;
    memory.assertUnlocked('resize');
    if (!isResizable(buffer)) {
      throw new TypeError('xorview: this OwnedBuffer has a fixed length; create it with { maxByteLength } to resize it.');
    }
    const maxByteLength = maxByteLengthOf(buffer);
    if (length > maxByteLength) throw outOfRange(`byteLength ${length} exceeds maxByteLength ${maxByteLength}.`);
    resizeBuffer(buffer, length);
  }

  /**
   * Move the memory into a new `OwnedBuffer` (optionally of a new length, keeping resizability);
   * this one is left empty. `LOCKED` while any view is held.
   */
  transfer(byteLength?: number): OwnedBuffer {
    const memory = this.#memory;
    const length = byteLength === undefined ? undefined : checkedCount('byteLength', byteLength);
    const current = memory.requireBuffer('transfer');
    memory.assertUnlocked('transfer');
    if (length !== undefined && isResizable(current) && length > maxByteLengthOf(current)) {
      throw outOfRange(`byteLength ${length} exceeds maxByteLength ${maxByteLengthOf(current)}.`);
    }
    const buffer = memory.takeBuffer('transfer');
    movedIn = length === undefined ? moveBuffer(buffer) : moveBufferToLength(buffer, length);
    return new OwnedBuffer(0);
  }

  /**
   * Give up writing forever: an immutable-only exporter over the same bytes (a real immutable
   * ArrayBuffer where the platform has `transferToImmutable`). This one is left empty. `LOCKED`
   * while any view is held.
   */
  freeze(): FrozenBuffer {
    const buffer = this.#memory.takeBuffer('freeze');
    const immutable = moveToImmutable(buffer);
    return createFrozenBuffer(immutable ?? moveBuffer(buffer), immutable !== undefined);
  }

  /** @internal The exporter protocol; `acquire` is the way to call it. */
  [exportView](): ArrayBuffer {
    throw directExportError('OwnedBuffer');
  }
}
