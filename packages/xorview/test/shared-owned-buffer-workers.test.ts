/**
 * Cross-worker stress (SPEC §8): real node:worker_threads running the scripts in test/workers/,
 * which import the built package (run `tsc -b` first). Bounded by iteration counts and by the
 * per-test timeout; nothing asserts on wall time.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { AutomaticReclaim } from '../src/exporters/shared-owned-buffer.js';
import { acquire, acquireAsync, BufferError, release, SharedOwnedBuffer, tryAcquire } from '../src/index.js';

const workerUrl = (name: string) => new URL(`./workers/${name}`, import.meta.url);

/** Run a worker to completion: its last message, and a failure if it errors or exits non-zero. */
async function run<Result>(name: string, workerData: unknown): Promise<Result> {
  const worker = new Worker(workerUrl(name), { workerData });
  let result: Result | undefined;
  worker.on('message', (message: Result) => (result = message));
  const [code] = (await once(worker, 'exit')) as [number];
  if (code !== 0 || result === undefined) throw new Error(`worker ${name} exited with ${code} and no result`);
  return result;
}

function start(name: string, workerData: unknown): Worker {
  return new Worker(workerUrl(name), { workerData });
}

const timeout = { timeout: 120_000 };

describe('SharedOwnedBuffer across 4 workers', () => {
  it('loses no exclusive read-modify-write increment', timeout, async () => {
    const counters = 8;
    const iterations = 5_000;
    const buffer = new SharedOwnedBuffer(counters * 8);
    const results = await Promise.all(
      [1, 2, 3, 4].map((seed) => run('increment.js', { handle: buffer.handle, iterations, counters, seed })),
    );
    expect(results).toHaveLength(4);
    const totals = acquire(buffer, 'immutable', { as: Int32Array, length: counters * 2 });
    let sum = 0;
    for (let counter = 0; counter < counters; counter++) sum += totals[counter * 2] as number;
    release(totals);
    expect(sum).toBe(4 * iterations);
  });

  it('never lets an immutable reader see a torn multi-word record', timeout, async () => {
    const records = 4;
    const recordWords = 32;
    const buffer = new SharedOwnedBuffer(records * recordWords * 4);
    const common = { handle: buffer.handle, iterations: 4_000, records, recordWords };
    const results = await Promise.all([
      run<{ torn: number; checked: number }>('torn-record.js', { ...common, role: 'writer', seed: 1 }),
      run<{ torn: number; checked: number }>('torn-record.js', { ...common, role: 'writer', seed: 2 }),
      run<{ torn: number; checked: number }>('torn-record.js', { ...common, role: 'reader', seed: 3 }),
      run<{ torn: number; checked: number }>('torn-record.js', { ...common, role: 'reader', seed: 4 }),
    ]);
    expect(results.map((result) => result.torn)).toEqual([0, 0, 0, 0]);
    expect(results.reduce((total, result) => total + result.checked, 0)).toBe(8_000);
    // The writers did write: every record moved on from zero, and is whole.
    const all = acquire(buffer, 'immutable', { as: Int32Array, length: records * recordWords });
    for (let record = 0; record < records; record++) {
      const words = all.subarray(record * recordWords, (record + 1) * recordWords);
      expect(new Set(words).size).toBe(1);
    }
    release(all);
  });

  it('never has two conflicting holders of random ranges at once (witness counters)', timeout, async () => {
    const cells = 48;
    const buffer = new SharedOwnedBuffer(cells * 4);
    const witness = new SharedArrayBuffer(cells * 4 * 3);
    const results = await Promise.all(
      [11, 12, 13, 14].map((seed) =>
        run<{ violations: number; contentChanges: number }>('mixed-ranges.js', {
          handle: buffer.handle,
          witness,
          iterations: 3_000,
          cells,
          maxCells: 12,
          seed,
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ violations: 0, contentChanges: 0 })));
  });

  it('reclaims the views of a worker terminated while holding one, and the rest finish', timeout, async () => {
    const buffer = new SharedOwnedBuffer(64);
    const reclaims: AutomaticReclaim[] = [];
    buffer.onReclaim((report) => reclaims.push(report));
    const holder = start('hold-then-idle.js', { handle: buffer.handle, byteOffset: 0, byteLength: 16 });
    const [holding] = (await once(holder, 'message')) as [{ holding: boolean; holderId: number }];
    expect(holding.holding).toBe(true);
    const threadId = holder.threadId;
    // Others queue on the held range (blocking waits, in their own threads) while it is held.
    const others = [21, 22, 23].map((seed) =>
      run('increment.js', { handle: buffer.handle, iterations: 500, counters: 2, seed }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await holder.terminate();
    await Promise.all(others);
    expect(reclaims).toEqual([
      {
        threadId,
        views: [{ mode: 'exclusive', byteOffset: 0, byteLength: 16, holderId: holding.holderId }],
        exclusiveRanges: [{ start: 0, end: 16 }],
        pendingRequests: 0,
      },
    ]);
    const counts = acquire(buffer, 'immutable', { as: Int32Array, length: 4 });
    // The dead worker's half-write is still there (surfaced by the report, not hidden): the
    // counters started from its 0xeeeeeeee bytes.
    expect((counts[0] as number) - (0xeeeeeeee | 0) + (counts[2] as number)).toBe(3 * 500);
    release(counts);
  });

  it('reclaims the request of a worker terminated while waiting, so it blocks no one after', timeout, async () => {
    const buffer = new SharedOwnedBuffer(16);
    const reclaims: AutomaticReclaim[] = [];
    buffer.onReclaim((report) => reclaims.push(report));
    const held = acquire(buffer, 'immutable');
    const waiter = start('wait-then-idle.js', { handle: buffer.handle, byteLength: 16 });
    await once(waiter, 'message');
    await new Promise((resolve) => setTimeout(resolve, 40)); // long enough to have queued (after 4 ms)
    const threadId = waiter.threadId;
    await waiter.terminate();
    expect(reclaims).toEqual([{ threadId, views: [], exclusiveRanges: [], pendingRequests: 1 }]);
    release(held);
    // A dead queued writer would block this younger request; reclaimed, it does not.
    release(acquire(buffer, 'immutable'));
    release(acquire(buffer, 'exclusive'));
  });

  it('keeps going when a worker is terminated at an arbitrary point of its acquire/release loop', timeout, async () => {
    const cells = 16;
    const buffer = new SharedOwnedBuffer(cells * 4, { maxViews: 32 });
    for (let round = 0; round < 5; round++) {
      const victim = start('churn.js', { handle: buffer.handle, cells, seed: 100 + round });
      await once(victim, 'message');
      await new Promise((resolve) => setTimeout(resolve, 5 + round * 7));
      await victim.terminate();
    }
    const results = await Promise.all(
      [31, 32].map((seed) =>
        run('mixed-ranges.js', {
          handle: buffer.handle,
          witness: new SharedArrayBuffer(cells * 4 * 3),
          iterations: 500,
          cells,
          maxCells: cells,
          seed,
        }),
      ),
    );
    expect(results).toEqual([
      { violations: 0, contentChanges: 0 },
      { violations: 0, contentChanges: 0 },
    ]);
    // Nothing of the dead workers is left: the whole buffer can be taken exclusively.
    const whole = acquire(buffer, 'exclusive', { as: Int32Array, length: cells });
    release(whole);
  });
});

describe('SharedOwnedBuffer fairness across workers', () => {
  it('lets a writer finish while three readers read the same bytes back to back (and none sees a torn write)', timeout, async () => {
    const byteLength = 256;
    const buffer = new SharedOwnedBuffer(byteLength);
    const stop = new SharedArrayBuffer(4);
    const readers = [1, 2, 3].map(() => run<{ reads: number; torn: number }>('reader-stream.js', { handle: buffer.handle, stop, byteLength }));
    const writer = await run<{ done: number }>('writer-progress.js', { handle: buffer.handle, stop, writes: 200, byteLength });
    const read = await Promise.all(readers);
    expect(writer.done).toBe(200);
    expect(read.map((result) => result.torn)).toEqual([0, 0, 0]);
    const words = acquire(buffer, 'immutable', { as: Int32Array, length: 1 });
    expect(words[0]).toBe(200);
    release(words);
  });
});

describe('SharedOwnedBuffer waits on the main thread for a worker', () => {
  it('times out a blocking acquire, then gets the view asynchronously once the worker is gone', timeout, async () => {
    const buffer = new SharedOwnedBuffer(16);
    const holder = new Worker(workerUrl('hold-then-idle.js'));
    holder.postMessage({ handle: buffer.handle, byteOffset: 4, byteLength: 8 }); // no transfer list
    await once(holder, 'message');
    const blocked = tryAcquire(buffer, 'immutable', { byteOffset: 8, byteLength: 4, timeout: 30 });
    expect(!blocked.ok && blocked.error).toBeInstanceOf(BufferError);
    expect(!blocked.ok && blocked.error.code).toBe('TIMEOUT');
    expect(tryAcquire(buffer, 'exclusive', { byteLength: 4, timeout: 30 }).ok).toBe(true); // disjoint
    const waiting = acquireAsync(buffer, 'immutable', { byteOffset: 4, byteLength: 8 });
    await holder.terminate();
    const view = await waiting;
    expect([view[0], view[4]]).toEqual([0xee, 0]); // the dead worker's half-write is there to see
    release(view);
  });
});

describe('SharedOwnedBuffer handles', () => {
  it('survive structuredClone without a transfer list and open the same locks', () => {
    const buffer = new SharedOwnedBuffer(32);
    const clone = structuredClone(buffer.handle);
    const opened = SharedOwnedBuffer.fromHandle(clone);
    expect(opened.byteLength).toBe(32);
    expect(opened.holderId).not.toBe(buffer.holderId);
    expect(opened.maxViews).toBe(buffer.maxViews);
  });

  it('refuse what is not a handle', () => {
    expect(() => SharedOwnedBuffer.fromHandle({} as never)).toThrow(TypeError);
    const { handle } = new SharedOwnedBuffer(8);
    expect(() => SharedOwnedBuffer.fromHandle({ ...handle, locks: new SharedArrayBuffer(64) })).toThrow(/lock table/);
  });
});
