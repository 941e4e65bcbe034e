import type { ImmutableView } from '../types/immutable-view.js';
import type { ViewKind } from '../types/view-kind.js';

/**
 * Pass an `ImmutableView` to a platform API that only reads but whose typing demands a writable
 * array (Node's `NodeJS.ArrayBufferView` union in `fs.writeSync`, `Buffer.compare`,
 * `zlib.deflateSync`, …). Returns the very same object, typed as the underlying class: no copy.
 *
 * This is a promise *you* make: the callee must not write. The ESLint rule
 * `no-write-through-shared-view` checks each use (the argument must be an `ImmutableView` or
 * `ExclusiveView` and the call must be an argument position of a known read-only API or carry a
 * justification).
 *
 * @example
 * ```
 * import { writeSync } from 'node:fs';
 * import { acquire, asReadonlyInput } from 'xorview';
 *
 * using record = acquire(new Uint8Array([104, 105, 10]), 'immutable');
 * writeSync(1, asReadonlyInput(record));
 * ```
 */
export function asReadonlyInput<Array extends ViewKind>(view: ImmutableView<Array>): Array {
  return view as unknown as Array;
}
