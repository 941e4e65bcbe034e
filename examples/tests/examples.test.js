// Every example runs to completion and prints what the demo shows.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../scripts/lib/examples.js';

/** The lines a program printed, after asserting it exited cleanly. */
function linesOf(name) {
  const { status, stdout, stderr } = runProgram(name);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return stdout.trimEnd().split('\n');
}

// Freezing is engine-enforced only where the platform has immutable ArrayBuffers (Node 26 flag).
const frozenEnforcement = 'transferToImmutable' in ArrayBuffer.prototype ? 'engine' : 'registry';

describe('png-chunks', () => {
  it('encodes a PNG into an OwnedBuffer and parses every chunk through immutable views', () => {
    expect(linesOf('png-chunks')).toEqual([
      'encoded 189 bytes of PNG into an OwnedBuffer (engine enforcement)',
      `frozen: modes immutable, enforcement ${frozenEnforcement}`,
      'chunks: IHDR(13) tEXt(24) IDAT(96) IEND(0)',
      'image: 64×32, comment "drawn by xorview"',
      'pixel sum: 258048 (expected 258048)',
      'live views while parsing: {"immutable":1,"exclusive":0,"raw":0}',
      'live views after: {"immutable":0,"exclusive":0,"raw":0}',
    ]);
  });
});

describe('wasm-memory', () => {
  it('shares memory with a hand-assembled module and re-acquires views after grow()', () => {
    expect(linesOf('wasm-memory')).toEqual([
      'WebAssembly.Memory: 1 page, modes immutable/exclusive/raw, enforcement registry',
      'wrote a 1008-byte record; live views: {"immutable":0,"exclusive":1,"raw":0}',
      'released; live views: {"immutable":0,"exclusive":0,"raw":0}',
      // Σ (index mod 256) for index < 1000, computed by the wasm `sum` kernel.
      'wasm sum(samples) = 124716',
      'plain Uint8Array over memory.buffer: length 16, first byte 88',
      'wasm grew the memory: 1 → 2 pages',
      'the plain Uint8Array now: length 0, first byte undefined (stale, silently)',
      'acquire(plain array over the old buffer) → BufferError DETACHED',
      'fresh view after grow: 131072 bytes, header says 1000 samples',
      'wasm fill(…, 7) in page 2, read back: 224 (32 × 7)',
      'live views at exit: {"immutable":0,"exclusive":0,"raw":0}',
    ]);
  });
});

describe('socket-frames', () => {
  it('shows the pool scrub corrupting queued frames, and xorview refusing it', () => {
    const lines = linesOf('socket-frames');
    expect(lines.slice(0, 6)).toEqual([
      'token and frames share one pool ArrayBuffer: true',
      'status quo: server received 64 bytes (64 zero), 0/3 frames intact',
      '    ""',
      '    ""',
      '    ""',
      'exclusive view of token.buffer while frames are queued: CONFLICT',
    ]);
    // Where the frames sit in the pool depends on what else Node allocated from it first.
    expect(lines[6]).toMatch(
      /^ {4}xorview: cannot acquire an exclusive view of bytes \[0, 8192\) of ArrayBuffer\(8192\): it overlaps an immutable view of bytes \[\d+, \d+\)\. Release that view first, or ask for a disjoint range or a shared mode\.$/u,
    );
    expect(lines.slice(7)).toEqual([
      'xorview: server received 64 bytes (9 zero), 3/3 frames intact',
      '    "LOGIN user=ada token=s3cr3t-0451"',
      '    "GET /reports/2026"',
      '    "BYE"',
      "token after the scrub: 17 bytes, all zero",
    ]);
  });
});

describe('frame-pool', () => {
  it('recycles a user-defined exporter frame only when its last reader releases it', () => {
    expect(linesOf('frame-pool')).toEqual([
      'frame exporter: modes immutable/exclusive, enforcement custom',
      'produced picture 1 in slot 0; pool: 0: no views, 1: no views',
      'two readers on slot 0: {"immutable":2,"exclusive":0,"raw":0}',
      'overwrite slot 0 while read → CONFLICT: frame slot 0: cannot lend an exclusive view, 2 reader(s) still hold it.',
      'produced picture 2 in slot 1; pool: 0: 2 reader(s), 1: no views',
      // Σ (index × 1) mod 251 over the 1024 pixels after the 8-byte header.
      'encoder reads picture 1, pixel sum 125850',
      'thumbnailer reads picture 1, pixel sum 125850',
      'readers released; pool: 0: no views, 1: no views',
      'produced picture 3 in slot 0 (recycled)',
      'viewer reads picture 3, pixel sum 126550',
    ]);
  });
});
