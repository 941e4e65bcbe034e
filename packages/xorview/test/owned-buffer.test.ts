import { describe, expect, it } from 'vitest';
import { BufferError, OwnedBuffer, acquire, capabilities, exportsOf, isReleased, release, tryAcquire, type AccessMode } from '../src/index.js';

const modes: readonly AccessMode[] = ['immutable', 'exclusive', 'raw'];
const immutableBuffers = typeof (ArrayBuffer.prototype as { transferToImmutable?: unknown }).transferToImmutable === 'function';

function codeOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    return error instanceof BufferError ? error.code : `not a BufferError: ${String(error)}`;
  }
  return undefined;
}

it.runIf(process.env['XORVIEW_TEST_IMMUTABLE_ARRAYBUFFER'] === '1')('the immutable-ArrayBuffer run really has them', () => {
  expect(immutableBuffers).toBe(true);
});

describe('OwnedBuffer: construction', () => {
  it('allocates fixed and resizable memory', () => {
    const fixed = new OwnedBuffer(16);
    expect(fixed.byteLength).toBe(16);
    expect(fixed.resizable).toBe(false);
    const growable = new OwnedBuffer(8, { maxByteLength: 32 });
    expect(growable.resizable).toBe(true);
    expect(growable.maxByteLength).toBe(32);
    expect(capabilities(fixed)).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'engine' });
  });

  it.each([[-1], [1.5], [Number.NaN], ['8'], [Number.POSITIVE_INFINITY]])('refuses byteLength %s with OUT_OF_RANGE', (length) => {
    expect(codeOf(() => new OwnedBuffer(length as never))).toBe('OUT_OF_RANGE');
  });

  it('refuses a maxByteLength below byteLength', () => {
    expect(codeOf(() => new OwnedBuffer(8, { maxByteLength: 4 }))).toBe('OUT_OF_RANGE');
  });
});

describe('OwnedBuffer: engine enforcement', () => {
  it('an exclusive view is detached at its release, and so is every alias made from it', () => {
    const owned = new OwnedBuffer(8);
    const view = acquire(owned, 'exclusive');
    view.set([1, 2, 3]);
    const alias = new Uint8Array(view.buffer);
    release(view);
    expect(view.byteLength).toBe(0);
    expect(view.length).toBe(0);
    expect(alias.byteLength).toBe(0);
    expect(view[0]).toBeUndefined();
    expect(() => view.fill(1)).toThrow(TypeError);
    const again = acquire(owned, 'immutable');
    expect([...again.subarray(0, 3)]).toEqual([1, 2, 3]);
    release(again);
  });

  it('immutable views are detached when the last view sharing the memory is released', () => {
    const owned = new OwnedBuffer(8);
    const first = acquire(owned, 'immutable');
    const second = acquire(owned, 'immutable');
    release(first);
    expect(isReleased(first)).toBe(true);
    expect(first.byteLength).toBe(8);
    release(second);
    expect(first.byteLength).toBe(0);
    expect(second.byteLength).toBe(0);
  });

  it('an exclusive grant gets bytes that no earlier view can reach', () => {
    const owned = new OwnedBuffer(8);
    const reader = acquire(owned, 'raw');
    const stale = new Uint8Array(reader.buffer);
    release(reader);
    const writer = acquire(owned, 'exclusive');
    expect(writer.buffer).not.toBe(stale.buffer);
    expect(stale.byteLength).toBe(0);
    writer[0] = 9;
    release(writer);
  });

  it('a second exclusive view of a disjoint range never detaches the first', () => {
    const owned = new OwnedBuffer(16);
    const low = acquire(owned, 'exclusive', { byteLength: 8 });
    const high = acquire(owned, 'exclusive', { byteOffset: 8 });
    low[0] = 1;
    high[0] = 2;
    expect(low.byteLength).toBe(8);
    expect(low.buffer).toBe(high.buffer);
    release(low);
    expect(high.byteLength).toBe(8);
    expect(high[0]).toBe(2);
    release(high);
    expect(high.byteLength).toBe(0);
  });

  it.each(modes)('%s views conflict per SPEC §2 and are counted', (mode) => {
    const owned = new OwnedBuffer(8);
    const view = acquire(owned, mode);
    expect(exportsOf(owned)[mode]).toBe(1);
    for (const other of modes) {
      const coexists = mode === other && mode !== 'exclusive';
      expect(tryAcquire(owned, other).ok).toBe(coexists);
    }
    // The memory reached through view.buffer is the same memory.
    expect(tryAcquire(view.buffer, 'exclusive').ok).toBe(false);
    release(view);
  });

  it('views acquired through view.buffer are engine-detached too', () => {
    const owned = new OwnedBuffer(8);
    const view = acquire(owned, 'raw', { byteLength: 4 });
    const through = acquire(view.buffer, 'raw', { byteOffset: 4 });
    expect(exportsOf(owned).raw).toBe(2);
    release(view);
    expect(through.byteLength).toBe(4);
    release(through);
    expect(through.byteLength).toBe(0);
    expect(exportsOf(owned).raw).toBe(0);
  });
});

