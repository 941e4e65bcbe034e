// The worker-pipeline example runs to completion and prints what the demo shows.
import { describe, expect, it } from 'vitest';
import { runProgram } from '../../scripts/lib/examples.js';

describe('worker-pipeline', () => {
  it('filters tiles in 4 workers, reads them immutably, and survives a stage that dies mid-write', () => {
    const { status, stdout, stderr } = runProgram('worker-pipeline');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'image: 128×128 RGBA, 64 tiles of 16×16, tile-major in a SharedOwnedBuffer (65600 bytes, cross-thread enforcement)',
      '4 workers filtered 64 tiles through exclusive views of disjoint ranges',
      'result: 16384/16384 pixels match the single-threaded filter, each tile filtered exactly once',
      'checksum: 0x7c778000',
      'reading tile 0 while a stage writes it: CONFLICT',
      'the stage died holding 1 view; reclaimed, possibly half-written: bytes [64, 1088)',
      'tile 0 readable again: first pixel 0,0,0,0 (zeroed by the dead stage), last pixel 225,225,225,254 (filtered)',
      'live views at exit: {"immutable":0,"exclusive":0,"raw":0}',
    ]);
  });
});
