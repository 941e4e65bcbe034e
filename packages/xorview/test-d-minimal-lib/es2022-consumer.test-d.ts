// A consumer with the smallest supported lib (ES2022, no DOM, no Node types): the declarations
// still check (no missing globals), views stay read-only, and reborrows still work even though
// the lib's typed arrays lack the ES2023 copy methods.
import { acquire, type ExclusiveView, type ImmutableView } from 'xorview';

declare const writer: ExclusiveView<Uint8Array<ArrayBuffer>>;
const reader: ImmutableView<Uint8Array<ArrayBuffer>> = writer;
// @ts-expect-error: read-only
reader[0] = 1;
// @ts-expect-error: toSorted is not in this lib, on views either
reader.toSorted();
const copy: Uint8Array<ArrayBuffer> = reader.slice();
copy[0] = 1;
const view = acquire(new ArrayBuffer(8), 'immutable', { as: Float64Array });
const first: number | undefined = view[0];
void first;
