import { describe, expect, it } from 'vitest';
import {
  BufferError,
  OwnedBuffer,
  acquire,
  acquireAsync,
  capabilities,
  exportsOf,
  isReleased,
  modeOf,
  release,
  tryAcquire,
  type BufferErrorCode,
} from '../src/index.js';

function expectCode(call: () => unknown, code: BufferErrorCode): BufferError {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(BufferError);
  expect((thrown as BufferError).code).toBe(code);
  expect((thrown as BufferError).message).toMatch(/^xorview: /);
  return thrown as BufferError;
}

const badNumbers: readonly [string, unknown][] = [
  ['NaN', Number.NaN],
  ['fractional', 1.5],
  ['negative', -1],
  ['negative zero point five', -0.5],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['numeric string', '4'],
  ['bigint', 4n],
  ['null', null],
  ['boolean', true],
  ['object with valueOf', { valueOf: () => 4 }],
  ['beyond safe integers', 2 ** 53],
];

const badModes: readonly [string, unknown][] = [
  ['undefined', undefined],
  ['empty string', ''],
  ['upper case', 'IMMUTABLE'],
  ['padded', ' raw'],
  ['number', 1],
  ['null', null],
  ['String object', new String('raw')],
  ['object with toString', { toString: () => 'raw' }],
  ['symbol', Symbol('raw')],
];

const nonExporters: readonly [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['number', 42],
  ['string', 'bytes'],
  ['plain object', {}],
  ['array', [1, 2, 3]],
  ['function', () => 0],
  ['Proxy of an object', new Proxy({}, {})],
  ['Proxy of an ArrayBuffer', new Proxy(new ArrayBuffer(8), {})],
  ['Proxy of a Uint8Array', new Proxy(new Uint8Array(8), {})],
  ['object posing as an ArrayBuffer', Object.create(ArrayBuffer.prototype) as object],
  ['object with a non-callable exportView', { [Symbol.for('xorview.exportView')]: 5 }],
];

function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

