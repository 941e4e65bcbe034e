/** Argument checks shared by the public functions: strict, never coercing. */
import { BufferError } from './errors.js';
import { describeValue } from './views.js';

/** A `BufferError('OUT_OF_RANGE')` with xorview's prefix. */
export function outOfRange(message: string): BufferError {
  return new BufferError('OUT_OF_RANGE', `xorview: ${message}`);
}

/** A byte offset, length or size: a non-negative safe integer, never coerced. */
export function checkedCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw notACountError(name, value);
  return value;
}

function notACountError(name: string, value: unknown): BufferError {
  return outOfRange(`${name} must be a non-negative integer, got ${describeValue(value)} (xorview never coerces offsets and lengths).`);
}
