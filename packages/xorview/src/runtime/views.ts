/**
 * Views: how a granted lease becomes a genuine TypedArray/DataView, how a view finds its lease,
 * and how views and their sub-views end.
 *
 * A view is an instance of a per-kind subclass of the requested class whose prototype adds only
 * `[Symbol.dispose]` (and, for typed arrays, a `subarray` that returns a registered sub-view) and
 * points `constructor` back at the built-in class. So `view instanceof Uint8Array`,
 * `view.constructor === Uint8Array`, `ArrayBuffer.isView(view)`, every native API, species-based
 * copies (`slice`, `map`) and deep-equality checks all see an ordinary Uint8Array, while creating
 * one costs no more than `new Uint8Array(buffer, offset, length)`. (Own non-enumerable properties
 * per view would cost a `defineProperty` each, several times the whole acquire budget.)
 *
 * The lease is stamped on the view with a private class field (invisible to reflection, no
 * WeakMap ephemeron per view), so nothing outlives the view once it is released and dropped.
 */
import { BufferError } from './errors.js';
import { captureSite, isDebugging, trackLeak, untrackLeak } from './debug.js';
import { Lease } from './exporter-adapter.js';
import { type Window, intrinsicSubarray, placeholderBuffer, readWindow } from './intrinsics.js';
import { ReturnsTarget } from './private-stamp.js';

