import { describe, expect, it } from 'vitest';
import { acquire, capabilities, exportsOf, release, tryAcquire, type AccessMode } from '../src/index.js';

// SPEC §2, written out independently of src/semantics.ts so the test can disagree with it.
const coexistence: readonly [AccessMode, AccessMode, boolean][] = [
  ['immutable', 'immutable', true],
  ['immutable', 'exclusive', false],
  ['immutable', 'raw', false],
  ['exclusive', 'immutable', false],
  ['exclusive', 'exclusive', false],
  ['exclusive', 'raw', false],
  ['raw', 'immutable', false],
  ['raw', 'exclusive', false],
  ['raw', 'raw', true],
];

const registryExporters: readonly [string, () => { exporter: object; memory: ArrayBufferLike }][] = [
  ['ArrayBuffer', () => { const memory = new ArrayBuffer(32); return { exporter: memory, memory }; }],
  ['resizable ArrayBuffer', () => {
    const memory = new (ArrayBuffer as unknown as new (n: number, o: object) => ArrayBuffer)(32, { maxByteLength: 64 });
    return { exporter: memory, memory };
  }],
  ['SharedArrayBuffer', () => { const memory = new SharedArrayBuffer(32); return { exporter: memory, memory }; }],
  ['Uint8Array', () => { const exporter = new Uint8Array(32); return { exporter, memory: exporter.buffer }; }],
  ['Float64Array', () => { const exporter = new Float64Array(4); return { exporter, memory: exporter.buffer }; }],
  ['DataView', () => { const exporter = new DataView(new ArrayBuffer(32)); return { exporter, memory: exporter.buffer }; }],
  ['Node Buffer', () => { const exporter = Buffer.alloc(32); return { exporter, memory: exporter.buffer }; }],
  ['WebAssembly.Memory', () => { const exporter = new WebAssembly.Memory({ initial: 1 }); return { exporter, memory: exporter.buffer }; }],
];

