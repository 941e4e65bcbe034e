// How the image lives in the SharedOwnedBuffer: a small header, then the tiles, tile-major, so
// every tile is one contiguous byte range and workers can hold disjoint exclusive views.

export const width = 128;
export const height = 128;
export const tileSize = 16;
export const tilesPerRow = width / tileSize;
export const tileCount = tilesPerRow * (height / tileSize);
export const tileBytes = tileSize * tileSize * 4; // RGBA
/** Header: word 0 is the next tile to hand out (the work queue), touched only with Atomics. */
export const headerBytes = 64;
export const imageBytes = tileCount * tileBytes;

/**
 * What main posts to a worker (structured-clonable: no transfer list needed). `filter`: process
 * tiles until the queue is empty. `hold`: take tile 0 exclusively, half-write it and hang (a
 * stage that crashes mid-write).
 */
export interface TileJob {
  readonly task: 'filter' | 'hold';
  readonly handle: import('xorview').SharedBufferHandle;
}

/** What a worker posts back. */
export type WorkerReport = { readonly kind: 'holding' } | { readonly kind: 'done'; readonly tiles: number };

/** The byte offset of a tile in the buffer. */
export function tileOffset(tile: number): number {
  return headerBytes + tile * tileBytes;
}

/** The pixel (x, y) of the picture as main first draws it. */
export function sourcePixel(x: number, y: number): [number, number, number, number] {
  return [(x * 2) & 0xff, (y * 2) & 0xff, (x + y) & 0xff, 255];
}

/** The filter the workers apply: invert the colour, and count the pass in alpha (255 → 254). */
export function filtered([red, green, blue, alpha]: readonly number[]): [number, number, number, number] {
  return [255 - (red ?? 0), 255 - (green ?? 0), 255 - (blue ?? 0), (alpha ?? 0) - 1];
}

/** Where pixel (x, y) is in the tile-major layout, relative to the first tile. */
export function pixelIndex(x: number, y: number): number {
  const tile = Math.floor(y / tileSize) * tilesPerRow + Math.floor(x / tileSize);
  return tile * tileBytes + ((y % tileSize) * tileSize + (x % tileSize)) * 4;
}
