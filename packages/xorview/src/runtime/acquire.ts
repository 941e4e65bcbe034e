import { type AccessMode, accessModes, isAccessMode, subViewMode, viewsConflict } from '../semantics.js';
import type { Exporter, ModesFor } from '../types/exporter.js';
import type { ModeOf } from '../types/view-utilities.js';
import type { ViewConstructor } from '../types/view-kind.js';
import { builtinAdapter, notAnExporterError } from '../exporters/builtin.js';
import { isProtocolExporter, protocolAdapter } from '../exporters/protocol.js';
import type {
  AbortSignalLike,
  AcquireAsyncOptions,
  AcquiredView,
  AcquireOptions,
  AcquireResult,
  AnyView,
  Capabilities,
  ExportCounts,
} from './api-types.js';
import { checkedCount, outOfRange } from './arguments.js';
import { rangeText } from './borrow-record.js';
import { BufferError, withArticle } from './errors.js';
import { type ExporterAdapter, type Placement, Lease, boundAdapterOf } from './exporter-adapter.js';
import { bufferKindOf, isDetached, webAssemblyBufferOf } from './intrinsics.js';
import {
  type ViewClassInfo,
  describeValue,
  grantSubView,
  handOut,
  grantView,
  leaseOf,
  notAViewError,
  releasedError,
  releaseGrantedView,
  subViewLease,
  uint8ViewClass,
  viewClassFor,
} from './views.js';

// What `prepareLease` found besides the lease, taken by the caller right after it returns (no user
// code runs in between, so these never belong to a re-entrant call). Cleared when taken, so the
// module never keeps an exporter alive.
const noTarget: object = Object.freeze({});
let preparedTarget: object = noTarget;
let preparedTimeout: number | undefined;
let preparedSignal: AbortSignalLike | undefined;

const placement: Placement = { buffer: undefined, start: 0, length: 0 };

function unsupportedModeError(mode: unknown): BufferError {
  return new BufferError(
    'UNSUPPORTED_MODE',
    `xorview: unknown access mode ${describeValue(mode)}. Use exactly 'immutable', 'exclusive' or 'raw'.`,
  );
}


/** Whether `modes` has `mode` (every adapter that grants all three returns `accessModes` itself). */
function grants(modes: readonly AccessMode[], mode: AccessMode): boolean {
  return modes === accessModes || modes.includes(mode);
}

function resolveAdapter(exporter: object): ExporterAdapter {
  // `instanceof` is only a shortcut here: the builtin adapter brand-checks in `locate`. Small,
  // so V8 inlines it into the acquisition; everything else is asked out of line.
  return ArrayBuffer.isView(exporter) || exporter instanceof ArrayBuffer ? builtinAdapter : resolveOtherAdapter(exporter);
}

function resolveOtherAdapter(exporter: object): ExporterAdapter {
  const bound = boundAdapterOf(exporter);
  if (bound !== undefined) return bound;
  if (bufferKindOf(exporter) !== 'none' || webAssemblyBufferOf(exporter) !== undefined) return builtinAdapter;
  if (isProtocolExporter(exporter)) return protocolAdapter;
  throw notAnExporterError(exporter);
}

function asExporterObject(exporter: unknown): object {
  if ((typeof exporter !== 'object' && typeof exporter !== 'function') || exporter === null) throw notAnExporterError(exporter);
  return exporter;
}

/**
 * Fill a lease's range from the request, validated against the exporter's window
 * `[windowStart, windowStart + windowLength)` (`windowLength` -1: unknown, the exporter checks).
 */
function placeLease(
  lease: Lease,
  info: ViewClassInfo,
  buffer: ArrayBufferLike | undefined,
  windowStart: number,
  windowLength: number,
  byteOffset: number,
  requestedLength: number,
): void {
  const unit = info.unit;
  const byteLength = requestedLength >= 0 ? requestedLength : windowLength - byteOffset;
  // Every check at once; `placementError` says which failed. (The hot path stays small enough
  // for V8 to inline the whole acquisition.)
  if (
    (windowLength >= 0 ? byteOffset + byteLength > windowLength || byteOffset > windowLength : requestedLength < 0) ||
    byteLength % unit !== 0 ||
    (buffer !== undefined && (windowStart + byteOffset) % unit !== 0)
  ) {
    throw placementError(unit, windowStart, windowLength, byteOffset, requestedLength);
  }
  lease.buffer = buffer;
  lease.start = windowStart + byteOffset;
  lease.end = lease.start + byteLength;
  lease.unit = unit;
  lease.viewClass = info;
}

