/**
 * Which node:worker_threads threads died, so their views of a SharedOwnedBuffer can be reclaimed
 * with no call by the user (SPEC §4.1).
 *
 * A terminated worker runs no more JavaScript (not even its `process.on('exit')`), and shared
 * memory records nothing when a thread dies, so the death can only be observed from another
 * thread's event loop. The one channel every thread has to the workers it creates is the `Worker`
 * object: Node announces each new one on `process`'s `'worker'` event, and its `'exit'` event fires
 * when the thread is gone, whether it returned, called `process.exit`, threw or was terminated.
 * (A MessagePort entangled with the worker would close at the same moment, but a library has no
 * channel of its own to hand such a port over; the user's `parentPort` is not ours to use.)
 *
 * So each thread that loads this module listens for the workers it creates from then on (a
 * worker pool started before any buffer exists is covered, as long as xorview was imported first,
 * which a static import always is) and, when one exits, asks every table it has open to free the
 * slots tagged with that thread's id. And a worker that opens a buffer frees its own slots from its
 * `process` 'exit' event, which runs when it returns, calls `process.exit` or dies of an uncaught
 * exception (not when terminated). Coverage: every way a worker ends if its parent had loaded
 * xorview before starting it; every way but `terminate()` otherwise (a parent that loads xorview
 * only later, with a dynamic import). Elsewhere (browsers) `SharedOwnedBuffer#reclaim(holderId)`
 * is the manual path.
 *
 * The parent hears of the exit on its event loop: while it blocks in `Atomics.wait` (a blocking
 * `acquire` with a timeout) it cannot, so the reclaim happens once it returns to the loop.
 *
 * At import, one listener on `process`'s 'worker' event (Node only; nothing elsewhere): it hooks
 * each new worker's 'exit', which costs nothing until the worker exits and keeps nothing alive.
 */

/** What a thread-exit watcher needs from an opened buffer. */
export interface ThreadExitListener {
  onThreadExit(threadId: number): void;
}

interface WorkerLike {
  readonly threadId: number;
  prependOnceListener(event: 'exit', listener: () => void): unknown;
}

interface NodeProcessLike {
  getBuiltinModule?(id: string): unknown;
  on(event: 'worker', listener: (worker: WorkerLike) => void): unknown;
  once(event: 'exit', listener: () => void): unknown;
}

function nodeProcess(): NodeProcessLike | undefined {
  const candidate = (globalThis as { process?: Partial<NodeProcessLike> }).process;
  return typeof candidate?.on === 'function' && typeof candidate.getBuiltinModule === 'function'
    ? (candidate as NodeProcessLike)
    : undefined;
}

let cachedThreadId: number | undefined;

/** This thread's node:worker_threads id (0 on the main thread), or -1 where there is none. */
export function currentThreadId(): number {
  if (cachedThreadId === undefined) {
    const workerThreads = nodeProcess()?.getBuiltinModule?.('node:worker_threads') as { threadId?: unknown } | undefined;
    cachedThreadId = typeof workerThreads?.threadId === 'number' ? workerThreads.threadId : -1;
  }
  return cachedThreadId;
}

const listeners = new Set<WeakRef<ThreadExitListener>>();

function announceExit(threadId: number): void {
  for (const reference of listeners) {
    const listener = reference.deref();
    if (listener === undefined) listeners.delete(reference);
    else listener.onThreadExit(threadId);
  }
}

let watchingOwnExit = false;

/** Hook the 'exit' of every worker this thread creates from now on (once per thread). */
function watchWorkerStarts(): void {
  const process = nodeProcess();
  if (process === undefined) return;
  process.on('worker', (worker) => {
    const { threadId } = worker; // -1 once the thread is gone: read it now
    // Prepended, so a user's own 'exit' handler already sees the views reclaimed.
    worker.prependOnceListener('exit', () => {
      announceExit(threadId);
    });
  });
}

watchWorkerStarts();

/**
 * Call `listener.onThreadExit(id)` whenever a worker this thread created since xorview was loaded
 * exits (and, in a worker, when this thread itself exits without being terminated). Held weakly:
 * an opened buffer that is garbage-collected stops listening by itself.
 */
export function watchWorkerExits(listener: ThreadExitListener): void {
  listeners.add(new WeakRef(listener));
  if (watchingOwnExit) return;
  watchingOwnExit = true;
  const ownThreadId = currentThreadId();
  const process = nodeProcess();
  if (process !== undefined && ownThreadId > 0) {
    process.once('exit', () => {
      announceExit(ownThreadId);
    });
  }
}
