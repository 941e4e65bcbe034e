/**
 * A worker started *before* this thread opened any SharedOwnedBuffer (a pool started at start-up,
 * buffers made per job later) and then terminated while holding a view: this thread, which loaded
 * xorview before starting it, reclaims the view by itself. Its own file, so no earlier test in
 * this module graph has opened a buffer (which is when watching used to begin).
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { acquire, exportsOf, release, SharedOwnedBuffer, type AutomaticReclaim } from '../src/index.js';

it('reclaims the views of a pool worker started before the first buffer, when it is terminated', { timeout: 60_000 }, async () => {
  const worker = new Worker(new URL('./workers/hold-then-idle.js', import.meta.url));
  await new Promise((resolve) => setTimeout(resolve, 50)); // the pool is up before any buffer exists
  const buffer = new SharedOwnedBuffer(16);
  const reclaims: AutomaticReclaim[] = [];
  buffer.onReclaim((report) => reclaims.push(report));
  worker.postMessage({ handle: buffer.handle, byteOffset: 4, byteLength: 8 });
  const [holding] = (await once(worker, 'message')) as [{ holderId: number }];
  expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
  const threadId = worker.threadId;
  await worker.terminate();
  expect(reclaims).toEqual([
    {
      threadId,
      views: [{ mode: 'exclusive', byteOffset: 4, byteLength: 8, holderId: holding.holderId }],
      exclusiveRanges: [{ start: 4, end: 12 }],
      pendingRequests: 0,
    },
  ]);
  expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  release(acquire(buffer, 'exclusive'));
});
