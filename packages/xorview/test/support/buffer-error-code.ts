import { BufferError } from '../../src/runtime/errors.js';

/** The `BufferError` code `action` throws, or undefined when it returns; other errors propagate. */
export function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof BufferError) return error.code;
    throw error;
  }
}
