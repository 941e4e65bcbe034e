// Takes an exclusive view of the whole buffer (handle received by postMessage), says so, and dies
// of an uncaught exception without releasing it.
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import { acquire, SharedOwnedBuffer } from '../../dist/index.js';

const [handle] = await once(parentPort, 'message');
const buffer = SharedOwnedBuffer.fromHandle(handle);
acquire(buffer, 'exclusive');
parentPort.postMessage('holding');
await once(parentPort, 'message');
throw new Error('the stage crashed while holding its view');
