/**
 * The exporter-adapter seam: the one path every kind of exporter goes through.
 *
 * `acquire` never knows what an exporter is. After reading all of its arguments it resolves the
 * exporter to an `ExporterAdapter` (`boundAdapterOf`, else the built-in or protocol adapter; a
 * held view resolves to its lease), then drives the same five steps for every kind:
 *
 * 1. `locate(exporter, into)`: its current memory and window, `into.buffer`/`start`/`length`
 *    (`buffer` left `undefined` when the exporter only names its memory at claim time, like the
 *    user protocol; `length` -1 when unknown). Throws `DETACHED` when the memory is gone.
 * 2. `modes(exporter)`: which modes it can grant (refused with `UNSUPPORTED_MODE` otherwise); also
 *    what `capabilities()` reports, with `enforcement`.
 * 3. The runtime validates the request against the window (offsets, lengths, alignment) and fills
 *    a fresh `Lease`: `mode`, absolute `start`/`end` in `buffer`, `unit` (element size).
 * 4. `claim(exporter, lease, timeout)`: check the lease against the views already held and record
 *    it, or throw (`CONFLICT`, `TIMEOUT`, ...) having recorded nothing. For an acquisition made
 *    *through* one of this adapter's views in another mode (see `servesViewRequests`), `exporter`
 *    is that view and the lease's range is absolute in `lease.buffer`. `timeout` is the caller's
 *    `{ timeout }` in ms (`undefined`: fail at once); in-process adapters ignore it (no other code
 *    can release while this thread waits). `claimAsync` is the same for `acquireAsync`.
 * 5. The runtime builds the view over `lease.buffer` (unless `claim` built it before locking, see
 *    there; a view is handed out only once claimed). On `release`, it calls
 *    `unclaim(lease, view)` exactly once (sub-views never reach the adapter: they end with their
 *    parent and are not exports of their own).
 *
 * Built-in values (ArrayBuffer, SharedArrayBuffer, TypedArray, DataView, WebAssembly.Memory) and
 * user protocol objects are recognised structurally; xorview's own exporter classes bind their
 * instances with `bindExporter(this, adapter)` in their constructor (an adapter per instance is
 * fine, it can hold the instance's state). The in-process borrow registry (`borrow-record.ts`) is
 * what the built-in, OwnedBuffer and FrozenBuffer adapters claim in; a cross-thread adapter claims
 * in its own shared lock table instead and never touches the registry.
 */
import type { AccessMode } from '../semantics.js';
import type { AbortSignalLike, Enforcement, ExportCounts } from './api-types.js';
import type { BorrowRecord } from './borrow-record.js';
import { ReturnsTarget } from './private-stamp.js';
import type { ViewClassInfo } from './views.js';

/** Where an exporter's memory is: filled by `ExporterAdapter.locate`. */
export interface Placement {
  /** The memory views are built over; `undefined` when the adapter names it in `claim`. */
  buffer: ArrayBufferLike | undefined;
  /** Absolute byte offset of the exporter's window in `buffer`. */
  start: number;
  /** Byte length of the window, or -1 when the exporter does not say. */
  length: number;
}

/**
 * One granted view's state: what it covers, in which mode, from whom, and whether it has ended.
 * Root leases are exports (counted, claimed through an adapter); sub-view leases hang off a parent.
 */
export class Lease {
  mode: AccessMode;
  /** The memory the view is built over (set by the runtime from `locate`, or by the adapter). */
  buffer: ArrayBufferLike | undefined = undefined;
  /** Absolute half-open byte range `[start, end)` in `buffer`. */
  start = 0;
  end = 0;
  /** Element size of the requested view class (1 for DataView), for alignment checks. */
  unit = 1;
  /** The view class, so `subarray` of the view builds the same class. */
  viewClass: ViewClassInfo | undefined = undefined;
  adapter: ExporterAdapter;
  /** Adapter-owned: the registry record (in-process adapters), the exporter (protocol), a slot. */
  record: BorrowRecord | undefined = undefined;
  token: unknown = undefined;
  released = false;
  parent: Lease | undefined = undefined;
  children: Lease[] | undefined = undefined;
  /** Intrusive list of the leases of one `BorrowRecord` (no Set, no allocation per view). */
  previous: Lease | undefined = undefined;
  next: Lease | undefined = undefined;
  /** Where the view was acquired (debug mode only). */
  site: string | undefined = undefined;

  constructor(mode: AccessMode, adapter: ExporterAdapter) {
    this.mode = mode;
    this.adapter = adapter;
  }
}

/** How one kind of exporter lends memory. See the file comment for the protocol. */
export interface ExporterAdapter {
  readonly enforcement: Enforcement;
  /**
   * Whether `claim(view, lease)` serves an acquisition made through one of this adapter's views in
   * another mode (same memory, absolute range). When `false`, such requests go to the in-process
   * registry for the view's buffer.
   */
  readonly servesViewRequests: boolean;
  modes(exporter: object): readonly AccessMode[];
  locate(exporter: object, into: Placement): void;
  /**
   * Record the lease (step 4). May return the view, built by `buildView(lease)` *before* taking
   * the lock, when nothing the claim does can move the memory: a cross-thread lock is then held
   * only while the user holds the view. Otherwise the runtime builds it after the claim.
   */
  claim(exporter: object, lease: Lease, timeout: number | undefined): ArrayBufferView | undefined;
  /** Wait without blocking for a conflicting view to go (cross-thread adapters). */
  claimAsync?(exporter: object, lease: Lease, timeout: number | undefined, signal: AbortSignalLike | undefined): Promise<void>;
  /** End a root lease (its view was released); `view` is the very object that was lent. */
  unclaim(lease: Lease, view: object): void;
  /**
   * Live export counts of the exporter (of its window, for TypedArray/DataView exporters). For
   * `exportsOf(view)` on a view whose lease has no registry record, `exporter` is that view.
   */
  counts(exporter: object): ExportCounts;
}

/**
 * The binding, as a private stamp on the exporter (see private-stamp.ts): `acquire` resolves
 * every exporter, and a brand check costs a fraction of a WeakMap lookup.
 */
class AdapterStamp extends ReturnsTarget {
  #adapter: ExporterAdapter;

  constructor(target: object, adapter: ExporterAdapter) {
    super(target);
    this.#adapter = adapter;
  }

  /** Stamp `target`, or re-point its stamp (the same memory opened again binds its newest opening). */
  static stamp(target: object, adapter: ExporterAdapter): void {
    if (#adapter in target) target.#adapter = adapter;
    else new AdapterStamp(target, adapter);
  }

  static read(value: object): ExporterAdapter | undefined {
    return #adapter in value ? value.#adapter : undefined;
  }
}

/** Objects that cannot take a stamp (engines that refuse private fields on non-extensible objects). */
const unstampable = new WeakMap<object, ExporterAdapter>();

/** Make `exporter` lend through `adapter` (xorview's own exporter classes, in their constructor). */
export function bindExporter(exporter: object, adapter: ExporterAdapter): void {
  try {
    AdapterStamp.stamp(exporter, adapter);
  } catch {
    unstampable.set(exporter, adapter);
  }
}

/** The adapter bound to `exporter`, if any. */
export function boundAdapterOf(exporter: object): ExporterAdapter | undefined {
  return AdapterStamp.read(exporter) ?? unstampable.get(exporter);
}
