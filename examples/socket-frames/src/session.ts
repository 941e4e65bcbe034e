// A loopback TCP session: the client queues length-prefixed frames on a corked socket (Node keeps
// the very Buffers it was given until the socket flushes them, it does not copy), then scrubs the
// secret token it used to build the login frame. Small Buffers share Node's 8 KiB pool, so "the
// token's memory" reached through `token.buffer` is also the memory of the queued frames.
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { acquire, asReadonlyInput, release } from 'xorview';

/** The messages of one session, in order. */
export const messages = ['LOGIN user=ada ', 'GET /reports/2026', 'BYE'] as const;

/** A frame: a 4-byte big-endian length, then the payload. Small frames come from Node's pool. */
export function frame(payload: Uint8Array): Buffer {
  const bytes = Buffer.allocUnsafe(4 + payload.length);
  bytes.writeUInt32BE(payload.length, 0);
  bytes.set(payload, 4);
  return bytes;
}

/** The frames of a session, the login frame carrying the token. */
export function sessionFrames(token: Buffer): Buffer[] {
  return messages.map((message, index) =>
    frame(index === 0 ? Buffer.concat([Buffer.from(message), token]) : Buffer.from(message)),
  );
}

/** Decode the payloads of a byte stream of frames (stops at a truncated frame). */
export function decodeFrames(stream: Buffer): string[] {
  const payloads: string[] = [];
  let offset = 0;
  while (offset + 4 <= stream.length) {
    const length = stream.readUInt32BE(offset);
    if (offset + 4 + length > stream.length) break;
    payloads.push(stream.toString('latin1', offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return payloads;
}

/** Queue a frame on the socket, holding an immutable view of it until the socket has written it. */
export function queueFrame(socket: Socket, bytes: Buffer): Promise<void> {
  const queued = acquire(bytes, 'immutable');
  return new Promise((resolve, reject) => {
    socket.write(asReadonlyInput(queued), (error) => {
      release(queued);
      if (error) reject(error);
      else resolve();
    });
  });
}

/**
 * Run one session over loopback: `send` writes to the client socket (corked, so writes queue),
 * then the socket is flushed and closed. Resolves with everything the server received.
 */
export async function runSession(send: (socket: Socket) => Promise<unknown>): Promise<Buffer> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const received = new Promise<Buffer>((resolve, reject) => {
    server.once('connection', (peer) => {
      const chunks: Buffer[] = [];
      peer.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      peer.on('end', () => {
        resolve(Buffer.concat(chunks));
      });
      peer.on('error', reject);
    });
  });
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  client.cork();
  const sent = send(client);
  client.uncork();
  await sent;
  client.end();
  const bytes = await received;
  server.close();
  return bytes;
}
