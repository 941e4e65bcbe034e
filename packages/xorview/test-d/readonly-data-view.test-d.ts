// ImmutableView<DataView> and ReadonlyDataView: getters only (SPEC §5).
import { expectAssignable, expectNotAssignable, expectType } from 'tsd';
import type { ExclusiveView, ImmutableView, ReadonlyDataView } from 'xorview';

declare const header: ImmutableView<DataView<ArrayBuffer>>;

expectType<number>(header.getUint32(0, true));
expectType<bigint>(header.getBigInt64(8));
expectType<number>(header.getFloat64(0));
expectType<ArrayBuffer>(header.buffer);

// @ts-expect-error: no setters
header.setUint8(0, 1);
// @ts-expect-error: no setters
header.setUint32(0, 1, true);
// @ts-expect-error: no setters
header.setBigUint64(0, 1n);
// @ts-expect-error: no setters
header.setFloat64(0, 1);
// @ts-expect-error: no setters
header.setInt16(0, 1);

expectNotAssignable<DataView>(header);
expectNotAssignable<ExclusiveView<DataView<ArrayBuffer>>>(header);
expectAssignable<ReadonlyDataView<ArrayBuffer>>(header);
expectNotAssignable<ImmutableView<DataView<ArrayBuffer>>>(new DataView(new ArrayBuffer(8)));

declare const writer: ExclusiveView<DataView<ArrayBuffer>>;
writer.setUint16(0, 7);
expectAssignable<ImmutableView<DataView<ArrayBuffer>>>(writer);
expectAssignable<DataView<ArrayBuffer>>(writer);

declare const plain: ReadonlyDataView;
// @ts-expect-error: ReadonlyDataView has no setters either
plain.setInt8(0, 1);
