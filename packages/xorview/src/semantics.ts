/**
 * SPEC §2 as data: the access modes, the conflict table and range overlap.
 *
 * This module is the single source of truth for "which two views may coexist". The runtime's
 * borrow registry and the ESLint plugin both import it, so a rule can never disagree with what
 * `acquire` would do at run time. It has no dependencies and no side effects.
 */

/** The three access modes, in a stable order (Petr Viktorin's flags, pyo3's three requests). */
export const accessModes = ['immutable', 'exclusive', 'raw'] as const;

/**
 * How a view may touch its bytes.
 *
 * - `immutable`: shared and read-only; nobody, the exporter included, writes the range while held.
 * - `exclusive`: the only view that reads or writes the range while held.
 * - `raw`: shared and mutable with no guarantee to anyone (the status quo, explicitly unsafe).
 */
export type AccessMode = (typeof accessModes)[number];

/**
 * Whether two views of the same kind of access may overlap. Symmetric; read it as
 * `coexists[heldMode][requestedMode]`. Only two shared modes coexist with themselves:
 * readers with readers (`immutable`) and the unsafe status quo with itself (`raw`).
 */
export const coexists: Readonly<Record<AccessMode, Readonly<Record<AccessMode, boolean>>>> = {
  immutable: { immutable: true, exclusive: false, raw: false },
  exclusive: { immutable: false, exclusive: false, raw: false },
  raw: { immutable: false, exclusive: false, raw: true },
};

/** Whether `value` is exactly one of the three mode strings (no coercion, no case folding). */
export function isAccessMode(value: unknown): value is AccessMode {
  return value === 'immutable' || value === 'exclusive' || value === 'raw';
}

/** A half-open byte range `[start, end)` of one piece of memory. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Whether two half-open ranges share at least one byte. An empty range overlaps nothing, so an
 * empty view never conflicts (but it still counts as held for locking).
 */
export function rangesOverlap(first: ByteRange, second: ByteRange): boolean {
  return first.start < first.end && second.start < second.end && first.start < second.end && second.start < first.end;
}

/**
 * Whether a view `requested` in `requestedMode` conflicts with a view `held` in `heldMode` of the
 * same memory: they overlap and their modes do not coexist.
 */
export function viewsConflict(
  heldMode: AccessMode,
  held: ByteRange,
  requestedMode: AccessMode,
  requested: ByteRange,
): boolean {
  return !coexists[heldMode][requestedMode] && rangesOverlap(held, requested);
}

/**
 * The position of `mode` in {@link accessModes} (0, 1 or 2), for tables indexed by mode on hot
 * paths: comparing interned strings is cheap, a lookup keyed by a varying string is not.
 */
export function modeIndex(mode: AccessMode): number {
  // Literals, not `accessModes[i]`: compared as constants (the test suite checks they agree).
  return mode === 'immutable' ? 0 : mode === 'exclusive' ? 1 : 2;
}

/**
 * {@link coexists} as a flat table: `coexistsAt[modeIndex(held) * 3 + modeIndex(requested)]`.
 * The same data, for the runtime's hot paths.
 */
export const coexistsAt: readonly boolean[] = accessModes.flatMap((held) =>
  accessModes.map((requested) => coexists[held][requested]),
);

/**
 * The mode of a narrower view taken *through* a held view: always its parent's. A request in any
 * other mode is an ordinary acquisition of the same memory and meets the conflict table like any
 * other (so an immutable view never yields a writable one).
 */
export function subViewMode(parentMode: AccessMode): AccessMode {
  return parentMode;
}

/**
 * The operations on an exporter that change its memory's identity or size, refused while any view
 * is held (PEP 298's lock). The ESLint plugin reports these calls while a view is live.
 */
export const lockingOperations = ['resize', 'transfer', 'transferToFixedLength', 'adopt', 'freeze', 'grow'] as const;

/** One of {@link lockingOperations}. */
export type LockingOperation = (typeof lockingOperations)[number];

/**
 * The property key carried (at the type level only) by every view type. A string, not a
 * `unique symbol`, so two copies of xorview in one program agree on it, and type-aware tools
 * (the ESLint plugin) recognise views by it.
 */
export const viewBrandKey = '~xorview';

/** The type of {@link viewBrandKey}. */
export type ViewBrandKey = typeof viewBrandKey;

/** The comment that justifies a raw acquisition: `// xorview-unsafe: <reason>`. */
export const unsafeJustificationPattern = /xorview-unsafe:\s*\S/u;