// Errors of the option checks, kept out of `prepareLease` so the hot path stays small enough to
// inline.
const optionRequirements = {
  options: 'options must be an object like { byteOffset, length, as }',
  as: 'as must be a built-in TypedArray constructor or DataView',
  timeout: 'timeout must be a non-negative number of milliseconds',
  signal: 'signal must be an AbortSignal',
} as const;

function optionError(option: keyof typeof optionRequirements, value: unknown): BufferError {
  const message = `xorview: ${optionRequirements[option]}, got ${describeValue(value)}.`;
  return new BufferError(option === 'as' ? 'UNSUPPORTED_MODE' : 'OUT_OF_RANGE', message);
}

function lengthsDisagreeError(elements: number, bytes: number): BufferError {
  return outOfRange(`length (${elements} elements) and byteLength (${bytes}) disagree: give one of them.`);
}

/** Why `placeLease` refused a request: its checks in order, the first that fails. */
function placementError(
  unit: number,
  windowStart: number,
  windowLength: number,
  byteOffset: number,
  requestedLength: number,
): BufferError {
  if (windowLength >= 0 && byteOffset > windowLength) {
    return outOfRange(`byteOffset ${byteOffset} is past the end of the exporter's ${windowLength} bytes.`);
  }
  let byteLength = requestedLength;
  if (byteLength < 0) {
    if (windowLength < 0) return outOfRange('this exporter does not report its byteLength: give length or byteLength.');
    byteLength = windowLength - byteOffset;
    if (byteLength % unit !== 0) {
      return outOfRange(
        `the ${byteLength} bytes after byteOffset ${byteOffset} are not a whole number of ${unit}-byte elements: give length.`,
      );
    }
  } else if (windowLength >= 0 && byteOffset + byteLength > windowLength) {
    return outOfRange(
      `bytes ${rangeText({ start: byteOffset, end: byteOffset + byteLength })} do not fit in the exporter's ${windowLength} bytes.`,
    );
  }
  if (byteLength % unit !== 0) return outOfRange(`byteLength ${byteLength} is not a multiple of the ${unit}-byte element size.`);
  return outOfRange(
    `byte ${windowStart + byteOffset} of the memory is misaligned for ${unit}-byte elements: use a byteOffset that makes it a multiple of ${unit}.`,
  );
}

/** The options of one request, read by `readOptions` (reused: nothing runs between read and use). */
interface RequestOptions {
  info: ViewClassInfo;
  byteOffset: number;
  /** -1: not given. */
  byteLength: number;
  timeout: number | undefined;
  signal: AbortSignalLike | undefined;
}

const requested: RequestOptions = { info: uint8ViewClass, byteOffset: 0, byteLength: -1, timeout: undefined, signal: undefined };

/**
 * Read and check every option exactly once, in a fixed order (getters run here, once each), into
 * `requested`. Out of `prepareLease` so that a call without options never pays for its size.
 */
function readOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) throw optionError('options', options);
  const { as, byteOffset: offsetOption, length: lengthOption, byteLength: byteLengthOption, timeout: timeoutOption, signal: signalOption } =
    options as Record<string, unknown>;
  let info = uint8ViewClass;
  if (as !== undefined) {
    const found = viewClassFor(as);
    if (found === undefined) throw optionError('as', as);
    info = found;
  }
  const byteOffset = offsetOption === undefined ? 0 : checkedCount('byteOffset', offsetOption);
  let byteLength = lengthOption === undefined ? -1 : checkedCount('length', lengthOption) * info.unit;
  if (byteLengthOption !== undefined) {
    const bytes = checkedCount('byteLength', byteLengthOption);
    if (lengthOption !== undefined && bytes !== byteLength) throw lengthsDisagreeError(byteLength / info.unit, bytes);
    byteLength = bytes;
  }
  if (timeoutOption !== undefined && (typeof timeoutOption !== 'number' || Number.isNaN(timeoutOption) || timeoutOption < 0)) {
    throw optionError('timeout', timeoutOption);
  }
  if (
    signalOption !== undefined &&
    (typeof signalOption !== 'object' || signalOption === null || typeof (signalOption as AbortSignal).aborted !== 'boolean')
  ) {
    throw optionError('signal', signalOption);
  }
  // Written only once every check passed: a refused request leaves nothing behind.
  requested.info = info;
  requested.byteOffset = byteOffset;
  requested.byteLength = byteLength;
  requested.timeout = timeoutOption;
  requested.signal = signalOption as AbortSignalLike | undefined;
}

/**
 * Everything `acquire` does before claiming: validate the mode, read every option exactly once
 * (getters and the like run here), then, and only then, look at the exporter's current state.
 * Nothing is recorded until the adapter's `claim`.
 */
