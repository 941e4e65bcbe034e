/** SharedOwnedBuffer through the public API, in one thread (the cross-worker tests are separate). */
import { describe, expect, it } from 'vitest';
import { codeOf } from './support/buffer-error-code.js';
import {
  acquire,
  acquireAsync,
  capabilities,
  exportsOf,
  exportView,
  isReleased,
  release,
  SharedOwnedBuffer,
  tryAcquire,
} from '../src/index.js';

describe('SharedOwnedBuffer through acquire', () => {
  it('says it enforces across threads, for every mode', () => {
    const buffer = new SharedOwnedBuffer(16);
    expect(capabilities(buffer)).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'cross-thread' });
  });

  it('lends real typed arrays over the shared memory, zero copy', () => {
    const buffer = new SharedOwnedBuffer(16);
    const words = acquire(buffer, 'exclusive', { as: Int32Array, byteOffset: 4, length: 2 });
    expect(words).toBeInstanceOf(Int32Array);
    expect(words.buffer).toBe(buffer.handle.memory);
    expect([words.byteOffset, words.length]).toEqual([4, 2]);
    words[0] = 7;
    release(words);
    const bytes = acquire(buffer, 'immutable');
    expect(new Int32Array(bytes.buffer, 4, 1)[0]).toBe(7);
    release(bytes);
  });

  it('applies the conflict table and counts exports across openings of the same memory', () => {
    const buffer = new SharedOwnedBuffer(32);
    const other = SharedOwnedBuffer.fromHandle(structuredClone(buffer.handle));
    const reading = acquire(buffer, 'immutable', { byteLength: 16 });
    const alsoReading = acquire(other, 'immutable', { byteOffset: 8, byteLength: 8 });
    expect(codeOf(() => acquire(other, 'exclusive', { byteOffset: 12, byteLength: 4 }))).toBe('CONFLICT');
    expect(codeOf(() => acquire(other, 'raw', { byteLength: 1 }))).toBe('CONFLICT');
    const disjoint = acquire(other, 'exclusive', { byteOffset: 16 });
    expect(exportsOf(buffer)).toEqual({ immutable: 2, exclusive: 1, raw: 0 });
    expect(exportsOf(other)).toEqual({ immutable: 2, exclusive: 1, raw: 0 });
    release(reading);
    release(alsoReading);
    release(disjoint);
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('lets raw views share with raw views only', () => {
    const buffer = new SharedOwnedBuffer(8);
    const first = acquire(buffer, 'raw');
    const second = acquire(buffer, 'raw');
    expect(codeOf(() => acquire(buffer, 'immutable'))).toBe('CONFLICT');
    release(first);
    release(second);
  });

  it('returns every refusal from tryAcquire instead of throwing', () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    const refused = tryAcquire(buffer, 'immutable');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('CONFLICT');
    const badRange = tryAcquire(buffer, 'immutable', { byteOffset: 9 });
    expect(!badRange.ok && badRange.error.code).toBe('OUT_OF_RANGE');
    release(held);
    expect(tryAcquire(buffer, 'immutable').ok).toBe(true);
  });

  it('checks views of view.buffer against the same lock table (same memory)', () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    expect(codeOf(() => acquire(held.buffer, 'immutable'))).toBe('CONFLICT');
    expect(capabilities(held.buffer).enforcement).toBe('cross-thread');
    release(held);
    const again = acquire(held.buffer, 'immutable');
    expect(exportsOf(buffer).immutable).toBe(1);
    release(again);
  });

  it('checks plain windows over its memory against the same lock table (same memory)', () => {
    const buffer = new SharedOwnedBuffer(16);
    const other = SharedOwnedBuffer.fromHandle(structuredClone(buffer.handle)); // another holder
    const held = acquire(other, 'exclusive', { byteOffset: 8 });
    const window = new Uint8Array(buffer.handle.memory, 4, 8); // bytes [4, 12)
    expect(codeOf(() => acquire(window, 'immutable'))).toBe('CONFLICT');
    const front = acquire(window, 'immutable', { byteLength: 4 }); // bytes [4, 8): disjoint
    expect(exportsOf(buffer)).toEqual({ immutable: 1, exclusive: 1, raw: 0 });
    expect(exportsOf(window)).toEqual({ immutable: 1, exclusive: 1, raw: 0 });
    expect(exportsOf(new Uint8Array(buffer.handle.memory, 0, 4))).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
    expect(codeOf(() => acquire(other, 'exclusive', { byteOffset: 6, byteLength: 1 }))).toBe('CONFLICT');
    release(front);
    release(held);
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('releases idempotently, sub-views included, and with using', () => {
    const buffer = new SharedOwnedBuffer(8);
    {
      using view = acquire(buffer, 'exclusive');
      const part = acquire(view, 'exclusive', { byteOffset: 2, byteLength: 2 });
      part[0] = 1;
      expect(exportsOf(buffer).exclusive).toBe(1);
    }
    expect(exportsOf(buffer).exclusive).toBe(0);
    const view = acquire(buffer, 'immutable');
    release(view);
    release(view);
    expect(isReleased(view)).toBe(true);
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('refuses a blocking wait on its own thread’s view rather than deadlock', () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    const error = tryAcquire(buffer, 'immutable', { timeout: 60_000 });
    expect(!error.ok && error.error.code).toBe('CONFLICT');
    expect(!error.ok && error.error.message).toMatch(/deadlock/);
    release(held);
  });

  it('waits asynchronously for a release, and times out with TIMEOUT', async () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    await expect(acquireAsync(buffer, 'immutable', { timeout: 20 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const waiting = acquireAsync(buffer, 'immutable', { as: Uint16Array, timeout: 10_000 });
    setTimeout(() => release(held), 10);
    const view = await waiting;
    expect(view).toBeInstanceOf(Uint16Array);
    expect(exportsOf(buffer)).toEqual({ immutable: 1, exclusive: 0, raw: 0 });
    release(view);
  });

  it('rejects acquireAsync with the signal’s reason and leaves nothing behind', async () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    const controller = new AbortController();
    const waiting = acquireAsync(buffer, 'immutable', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('no longer needed')), 10);
    await expect(waiting).rejects.toThrow('no longer needed');
    release(held);
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
    expect(codeOf(() => release(acquire(buffer, 'exclusive')))).toBeUndefined();
  });

  it('accepts any AbortSignalLike (aborted, reason, addEventListener, removeEventListener)', async () => {
    const buffer = new SharedOwnedBuffer(8);
    const held = acquire(buffer, 'exclusive');
    const listeners = new Set<() => void>();
    const signal = {
      aborted: false,
      reason: undefined as unknown,
      addEventListener: (_type: 'abort', listener: () => void) => listeners.add(listener),
      removeEventListener: (_type: 'abort', listener: () => void) => listeners.delete(listener),
    };
    const waiting = acquireAsync(buffer, 'immutable', { signal });
    setTimeout(() => {
      Object.assign(signal, { aborted: true, reason: new Error('stop waiting') });
      for (const listener of listeners) listener();
    }, 10);
    await expect(waiting).rejects.toThrow('stop waiting');
    release(held);
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('fails with CONFLICT, saying so, when the lock table is full', () => {
    const buffer = new SharedOwnedBuffer(8, { maxViews: 2 });
    expect(buffer.maxViews).toBe(2);
    const first = acquire(buffer, 'immutable');
    const second = acquire(buffer, 'immutable');
    const full = tryAcquire(buffer, 'immutable');
    expect(!full.ok && full.error.code).toBe('CONFLICT');
    expect(!full.ok && full.error.message).toMatch(/lock table is full \(2 /);
    release(first);
    release(second);
  });

  it('reclaims a holder by hand and reports what it held exclusively', () => {
    const buffer = new SharedOwnedBuffer(16);
    const lost = SharedOwnedBuffer.fromHandle(buffer.handle);
    const written = acquire(lost, 'exclusive', { byteOffset: 4, byteLength: 4 });
    acquire(lost, 'immutable', { byteOffset: 8, byteLength: 8 });
    const report = buffer.reclaim(lost.holderId);
    expect(report).toEqual({
      views: [
        { mode: 'exclusive', byteOffset: 4, byteLength: 4, holderId: lost.holderId },
        { mode: 'immutable', byteOffset: 8, byteLength: 8, holderId: lost.holderId },
      ],
      exclusiveRanges: [{ start: 4, end: 8 }],
      pendingRequests: 0,
    });
    const mine = acquire(buffer, 'exclusive');
    release(written); // the reclaimed view's release frees nothing of anyone else's
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
    release(mine);
    expect(buffer.reclaim(lost.holderId).views).toEqual([]);
  });

  it('refuses bad arguments with clear errors', () => {
    expect(codeOf(() => new SharedOwnedBuffer(-1))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => new SharedOwnedBuffer(1.5))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => new SharedOwnedBuffer(Number.NaN))).toBe('OUT_OF_RANGE');
    expect(() => new SharedOwnedBuffer('8' as never)).toThrow(TypeError);
    expect(codeOf(() => new SharedOwnedBuffer(8, { maxViews: 0 }))).toBe('OUT_OF_RANGE');
    const buffer = new SharedOwnedBuffer(8);
    expect(() => buffer.reclaim(0)).toThrow(TypeError);
    expect(codeOf(() => acquire(buffer, 'immutable', { timeout: Number.NaN }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => acquire(buffer, 'immutable', { timeout: -1 }))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => acquire(buffer, 'IMMUTABLE' as never))).toBe('UNSUPPORTED_MODE');
    expect(codeOf(() => buffer[exportView]({ mode: 'immutable', byteOffset: 0, byteLength: 1 }))).toBe('NOT_AN_EXPORTER');
    expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });
});
