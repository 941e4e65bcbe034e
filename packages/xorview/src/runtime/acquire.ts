import type { AccessMode } from '../semantics.js';
import type { Exporter, ModesFor } from '../types/exporter.js';
import type { ModeOf } from '../types/view-utilities.js';
import type { ViewConstructor } from '../types/view-kind.js';
import type {
  AcquireAsyncOptions,
  AcquiredView,
  AcquireOptions,
  AcquireResult,
  AnyView,
  Capabilities,
  ExportCounts,
} from './api-types.js';
import { BufferError } from './errors.js';

// Declared with their final signatures; the bodies arrive with the runtime issue. Until then every
// call refuses loudly instead of pretending to lend memory.
function notYetImplemented(name: string): never {
  throw new BufferError('UNSUPPORTED_MODE', `xorview: ${name}() is not implemented in this build yet.`);
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
  void exporter;
  void mode;
  void options;
  return notYetImplemented('acquire');
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
  void exporter;
  void mode;
  void options;
  return notYetImplemented('tryAcquire');
}

/** Like `acquire`, waiting without blocking the thread for conflicting views to be released. */
export function acquireAsync<
  Source extends Exporter,
  Mode extends ModesFor<Source>,
  Constructor extends ViewConstructor = Uint8ArrayConstructor,
>(
  exporter: Source,
  mode: Mode,
  options?: AcquireAsyncOptions<Constructor>,
): Promise<AcquiredView<Source, Mode, Constructor>> {
  void exporter;
  void mode;
  void options;
  return notYetImplemented('acquireAsync');
}

/** End a view. Idempotent; the same as `view[Symbol.dispose]()`. */
export function release(view: AnyView): void {
  void view;
  notYetImplemented('release');
}

/** Whether a view has been released. */
export function isReleased(view: AnyView): boolean {
  void view;
  return notYetImplemented('isReleased');
}

/** The mode a view was acquired in. */
export function modeOf<ViewType extends AnyView>(view: ViewType): ModeOf<ViewType> & AccessMode {
  void view;
  return notYetImplemented('modeOf');
}

/** Which modes an exporter can grant and how strongly it enforces them, before any request. */
export function capabilities(exporter: Exporter): Capabilities {
  void exporter;
  return notYetImplemented('capabilities');
}

/** How many views of an exporter's memory are live, per mode. */
export function exportsOf(exporter: Exporter): ExportCounts {
  void exporter;
  return notYetImplemented('exportsOf');
}