function prepareLease(exporter: unknown, mode: unknown, options: unknown): Lease {
  if (!isAccessMode(mode)) throw unsupportedModeError(mode);
  let info = uint8ViewClass;
  let byteOffset = 0;
  let byteLength = -1;
  let timeout: number | undefined;
  let signal: AbortSignalLike | undefined;
  if (options !== undefined) {
    readOptions(options);
    info = requested.info;
    byteOffset = requested.byteOffset;
    byteLength = requested.byteLength;
    timeout = requested.timeout;
    signal = requested.signal;
    requested.signal = undefined;
  }
  const target = asExporterObject(exporter);
  const parent = leaseOf(target);
  const lease =
    parent === undefined
      ? prepareFromExporter(target, mode, info, byteOffset, byteLength)
      : prepareThroughView(parent, target, mode, info, byteOffset, byteLength);
  preparedTarget = target;
  preparedTimeout = timeout;
  preparedSignal = signal;
  return lease;
}

function modeNotGrantedError(adapter: ExporterAdapter, exporter: object, mode: AccessMode): BufferError {
  return new BufferError(
    'UNSUPPORTED_MODE',
    `xorview: this exporter cannot grant '${mode}' views; it grants ${adapter.modes(exporter).join(', ')} (see capabilities()).`,
  );
}

function prepareFromExporter(exporter: object, mode: AccessMode, info: ViewClassInfo, byteOffset: number, byteLength: number): Lease {
  const adapter = resolveAdapter(exporter);
  adapter.locate(exporter, placement);
  const { buffer, start, length } = placement;
  placement.buffer = undefined;
  // Built-in memory's limits (immutable platform buffers, a FrozenBuffer's bytes) are checked by
  // its claim, which has the buffer at hand; asking here would locate the exporter twice.
  if (adapter !== builtinAdapter && !grants(adapter.modes(exporter), mode)) throw modeNotGrantedError(adapter, exporter, mode);
  const lease = new Lease(mode, adapter);
  placeLease(lease, info, buffer, start, length, byteOffset, byteLength);
  return lease;
}

/**
 * A request through a held view: in the view's own mode, a sub-view; in another mode, an ordinary
 * acquisition of the same bytes, which meets the conflict table (the view itself included), so an
 * immutable view never yields a writable one.
 */
function prepareThroughView(
  parent: Lease,
  view: object,
  mode: AccessMode,
  info: ViewClassInfo,
  byteOffset: number,
  byteLength: number,
): Lease {
  if (parent.released) throw releasedError('acquire through');
  const buffer = parent.buffer as ArrayBufferLike;
  if (isDetached(buffer)) {
    throw new BufferError('DETACHED', "xorview: this view's memory was detached (transferred or grown); it has nothing to lend.");
  }
  if (mode === subViewMode(parent.mode)) {
    const child = subViewLease(parent, info, 0, 0);
    placeLease(child, info, buffer, parent.start, parent.end - parent.start, byteOffset, byteLength);
    return child;
  }
  const adapter = parent.adapter.servesViewRequests ? parent.adapter : builtinAdapter;
  const lease = new Lease(mode, adapter);
  placeLease(lease, info, buffer, parent.start, parent.end - parent.start, byteOffset, byteLength);
  if (viewsConflict(parent.mode, parent, mode, lease)) {
    throw new BufferError(
      'CONFLICT',
      `xorview: cannot acquire ${withArticle(mode)} view of bytes ${rangeText(lease)} through ${withArticle(parent.mode)} view of bytes ${rangeText(parent)}: ` +
        `the modes conflict. Ask for '${parent.mode}' to get a sub-view, or release the view first.`,
    );
  }
  if (!grants(adapter.modes(view), mode)) {
    throw new BufferError('UNSUPPORTED_MODE', `xorview: this memory cannot lend '${mode}' views.`);
  }
  return lease;
}

/** The exporter `prepareLease` resolved, once. */
function takeTarget(): object {
  const target = preparedTarget;
  preparedTarget = noTarget;
  preparedSignal = undefined;
  return target;
}

/** Claim a root lease and hand out its view (built by the claim, or now). */
function claimAndGrant(lease: Lease, target: object, timeout: number | undefined): ArrayBufferView {
  const built = lease.adapter.claim(target, lease, timeout);
  return built === undefined ? grantView(lease) : handOut(built, lease);
}

function finish(lease: Lease): ArrayBufferView {
  const target = takeTarget();
  if (lease.parent !== undefined) return grantSubView(lease);
  return claimAndGrant(lease, target, preparedTimeout);
}

/**
 * Borrow a view of an exporter's memory in an access mode. Throws `BufferError` on a conflict, a
 * lock, an unsupported mode, a bad range or a value that cannot export.
 *
 * @example
 * ```
 * import { acquire } from 'xorview';
 *
 * using samples = acquire(new ArrayBuffer(16), 'immutable', { as: Float64Array });
 * //    ^? ImmutableView<Float64Array<ArrayBuffer>>
 * ```
 */
