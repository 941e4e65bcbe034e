// The data both programs (main.ts and its bad twin) hand to the wasm module: a record with an
// 8-byte header (magic, sample count) followed by one byte per sample.
import { acquire, type ExclusiveView, type ImmutableView } from 'xorview';

export const headerBytes = 8;
export const magic = 0x5356_5758; // "XWVS" little-endian

/** Write a header and `count` samples (a ramp) into `target`; returns the record's byte length. */
export function writeRecord(target: ExclusiveView, count: number): number {
  {
    using header = acquire(target, 'exclusive', { as: DataView, byteLength: headerBytes });
    header.setUint32(0, magic, true);
    header.setUint32(4, count, true);
  }
  for (let index = 0; index < count; index++) target[headerBytes + index] = index % 256;
  return headerBytes + count;
}

/** Read the header of a record through a DataView sub-view: the sample count, checked. */
export function sampleCount(record: ImmutableView): number {
  using header = acquire(record, 'immutable', { as: DataView, byteLength: headerBytes });
  if (header.getUint32(0, true) !== magic) throw new Error('not a sample record: bad magic');
  return header.getUint32(4, true);
}
