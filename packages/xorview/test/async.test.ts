import { describe, expect, it } from 'vitest';
import { OwnedBuffer, acquire, acquireAsync, isReleased, modeOf, release } from '../src/index.js';

describe('acquireAsync for in-process exporters settles at once with acquire’s result', () => {
  it('resolves with a view', async () => {
    const owned = new OwnedBuffer(8);
    const view = await acquireAsync(owned, 'exclusive', { as: Uint16Array });
    expect(view).toBeInstanceOf(Uint16Array);
    expect(modeOf(view)).toBe('exclusive');
    release(view);
  });

  it('rejects a conflict with CONFLICT, also with a timeout', async () => {
    const memory = new ArrayBuffer(8);
    const held = acquire(memory, 'exclusive');
    await expect(acquireAsync(memory, 'immutable')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(acquireAsync(memory, 'immutable', { timeout: 10 })).rejects.toMatchObject({ code: 'CONFLICT' });
    release(held);
  });

  it('an aborted signal rejects with its reason and holds nothing', async () => {
    const memory = new ArrayBuffer(8);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(acquireAsync(memory, 'exclusive', { signal: controller.signal })).rejects.toThrow('stop');
    const view = acquire(memory, 'exclusive');
    release(view);
  });

  it('a sub-view through a view resolves too', async () => {
    const parent = acquire(new ArrayBuffer(8), 'raw');
    const child = await acquireAsync(parent, 'raw', { byteOffset: 4 });
    release(parent);
    expect(isReleased(child)).toBe(true);
  });

  it('bad options reject instead of throwing', async () => {
    const pending = acquireAsync(new ArrayBuffer(8), 'raw', { signal: 'no' as never });
    await expect(pending).rejects.toMatchObject({ code: 'OUT_OF_RANGE' });
  });
});
