/**
 * The conflict decision for two views of one exporter, as the lint rules see them: modes that may
 * be unknown (a non-literal mode argument) and byte ranges known only when every range option is a
 * literal. Built on `xorview/semantics`, so a rule never disagrees with what `acquire` would do.
 *
 * Kept free of AST and control flow: `no-conflicting-views` asks it about the views the lifetime
 * analysis says may be held at a call.
 */
import { accessModes, viewsConflict, type AccessMode, type ByteRange } from 'xorview/semantics';
import type { AcquisitionRange } from './acquisitions.js';


/** What a view claims of its exporter's memory. `undefined` means "not known statically". */
export interface ViewClaim {
  readonly mode: AccessMode | undefined;
  readonly range: ByteRange | undefined;
}

/** Everything from `start` to the end of the memory, whatever its length. */
const toTheEnd = Number.POSITIVE_INFINITY;

/** The element size of the default view class, `Uint8Array`. */
const defaultBytesPerElement = 1;

/**
 * The byte range that an acquisition's literal range options select, relative to the exporter's
 * start, or `undefined` when they are not all literals (see `AcquisitionRange`). Without a length
 * the view runs to the end of the memory; a `length` counts elements of the `as` class.
 */
export function byteRangeOf(options: AcquisitionRange | undefined): ByteRange | undefined {
  if (options === undefined) return undefined;
  const start = options.byteOffset ?? 0;
  if (options.byteLength !== undefined) return { start, end: start + options.byteLength };
  if (options.length !== undefined) return { start, end: start + options.length * (options.asBytesPerElement ?? defaultBytesPerElement) };
  return { start, end: toTheEnd };
}

/** A range nothing is known about: it may cover the whole memory. */
const unknownRange: ByteRange = { start: 0, end: toTheEnd };

/**
 * Whether a view claiming `requested` is certain to conflict with a held view claiming `held` of
 * the same memory. Unknown ranges are assumed to overlap (a known empty range still overlaps
 * nothing); an unknown mode conflicts only if every mode it could be conflicts, so a rule built on
 * this reports what `acquire` would refuse on every run, not what it might.
 */
export function claimsConflict(held: ViewClaim, requested: ViewClaim): boolean {
  const heldModes = held.mode === undefined ? accessModes : [held.mode];
  const requestedModes = requested.mode === undefined ? accessModes : [requested.mode];
  const heldRange = held.range ?? unknownRange;
  const requestedRange = requested.range ?? unknownRange;
  return heldModes.every((heldMode) =>
    requestedModes.every((requestedMode) => viewsConflict(heldMode, heldRange, requestedMode, requestedRange)),
  );
}