export function acquire<
  Source extends Exporter,
  Mode extends ModesFor<Source>,
  Constructor extends ViewConstructor = Uint8ArrayConstructor,
>(exporter: Source, mode: Mode, options?: AcquireOptions<Constructor>): AcquiredView<Source, Mode, Constructor> {
  return finish(prepareLease(exporter, mode, options)) as unknown as AcquiredView<Source, Mode, Constructor>;
}

/** Like `acquire`, but returns `{ ok: false, error }` for every `BufferError` instead of throwing. */
export function tryAcquire<
  Source extends Exporter,
  Mode extends ModesFor<Source>,
  Constructor extends ViewConstructor = Uint8ArrayConstructor,
>(
  exporter: Source,
  mode: Mode,
  options?: AcquireOptions<Constructor>,
): AcquireResult<AcquiredView<Source, Mode, Constructor>> {
  try {
    return { ok: true, view: acquire(exporter, mode, options) };
  } catch (error) {
    if (error instanceof BufferError) return { ok: false, error };
    throw error;
  }
}

/**
 * Like `acquire`, waiting without blocking the thread for conflicting views to be released
 * (cross-thread exporters). For in-process exporters it settles at once with `acquire`'s result.
 * An already-aborted `signal` rejects with its reason.
 */
export async function acquireAsync<
  Source extends Exporter,
  Mode extends ModesFor<Source>,
  Constructor extends ViewConstructor = Uint8ArrayConstructor,
>(
  exporter: Source,
  mode: Mode,
  options?: AcquireAsyncOptions<Constructor>,
): Promise<AcquiredView<Source, Mode, Constructor>> {
  type Result = AcquiredView<Source, Mode, Constructor>;
  // An async function: everything up to the first await runs synchronously (the arguments are
  // read and the request claimed now, as acquire would), and every throw becomes a rejection.
  const lease = prepareLease(exporter, mode, options);
  const timeout = preparedTimeout;
  const signal = preparedSignal;
  const target = takeTarget();
  // An already-aborted signal rejects with its reason, as the platform's own APIs do.
  if (signal?.aborted === true) throw signal.reason;
  const adapter = lease.adapter;
  if (lease.parent === undefined && adapter.claimAsync !== undefined) {
    await adapter.claimAsync(target, lease, timeout, signal);
    return grantView(lease) as unknown as Result;
  }
  if (lease.parent !== undefined) return grantSubView(lease) as unknown as Result;
  return claimAndGrant(lease, target, timeout) as unknown as Result;
}

/** End a view. Idempotent; the same as `view[Symbol.dispose]()`. */
export function release(view: AnyView): void {
  releaseGrantedView(view);
}

function leaseOfView(view: unknown, action: string): Lease {
  const lease = leaseOf(view);
  if (lease === undefined) throw notAViewError(view, action);
  return lease;
}

/** Whether a view has been released. */
export function isReleased(view: AnyView): boolean {
  return leaseOfView(view, 'isReleased').released;
}

/** The mode a view was acquired in. */
export function modeOf<ViewType extends AnyView>(view: ViewType): ModeOf<ViewType> & AccessMode {
  return leaseOfView(view, 'modeOf').mode as ModeOf<ViewType> & AccessMode;
}

const singleModes: Readonly<Record<AccessMode, readonly AccessMode[]>> = {
  immutable: Object.freeze(['immutable'] as const),
  exclusive: Object.freeze(['exclusive'] as const),
  raw: Object.freeze(['raw'] as const),
};

/**
 * Which modes an exporter can grant and how strongly it enforces them, before any request. A held
 * view grants its own mode (sub-views) and enforces like the exporter it came from.
 */
export function capabilities(exporter: Exporter): Capabilities {
  const target = asExporterObject(exporter);
  const lease = leaseOf(target);
  if (lease !== undefined) {
    if (lease.released) throw releasedError('ask the capabilities of');
    return { modes: singleModes[lease.mode], enforcement: lease.adapter.enforcement };
  }
  const adapter = resolveAdapter(target);
  return { modes: Object.freeze([...adapter.modes(target)]), enforcement: adapter.enforcement };
}

/**
 * How many views of an exporter's memory are live, per mode. For a TypedArray/DataView/Buffer (or
 * a view), the views touching its window; sub-views are part of their parent's export.
 */
export function exportsOf(exporter: Exporter): ExportCounts {
  const target = asExporterObject(exporter);
  const lease = leaseOf(target);
  if (lease !== undefined) {
    const record = lease.record;
    if (record !== undefined) return record.countsWithin(lease.start, lease.end);
    return lease.adapter.counts(target);
  }
  return resolveAdapter(target).counts(target);
}
