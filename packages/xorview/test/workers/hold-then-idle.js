// Takes an exclusive view, half-writes it, says so, and then idles until it is terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, SharedOwnedBuffer } from './xorview.js';

const { handle, byteOffset, byteLength } = workerData;
const buffer = SharedOwnedBuffer.fromHandle(handle);
const view = acquire(buffer, 'exclusive', { byteOffset, length: byteLength });
view.fill(0xee, 0, byteLength >> 1);
parentPort.postMessage({ holding: true, holderId: buffer.holderId });
setInterval(() => {}, 1_000);
