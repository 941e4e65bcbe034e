import { describe, expect, it } from 'vitest';
import { acquire, capabilities, exportsOf, isReleased, release, tryAcquire } from '../src/index.js';

const page = 65_536;

describe('WebAssembly.Memory (registry)', () => {
  it('the Memory and its .buffer are the same memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const view = acquire(memory, 'exclusive', { byteLength: 16 });
    expect(view.buffer).toBe(memory.buffer);
    expect(tryAcquire(memory.buffer, 'immutable', { byteOffset: 8, byteLength: 1 }).ok).toBe(false);
    expect(exportsOf(memory.buffer).exclusive).toBe(1);
    expect(exportsOf(memory).exclusive).toBe(1);
    expect(capabilities(memory)).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'registry' });
    release(view);
  });

  it('grow() while exported (non-shared): old views are detached and stay held until released; the grown memory is new to the registry', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const before = memory.buffer;
    const view = acquire(memory, 'exclusive', { byteLength: 16 });
    // xorview patches no built-in, so it cannot refuse a direct grow().
    memory.grow(1);
    expect(memory.buffer).not.toBe(before);
    expect(memory.buffer.byteLength).toBe(2 * page);
    expect(view.byteLength).toBe(0);
    expect(view[0]).toBeUndefined();
    expect(isReleased(view)).toBe(false);
    expect(exportsOf(before).exclusive).toBe(1);
    expect(exportsOf(memory).exclusive).toBe(0);
    const after = acquire(memory, 'exclusive', { byteLength: 16 });
    expect(after.byteLength).toBe(16);
    expect(() => acquire(view, 'exclusive')).toThrow(expect.objectContaining({ code: 'DETACHED' }));
    release(view);
    expect(exportsOf(before).exclusive).toBe(0);
    release(after);
  });

  it('grow() of shared memory keeps one record: views stay valid and keep conflicting', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    const oldBuffer = memory.buffer;
    const view = acquire(memory, 'exclusive', { byteLength: 16 });
    memory.grow(1);
    expect(memory.buffer).not.toBe(oldBuffer);
    expect(view.byteLength).toBe(16);
    expect(tryAcquire(memory, 'raw', { byteLength: 4 }).ok).toBe(false);
    expect(tryAcquire(memory.buffer, 'raw', { byteLength: 4 }).ok).toBe(false);
    expect(exportsOf(memory).exclusive).toBe(1);
    const grownPart = acquire(memory, 'exclusive', { byteOffset: page });
    expect(grownPart.byteLength).toBe(page);
    release(grownPart);
    release(view);
    expect(tryAcquire(memory, 'raw').ok).toBe(true);
  });
});
