import { afterEach, describe, expect, it } from 'vitest';
import { acquire, debug, release, tryAcquire, type LeakReport } from '../src/index.js';

const collect = (globalThis as { gc?: () => void }).gc;

afterEach(() => {
  debug(false);
});

describe('debug mode', () => {
  it('is off by default (unless XORVIEW_DEBUG=1) and switchable', () => {
    expect(debug()).toBe(process.env['XORVIEW_DEBUG'] === '1');
    expect(debug(true)).toBe(true);
    expect(debug()).toBe(true);
    expect(debug(false)).toBe(false);
  });

  it('conflict messages say where the other view was acquired', () => {
    debug(true);
    const memory = new ArrayBuffer(8);
    const held = acquire(memory, 'exclusive');
    const result = tryAcquire(memory, 'immutable');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('acquired');
      expect(result.error.message).toContain('debug.test.ts');
    }
    release(held);
  });

  it('without debug, messages carry no stack', () => {
    const memory = new ArrayBuffer(8);
    const held = acquire(memory, 'exclusive');
    const result = tryAcquire(memory, 'immutable');
    if (!result.ok) expect(result.error.message).not.toContain('debug.test.ts');
    release(held);
  });

  it.runIf(collect !== undefined)('reports views garbage-collected without release, with their acquire site', async () => {
    const leaks: LeakReport[] = [];
    debug({ onLeak: (report) => leaks.push(report) });
    (() => {
      acquire(new ArrayBuffer(32), 'raw', { byteOffset: 8, byteLength: 4 });
      const released = acquire(new ArrayBuffer(32), 'immutable');
      release(released);
    })();
    for (let attempt = 0; attempt < 30 && leaks.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      collect?.();
    }
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ mode: 'raw', byteOffset: 8, byteLength: 4 });
    expect(leaks[0]?.site).toContain('debug.test.ts');
  });
});
