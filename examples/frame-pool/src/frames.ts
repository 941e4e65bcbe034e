// A pool of video frames in one ArrayBuffer, each frame a user-defined exporter (the exporter
// protocol, PEP 688's __buffer__/__release_buffer__). A frame enforces mutable XOR shared itself:
// one writer or any number of readers. The pool hands the producer only frames nobody is reading,
// so a frame is recycled exactly when its last reader releases it, never earlier.
import {
  BufferError,
  acquire,
  exportModes,
  exportView,
  release,
  releaseView,
  tryAcquire,
  type ExporterProtocol,
  type ExportRequest,
  type ImmutableView,
} from 'xorview';

/** Each frame starts with a header: frame number (u32) and pixel count (u32), little-endian. */
export const headerBytes = 8;

/** One frame: a window of the pool's memory that counts the views it has lent. */
export class Frame implements ExporterProtocol<ArrayBuffer> {
  readonly [exportModes] = ['immutable', 'exclusive'] as const;
  readonly slot: number;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  #readers = 0;
  #writing = false;

  constructor(slot: number, bytes: Uint8Array<ArrayBuffer>) {
    this.slot = slot;
    this.#bytes = bytes;
  }

  get byteLength(): number {
    return this.#bytes.byteLength;
  }

  /** Whether any view of this frame is held. */
  get inUse(): boolean {
    return this.#writing || this.#readers > 0;
  }

  /** Lend this frame's bytes, refusing what would break one-writer-or-many-readers. */
  [exportView](request: ExportRequest): Uint8Array<ArrayBuffer> {
    if (request.mode === 'exclusive' ? this.inUse : this.#writing) {
      const holders = this.#writing ? 'the producer is writing it' : `${this.#readers} reader(s) still hold it`;
      throw new BufferError('CONFLICT', `frame slot ${this.slot}: cannot lend an ${request.mode} view, ${holders}.`);
    }
    if (request.mode === 'exclusive') this.#writing = true;
    else this.#readers++;
    return this.#bytes;
  }

  [releaseView](): void {
    if (this.#writing) this.#writing = false;
    else this.#readers--;
  }

  /** How this frame is held right now. */
  describe(): string {
    return this.#writing ? 'writing' : this.#readers > 0 ? `${this.#readers} reader(s)` : 'no views';
  }
}

/** A fixed number of equally sized frames over one ArrayBuffer. */
export class FramePool {
  readonly frames: readonly Frame[];

  constructor(count: number, pixelsPerFrame: number) {
    const frameBytes = headerBytes + pixelsPerFrame;
    const memory = new ArrayBuffer(count * frameBytes);
    this.frames = Array.from(
      { length: count },
      (_, slot) => new Frame(slot, new Uint8Array(memory, slot * frameBytes, frameBytes)),
    );
  }

  /** A frame nobody holds a view of, for the producer to overwrite. */
  free(): Frame | undefined {
    return this.frames.find((frame) => !frame.inUse);
  }

  /** Every frame's state, e.g. "0: 2 reader(s), 1: free". */
  describe(): string {
    return this.frames.map((frame) => `${frame.slot}: ${frame.describe()}`).join(', ');
  }
}

/** Produce picture `number` into a free frame: header, then a pixel pattern of that number. */
export function produce(pool: FramePool, number: number): Frame {
  const frame = pool.free();
  if (frame === undefined) throw new Error('every frame is still being read: drop a frame or wait');
  using target = acquire(frame, 'exclusive');
  {
    using header = acquire(target, 'exclusive', { as: DataView, byteLength: headerBytes });
    header.setUint32(0, number, true);
    header.setUint32(4, target.length - headerBytes, true);
  }
  for (let index = headerBytes; index < target.length; index++) target[index] = (index * number) % 251;
  return frame;
}

/** Whether the producer could overwrite `frame` now: 'granted' (released at once) or why not. */
export function probeOverwrite(frame: Frame): string {
  const attempt = tryAcquire(frame, 'exclusive');
  if (!attempt.ok) return `${attempt.error.code}: ${attempt.error.message}`;
  release(attempt.view);
  return 'granted';
}

/** The picture number in a frame's header, read through a DataView sub-view of a held view. */
export function pictureNumber(picture: ImmutableView): number {
  using header = acquire(picture, 'immutable', { as: DataView, byteLength: headerBytes });
  return header.getUint32(0, true);
}

/** The sum of a picture's pixels. */
export function pixelSum(picture: ImmutableView): number {
  return picture.subarray(headerBytes).reduce((sum, value) => sum + value, 0);
}