describe('acquire: bad offsets and lengths are OUT_OF_RANGE, never coerced', () => {
  for (const option of ['byteOffset', 'length', 'byteLength'] as const) {
    it.each(badNumbers)(`${option}: %s`, (_name, value) => {
      const memory = new ArrayBuffer(16);
      expectCode(() => acquire(memory, 'exclusive', { [option]: value } as never), 'OUT_OF_RANGE');
      expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
    });
  }

  const outOfRange: readonly [string, object][] = [
    ['offset past the end', { byteOffset: 17 }],
    ['length past the end', { byteLength: 17 }],
    ['offset + length past the end', { byteOffset: 8, byteLength: 9 }],
    ['element length past the end', { as: Uint32Array, length: 5 }],
    ['misaligned offset', { as: Uint32Array, byteOffset: 2 }],
    ['misaligned byteLength', { as: Float64Array, byteLength: 12 }],
    ['remaining bytes not whole elements', { as: Float64Array, byteOffset: 8, byteLength: undefined, length: undefined, _: 0 }],
    ['length and byteLength disagree', { as: Uint16Array, length: 2, byteLength: 8 }],
    ['options not an object', 5 as unknown as object],
    ['options null', null as unknown as object],
  ];
  it.each(outOfRange)('%s', (_name, options) => {
    const memory = new ArrayBuffer(16);
    const window = new Uint8Array(new ArrayBuffer(20), 3, 16);
    const exporter = _name === 'remaining bytes not whole elements' ? window : memory;
    expectCode(() => acquire(exporter, 'raw', options as never), 'OUT_OF_RANGE');
    expect(exportsOf(exporter)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it('misalignment is judged in the underlying memory, not the window', () => {
    const window = new Uint8Array(new ArrayBuffer(24), 2, 16);
    expectCode(() => acquire(window, 'raw', { as: Uint32Array, length: 1 }), 'OUT_OF_RANGE');
    const aligned = acquire(window, 'raw', { as: Uint32Array, byteOffset: 2, length: 1 });
    expect(aligned.byteOffset).toBe(4);
    release(aligned);
  });

  it('length and byteLength may both be given when they agree; an offset at the very end gives an empty view', () => {
    const memory = new ArrayBuffer(16);
    const view = acquire(memory, 'raw', { as: Uint16Array, length: 2, byteLength: 4 });
    const empty = acquire(memory, 'raw', { byteOffset: 16 });
    expect(view.length).toBe(2);
    expect(empty.length).toBe(0);
    release(view);
    release(empty);
  });
});

describe('acquire: bad modes are UNSUPPORTED_MODE', () => {
  it.each(badModes)('%s', (_name, mode) => {
    const memory = new ArrayBuffer(8);
    expectCode(() => acquire(memory, mode as never), 'UNSUPPORTED_MODE');
    expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it.each([['Object', Object], ['Array', Array], ['Buffer', Buffer], ['a subclass', class extends Uint8Array {}], ['a string', 'Uint8Array']])(
    'as: %s is refused',
    (_name, as) => {
      expectCode(() => acquire(new ArrayBuffer(8), 'raw', { as } as never), 'UNSUPPORTED_MODE');
    },
  );
});

describe('acquire: values that cannot lend are NOT_AN_EXPORTER', () => {
  it.each(nonExporters)('%s', (_name, value) => {
    expectCode(() => acquire(value as never, 'immutable'), 'NOT_AN_EXPORTER');
    const result = tryAcquire(value as never, 'immutable');
    expect(result.ok).toBe(false);
  });
});

describe('acquire: detached and released', () => {
  it('a detached ArrayBuffer is DETACHED', () => {
    expectCode(() => acquire(detachedBuffer(), 'raw'), 'DETACHED');
  });

  it('a view of a detached buffer is DETACHED', () => {
    const buffer = new ArrayBuffer(8);
    const window = new Uint8Array(buffer);
    const dataView = new DataView(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expectCode(() => acquire(window, 'raw'), 'DETACHED');
    expectCode(() => acquire(dataView, 'raw'), 'DETACHED');
  });

  it('an empty but attached ArrayBuffer lends an empty view', () => {
    const view = acquire(new ArrayBuffer(0), 'exclusive');
    expect(view.length).toBe(0);
    release(view);
  });

  it('a released view given as an exporter is RELEASED (registry) or DETACHED', () => {
    const view = acquire(new ArrayBuffer(8), 'raw');
    release(view);
    expectCode(() => acquire(view, 'raw'), 'RELEASED');
    expectCode(() => acquire(view, 'immutable'), 'RELEASED');
    const owned = acquire(new OwnedBuffer(8), 'exclusive');
    release(owned);
    const error = expectCode(() => acquire(owned, 'exclusive'), 'RELEASED');
    expect(error.message).toContain('released');
  });
});

describe('tryAcquire returns every BufferError acquire would throw', () => {
  const cases: readonly [string, () => readonly [unknown, unknown, unknown?], BufferErrorCode][] = [
    ['CONFLICT', () => { const memory = new ArrayBuffer(4); acquire(memory, 'exclusive'); return [memory, 'raw']; }, 'CONFLICT'],
    ['UNSUPPORTED_MODE', () => [new ArrayBuffer(4), 'IMMUTABLE'], 'UNSUPPORTED_MODE'],
    ['OUT_OF_RANGE', () => [new ArrayBuffer(4), 'raw', { byteOffset: Number.NaN }], 'OUT_OF_RANGE'],
    ['NOT_AN_EXPORTER', () => [{}, 'raw'], 'NOT_AN_EXPORTER'],
    ['DETACHED', () => [detachedBuffer(), 'raw'], 'DETACHED'],
    ['RELEASED', () => { const view = acquire(new ArrayBuffer(4), 'raw'); release(view); return [view, 'raw']; }, 'RELEASED'],
    ['UNSUPPORTED_MODE (exporter cannot grant it)', () => [new OwnedBuffer(4).freeze(), 'exclusive'], 'UNSUPPORTED_MODE'],
  ];
  it.each(cases)('%s', (_name, arrange, code) => {
    const [exporter, mode, options] = arrange();
    const result = tryAcquire(exporter as never, mode as never, options as never);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(BufferError);
      expect(result.error.code).toBe(code);
    }
  });

  it('acquireAsync rejects with the same errors for in-process exporters', async () => {
    await expect(acquireAsync({} as never, 'raw')).rejects.toMatchObject({ code: 'NOT_AN_EXPORTER' });
    await expect(acquireAsync(new ArrayBuffer(4), 'RAW' as never)).rejects.toMatchObject({ code: 'UNSUPPORTED_MODE' });
  });
});

describe('other public functions refuse bad input with a clear error and change nothing', () => {
  it.each(nonExporters.filter(([name]) => name !== 'object with a non-callable exportView'))('capabilities/exportsOf(%s)', (_name, value) => {
    for (const call of [capabilities, exportsOf]) {
      expect(() => call(value as never)).toThrow(BufferError);
    }
  });

  it('capabilities/exportsOf of a released view', () => {
    const memory = new ArrayBuffer(8);
    const view = acquire(memory, 'raw');
    release(view);
    expectCode(() => capabilities(view), 'RELEASED');
    expect(exportsOf(memory)).toEqual({ immutable: 0, exclusive: 0, raw: 0 });
  });

  it.each([['null', null], ['number', 3], ['string', 'x'], ['plain object', {}], ['Proxy', new Proxy(new Uint8Array(2), {})]])(
    'release/isReleased/modeOf(%s) throw TypeError',
    (_name, value) => {
      for (const call of [release, isReleased, modeOf]) expect(() => call(value as never)).toThrow(TypeError);
    },
  );
});
