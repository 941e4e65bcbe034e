/**
 * The built-in getters and feature probes the runtime relies on, captured once at import.
 *
 * Reading `buffer`/`byteOffset`/`byteLength` through the intrinsic getters (never through the
 * object) means a subclass, an own property or a Proxy cannot lie about which bytes a value covers.
 * Nothing here patches a built-in.
 */

type Getter<Value> = (this: unknown) => Value;

function getterOf<Value>(prototype: object, key: PropertyKey): Getter<Value> {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- captured on purpose, always called with .call(receiver)
  const getter = descriptor?.get;
  if (getter === undefined) throw new TypeError(`xorview: the platform lacks ${String(key)}`);
  return getter as Getter<Value>;
}

function optionalGetterOf<Value>(prototype: object | undefined, key: PropertyKey): Getter<Value> | undefined {
  if (prototype === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- captured on purpose, always called with .call(receiver)
  return Object.getOwnPropertyDescriptor(prototype, key)?.get as Getter<Value> | undefined;
}

const typedArrayPrototype: object = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayBufferGetter = getterOf<ArrayBufferLike>(typedArrayPrototype, 'buffer');
const typedArrayByteOffsetGetter = getterOf<number>(typedArrayPrototype, 'byteOffset');
const typedArrayByteLengthGetter = getterOf<number>(typedArrayPrototype, 'byteLength');
const typedArrayTagGetter = getterOf<string | undefined>(typedArrayPrototype, Symbol.toStringTag);
const dataViewBufferGetter = getterOf<ArrayBufferLike>(DataView.prototype, 'buffer');
const dataViewByteOffsetGetter = getterOf<number>(DataView.prototype, 'byteOffset');
const dataViewByteLengthGetter = getterOf<number>(DataView.prototype, 'byteLength');
const arrayBufferByteLengthGetter = getterOf<number>(ArrayBuffer.prototype, 'byteLength');
const arrayBufferDetachedGetter = optionalGetterOf<boolean>(ArrayBuffer.prototype, 'detached');
const sharedArrayBufferPrototype: object | undefined =
  typeof SharedArrayBuffer === 'function' ? (SharedArrayBuffer.prototype as object) : undefined;
const sharedByteLengthGetter = optionalGetterOf<number>(sharedArrayBufferPrototype, 'byteLength');

/** `%TypedArray%.prototype.subarray`: coerces its arguments like the platform does. */
export const intrinsicSubarray = (typedArrayPrototype as { subarray: (begin?: number, end?: number) => ArrayBufferView })
  .subarray;

/** The buffer kinds the registry tells apart. */
export type BufferKind = 'array' | 'shared' | 'none';

function hasBrand(getter: Getter<number> | undefined, value: object): boolean {
  if (getter === undefined) return false;
  try {
    getter.call(value);
    return true;
  } catch {
    return false;
  }
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- captured on purpose, always called with .call(receiver)
const objectToString = Object.prototype.toString;

/**
 * Whether `value` is a genuine ArrayBuffer, SharedArrayBuffer or neither. The brand check is the
 * intrinsic getter (a Proxy or an object posing with the prototype fails it); `instanceof` and the
 * tag only pick which check to run, so ordinary objects never pay for a thrown exception and
 * buffers from other realms are still recognised.
 */
export function bufferKindOf(value: object): BufferKind {
  if (value instanceof ArrayBuffer) return hasBrand(arrayBufferByteLengthGetter, value) ? 'array' : 'none';
  if (sharedArrayBufferPrototype !== undefined && value instanceof SharedArrayBuffer) {
    return hasBrand(sharedByteLengthGetter, value) ? 'shared' : 'none';
  }
  let tag: string;
  try {
    tag = objectToString.call(value);
  } catch {
    return 'none';
  }
  if (tag === '[object ArrayBuffer]') return hasBrand(arrayBufferByteLengthGetter, value) ? 'array' : 'none';
  if (tag === '[object SharedArrayBuffer]') return hasBrand(sharedByteLengthGetter, value) ? 'shared' : 'none';
  return 'none';
}

/**
 * The byte length of a genuine ArrayBuffer (`instanceof` alone can be faked), or -1 when `value`
 * is not one: the hot path's brand check and length read in one intrinsic call.
 */
export function arrayBufferLengthOf(value: ArrayBuffer): number {
  try {
    return arrayBufferByteLengthGetter.call(value);
  } catch {
    return -1;
  }
}

/** The byte length of a buffer already known to be an ArrayBuffer or SharedArrayBuffer. */
export function bufferByteLength(buffer: ArrayBufferLike): number {
  if (sharedByteLengthGetter !== undefined && buffer instanceof SharedArrayBuffer) return sharedByteLengthGetter.call(buffer);
  try {
    return arrayBufferByteLengthGetter.call(buffer);
  } catch (error) {
    // A SharedArrayBuffer from another realm.
    if (sharedByteLengthGetter === undefined) throw error;
    return sharedByteLengthGetter.call(buffer);
  }
}

/**
 * Whether an ArrayBuffer is detached. Node 20 has no `detached` getter: a detached buffer reports
 * length 0 and refuses to be wrapped, which a genuinely empty buffer does not.
 */
export function isDetached(buffer: ArrayBufferLike): boolean {
  // SharedArrayBuffers never detach; a detached ArrayBuffer always reports length 0, so any other
  // length settles it. (No `instanceof`: buffers from other realms count too.)
  if (sharedByteLengthGetter !== undefined && buffer instanceof SharedArrayBuffer) return false;
  if (arrayBufferLengthOf(buffer as ArrayBuffer) !== 0) return false;
  if (arrayBufferDetachedGetter !== undefined) return arrayBufferDetachedGetter.call(buffer);
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/** Whether an ArrayBuffer is one of the platform's immutable buffers (`transferToImmutable`). */
export function isImmutableBuffer(buffer: ArrayBufferLike): boolean {
  return (buffer as { readonly immutable?: unknown }).immutable === true;
}

/** A zero-length buffer to initialise `Window`s with before `readWindow` fills them. */
export const placeholderBuffer: ArrayBuffer = new ArrayBuffer(0);

/** The buffer and window of a TypedArray or DataView, read through the intrinsic getters. */
export interface Window {
  buffer: ArrayBufferLike;
  start: number;
  length: number;
}

/**
 * Fill `into` with the buffer and window of `view` (a genuine TypedArray or DataView). A view
 * whose buffer is detached, or that is out of bounds of a shrunk resizable buffer, gets length 0
 * and `detached` reported by the caller through `isDetached`/`windowIsGone`.
 */
export function readWindow(view: ArrayBufferView, into: Window): void {
  if (typedArrayTagGetter.call(view) !== undefined) {
    into.buffer = typedArrayBufferGetter.call(view);
    into.start = typedArrayByteOffsetGetter.call(view);
    into.length = typedArrayByteLengthGetter.call(view);
    return;
  }
  readDataViewWindow(view, into);
}

/** `readWindow` of a DataView, whose getters throw once its buffer is detached or shrunk. */
function readDataViewWindow(view: ArrayBufferView, into: Window): void {
  into.buffer = dataViewBufferGetter.call(view);
  try {
    into.start = dataViewByteOffsetGetter.call(view);
    into.length = dataViewByteLengthGetter.call(view);
  } catch {
    // A DataView over a detached or shrunk buffer throws from its getters.
    into.start = 0;
    into.length = -1;
  }
}

/** Whether `value` is a genuine TypedArray (not a DataView). */
export function isTypedArray(value: object): boolean {
  return typedArrayTagGetter.call(value) !== undefined;
}

const arrayBufferTransfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer, length?: number) => ArrayBuffer })
  .transfer;
