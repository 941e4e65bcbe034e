import { describe, expect, it } from 'vitest';
import {
  BufferError,
  acquire,
  capabilities,
  exportModes,
  exportsOf,
  exportView,
  isReleased,
  release,
  releaseView,
  tryAcquire,
  type ExportRequest,
} from '../src/index.js';

class Frame {
  readonly bytes = new ArrayBuffer(16);
  readonly requests: ExportRequest[] = [];
  readonly released: unknown[] = [];
  lend: (request: ExportRequest) => unknown = () => this.bytes;

  [exportView](request: ExportRequest): ArrayBuffer {
    this.requests.push(request);
    return this.lend(request) as ArrayBuffer;
  }

  [releaseView](view: unknown): void {
    this.released.push(view);
  }
}

describe('user exporter protocol', () => {
  it('[exportView] receives { mode, byteOffset, byteLength } and its memory is lent zero-copy', () => {
    const frame = new Frame();
    const view = acquire(frame, 'immutable', { byteOffset: 4, byteLength: 8 });
    expect(frame.requests).toEqual([{ mode: 'immutable', byteOffset: 4, byteLength: 8 }]);
    expect(view.buffer).toBe(frame.bytes);
    expect(view.byteOffset).toBe(4);
    expect(view.byteLength).toBe(8);
    release(view);
  });

  it('without a byteLength property the request must say how much', () => {
    const frame = new Frame();
    expect(() => acquire(frame, 'raw')).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(frame.requests).toEqual([]);
  });

  it('a byteLength property bounds and defaults the request', () => {
    const frame = Object.assign(new Frame(), { byteLength: 12 });
    const view = acquire(frame, 'raw', { byteOffset: 4 });
    expect(frame.requests).toEqual([{ mode: 'raw', byteOffset: 4, byteLength: 8 }]);
    expect(() => acquire(frame, 'raw', { byteOffset: 8, byteLength: 8 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(frame.requests).toHaveLength(1);
    release(view);
  });

  it('[releaseView] runs exactly once per granted view, with the very object acquire returned', () => {
    const frame = new Frame();
    const first = acquire(frame, 'exclusive', { byteLength: 4 });
    const second = acquire(frame, 'immutable', { byteOffset: 8, byteLength: 4 });
    const child = first.subarray(1);
    release(first);
    release(first);
    first[Symbol.dispose]();
    release(child);
    expect(frame.released).toHaveLength(1);
    expect(frame.released[0]).toBe(first);
    second[Symbol.dispose]();
    release(second);
    expect(frame.released).toHaveLength(2);
    expect(frame.released[1]).toBe(second);
  });

  it('a view returned by [exportView] lends its window', () => {
    const frame = new Frame();
    frame.lend = (request) => new Uint8Array(frame.bytes, 8 + request.byteOffset, request.byteLength);
    const view = acquire(frame, 'raw', { byteLength: 4, as: Uint32Array });
    expect(view.byteOffset).toBe(8);
    expect(view.length).toBe(1);
    release(view);
  });

  const badReturns: readonly [string, (frame: Frame) => unknown][] = [
    ['undefined', () => undefined],
    ['a number', () => 3],
    ['a plain object', () => ({})],
    ['a too-short buffer', () => new ArrayBuffer(2)],
    ['a too-short view', () => new Uint8Array(2)],
    ['a detached buffer', () => {
      const buffer = new ArrayBuffer(16);
      structuredClone(buffer, { transfer: [buffer] });
      return buffer;
    }],
    ['misaligned memory', (frame) => new Uint8Array(frame.bytes, 1, 8)],
    ['a Proxy of a buffer', (frame) => new Proxy(frame.bytes, {})],
  ];
  it.each(badReturns)('a bad return (%s) is NOT_AN_EXPORTER and nothing is held', (_name, lend) => {
    const frame = new Frame();
    frame.lend = () => lend(frame);
    const result = tryAcquire(frame, 'raw', { byteLength: 8, as: Uint16Array });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NOT_AN_EXPORTER');
    expect(exportsOf(frame)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
    expect(frame.released).toEqual([]);
  });

  it('a refusal thrown by [exportView] passes through; tryAcquire turns BufferErrors into results', () => {
    const frame = new Frame();
    frame.lend = () => {
      throw new BufferError('CONFLICT', 'busy');
    };
    const result = tryAcquire(frame, 'raw', { byteLength: 4 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('busy');
    frame.lend = () => {
      throw new RangeError('boom');
    };
    expect(() => tryAcquire(frame, 'raw', { byteLength: 4 })).toThrow(RangeError);
    expect(frame.released).toEqual([]);
  });

  it('[exportModes] is honoured by capabilities and acquire; enforcement is custom', () => {
    const reader = Object.assign(new Frame(), { [exportModes]: ['immutable'] as const });
    expect(capabilities(reader)).toEqual({ modes: ['immutable'], enforcement: 'custom' });
    expect(capabilities(new Frame())).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'custom' });
    expect(tryAcquire(reader, 'exclusive' as never, { byteLength: 4 }).ok).toBe(false);
    expect(reader.requests).toEqual([]);
    const view = acquire(reader, 'immutable', { byteLength: 4 });
    release(view);
    const broken = Object.assign(new Frame(), { [exportModes]: ['read'] });
    expect(() => capabilities(broken)).toThrow(expect.objectContaining({ code: 'NOT_AN_EXPORTER' }));
  });

  it('the exporter enforces its own rules: xorview counts, it does not refuse', () => {
    const frame = new Frame();
    const first = acquire(frame, 'exclusive', { byteLength: 4 });
    const second = acquire(frame, 'exclusive', { byteLength: 4 });
    expect(exportsOf(frame)).toEqual({ immutable: 0, exclusive: 2, raw: 0 });
    release(first);
    release(second);
    expect(exportsOf(frame)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('an immutable protocol view never yields a writable one', () => {
    const frame = new Frame();
    const view = acquire(frame, 'immutable', { byteLength: 8 });
    expect(tryAcquire(view, 'exclusive' as never).ok).toBe(false);
    expect(tryAcquire(view, 'raw' as never).ok).toBe(false);
    const child = acquire(view, 'immutable', { byteOffset: 2 });
    release(view);
    expect(isReleased(child)).toBe(true);
    expect(frame.released).toEqual([view]);
  });
});
