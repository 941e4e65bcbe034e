// Node's Buffer pool makes small Buffers windows of one shared ArrayBuffer. Code that reaches for
// `buffer.buffer` to "wipe the token" wipes every other Buffer in the pool, including frames a
// corked socket has queued but not sent yet. Run it the status-quo way, then with xorview.
import type { Socket } from 'node:net';
import { acquire, release, tryAcquire } from 'xorview';
import { decodeFrames, messages, queueFrame, runSession, sessionFrames } from './session.js';

const secret = 'token=s3cr3t-0451';
const expected = messages.map((message, index) => (index === 0 ? message + secret : message));

/** Whether an exclusive view of `memory` would be granted now: 'granted' (and released at once) or the error. */
function probeExclusive(memory: ArrayBufferLike): string {
  const probe = tryAcquire(memory, 'exclusive');
  if (!probe.ok) return `${probe.error.code}\n    ${probe.error.message}`;
  release(probe.view);
  return 'granted';
}

function report(label: string, received: Buffer): void {
  const payloads = decodeFrames(received);
  const intact = expected.filter((message, index) => payloads[index] === message).length;
  const zeros = received.filter((byte) => byte === 0).length;
  console.log(`${label}: server received ${received.length} bytes (${zeros} zero), ${intact}/${expected.length} frames intact`);
  for (const payload of payloads.slice(0, expected.length)) console.log(`    ${JSON.stringify(payload)}`);
}

// 1. Status quo: plain Buffers, and a scrub through `.buffer`.
const plain = await runSession((socket: Socket) => {
  const token = Buffer.from(secret);
  const frames = sessionFrames(token);
  const writes = frames.map((bytes) => new Promise((resolve) => socket.write(bytes, resolve)));
  console.log(`token and frames share one pool ArrayBuffer: ${frames.every((bytes) => bytes.buffer === token.buffer)}`);
  new Uint8Array(token.buffer).fill(0); // meant: wipe the token. Does: wipe the whole pool.
  return Promise.all(writes);
});
report('status quo', plain);

// 2. xorview: queued frames hold immutable views until written; the scrub asks for an exclusive view.
let token: Buffer | undefined;
const checked = await runSession((socket: Socket) => {
  token = Buffer.from(secret);
  const writes = sessionFrames(token).map((bytes) => queueFrame(socket, bytes));
  console.log(`exclusive view of token.buffer while frames are queued: ${probeExclusive(token.buffer)}`);
  {
    using tokenBytes = acquire(token, 'exclusive'); // the token's own window of the pool only
    tokenBytes.fill(0);
  }
  return Promise.all(writes);
});
report('xorview', checked);
console.log(`token after the scrub: ${token?.length ?? 0} bytes, ${token?.every((byte) => byte === 0) ? 'all zero' : 'NOT zeroed'}`);
