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
  /** Which `new` site of `constructView` builds it. */
  readonly kind: number;
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

/** Make a view class look like its built-in to tools, and give it dispose (and `subarray`). */
function finishViewClass(ViewClass: { readonly prototype: object }, builtin: BuiltinViewConstructor, isDataView: boolean): void {
  // Not `name`: redefining a class constructor's name makes V8 construct it ~10× slower. Tools
  // (util.inspect, test matchers) read the prototype's `constructor`, which is the built-in.
  defineHidden(ViewClass.prototype, 'constructor', builtin);
  defineHidden(ViewClass.prototype, disposeSymbol, disposeView);
  if (!isDataView) defineHidden(ViewClass.prototype, 'subarray', subarrayOfView);
}

const viewClasses = new Map<unknown, ViewClassInfo>();

function registerViewClass(builtin: unknown, kind: number, ViewClass: unknown): BuiltinViewConstructor {
  // Absent only for Float16Array on older platforms: its `new` site is then never reached.
  if (typeof builtin !== 'function') return Uint8Array;
  const isDataView = kind === dataViewKind;
  const unit = isDataView ? 1 : (builtin as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  viewClasses.set(builtin, { builtin: builtin as BuiltinViewConstructor, unit, isDataView, kind });
  finishViewClass(ViewClass as BuiltinViewConstructor, builtin as BuiltinViewConstructor, isDataView);
  return ViewClass as BuiltinViewConstructor;
}

const float16Array = (globalThis as unknown as { Float16Array?: BuiltinViewConstructor }).Float16Array;

// One class per kind, each its own class literal and each built at its own `new` site in
// `constructView`: V8 inlines a constructor only at a site that sees one class, and classes made
// by one literal in a loop share their feedback (V8 then leaves their constructor unoptimised).
// The kind numbers are `constructView`'s cases (literals: V8 folds them, not an enum object's fields).
const dataViewKind = 12;
const Uint8View = registerViewClass(Uint8Array, 0, class extends Uint8Array {});
const Int8View = registerViewClass(Int8Array, 1, class extends Int8Array {});
const Uint8ClampedView = registerViewClass(Uint8ClampedArray, 2, class extends Uint8ClampedArray {});
const Int16View = registerViewClass(Int16Array, 3, class extends Int16Array {});
const Uint16View = registerViewClass(Uint16Array, 4, class extends Uint16Array {});
const Int32View = registerViewClass(Int32Array, 5, class extends Int32Array {});
const Uint32View = registerViewClass(Uint32Array, 6, class extends Uint32Array {});
const Float16View = registerViewClass(float16Array, 7, float16Array === undefined ? undefined : class extends float16Array {});
const Float32View = registerViewClass(Float32Array, 8, class extends Float32Array {});
const Float64View = registerViewClass(Float64Array, 9, class extends Float64Array {});
const BigInt64View = registerViewClass(BigInt64Array, 10, class extends BigInt64Array {});
const BigUint64View = registerViewClass(BigUint64Array, 11, class extends BigUint64Array {});
const DataViewView = registerViewClass(DataView, dataViewKind, class extends (DataView as BuiltinViewConstructor) {});

/** The default view class. */
export const uint8ViewClass = viewClasses.get(Uint8Array) as ViewClassInfo;

/**
 * A view of `length` elements (bytes for DataView) at `start` of `buffer`, of the kind `kind`.
 * Uint8Array, the default, is built here; the rest in `constructOtherView`, out of line, so this
 * stays small enough for V8 to inline into the acquisition.
 */
function constructView(kind: number, buffer: ArrayBufferLike, start: number, length: number): ArrayBufferView {
  return kind === 0 ? new Uint8View(buffer, start, length) : constructOtherView(kind, buffer, start, length);
}

function constructOtherView(kind: number, buffer: ArrayBufferLike, start: number, length: number): ArrayBufferView {
  switch (kind) {
    case 1:
      return new Int8View(buffer, start, length);
    case 2:
      return new Uint8ClampedView(buffer, start, length);
    case 3:
      return new Int16View(buffer, start, length);
    case 4:
      return new Uint16View(buffer, start, length);
    case 5:
      return new Int32View(buffer, start, length);
    case 6:
      return new Uint32View(buffer, start, length);
    case 7:
      return new Float16View(buffer, start, length);
    case 8:
      return new Float32View(buffer, start, length);
    case 9:
      return new Float64View(buffer, start, length);
    case 10:
      return new BigInt64View(buffer, start, length);
    case 11:
      return new BigUint64View(buffer, start, length);
    default:
      return new DataViewView(buffer, start, length);
  }
}

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
  const view = constructView(info.kind, lease.buffer as ArrayBufferLike, lease.start, (lease.end - lease.start) / info.unit);
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
  if (lease.children !== undefined) endSubViews(lease);
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
