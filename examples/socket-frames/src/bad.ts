// The bug: scrubbing the token through `token.buffer`, Node's shared pool, while the frames built
// from it are queued on a corked socket. Without xorview the server receives zeros; with it, the
// raw view is flagged at compile time and refused at run time.
import type { Socket } from 'node:net';
import { acquire } from 'xorview';
import { queueFrame, runSession, sessionFrames } from './session.js';

const received = await runSession((socket: Socket) => {
  const token = Buffer.from('token=s3cr3t-0451');
  const writes = sessionFrames(token).map((bytes) => queueFrame(socket, bytes));
  using pool = acquire(token.buffer, 'raw'); // ✗ a raw view of the whole pool, no justification
  pool.fill(0);
  return Promise.all(writes);
});
console.log(received.toString('latin1'));
