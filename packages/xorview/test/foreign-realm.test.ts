import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { acquire, capabilities, exportsOf, release, tryAcquire } from '../src/index.js';

// Buffers from another realm (a vm context, an iframe) fail `instanceof ArrayBuffer` but are
// genuine: the registry recognises them by their internal slots, not their prototype.
describe('exporters from another realm', () => {
  it('an ArrayBuffer from a vm context is a registry exporter', () => {
    const memory = runInNewContext('new ArrayBuffer(16)') as ArrayBuffer;
    expect(memory instanceof ArrayBuffer).toBe(false);
    expect(capabilities(memory).enforcement).toBe('registry');
    const view = acquire(memory, 'exclusive', { byteLength: 8 });
    expect(view.buffer).toBe(memory);
    expect(tryAcquire(memory, 'raw', { byteOffset: 4 }).ok).toBe(false);
    expect(exportsOf(memory).exclusive).toBe(1);
    release(view);
  });

  it('a SharedArrayBuffer and a Uint8Array from a vm context too', () => {
    const shared = runInNewContext('new SharedArrayBuffer(8)') as SharedArrayBuffer;
    const window = runInNewContext('new Uint8Array(new ArrayBuffer(16), 4, 8)') as Uint8Array;
    const first = acquire(shared, 'raw');
    const second = acquire(window, 'immutable');
    expect(first.byteLength).toBe(8);
    expect(second.byteOffset).toBe(4);
    release(first);
    release(second);
  });

  it('a detached ArrayBuffer from a vm context is DETACHED', () => {
    const memory = runInNewContext('new ArrayBuffer(16)') as ArrayBuffer;
    structuredClone(memory, { transfer: [memory] });
    expect(tryAcquire(memory, 'raw')).toMatchObject({ ok: false, error: { code: 'DETACHED' } });
  });
});