const arrayBufferTransferToImmutable = (
  ArrayBuffer.prototype as { transferToImmutable?: (this: ArrayBuffer) => ArrayBuffer }
).transferToImmutable;

/** Whether the platform can make immutable ArrayBuffers (Node 26 with `--js-immutable-arraybuffer`). */
export const hasImmutableBuffers: boolean = typeof arrayBufferTransferToImmutable === 'function';

/**
 * Move an ArrayBuffer's bytes into a new ArrayBuffer without copying, detaching the old one and
 * every view of it: `ArrayBuffer#transfer` where present, `structuredClone` with a transfer list
 * (which keeps resizability and `maxByteLength`) on Node 20.
 */
export function moveBuffer(buffer: ArrayBuffer): ArrayBuffer {
  if (arrayBufferTransfer !== undefined) return arrayBufferTransfer.call(buffer);
  return structuredClone(buffer, { transfer: [buffer] });
}

/** The ES2024 resizable-buffer surface (the compile target's lib is ES2023). */
// Optional: engines before resizable ArrayBuffers (ES2024) have neither property.
interface ResizableSurface {
  readonly resizable?: boolean;
  readonly maxByteLength?: number;
  resize(byteLength: number): void;
}

type ArrayBufferWithOptions = new (byteLength: number, options?: { maxByteLength: number }) => ArrayBuffer;