describe('OwnedBuffer: lock (PEP 298)', () => {
  const locking: readonly [string, (owned: OwnedBuffer) => unknown][] = [
    ['resize', (owned) => owned.resize(16)],
    ['transfer', (owned) => owned.transfer()],
    ['transfer(n)', (owned) => owned.transfer(4)],
    ['freeze', (owned) => owned.freeze()],
  ];

  for (const mode of modes) {
    it.each(locking)(`%s while a ${mode} view is held is LOCKED and changes nothing`, (_name, operate) => {
      const owned = new OwnedBuffer(8, { maxByteLength: 32 });
      const view = acquire(owned, mode, { byteOffset: 2, byteLength: 2 });
      const error = (() => {
        try {
          operate(owned);
        } catch (caught) {
          return caught as BufferError;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(BufferError);
      expect(error?.code).toBe('LOCKED');
      expect(error?.message).toContain(`${mode}: 1`);
      expect(owned.byteLength).toBe(8);
      expect(owned.detached).toBe(false);
      expect(view.byteLength).toBe(2);
      expect(exportsOf(owned)[mode]).toBe(1);
      release(view);
      expect(codeOf(() => operate(owned))).toBeUndefined();
    });
  }

  it('an empty view still counts as held and blocks resize', () => {
    const owned = new OwnedBuffer(8, { maxByteLength: 16 });
    const empty = acquire(owned, 'immutable', { byteLength: 0 });
    expect(exportsOf(owned).immutable).toBe(1);
    expect(codeOf(() => owned.resize(4))).toBe('LOCKED');
    release(empty);
    owned.resize(4);
    expect(owned.byteLength).toBe(4);
  });

  it('a resize to the same length is allowed, even while views are held and on fixed buffers', () => {
    const owned = new OwnedBuffer(8);
    const view = acquire(owned, 'exclusive');
    owned.resize(8);
    expect(view.byteLength).toBe(8);
    release(view);
  });

  it('a sub-view keeps the lock until its parent is released', () => {
    const owned = new OwnedBuffer(8, { maxByteLength: 16 });
    const view = acquire(owned, 'exclusive');
    const child = view.subarray(2);
    expect(codeOf(() => owned.resize(12))).toBe('LOCKED');
    release(child);
    expect(codeOf(() => owned.resize(12))).toBe('LOCKED');
    release(view);
    owned.resize(12);
    expect(child.byteLength).toBe(0);
  });

  it.each([[-1], [1.5], [Number.NaN], ['8'], [Number.POSITIVE_INFINITY], [{ valueOf: () => 8 }]])(
    'resize(%s) and transfer(%s) are OUT_OF_RANGE and change nothing',
    (length) => {
      const owned = new OwnedBuffer(8, { maxByteLength: 16 });
      expect(codeOf(() => owned.resize(length as never))).toBe('OUT_OF_RANGE');
      expect(codeOf(() => owned.transfer(length as never))).toBe('OUT_OF_RANGE');
      expect(owned.byteLength).toBe(8);
      expect(owned.detached).toBe(false);
    },
  );

  it('resize of a fixed buffer is a TypeError, past maxByteLength OUT_OF_RANGE', () => {
    expect(() => new OwnedBuffer(8).resize(4)).toThrow(TypeError);
    expect(codeOf(() => new OwnedBuffer(8, { maxByteLength: 8 }).resize(9))).toBe('OUT_OF_RANGE');
  });
});

describe('OwnedBuffer: adopt, transfer, freeze', () => {
  it('adopt is a move: the argument is detached', () => {
    const buffer = new ArrayBuffer(4);
    new Uint8Array(buffer).set([1, 2, 3, 4]);
    const owned = OwnedBuffer.adopt(buffer);
    expect(buffer.byteLength).toBe(0);
    expect(owned.byteLength).toBe(4);
    const view = acquire(owned, 'immutable');
    expect([...view]).toEqual([1, 2, 3, 4]);
    release(view);
  });

  it('adopt keeps resizability', () => {
    const buffer = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(4, { maxByteLength: 12 });
    const owned = OwnedBuffer.adopt(buffer);
    expect(owned.resizable).toBe(true);
    expect(owned.maxByteLength).toBe(12);
    owned.resize(12);
    expect(owned.byteLength).toBe(12);
  });

  it('adopt while views of the buffer are held is LOCKED and changes nothing', () => {
    const buffer = new ArrayBuffer(8);
    const view = acquire(buffer, 'immutable', { byteLength: 0 });
    expect(codeOf(() => OwnedBuffer.adopt(buffer))).toBe('LOCKED');
    expect(buffer.byteLength).toBe(8);
    release(view);
    expect(OwnedBuffer.adopt(buffer).byteLength).toBe(8);
  });

  it("adopt refuses another owner's memory, detached buffers and non-ArrayBuffers", () => {
    const owned = new OwnedBuffer(8);
    const view = acquire(owned, 'raw');
    const memory = view.buffer;
    expect(codeOf(() => OwnedBuffer.adopt(memory))).toBe('LOCKED');
    release(view);
    expect(codeOf(() => OwnedBuffer.adopt(memory))).toBe('DETACHED');
    expect(() => OwnedBuffer.adopt(new SharedArrayBuffer(4) as never)).toThrow(TypeError);
    expect(() => OwnedBuffer.adopt({} as never)).toThrow(TypeError);
    expect(() => OwnedBuffer.adopt(null as never)).toThrow(TypeError);
  });

  it('transfer moves the bytes into a new OwnedBuffer and leaves this one empty', () => {
    const owned = new OwnedBuffer(4);
    const view = acquire(owned, 'exclusive');
    view.set([5, 6, 7, 8]);
    release(view);
    const moved = owned.transfer();
    expect(owned.byteLength).toBe(0);
    expect(owned.detached).toBe(true);
    expect(codeOf(() => acquire(owned, 'raw'))).toBe('DETACHED');
    expect(codeOf(() => owned.resize(4))).toBe('DETACHED');
    expect(codeOf(() => owned.transfer())).toBe('DETACHED');
    const read = acquire(moved, 'immutable');
    expect([...read]).toEqual([5, 6, 7, 8]);
    release(read);
  });

  it.each([[2], [4], [6]])('transfer(%i) resizes (fixed buffer)', (length) => {
    const owned = new OwnedBuffer(4);
    const view = acquire(owned, 'exclusive');
    view.set([1, 2, 3, 4]);
    release(view);
    const moved = owned.transfer(length);
    expect(moved.byteLength).toBe(length);
    expect(moved.resizable).toBe(false);
    const read = acquire(moved, 'immutable');
    expect([...read]).toEqual([1, 2, 3, 4, 0, 0].slice(0, length));
    release(read);
  });

  it('transfer of a resizable buffer keeps maxByteLength and refuses more', () => {
    const owned = new OwnedBuffer(4, { maxByteLength: 8 });
    expect(codeOf(() => owned.transfer(9))).toBe('OUT_OF_RANGE');
    expect(owned.byteLength).toBe(4);
    const moved = owned.transfer(8);
    expect(moved.resizable).toBe(true);
    expect(moved.maxByteLength).toBe(8);
    expect(moved.byteLength).toBe(8);
  });

  it('freeze gives an immutable-only exporter over the same bytes', () => {
    const owned = new OwnedBuffer(4);
    const writer = acquire(owned, 'exclusive');
    writer.set([1, 2, 3, 4]);
    release(writer);
    const frozen = owned.freeze();
    expect(owned.detached).toBe(true);
    expect(frozen.byteLength).toBe(4);
    expect(capabilities(frozen)).toEqual({ modes: ['immutable'], enforcement: immutableBuffers ? 'engine' : 'registry' });
    expect(codeOf(() => acquire(frozen, 'exclusive' as never))).toBe('UNSUPPORTED_MODE');
    expect(codeOf(() => acquire(frozen, 'raw' as never))).toBe('UNSUPPORTED_MODE');
    const first = acquire(frozen, 'immutable');
    const second = acquire(frozen, 'immutable');
    expect([...first]).toEqual([1, 2, 3, 4]);
    expect(exportsOf(frozen).immutable).toBe(2);
    // Reaching the frozen bytes through view.buffer still lends immutable views only.
    expect(codeOf(() => acquire(first.buffer, 'raw'))).toBe('UNSUPPORTED_MODE');
    expect(capabilities(first.buffer).modes).toEqual(['immutable']);
    expect(codeOf(() => OwnedBuffer.adopt(first.buffer))).toBe('LOCKED');
    if (immutableBuffers) {
      expect(() => {
        (first as unknown as Uint8Array)[0] = 99;
      }).toThrow(TypeError);
      expect(first[0]).toBe(1);
      expect(() => (first as unknown as Uint8Array).fill(0)).toThrow(TypeError);
    }
    release(first);
    expect(first.byteLength).toBe(4);
    release(second);
    expect(exportsOf(frozen).immutable).toBe(0);
    // Without engine immutability the bytes move away when the last view goes, like OwnedBuffer's.
    expect(first.byteLength).toBe(immutableBuffers ? 4 : 0);
    const again = acquire(frozen, 'immutable');
    expect([...again]).toEqual([1, 2, 3, 4]);
    release(again);
  });

  it('new FrozenBuffer() is refused: freeze() makes them', async () => {
    const { FrozenBuffer } = await import('../src/index.js');
    expect(() => new (FrozenBuffer as unknown as new () => object)()).toThrow(TypeError);
  });

  it('calling [exportView] directly is refused: acquire counts views', async () => {
    const { exportView } = await import('../src/index.js');
    expect(codeOf(() => new OwnedBuffer(4)[exportView]({ mode: 'raw', byteOffset: 0, byteLength: 4 }))).toBe('NOT_AN_EXPORTER');
  });
});
