/**
 * A worker that dies of an uncaught exception frees its views itself, from its own 'exit' event,
 * before its thread is gone: the thread that started it (which watches it, having loaded xorview
 * first) then finds nothing left to reclaim. Its own file, so no earlier test in this module graph
 * has opened a buffer.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { acquire, exportsOf, release, SharedOwnedBuffer } from '../src/index.js';

it('frees the views of a worker that throws, from the worker itself', { timeout: 60_000 }, async () => {
  const worker = new Worker(new URL('./workers/hold-then-throw.js', import.meta.url));
  // Both listeners first: 'exit' may follow 'error' before an await after 'error' could attach it
  // (and not through events.once, whose promise for 'exit' rejects on the 'error').
  const failed = once(worker, 'error');
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  const buffer = new SharedOwnedBuffer(8);
  const reclaimedHere: unknown[] = [];
  buffer.onReclaim((report) => reclaimedHere.push(report));
  worker.postMessage(buffer.handle);
  await once(worker, 'message');
  expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
  worker.postMessage('crash');
  const [error] = (await failed) as [Error];
  expect(error.message).toBe('the stage crashed while holding its view');
  await exited;
  expect(exportsOf(buffer)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  expect(reclaimedHere).toEqual([]); // the worker did it: nothing was left for this thread
  release(acquire(buffer, 'exclusive'));
});
