// acquire and friends infer the view type from exporter, mode and `as` (SPEC §4).
import { expectAssignable, expectType } from 'tsd';
import {
  acquire,
  acquireAsync,
  BufferError,
  capabilities,
  exportsOf,
  isReleased,
  modeOf,
  OwnedBuffer,
  release,
  SharedOwnedBuffer,
  tryAcquire,
  type AccessMode,
  type Capabilities,
  type ExclusiveView,
  type ExportCounts,
  type ImmutableView,
  type RawView,
} from 'xorview';

declare const owned: OwnedBuffer;
declare const shared: SharedOwnedBuffer;
declare const memory: ArrayBuffer;
declare const sharedMemory: SharedArrayBuffer;
declare const nodeBuffer: Buffer;
declare const wasm: WebAssembly.Memory;

expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(acquire(owned, 'immutable'));
expectType<ImmutableView<Float64Array<ArrayBuffer>>>(acquire(owned, 'immutable', { as: Float64Array }));
expectType<ExclusiveView<Float64Array<ArrayBuffer>>>(acquire(memory, 'exclusive', { as: Float64Array }));
expectType<RawView<Int32Array<SharedArrayBuffer>>>(acquire(shared, 'raw', { as: Int32Array }));
expectType<ImmutableView<DataView<SharedArrayBuffer>>>(acquire(sharedMemory, 'immutable', { as: DataView }));
expectType<ExclusiveView<BigUint64Array<ArrayBuffer>>>(acquire(owned, 'exclusive', { as: BigUint64Array, length: 2 }));
expectType<ImmutableView<Uint8Array<ArrayBufferLike>>>(acquire(nodeBuffer, 'immutable'));
expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(acquire(wasm, 'immutable'));
expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(acquire(owned, 'immutable', { byteOffset: 8, byteLength: 16 }));

// A view as exporter: a narrower acquire is a sub-view in the parent's own mode.
declare const reader: ImmutableView<Uint8Array<ArrayBuffer>>;
declare const writer: ExclusiveView<Uint8Array<ArrayBuffer>>;
expectType<ImmutableView<Uint16Array<ArrayBuffer>>>(acquire(reader, 'immutable', { as: Uint16Array }));
expectType<ExclusiveView<Uint8Array<ArrayBuffer>>>(acquire(writer, 'exclusive', { byteOffset: 4 }));
// @ts-expect-error: an immutable view never yields a writable one
acquire(reader, 'exclusive');
// @ts-expect-error: an immutable view never yields a raw one
acquire(reader, 'raw');

// A frozen buffer lends immutable views only.
const frozen = owned.freeze();
expectType<ImmutableView<Uint8Array<ArrayBuffer>>>(acquire(frozen, 'immutable'));
// @ts-expect-error: frozen memory has no writable mode
acquire(frozen, 'exclusive');

// Modes are exactly the three strings.
// @ts-expect-error: not a mode
acquire(owned, 'IMMUTABLE');
// @ts-expect-error: not a mode
acquire(owned, '');
// @ts-expect-error: the mode is required
acquire(owned);
// @ts-expect-error: length in elements or in bytes, not both
acquire(owned, 'immutable', { length: 1, byteLength: 1 });
// @ts-expect-error: `as` takes a view constructor
acquire(owned, 'immutable', { as: Array });
// @ts-expect-error: numbers are not exporters
acquire(42, 'immutable');
// @ts-expect-error: an empty object lends no memory
acquire({}, 'immutable');

// A mode known only at run time gives the union of views.
declare const mode: AccessMode;
expectAssignable<ImmutableView<Uint8Array<ArrayBuffer>> | ExclusiveView<Uint8Array<ArrayBuffer>> | RawView<Uint8Array<ArrayBuffer>>>(
  acquire(memory, mode),
);

// tryAcquire returns a discriminated result.
const attempt = tryAcquire(owned, 'exclusive', { as: Float32Array });
if (attempt.ok) {
  expectType<ExclusiveView<Float32Array<ArrayBuffer>>>(attempt.view);
} else {
  expectType<BufferError>(attempt.error);
}

// acquireAsync takes a signal and a timeout.
expectType<Promise<ImmutableView<Int8Array<SharedArrayBuffer>>>>(
  acquireAsync(shared, 'immutable', { as: Int8Array, signal: AbortSignal.timeout(10), timeout: 5 }),
);

// The rest of the surface.
expectType<void>(release(reader));
expectType<boolean>(isReleased(writer));
expectType<'immutable'>(modeOf(reader));
expectType<'exclusive'>(modeOf(writer));
expectType<Capabilities>(capabilities(owned));
expectType<ExportCounts>(exportsOf(memory));
expectType<readonly AccessMode[]>(capabilities(owned).modes);
expectType<'engine' | 'registry' | 'cross-thread' | 'custom'>(capabilities(owned).enforcement);
// @ts-expect-error: release takes views, not plain arrays
release(new Uint8Array(4));
// @ts-expect-error: modeOf takes views
modeOf(new Uint8Array(4));

// Errors carry a stable code.
declare const failure: BufferError;
expectType<
  | 'CONFLICT'
  | 'LOCKED'
  | 'RELEASED'
  | 'UNSUPPORTED_MODE'
  | 'OUT_OF_RANGE'
  | 'NOT_AN_EXPORTER'
  | 'FOREIGN_VIEW'
  | 'DETACHED'
  | 'TIMEOUT'
>(failure.code);
expectAssignable<Error>(failure);

// The OwnedBuffer surface.
expectType<OwnedBuffer>(new OwnedBuffer(16, { maxByteLength: 64 }));
expectType<OwnedBuffer>(OwnedBuffer.adopt(memory));
expectType<number>(owned.byteLength);
expectType<boolean>(owned.resizable);
expectType<void>(owned.resize(32));
expectType<OwnedBuffer>(owned.transfer());
expectType<SharedOwnedBuffer>(SharedOwnedBuffer.fromHandle(shared.handle));
