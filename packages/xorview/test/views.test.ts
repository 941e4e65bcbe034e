import { describe, expect, it } from 'vitest';
import { BufferError, acquire, exportsOf, isReleased, modeOf, release, tryAcquire, type AccessMode } from '../src/index.js';

const modes: readonly AccessMode[] = ['immutable', 'exclusive', 'raw'];

const typedArrayClasses = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  ...((globalThis as { Float16Array?: Float32ArrayConstructor }).Float16Array === undefined
    ? []
    : [(globalThis as unknown as { Float16Array: Float32ArrayConstructor }).Float16Array]),
];

describe('views are genuine instances of the requested class', () => {
  it.each(typedArrayClasses.map((constructor) => [constructor.name, constructor] as const))('%s', (_name, constructor) => {
    const memory = new ArrayBuffer(64);
    const view = acquire(memory, 'raw', { as: constructor as Uint8ArrayConstructor }) as unknown as ArrayBufferView;
    expect(view).toBeInstanceOf(constructor);
    expect(ArrayBuffer.isView(view)).toBe(true);
    expect(view.constructor).toBe(constructor);
    expect(Object.prototype.toString.call(view)).toBe(`[object ${constructor.name}]`);
    expect(view.buffer).toBe(memory);
    expect(view.byteOffset).toBe(0);
    expect(view.byteLength).toBe(64);
    release(view as never);
  });

  it('DataView views read and write the same bytes, zero copy', () => {
    const memory = new ArrayBuffer(16);
    const bytes = new Uint8Array(memory);
    const view = acquire(memory, 'exclusive', { as: DataView, byteOffset: 8 });
    expect(view).toBeInstanceOf(DataView);
    expect(view.constructor).toBe(DataView);
    view.setUint32(0, 0x01020304);
    expect([...bytes.subarray(8, 12)]).toEqual([1, 2, 3, 4]);
    expect(view.byteLength).toBe(8);
    release(view);
  });

  it('BigInt views hold bigints', () => {
    const view = acquire(new ArrayBuffer(16), 'exclusive', { as: BigInt64Array });
    view[1] = -5n;
    expect(view[1]).toBe(-5n);
    expect(view.length).toBe(2);
    release(view);
  });

  it('views compare equal to plain typed arrays and copies are plain', () => {
    const view = acquire(new Uint8Array([1, 2, 3]), 'immutable');
    expect(view).toEqual(new Uint8Array([1, 2, 3]));
    expect(view).toStrictEqual(new Uint8Array([1, 2, 3]));
    const copy = view.slice();
    expect(copy.constructor).toBe(Uint8Array);
    expect(() => release(copy as never)).toThrow(BufferError);
    release(view);
  });

  it('native APIs accept views', () => {
    const view = acquire(new TextEncoder().encode('hello'), 'immutable');
    expect(new TextDecoder().decode(view)).toBe('hello');
    expect(Buffer.compare(Buffer.from(view as unknown as Uint8Array), Buffer.from('hello'))).toBe(0);
    expect(structuredClone(view)).toEqual(new Uint8Array([104, 101, 108, 108, 111]));
    release(view);
  });
});

