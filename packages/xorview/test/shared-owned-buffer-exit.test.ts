/**
 * A worker started *before* this thread opened any SharedOwnedBuffer (so this thread does not
 * watch it) still frees its views when it dies of an uncaught exception: its own 'exit' event
 * reclaims them. Its own file, so no earlier test in this module graph has opened a buffer.
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
  expect(reclaimedHere).toEqual([]); // this thread never saw that worker start: the worker did it
  release(acquire(buffer, 'exclusive'));
});