/** Whether an ArrayBuffer is resizable. */
export function isResizable(buffer: ArrayBuffer): boolean {
  return (buffer as unknown as ResizableSurface).resizable === true;
}

/** The largest length a buffer can be resized to (its length when fixed). */
export function maxByteLengthOf(buffer: ArrayBuffer): number {
  return (buffer as unknown as ResizableSurface).maxByteLength ?? buffer.byteLength;
}

/** Resize a resizable ArrayBuffer in place. */
export function resizeBuffer(buffer: ArrayBuffer, byteLength: number): void {
  (buffer as unknown as ResizableSurface).resize(byteLength);
}

/** A new ArrayBuffer, resizable up to `maxByteLength` when given. */
export function allocateBuffer(byteLength: number, maxByteLength?: number): ArrayBuffer {
  return maxByteLength === undefined
    ? new ArrayBuffer(byteLength)
    : new (ArrayBuffer as ArrayBufferWithOptions)(byteLength, { maxByteLength });
}

/**
 * Move an ArrayBuffer into one of `byteLength` bytes (`ArrayBuffer#transfer(n)` semantics: the
 * result keeps resizability; bytes past the old length are zero).
 */
export function moveBufferToLength(buffer: ArrayBuffer, byteLength: number): ArrayBuffer {
  if (arrayBufferTransfer !== undefined) return arrayBufferTransfer.call(buffer, byteLength);
  const resizable = isResizable(buffer);
  if (resizable && byteLength <= maxByteLengthOf(buffer)) {
    const moved = moveBuffer(buffer);
    resizeBuffer(moved, byteLength);
    return moved;
  }
  if (buffer.byteLength === byteLength) return moveBuffer(buffer);
  const copy = allocateBuffer(byteLength, resizable ? maxByteLengthOf(buffer) : undefined);
  new Uint8Array(copy).set(new Uint8Array(buffer, 0, Math.min(byteLength, buffer.byteLength)));
  structuredClone(buffer, { transfer: [buffer] });
  return copy;
}

/** Move an ArrayBuffer into a real immutable ArrayBuffer, where the platform has them. */
export function moveToImmutable(buffer: ArrayBuffer): ArrayBuffer | undefined {
  return arrayBufferTransferToImmutable?.call(buffer);
}

/** `WebAssembly.Memory`, where the platform has WebAssembly. */
const webAssemblyMemory: (abstract new (...args: never[]) => object) | undefined = (
  globalThis as { WebAssembly?: { Memory?: abstract new (...args: never[]) => object } }
).WebAssembly?.Memory;
const memoryBufferGetter = optionalGetterOf<ArrayBufferLike>(webAssemblyMemory?.prototype as object | undefined, 'buffer');

/** The current buffer of a `WebAssembly.Memory`, or `undefined` when `value` is not one. */
export function webAssemblyBufferOf(value: object): ArrayBufferLike | undefined {
  if (memoryBufferGetter === undefined || webAssemblyMemory === undefined || !(value instanceof webAssemblyMemory)) return undefined;
  try {
    return memoryBufferGetter.call(value);
  } catch {
    return undefined;
  }
}