describe('release, isReleased, modeOf', () => {
  it.each(modes)('%s: release is idempotent and counts never go negative', (mode) => {
    const memory = new ArrayBuffer(8);
    const view = acquire(memory, mode);
    expect(modeOf(view)).toBe(mode);
    expect(exportsOf(memory)[mode]).toBe(1);
    expect(isReleased(view)).toBe(false);
    release(view);
    release(view);
    view[Symbol.dispose]();
    expect(isReleased(view)).toBe(true);
    expect(modeOf(view)).toBe(mode);
    expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('[Symbol.dispose] releases, so `using` works', () => {
    const memory = new ArrayBuffer(8);
    let escaped: unknown;
    {
      using view = acquire(memory, 'exclusive');
      escaped = view;
      expect(exportsOf(memory).exclusive).toBe(1);
    }
    expect(isReleased(escaped as never)).toBe(true);
    expect(exportsOf(memory).exclusive).toBe(0);
    expect(tryAcquire(memory, 'exclusive').ok).toBe(true);
  });

  it('a released view cannot lend again', () => {
    const view = acquire(new ArrayBuffer(8), 'immutable');
    release(view);
    expect(() => acquire(view, 'immutable')).toThrow(expect.objectContaining({ code: 'RELEASED' }));
    expect(() => view.subarray(1)).toThrow(expect.objectContaining({ code: 'RELEASED' }));
  });

  it('foreign values are refused by every view function', () => {
    const plain = new Uint8Array(4);
    for (const call of [release, isReleased, modeOf]) {
      expect(() => call(plain as never)).toThrow(expect.objectContaining({ code: 'FOREIGN_VIEW' }));
      expect(() => call(null as never)).toThrow(TypeError);
      expect(() => call({} as never)).toThrow(TypeError);
      expect(() => call(7 as never)).toThrow(TypeError);
    }
  });
});

describe('sub-views inherit their parent mode and die with it', () => {
  it.each(modes)('%s: subarray() is a registered sub-view', (mode) => {
    const memory = new ArrayBuffer(16);
    const parent = acquire(memory, mode);
    const child = parent.subarray(4, 8);
    expect(child).toBeInstanceOf(Uint8Array);
    expect(child.constructor).toBe(Uint8Array);
    expect(child.byteOffset).toBe(4);
    expect(child.length).toBe(4);
    expect(modeOf(child)).toBe(mode);
    const grandchild = child.subarray(-1);
    expect(grandchild.byteOffset).toBe(7);
    expect(modeOf(grandchild)).toBe(mode);
    // Sub-views are part of their parent's export, not new exports.
    expect(exportsOf(memory)[mode]).toBe(1);
    release(parent);
    expect(isReleased(child)).toBe(true);
    expect(isReleased(grandchild)).toBe(true);
    expect(exportsOf(memory)[mode]).toBe(0);
  });

  it.each(modes)('%s: a narrower acquire through the view is a sub-view, no conflict with its parent', (mode) => {
    const memory = new ArrayBuffer(16);
    const parent = acquire(memory, mode);
    const child = acquire(parent as never, mode, { byteOffset: 8, as: Uint16Array });
    expect(child).toBeInstanceOf(Uint16Array);
    expect((child as unknown as Uint16Array).byteOffset).toBe(8);
    expect((child as unknown as Uint16Array).length).toBe(4);
    expect(modeOf(child as never)).toBe(mode);
    release(parent);
    expect(isReleased(child as never)).toBe(true);
  });

  it('releasing a sub-view leaves its parent held', () => {
    const memory = new ArrayBuffer(16);
    const parent = acquire(memory, 'exclusive');
    const child = parent.subarray(2);
    release(child);
    expect(isReleased(child)).toBe(true);
    expect(isReleased(parent)).toBe(false);
    expect(exportsOf(memory).exclusive).toBe(1);
    release(parent);
  });

  it('an immutable view never yields a writable one', () => {
    const memory = new ArrayBuffer(16);
    const view = acquire(memory, 'immutable');
    for (const mode of ['exclusive', 'raw'] as const) {
      const result = tryAcquire(view as never, mode as never);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('CONFLICT');
    }
    expect(exportsOf(memory)).toEqual({ immutable: 1, exclusive: 0, raw: 0 });
    release(view);
  });

  it('an exclusive view refuses shared requests through it', () => {
    const view = acquire(new ArrayBuffer(16), 'exclusive');
    expect(tryAcquire(view as never, 'immutable' as never).ok).toBe(false);
    expect(tryAcquire(view as never, 'raw' as never).ok).toBe(false);
    release(view);
  });

  it('sub-views are bounded by their parent window', () => {
    const view = acquire(new ArrayBuffer(16), 'raw', { byteOffset: 4, byteLength: 8 });
    expect(() => acquire(view, 'raw', { byteOffset: 4, byteLength: 8 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    const clamped = view.subarray(0, 100);
    expect(clamped.byteLength).toBe(8);
    release(view);
  });
});