describe.each(registryExporters)('%s (registry)', (_name, make) => {
  it('reports capabilities: all modes, registry enforcement', () => {
    expect(capabilities(make().exporter as never)).toEqual({ modes: ['immutable', 'exclusive', 'raw'], enforcement: 'registry' });
  });

  it.each(coexistence)('held %s, requested %s over the same bytes: coexist=%s', (held, requested, coexists) => {
    const { exporter } = make();
    const first = acquire(exporter as never, held, { byteLength: 8 });
    const second = tryAcquire(exporter as never, requested, { byteOffset: 4, byteLength: 8 });
    expect(second.ok).toBe(coexists);
    if (!second.ok) {
      expect(second.error.code).toBe('CONFLICT');
      expect(second.error.message).toContain(held);
      expect(exportsOf(exporter as never)[requested]).toBe(held === requested ? 1 : 0);
    } else {
      release(second.view);
    }
    release(first);
  });

  it.each(coexistence)('held %s, requested %s over disjoint or touching bytes: never a conflict', (held, requested) => {
    const { exporter } = make();
    const first = acquire(exporter as never, held, { byteOffset: 8, byteLength: 8 });
    const before = acquire(exporter as never, requested, { byteLength: 8 });
    const after = acquire(exporter as never, requested, { byteOffset: 16, byteLength: 8 });
    for (const view of [first, before, after]) release(view);
  });

  it.each(coexistence)('held %s, requested %s as an empty range inside it: never a conflict', (held, requested) => {
    const { exporter } = make();
    const first = acquire(exporter as never, held);
    const empty = acquire(exporter as never, requested, { byteOffset: 8, byteLength: 0 });
    expect(exportsOf(exporter as never)[requested]).toBe(held === requested ? 2 : 1);
    release(empty);
    release(first);
  });

  it('counts views per mode and frees the range on release', () => {
    const { exporter } = make();
    const readers = [acquire(exporter as never, 'immutable', { byteLength: 8 }), acquire(exporter as never, 'immutable', { byteLength: 16 })];
    const writer = acquire(exporter as never, 'exclusive', { byteOffset: 16, byteLength: 8 });
    const raws = [acquire(exporter as never, 'raw', { byteOffset: 24, byteLength: 8 }), acquire(exporter as never, 'raw', { byteOffset: 28, byteLength: 4 })];
    expect(exportsOf(exporter as never)).toEqual({ immutable: 2, exclusive: 1, raw: 2 });
    expect(tryAcquire(exporter as never, 'exclusive', { byteLength: 4 }).ok).toBe(false);
    release(readers[0] as never);
    expect(tryAcquire(exporter as never, 'exclusive', { byteLength: 4 }).ok).toBe(false);
    release(readers[1] as never);
    const now = acquire(exporter as never, 'exclusive', { byteLength: 16 });
    expect(exportsOf(exporter as never)).toEqual({ immutable: 0, exclusive: 2, raw: 2 });
    for (const view of [now, writer, ...raws]) release(view as never);
    expect(exportsOf(exporter as never)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });
});

describe('same memory, however it is reached', () => {
  it('a TypedArray window and its buffer are one memory', () => {
    const memory = new ArrayBuffer(32);
    const window = new Uint8Array(memory, 8, 8);
    const view = acquire(window, 'exclusive');
    expect(view.byteOffset).toBe(8);
    expect(tryAcquire(memory, 'immutable', { byteOffset: 12, byteLength: 1 }).ok).toBe(false);
    expect(tryAcquire(new DataView(memory, 15, 1), 'raw').ok).toBe(false);
    const outside = acquire(memory, 'exclusive', { byteOffset: 16 });
    release(outside);
    release(view);
  });

  it('Buffers carved from the same pool do not conflict; aliases of the same bytes do', () => {
    const first = Buffer.from('abcd');
    const second = Buffer.from('efgh');
    expect(first.buffer).toBe(second.buffer);
    const a = acquire(first, 'exclusive');
    const b = acquire(second, 'exclusive');
    expect(a.byteOffset).toBe(first.byteOffset);
    const alias = Buffer.from(first.buffer, first.byteOffset + 1, 2);
    expect(tryAcquire(alias, 'immutable').ok).toBe(false);
    expect(exportsOf(first)).toEqual({ immutable: 0, exclusive: 1, raw: 0 });
    release(a);
    release(b);
  });

  it('a view and its .buffer are one memory', () => {
    const memory = new ArrayBuffer(16);
    const view = acquire(memory, 'immutable', { byteLength: 4 });
    expect(tryAcquire(view.buffer, 'raw').ok).toBe(false);
    release(view);
  });

  it('many disjoint views of one buffer stay independent', () => {
    const memory = new ArrayBuffer(4096);
    const views = Array.from({ length: 512 }, (_, index) => acquire(memory, 'exclusive', { byteOffset: index * 8, byteLength: 8 }));
    expect(exportsOf(memory).exclusive).toBe(512);
    expect(tryAcquire(memory, 'raw', { byteOffset: 2044, byteLength: 8 }).ok).toBe(false);
    for (const view of views.filter((_, index) => index % 2 === 0)) release(view);
    const gap = acquire(memory, 'raw', { byteOffset: 16, byteLength: 8 });
    expect(tryAcquire(memory, 'raw', { byteOffset: 20, byteLength: 8 }).ok).toBe(false);
    release(gap);
    for (const view of views) release(view);
    expect(exportsOf(memory).exclusive).toBe(0);
  });
});

describe('timeouts on in-process exporters', () => {
  it('a conflict is CONFLICT at once even with { timeout }: no other code can release while this thread waits', () => {
    const memory = new ArrayBuffer(8);
    const held = acquire(memory, 'exclusive');
    const result = tryAcquire(memory, 'exclusive', { timeout: 50 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CONFLICT');
    release(held);
  });
});

describe('non-extensible and frozen buffers', () => {
  // The registry must never need to write to the user's buffer to track it.
  for (const [label, seal] of [
    ['non-extensible', Object.preventExtensions],
    ['frozen', Object.freeze],
  ] as const) {
    it(`a ${label} ArrayBuffer still conflicts, counts and releases`, () => {
      const memory = seal(new ArrayBuffer(16));
      const held = acquire(memory, 'exclusive', { byteLength: 8 });
      expect(tryAcquire(memory, 'immutable', { byteOffset: 4, byteLength: 4 }).ok).toBe(false);
      const disjoint = acquire(memory, 'exclusive', { byteOffset: 8 });
      expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 2, raw: 0 });
      release(held);
      release(disjoint);
      expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
      release(acquire(memory, 'immutable'));
    });
  }
});
