// Writes through an ImmutableView: every line marked ✗ is one the compiler refuses.
import { OwnedBuffer, acquire, type ImmutableView } from 'xorview';

function checksum(frame: ImmutableView): number {
  frame[0] = 0; // ✗ index assignment
  frame.fill(0); // ✗ in-place mutator
  frame.subarray(4)[0] = 1; // ✗ a sub-view is the same memory, read-only too
  frame.forEach((_byte, _index, array) => {
    array.set([1]); // ✗ the callback's array argument is the same memory
  });
  const scratch = frame.slice(); // a copy is yours…
  scratch[0] = 0; // …so this is fine
  return frame.reduce((sum, byte) => (sum + byte) & 0xff, 0);
}

const pixels = new OwnedBuffer(16);
using shared = acquire(pixels, 'immutable');
checksum(shared);
const stolen: Uint8Array = shared; // ✗ not assignable to a writable array
checksum(new Uint8Array(16)); // ✗ a plain array is not a view: views come from acquire
void stolen;
