import { describe, expect, it } from 'vitest';
import { OwnedBuffer, acquire, exportsOf, isReleased, release, tryAcquire } from '../src/index.js';

// CPython gh-92888 and test262's coerced-detach tests: user code that runs while acquire reads its
// arguments must not leave a view over memory that changed underneath it.
describe('acquire reads every argument before looking at the exporter', () => {
  it('a getter that releases the view being acquired through: RELEASED, nothing held', () => {
    const memory = new ArrayBuffer(16);
    const parent = acquire(memory, 'immutable');
    const options = {
      get byteOffset() {
        release(parent);
        return 0;
      },
    };
    expect(() => acquire(parent, 'immutable', options)).toThrow(expect.objectContaining({ code: 'RELEASED' }));
    expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('a getter that releases a conflicting view: the request sees the memory as it is after the getter', () => {
    const memory = new ArrayBuffer(16);
    const writer = acquire(memory, 'exclusive');
    const view = acquire(memory, 'immutable', {
      get length() {
        release(writer);
        return 4;
      },
    });
    expect(view.length).toBe(4);
    release(view);
  });

  it('a getter that detaches the buffer: DETACHED', () => {
    const memory = new ArrayBuffer(16);
    const result = tryAcquire(memory, 'raw', {
      get as() {
        structuredClone(memory, { transfer: [memory] });
        return Uint8Array;
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('DETACHED');
  });

  it('a getter that shrinks an OwnedBuffer: the range is checked against the new length', () => {
    const owned = new OwnedBuffer(16, { maxByteLength: 16 });
    const result = tryAcquire(owned, 'exclusive', {
      get byteOffset() {
        owned.resize(4);
        return 8;
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('OUT_OF_RANGE');
    expect(exportsOf(owned)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('a getter that shrinks a resizable ArrayBuffer: the range is checked against the new length', () => {
    const memory = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer & { resize(n: number): void })(16, {
      maxByteLength: 16,
    });
    const result = tryAcquire(memory, 'exclusive', {
      get byteLength() {
        memory.resize(2);
        return 8;
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('OUT_OF_RANGE');
  });

  it('valueOf is never called: objects are not coerced', () => {
    let called = false;
    const sneaky = {
      valueOf() {
        called = true;
        return 0;
      },
    };
    expect(tryAcquire(new ArrayBuffer(8), 'raw', { byteOffset: sneaky as never }).ok).toBe(false);
    expect(called).toBe(false);
  });

  it('each option is read exactly once', () => {
    const reads: string[] = [];
    const options = new Proxy(
      { byteOffset: 0, length: 4 },
      {
        get(target, key, receiver) {
          reads.push(String(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const view = acquire(new ArrayBuffer(8), 'raw', options);
    expect(reads.filter((key) => key === 'byteOffset')).toHaveLength(1);
    expect(reads.filter((key) => key === 'length')).toHaveLength(1);
    release(view);
  });

  it('every option is read exactly once, all of them before any is checked', () => {
    const reads: string[] = [];
    const options = new Proxy(
      { as: Float64Array, byteOffset: 8, length: 1, byteLength: 8, timeout: 0, signal: undefined },
      {
        get(target, key, receiver) {
          reads.push(String(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const view = acquire(new ArrayBuffer(16), 'raw', options);
    expect(reads).toEqual(['as', 'byteOffset', 'length', 'byteLength', 'timeout', 'signal']);
    expect(view).toBeInstanceOf(Float64Array);
    release(view);
    reads.length = 0;
    // A bad option read last still lets every getter run once, then refuses the request.
    const badTimeout = new Proxy(
      { byteOffset: 0, timeout: -1 },
      {
        get(target, key, receiver) {
          reads.push(String(key));
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    expect(tryAcquire(new ArrayBuffer(8), 'raw', badTimeout).ok).toBe(false);
    expect(reads).toEqual(['as', 'byteOffset', 'length', 'byteLength', 'timeout', 'signal']);
  });

  it('a refused or earlier request leaves no options behind for the next one', () => {
    const memory = new ArrayBuffer(16);
    release(acquire(memory, 'raw', { as: Float64Array, byteOffset: 8, length: 1 }));
    expect(tryAcquire(memory, 'raw', { as: Float64Array, byteOffset: 8, length: 1, timeout: Number.NaN }).ok).toBe(false);
    for (const options of [undefined, {}]) {
      const view = acquire(memory, 'raw', options);
      expect(view).toBeInstanceOf(Uint8Array);
      expect([view.byteOffset, view.length]).toEqual([0, 16]);
      release(view);
    }
    expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('subarray arguments are coerced first, then the parent is re-checked', () => {
    const memory = new ArrayBuffer(16);
    const parent = acquire(memory, 'exclusive');
    const begin = {
      valueOf() {
        release(parent);
        return 2;
      },
    };
    expect(() => parent.subarray(begin as never)).toThrow(expect.objectContaining({ code: 'RELEASED' }));
    expect(isReleased(parent)).toBe(true);
    expect(exportsOf(memory).exclusive).toBe(0);
  });
});
