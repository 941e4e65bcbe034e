import { describe, expect, it } from 'vitest';
import { BufferError, acquire, acquireAsync, capabilities, exportsOf, isReleased, release, tryAcquire, type AccessMode } from '../src/index.js';
import { type ExporterAdapter, type Lease, bindExporter } from '../src/runtime/exporter-adapter.js';

/**
 * A toy cross-thread-style exporter: claims go to its own table instead of the registry, and it
 * can wait (here: until a test resolves the wait). Proves the seam a SharedOwnedBuffer plugs into.
 */
class ToyLockTable implements ExporterAdapter {
  readonly enforcement = 'cross-thread' as const;
  readonly servesViewRequests = true;
  readonly memory = new SharedArrayBuffer(32);
  readonly held = new Set<Lease>();
  readonly calls: string[] = [];
  waiting: (() => void) | undefined;

  modes(): readonly AccessMode[] {
    return ['immutable', 'exclusive', 'raw'];
  }

  locate(_exporter: object, into: { buffer: ArrayBufferLike | undefined; start: number; length: number }): void {
    into.buffer = this.memory;
    into.start = 0;
    into.length = this.memory.byteLength;
  }

  private blocked(lease: Lease): boolean {
    return [...this.held].some((other) => other.start < lease.end && lease.start < other.end && !(other.mode === lease.mode && lease.mode !== 'exclusive'));
  }

  claim(exporter: object, lease: Lease, timeout: number | undefined): undefined {
    this.calls.push(`claim ${lease.mode} [${lease.start}, ${lease.end}) timeout=${String(timeout)} through-view=${String(ArrayBuffer.isView(exporter))}`);
    if (this.blocked(lease)) throw new BufferError(timeout === undefined ? 'CONFLICT' : 'TIMEOUT', 'toy: busy');
    this.held.add(lease);
    return undefined;
  }

  claimAsync(_exporter: object, lease: Lease, timeout: number | undefined, signal: AbortSignal | undefined): Promise<void> {
    this.calls.push(`claimAsync ${lease.mode} timeout=${String(timeout)} signal=${String(signal !== undefined)}`);
    if (!this.blocked(lease)) {
      this.held.add(lease);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting = () => {
        this.held.add(lease);
        resolve();
      };
    });
  }

  unclaim(lease: Lease, view: object): void {
    this.calls.push(`unclaim ${lease.mode} view=${String(ArrayBuffer.isView(view))}`);
    this.held.delete(lease);
  }

  counts(): { immutable: number; exclusive: number; raw: number } {
    const counts = { immutable: 0, exclusive: 0, raw: 0 };
    for (const lease of this.held) counts[lease.mode]++;
    return counts;
  }
}

class ToyShared {
  readonly table = new ToyLockTable();
  constructor() {
    bindExporter(this, this.table);
  }
}

describe('the exporter-adapter seam', () => {
  it('a bound adapter lends through acquire, claims in its own table, and is released exactly once', () => {
    const toy = new ToyShared();
    const view = acquire(toy as never, 'exclusive', { byteOffset: 8, byteLength: 8, timeout: 5 });
    expect(view.buffer).toBe(toy.table.memory);
    expect(view.byteOffset).toBe(8);
    expect(capabilities(toy as never)).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'cross-thread' });
    expect(capabilities(view)).toEqual({ modes: ['exclusive'], enforcement: 'cross-thread' });
    expect(exportsOf(toy as never)).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
    // The in-process registry never saw it.
    expect(exportsOf(toy.table.memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
    expect(tryAcquire(toy as never, 'raw', { byteOffset: 12, timeout: 1 })).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    const child = view.subarray(2);
    release(view);
    release(view);
    expect(isReleased(child)).toBe(true);
    expect(toy.table.calls).toEqual([
      'claim exclusive [8, 16) timeout=5 through-view=false',
      'claim raw [12, 32) timeout=1 through-view=false',
      'unclaim exclusive view=true',
    ]);
  });

  it('requests through a view in another mode reach the adapter with the view and an absolute range', () => {
    const toy = new ToyShared();
    const view = acquire(toy as never, 'raw', { byteOffset: 16, byteLength: 8 });
    const empty = acquire(view, 'exclusive' as never, { byteOffset: 8 });
    expect((empty as unknown as Uint8Array).byteOffset).toBe(24);
    expect(toy.table.calls[1]).toBe('claim exclusive [24, 24) timeout=undefined through-view=true');
    release(empty);
    release(view);
  });

  it('acquireAsync waits through claimAsync', async () => {
    const toy = new ToyShared();
    const first = acquire(toy as never, 'exclusive');
    const controller = new AbortController();
    const pending = acquireAsync(toy as never, 'immutable', { timeout: 100, signal: controller.signal });
    expect(toy.table.waiting).toBeDefined();
    release(first);
    toy.table.waiting?.();
    const second = await pending;
    expect(second.byteLength).toBe(32);
    expect(toy.table.calls).toContain('claimAsync immutable timeout=100 signal=true');
    release(second);
  });
});
