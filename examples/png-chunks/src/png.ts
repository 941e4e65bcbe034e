// A PNG encoder writing through an exclusive view and a chunk parser reading through immutable
// views: every chunk's type, data and CRC are sub-views of the one file view, no byte is copied.
// The format: an 8-byte signature, then chunks of [length u32 BE][type 4 ASCII][data][CRC-32 u32 BE]
// (https://www.w3.org/TR/png-3/#5Chunk-layout).
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { OwnedBuffer, acquire, asReadonlyInput, type ExclusiveView, type ImmutableView } from 'xorview';

export const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const chunkOverhead = 12; // length + type + CRC

/** A chunk to encode: its 4-letter type and its data. */
export interface ChunkInput {
  readonly type: string;
  readonly data: Uint8Array;
}

/** Greyscale 8-bit image: one byte per pixel, rows top to bottom. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly comment: string;
}

function ihdr(width: number, height: number): Uint8Array {
  const data = new Uint8Array(13);
  const fields = new DataView(data.buffer);
  fields.setUint32(0, width);
  fields.setUint32(4, height);
  data.set([8, 0, 0, 0, 0], 8); // bit depth 8, colour type 0 (grey), deflate, filter 0, no interlace
  return data;
}

function scanlines(image: GreyImage): Uint8Array {
  const rows = new Uint8Array(image.height * (image.width + 1)); // filter byte 0 before each row
  for (let row = 0; row < image.height; row++) {
    rows.set(image.pixels.subarray(row * image.width, (row + 1) * image.width), row * (image.width + 1) + 1);
  }
  return rows;
}

/** The chunks of a greyscale PNG: IHDR, tEXt (the comment), IDAT, IEND. */
export function chunksOf(image: GreyImage): ChunkInput[] {
  return [
    { type: 'IHDR', data: ihdr(image.width, image.height) },
    { type: 'tEXt', data: new TextEncoder().encode(`Comment\0${image.comment}`) },
    { type: 'IDAT', data: deflateSync(scanlines(image)) },
    { type: 'IEND', data: new Uint8Array(0) },
  ];
}

/** Write signature and chunks into `file`, which must be exactly `encodedLength(chunks)` bytes. */
export function writePng(file: ExclusiveView, chunks: readonly ChunkInput[]): void {
  file.set(signature, 0);
  let offset = signature.length;
  for (const chunk of chunks) {
    using fields = acquire(file, 'exclusive', { as: DataView, byteOffset: offset, byteLength: chunkOverhead + chunk.data.length });
    fields.setUint32(0, chunk.data.length);
    file.set(new TextEncoder().encode(chunk.type), offset + 4);
    file.set(chunk.data, offset + 8);
    fields.setUint32(8 + chunk.data.length, crc32(file.subarray(offset + 4, offset + 8 + chunk.data.length)));
    offset += chunkOverhead + chunk.data.length;
  }
}

/** The byte length of a PNG made of these chunks. */
export function encodedLength(chunks: readonly ChunkInput[]): number {
  return chunks.reduce<number>((total, chunk) => total + chunkOverhead + chunk.data.length, signature.length);
}

/** Encode an image into memory owned by xorview. */
export function encodePng(image: GreyImage): OwnedBuffer {
  const chunks = chunksOf(image);
  const png = new OwnedBuffer(encodedLength(chunks));
  using file = acquire(png, 'exclusive');
  writePng(file, chunks);
  return png;
}

/** Called for each chunk with sub-views of the file: they live only during the call. */
export type ChunkVisitor = (type: string, data: ImmutableView, crcMatches: boolean) => void;

/** Walk the chunks of a PNG file, checking the signature and each CRC, copying nothing. */
export function forEachChunk(file: ImmutableView, visit: ChunkVisitor): void {
  if (file.length < signature.length || signature.some((byte, index) => file[index] !== byte)) {
    throw new Error('not a PNG file: bad signature');
  }
  const decoder = new TextDecoder('latin1');
  let offset = signature.length;
  while (offset + chunkOverhead <= file.length) {
    using fields = acquire(file, 'immutable', { as: DataView, byteOffset: offset });
    const length = fields.getUint32(0);
    if (offset + chunkOverhead + length > file.length) throw new Error(`truncated chunk at byte ${offset}`);
    const type = decoder.decode(file.subarray(offset + 4, offset + 8));
    const stored = fields.getUint32(8 + length);
    const computed = crc32(asReadonlyInput(file.subarray(offset + 4, offset + 8 + length)));
    visit(type, file.subarray(offset + 8, offset + 8 + length), stored === computed);
    offset += chunkOverhead + length;
  }
}

/** What the parser learned about an image. */
export interface PngSummary {
  readonly chunks: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly comment: string;
  readonly pixelSum: number;
}

/** Parse a greyscale PNG: header fields, comment and the sum of all pixels. */
export function summarise(file: ImmutableView): PngSummary {
  const chunks: string[] = [];
  let width = 0;
  let height = 0;
  let comment = '';
  const compressed: Uint8Array[] = [];
  forEachChunk(file, (type, data, crcMatches) => {
    if (!crcMatches) throw new Error(`${type} chunk: CRC mismatch`);
    chunks.push(`${type}(${data.length})`);
    if (type === 'IHDR') {
      using header = acquire(data, 'immutable', { as: DataView });
      width = header.getUint32(0);
      height = header.getUint32(4);
    } else if (type === 'tEXt') {
      comment = new TextDecoder('latin1').decode(data).split('\0')[1] ?? '';
    } else if (type === 'IDAT') {
      compressed.push(data.slice()); // IDAT data may span chunks; keep a copy past the call
    }
  });
  const rows = inflateSync(Buffer.concat(compressed));
  let pixelSum = 0;
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) pixelSum += rows[row * (width + 1) + 1 + column] ?? 0;
  }
  return { chunks, width, height, comment, pixelSum };
}
