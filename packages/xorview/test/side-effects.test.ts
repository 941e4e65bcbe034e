import { expect, it } from 'vitest';

// SPEC §4.1: importing xorview patches no built-in. (No static import here: the snapshot must be
// taken before the package loads; vitest isolates each test file.)
function snapshotBuiltins(): Map<string, unknown[][]> {
  const owners: Record<string, object> = {
    Symbol,
    ArrayBuffer,
    'ArrayBuffer.prototype': ArrayBuffer.prototype,
    'SharedArrayBuffer.prototype': SharedArrayBuffer.prototype,
    'TypedArray.prototype': Object.getPrototypeOf(Uint8Array.prototype) as object,
    'Uint8Array.prototype': Uint8Array.prototype,
    'DataView.prototype': DataView.prototype,
    'Object.prototype': Object.prototype,
    'Function.prototype': Function.prototype,
    'WebAssembly.Memory.prototype': WebAssembly.Memory.prototype,
  };
  const snapshot = new Map<string, unknown[][]>(
    Object.entries(owners).map(([name, owner]) => [
      name,
      Reflect.ownKeys(owner).map((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(owner, key);
        return [key, descriptor?.value, descriptor?.get, descriptor?.set];
      }),
    ]),
  );
  snapshot.set('global names', [Reflect.ownKeys(globalThis).filter((key) => String(key).toLowerCase().includes('xorview'))]);
  return snapshot;
}

it('importing xorview changes no built-in', async () => {
  const before = snapshotBuiltins();
  const xorview = await import('../src/index.js');
  const view = xorview.acquire(new ArrayBuffer(4), 'raw');
  xorview.release(view);
  expect(snapshotBuiltins()).toEqual(before);
  expect(Object.getPrototypeOf(new Uint8Array(1))).toBe(Uint8Array.prototype);
});
