// Takes an exclusive view, half-writes it, says so, and then idles until it is terminated. Gets
// `{ handle, byteOffset, byteLength }` as workerData, or else as its first message (postMessage).
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { acquire, SharedOwnedBuffer } from '../../dist/index.js';

const { handle, byteOffset, byteLength } = workerData ?? (await once(parentPort, 'message'))[0];
const buffer = SharedOwnedBuffer.fromHandle(handle);
const view = acquire(buffer, 'exclusive', { byteOffset, byteLength });
view.fill(0xee, 0, byteLength >> 1);
parentPort.postMessage({ holding: true, holderId: buffer.holderId });
setInterval(() => undefined, 1_000); // stay alive, holding, until terminated
