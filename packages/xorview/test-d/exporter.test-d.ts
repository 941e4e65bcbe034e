// Exporter and the user-defined exporter protocol (SPEC §3, §4).
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import {
  acquire,
  exportModes,
  exportView,
  releaseView,
  type BufferOf,
  type Exporter,
  type ExporterProtocol,
  type ExportRequest,
  type ImmutableView,
  type ModesFor,
} from 'xorview';

expectAssignable<Exporter>(new ArrayBuffer(8));
expectAssignable<Exporter>(new SharedArrayBuffer(8));
expectAssignable<Exporter>(new Uint16Array(4));
expectAssignable<Exporter>(new DataView(new ArrayBuffer(8)));
expectAssignable<Exporter>(Buffer.from('hi'));
expectAssignable<Exporter>(new WebAssembly.Memory({ initial: 1 }));
expectNotAssignable<Exporter>(42);
expectNotAssignable<Exporter>('bytes');
expectNotAssignable<Exporter>(null);
expectNotAssignable<Exporter>({ byteLength: 8 });
expectNotAssignable<Exporter>([1, 2, 3]);

class Frame implements ExporterProtocol<ArrayBuffer> {
  readonly #bytes = new ArrayBuffer(64);
  [exportView](request: ExportRequest): ArrayBuffer {
    expectType<'immutable' | 'exclusive' | 'raw'>(request.mode);
    expectType<number>(request.byteOffset);
    return this.#bytes;
  }
  [releaseView](): void {
    // Nothing to recycle in this example.
  }
}
expectAssignable<Exporter>(new Frame());
expectType<ArrayBuffer>(new ArrayBuffer(1) as BufferOf<Frame>);
expectType<ImmutableView<Float32Array<ArrayBuffer>>>(acquire(new Frame(), 'immutable', { as: Float32Array }));

class ReadOnlyTable implements ExporterProtocol<SharedArrayBuffer> {
  readonly [exportModes] = ['immutable'] as const;
  [exportView](): Uint8Array<SharedArrayBuffer> {
    return new Uint8Array(new SharedArrayBuffer(8));
  }
}
expectType<'immutable'>('immutable' as ModesFor<ReadOnlyTable>);
// @ts-expect-error: the exporter declares immutable only
acquire(new ReadOnlyTable(), 'exclusive');

// An [exportView] that returns something else is not an exporter.
const broken = { [exportView]: () => 42 };
expectNotAssignable<Exporter>(broken);

expectType<ArrayBuffer>(new ArrayBuffer(1) as BufferOf<ArrayBuffer>);
expectType<SharedArrayBuffer>(new SharedArrayBuffer(1) as BufferOf<Int32Array<SharedArrayBuffer>>);
expectType<'immutable' | 'exclusive' | 'raw'>('raw' as ModesFor<ArrayBuffer>);
