import { describe, expect, it } from 'vitest';
import { OwnedBuffer, acquire, exportView, release, releaseView, type ExportRequest } from '../src/index.js';

const collect = (globalThis as { gc?: () => void }).gc;

/** Collect garbage until `isCollected` holds (WeakRefs clear only between jobs). */
async function collectedEventually(isCollected: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    collect?.();
    if (isCollected()) return true;
  }
  return false;
}

describe.runIf(collect !== undefined)('nothing is retained after release (run with --expose-gc)', () => {
  it('registry exporter: views, sub-views and the memory are collectable', async () => {
    const references = (() => {
      const memory = new ArrayBuffer(1 << 20);
      const view = acquire(memory, 'exclusive');
      const child = view.subarray(8);
      const other = acquire(new Uint8Array(memory, 0, 16), 'raw', { byteLength: 0 });
      release(view);
      release(other);
      return [new WeakRef(memory), new WeakRef(view), new WeakRef(child), new WeakRef(other)];
    })();
    expect(await collectedEventually(() => references.every((reference) => reference.deref() === undefined))).toBe(true);
  });

  it('OwnedBuffer: released views and the exporter are collectable', async () => {
    const references = (() => {
      const owned = new OwnedBuffer(1 << 20);
      const view = acquire(owned, 'immutable');
      const buffer = view.buffer;
      release(view);
      return [new WeakRef(owned), new WeakRef(view), new WeakRef(buffer)];
    })();
    expect(await collectedEventually(() => references.every((reference) => reference.deref() === undefined))).toBe(true);
  });

  it('a released view does not keep its OwnedBuffer alive, and the OwnedBuffer does not keep released views alive', async () => {
    const owned = new OwnedBuffer(64);
    const reference = (() => {
      const view = acquire(owned, 'exclusive');
      release(view);
      return new WeakRef(view);
    })();
    expect(await collectedEventually(() => reference.deref() === undefined)).toBe(true);
    expect(owned.byteLength).toBe(64);
  });

  it('protocol exporter: the exporter and its views are collectable after release', async () => {
    const references = (() => {
      const exporter = {
        bytes: new ArrayBuffer(64),
        [exportView](request: ExportRequest) {
          void request;
          return this.bytes;
        },
        [releaseView]() {
          // Nothing to recycle: the test only needs the hook to exist.
        },
      };
      const view = acquire(exporter, 'raw', { byteLength: 8 });
      release(view);
      return [new WeakRef(exporter), new WeakRef(view)];
    })();
    expect(await collectedEventually(() => references.every((reference) => reference.deref() === undefined))).toBe(true);
  });
});
