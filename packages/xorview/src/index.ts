/// <reference lib="esnext.disposable" preserve="true" />
/**
 * xorview: Rust's "mutable XOR shared" rule for JavaScript binary memory.
 *
 * The public surface (SPEC §4) and nothing else.
 */

export { accessModes, isAccessMode, type AccessMode } from './semantics.js';
export { exportModes, exportView, releaseView } from './symbols.js';

export type { ViewBrand } from './types/brand.js';
export type {
  ElementOf,
  KindOf,
  TypedArrayKind,
  ViewConstructor,
  ViewKind,
  WithBuffer,
} from './types/view-kind.js';
export type {
  CopyOf,
  ReadonlyBigInt64Array,
  ReadonlyBigUint64Array,
  ReadonlyFloat32Array,
  ReadonlyFloat64Array,
  ReadonlyInt16Array,
  ReadonlyInt32Array,
  ReadonlyInt8Array,
  ReadonlyTypedArray,
  ReadonlyUint16Array,
  ReadonlyUint32Array,
  ReadonlyUint8Array,
  ReadonlyUint8ClampedArray,
} from './types/readonly-typed-array.js';
export type { ReadonlyDataView } from './types/readonly-data-view.js';
export type { ImmutableView, ReadonlyViewKind } from './types/immutable-view.js';
export type { ExclusiveView, SubViewOf } from './types/exclusive-view.js';
export type { RawView } from './types/raw-view.js';
export type { View } from './types/view.js';
export type {
  BufferOf,
  Exporter,
  ExporterProtocol,
  ExportRequest,
  ModesFor,
  WebAssemblyMemoryLike,
} from './types/exporter.js';
export type {
  IsExclusiveView,
  IsImmutableView,
  IsRawView,
  IsReadOnlyParameter,
  IsView,
  ModeOf,
} from './types/view-utilities.js';

export { BufferError, type BufferErrorCode } from './runtime/errors.js';
export type {
  AbortSignalLike,
  AcquireAsyncOptions,
  AcquiredView,
  AcquireOptions,
  AcquireResult,
  AnyView,
  Capabilities,
  Enforcement,
  ExportCounts,
  RangeOptions,
} from './runtime/api-types.js';
export {
  acquire,
  acquireAsync,
  capabilities,
  exportsOf,
  isReleased,
  modeOf,
  release,
  tryAcquire,
} from './runtime/acquire.js';
export { asReadonlyInput } from './runtime/adapters.js';
export { debug, type DebugOptions, type LeakReport } from './runtime/debug.js';
export { FrozenBuffer, OwnedBuffer, type OwnedBufferOptions } from './exporters/owned-buffer.js';
export {
  SharedOwnedBuffer,
  type AutomaticReclaim,
  type ReclaimedView,
  type ReclaimReport,
  type SharedBufferHandle,
  type SharedOwnedBufferOptions,
} from './exporters/shared-owned-buffer.js';
