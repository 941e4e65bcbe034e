/**
 * The exporter protocol's well-known symbols (PEP 688's `__buffer__` / `__release_buffer__`).
 *
 * Registered with `Symbol.for`, so two copies of xorview in one program (or a library that only
 * implements the protocol without importing xorview) agree on them.
 */

/** `[exportView](request)`: return the memory to lend for `{ mode, byteOffset, byteLength }`. */
export const exportView: unique symbol = Symbol.for('xorview.exportView') as never;

/** `[releaseView](view)`: called exactly once per granted view, with the very object lent. */
export const releaseView: unique symbol = Symbol.for('xorview.releaseView') as never;

/** `[exportModes]`: the modes an exporter can grant (PyBuffer's "potentially supported flags"). */
export const exportModes: unique symbol = Symbol.for('xorview.exportModes') as never;
