// Interim shim until the runtime seam lands: acquire/release of SharedOwnedBuffer views through
// the lock table's internal functions, so the concurrency can be exercised in real threads now.
import { SharedOwnedBuffer } from '../../dist/index.js';
import {
  lockShared,
  sharedMemoryOf,
  unlockShared,
  waitPolicyFor,
} from '../../dist/exporters/shared-owned-buffer.js';

const tokens = new WeakMap();

export { SharedOwnedBuffer };

export function acquire(buffer, mode, { as = Uint8Array, byteOffset = 0, length, timeout } = {}) {
  const byteLength = length * as.BYTES_PER_ELEMENT;
  const token = lockShared(buffer, mode, { start: byteOffset, end: byteOffset + byteLength }, waitPolicyFor(timeout));
  const view = new as(sharedMemoryOf(buffer), byteOffset, length);
  tokens.set(view, { buffer, token });
  return view;
}

export function release(view) {
  const entry = tokens.get(view);
  if (entry !== undefined) unlockShared(entry.buffer, entry.token);
}