/** `Symbol.dispose`, or Node's pre-standard spelling where the platform lacks it. */
export const disposeSymbol: symbol = (Symbol as { readonly dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');

type BuiltinViewConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayBufferView;

/** What the runtime knows about one view class (`as` option). */
export interface ViewClassInfo {
  /** The built-in constructor (`Uint8Array`, `DataView`, ...). */
  readonly builtin: BuiltinViewConstructor;
  /** Bytes per element; 1 for DataView. */
  readonly unit: number;
  readonly isDataView: boolean;
  /** Build a view of `[start, start + byteLength)` of `buffer`. */
  readonly create: (buffer: ArrayBufferLike, start: number, byteLength: number) => ArrayBufferView;
}

class LeaseStamp extends ReturnsTarget {
  readonly #lease: Lease;

  constructor(target: object, lease: Lease) {
    super(target);
    this.#lease = lease;
  }

  static read(value: object): Lease | undefined {
    return #lease in value ? value.#lease : undefined;
  }
}

/** The lease of a view `acquire` handed out, or `undefined` for anything else. */
export function leaseOf(value: unknown): Lease | undefined {
  return typeof value === 'object' && value !== null ? LeaseStamp.read(value) : undefined;
}

function disposeView(this: unknown): void {
  releaseGrantedView(this);
}

function subarrayOfView(this: ArrayBufferView, begin?: number, end?: number): ArrayBufferView {
  const parent = leaseOf(this);
  if (parent === undefined) return intrinsicSubarray.call(this, begin, end);
  if (parent.released) throw releasedError('take a subarray of');
  // The platform coerces begin/end (valueOf may run user code), then we re-check the parent.
  const plain = intrinsicSubarray.call(this, begin, end);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- user code ran in between
  if (parent.released) throw releasedError('take a subarray of');
  const window: Window = { buffer: placeholderBuffer, start: 0, length: 0 };
  readWindow(plain, window);
  return grantSubView(subViewLease(parent, parent.viewClass as ViewClassInfo, window.start, window.start + window.length));
}

function defineHidden(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

function makeViewClass(builtin: BuiltinViewConstructor, unit: number, isDataView: boolean): ViewClassInfo {
  const ViewClass = class extends builtin {};
  // Not `name`: redefining a class constructor's name makes V8 construct it ~10× slower. Tools
  // (util.inspect, test matchers) read the prototype's `constructor`, which is the built-in.
  defineHidden(ViewClass.prototype, 'constructor', builtin);
  defineHidden(ViewClass.prototype, disposeSymbol, disposeView);
  if (!isDataView) defineHidden(ViewClass.prototype, 'subarray', subarrayOfView);
  const create = isDataView
    ? (buffer: ArrayBufferLike, start: number, byteLength: number): ArrayBufferView => new ViewClass(buffer, start, byteLength)
    : (buffer: ArrayBufferLike, start: number, byteLength: number): ArrayBufferView => new ViewClass(buffer, start, byteLength / unit);
  return { builtin, unit, isDataView, create };
}

const viewClasses = new Map<unknown, ViewClassInfo>();

function registerViewClass(builtin: unknown, isDataView = false): ViewClassInfo | undefined {
  if (typeof builtin !== 'function') return undefined;
  const unit = isDataView ? 1 : (builtin as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  const info = makeViewClass(builtin as BuiltinViewConstructor, unit, isDataView);
  viewClasses.set(builtin, info);
  return info;
}

/** The default view class. */
export const uint8ViewClass = registerViewClass(Uint8Array) as ViewClassInfo;
for (const builtin of [
  Int8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  (globalThis as { Float16Array?: unknown }).Float16Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
]) {
  registerViewClass(builtin);
}
registerViewClass(DataView, true);

// The last class asked for: code acquires the same kind of view over and over.
let lastConstructor: unknown = Uint8Array;
let lastViewClass: ViewClassInfo | undefined = uint8ViewClass;

/** The view class for an `as` option, or `undefined` when it is not a built-in view constructor. */
export function viewClassFor(constructor: unknown): ViewClassInfo | undefined {
  if (constructor === lastConstructor) return lastViewClass;
  const info = viewClasses.get(constructor);
  if (info !== undefined) {
    lastConstructor = constructor;
    lastViewClass = info;
  }
  return info;
}

/** Build the view for a lease the adapter granted, and stamp the lease on it. */
export function grantView(lease: Lease): ArrayBufferView {
  return handOut(buildView(lease), lease);
}

/**
 * Build a lease's view and stamp the lease on it, before or after the claim (see
 * `ExporterAdapter.settledBeforeClaim`); `handOut` it once claimed.
 */
export function buildView(lease: Lease): ArrayBufferView {
  const info = lease.viewClass as ViewClassInfo;
  const view = info.create(lease.buffer as ArrayBufferLike, lease.start, lease.end - lease.start);
  new LeaseStamp(view, lease);
  return view;
}

/** A claimed lease's view leaves the runtime: record its site when leak tracking is on. */
export function handOut(view: ArrayBufferView, lease: Lease): ArrayBufferView {
  if (isDebugging()) trackGranted(view, lease);
  return view;
}

function trackGranted(view: ArrayBufferView, lease: Lease): void {
  lease.site = captureSite();
  trackLeak(view, { mode: lease.mode, byteOffset: lease.start, byteLength: lease.end - lease.start, site: lease.site }, lease);
}

/** The lease of a narrower view through a held one: same mode, same memory, `[start, end)`. */
export function subViewLease(parent: Lease, info: ViewClassInfo, start: number, end: number): Lease {
  const child = new Lease(parent.mode, parent.adapter);
  child.buffer = parent.buffer;
  child.start = start;
  child.end = end;
  child.unit = info.unit;
  child.viewClass = info;
  child.record = parent.record;
  child.parent = parent;
  return child;
}

/** Grant a sub-view: it ends with its parent and is not an export of its own (no claim). */
export function grantSubView(child: Lease): ArrayBufferView {
  const parent = child.parent as Lease;
  (parent.children ??= []).push(child);
  return grantView(child);
}

function endSubViews(lease: Lease): void {
  const children = lease.children;
  if (children === undefined) return;
  lease.children = undefined;
  for (const child of children) {
    if (child.released) continue;
    child.released = true;
    if (child.site !== undefined) untrackLeak(child);
    endSubViews(child);
  }
}

/** End a lease: its sub-views first, then its claim (root) or its place in its parent. Idempotent. */
export function endLease(lease: Lease, view: object): void {
  if (lease.released) return;
  lease.released = true;
  if (lease.site !== undefined) untrackLeak(lease);
  endSubViews(lease);
  const parent = lease.parent;
  if (parent === undefined) {
    lease.adapter.unclaim(lease, view);
    return;
  }
  const siblings = parent.children;
  if (siblings !== undefined) {
    const index = siblings.indexOf(lease);
    if (index >= 0) siblings.splice(index, 1);
  }
}

/** `release(view)`: end a view handed out by `acquire`. */
export function releaseGrantedView(view: unknown): void {
  const lease = leaseOf(view);
  if (lease === undefined) throw notAViewError(view, 'release');
  endLease(lease, view as object);
}

/** The error for using a released view. */
export function releasedError(action: string): BufferError {
  return new BufferError('RELEASED', `xorview: cannot ${action} a released view. Acquire a new view from the exporter instead.`);
}

/** The error for a value that is not a view `acquire` handed out. */
export function notAViewError(value: unknown, action: string): Error {
  if (typeof value === 'object' && value !== null && ArrayBuffer.isView(value)) {
    return new BufferError(
      'FOREIGN_VIEW',
      `xorview: ${action}() was given a ${Object.prototype.toString.call(value).slice(8, -1)} that acquire() did not hand out. ` +
        'Pass the very object acquire() returned.',
    );
  }
  return new TypeError(`xorview: ${action}() expects a view returned by acquire(), got ${describeValue(value)}.`);
}

/** A short description of any value for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' || typeof value === 'function') {
    try {
      const tag = Object.prototype.toString.call(value).slice(8, -1);
      return tag === 'Object' ? 'an object' : `a ${tag}`;
    } catch {
      return 'an object';
    }
  }
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return `${typeof value} ${value.toString()}`;
  }
  return typeof value;
}
