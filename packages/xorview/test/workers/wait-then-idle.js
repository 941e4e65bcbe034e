// Asks for bytes main holds, waiting with acquireAsync (so its request is in the lock table when
// the call returns), says so, and stays waiting until it is terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { acquireAsync, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, byteLength } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const waiting = acquireAsync(buffer, 'exclusive', { byteLength, timeout: 600_000 });
parentPort.postMessage('waiting');
await waiting;
