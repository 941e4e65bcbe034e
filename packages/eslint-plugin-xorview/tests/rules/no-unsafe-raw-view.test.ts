import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../src/rules/no-unsafe-raw-view.js';
import { ruleTester } from '../rule-tester.js';

/** The first line of every case: the case's own code begins on line 2. */
const prelude = `import { acquire, acquireAsync, tryAcquire, type AccessMode, type ImmutableView, type RawView, type View } from 'xorview';\n`;
const memory = 'const memory = new ArrayBuffer(64);\n';

/** `code` with `// xorview-unsafe: ` inserted above 1-based `line`, indented like it. */
function withTemplateAbove(code: string, line: number): string {
  const lines = code.split('\n');
  const indentation = /^\s*/u.exec(lines[line - 1] ?? '')?.[0] ?? '';
  lines.splice(line - 1, 0, `${indentation}// xorview-unsafe: `);
  return lines.join('\n');
}

type Expected = [messageId: MessageIds, line: number, column: number, statementLine?: number];

/**
 * An invalid case on `prelude + body`. Lines count from the first line of the whole code. A
 * missing justification also expects the suggestion, inserted above `statementLine` (default: the
 * reported line).
 */
function invalid(body: string, ...expected: Expected[]): InvalidTestCase<MessageIds, []> {
  const code = prelude + body;
  return {
    code,
    errors: expected.map(([messageId, line, column, statementLine]) =>
      messageId === 'emptyJustification'
        ? { messageId, line, column }
        : { messageId, line, column, suggestions: [{ messageId: 'addJustification' as const, output: withTemplateAbove(code, statementLine ?? line) }] },
    ),
  };
}

ruleTester.run('no-unsafe-raw-view', rule, {
  valid: [
    // code that uses no views at all
    `const bytes = new Uint8Array(4);
bytes[0] = 1;
function helper(value: number): number { return value + 1; }
helper(2);`,
    // functions and methods that are not xorview's, even when named acquire
    `function acquire(target: unknown, mode: string): unknown { return [target, mode]; }
acquire(1, 'raw');
const pool = { acquire(mode: string): string { return mode; } };
pool.acquire('raw');`,
    // safe modes
    `${prelude}${memory}using shared = acquire(memory, 'immutable');
using mine = acquire(new ArrayBuffer(8), 'exclusive', { as: Float64Array });`,
    // justified on the line above, on the same line, in a block above
    `${prelude}${memory}// xorview-unsafe: the audio thread owns the ring-buffer protocol
using ring = acquire(memory, 'raw');`,
    `${prelude}${memory}using ring = acquire(memory, 'raw'); // xorview-unsafe: single-threaded scratch, documented in ring.md`,
    `${prelude}${memory}// xorview-unsafe: the worklet and this thread follow the ring protocol
// (indices in the first 8 bytes, see ring.md)
using ring = acquire(memory, 'raw');`,
    `${prelude}${memory}/* xorview-unsafe: the decoder shares this scratch area by design */
using scratch = acquire(memory, 'raw');`,
    `${prelude}${memory}/**
 * xorview-unsafe: shared with the audio worklet, which only reads behind the write index
 */
using ring = acquire(memory, 'raw', { as: Float32Array });`,
    // justified above the statement that contains a multi-line call
    `${prelude}${memory}declare function wrap(view: RawView): number;
// xorview-unsafe: wrap copies before anyone else runs
const size = wrap(
  acquire(memory, 'raw'),
);`,
    // justified directly above the acquire inside a multi-line call
    `${prelude}${memory}declare function wrap(view: RawView): number;
const size = wrap(
  // xorview-unsafe: wrap copies before anyone else runs
  acquire(memory, 'raw'),
);`,
    // tryAcquire, acquireAsync, namespace imports, justified
    `${prelude}${memory}// xorview-unsafe: polling scratch area, single writer by protocol
const attempt = tryAcquire(memory, 'raw');`,
    `${prelude}${memory}export async function open(): Promise<void> {
  // xorview-unsafe: the worker only reads after the handshake
  using ring = await acquireAsync(memory, 'raw');
}`,
    `import * as xorview from 'xorview';
// xorview-unsafe: interop with the legacy mixer, which shares this buffer
using ring = xorview.acquire(new ArrayBuffer(8), 'raw');`,
    // a mode the types cannot pin to 'raw' is not reported
    `${prelude}${memory}export function open<Mode extends AccessMode>(mode: Mode): View<Mode> {
  return acquire(memory, mode);
}`,
    `${prelude}${memory}const mode = 'immutable' as const;
using shared = acquire(memory, mode);`,
    // RawView parameters: the caller justified the acquisition
    `${prelude}export function zero(ring: RawView): void {
  ring.fill(0);
}`,
    // a value that already is a RawView: casting or annotating it adds no promise
    `${prelude}declare const ring: RawView;
const same = ring as RawView;
const alias: RawView = ring;
const tail = ring.subarray(4);`,
    // casts to safe view types are not this rule's business
    `${prelude}declare const bytes: unknown;
const shared = bytes as ImmutableView;`,
    // justified casts and annotations
    `${prelude}declare const untyped: any;
// xorview-unsafe: the plugin host hands us its shared scratch buffer
const ring: RawView = untyped;`,
    `${prelude}declare const view: ImmutableView;
// xorview-unsafe: migration shim, removed in #42
const ring = view as unknown as RawView;`,
    // class members, arrow functions, loops
    `${prelude}${memory}export class Mixer {
  // xorview-unsafe: the mixer and the worklet share this ring by protocol
  readonly ring = acquire(memory, 'raw');
}`,
    `${prelude}${memory}// xorview-unsafe: callers share the ring by protocol
export const open = (): RawView<Uint8Array<ArrayBuffer>> => acquire(memory, 'raw');`,
    `${prelude}${memory}for (let index = 0; index < 2; index++) {
  // xorview-unsafe: each iteration's view is private to this loop
  using ring = acquire(memory, 'raw', { byteOffset: index * 8, byteLength: 8 });
}`,
    // a literal-typed mode constant, justified
    `${prelude}${memory}const mode = 'raw';
// xorview-unsafe: documented ring protocol
using ring = acquire(memory, mode);`,
    // a union with undefined, justified once at the acquire
    `${prelude}${memory}// xorview-unsafe: documented ring protocol
let ring: RawView<Uint8Array<ArrayBuffer>> | undefined = acquire(memory, 'raw');`,
  ],
  invalid: [
    invalid(`${memory}using ring = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 3, 14]),
    invalid(`${memory}const attempt = tryAcquire(memory, 'raw');`, ['unjustifiedRawAcquire', 3, 17]),
    invalid(`${memory}export async function open(): Promise<void> {
  using ring = await acquireAsync(memory, 'raw');
}`, ['unjustifiedRawAcquire', 4, 22]),
    invalid(`${memory}const mode = 'raw';
using ring = acquire(memory, mode);`, ['unjustifiedRawAcquire', 4, 14]),
    invalid(`${memory}using ring = acquire(memory, 'raw', { as: Float32Array, byteOffset: 8 });`, ['unjustifiedRawAcquire', 3, 14]),
    invalid(`${memory}const shared = new SharedArrayBuffer(64);
using ring = acquire(shared, 'raw');`, ['unjustifiedRawAcquire', 4, 14]),
    // comments that do not justify
    invalid(`${memory}// xorview-unsafe:
using ring = acquire(memory, 'raw');`, ['emptyJustification', 4, 14]),
    invalid(`${memory}using ring = acquire(memory, 'raw'); // xorview-unsafe:   `, ['emptyJustification', 3, 14]),
    invalid(`${memory}/* xorview-unsafe: */
using ring = acquire(memory, 'raw');`, ['emptyJustification', 4, 14]),
    invalid(`${memory}// xorview-unsafe: the ring protocol

using ring = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 5, 14]),
    invalid(`${memory}// the ring buffer shared with the worklet
using ring = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 4, 14]),
    invalid(`${memory}// unsafe: shared
using ring = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 4, 14]),
    // a justification covers its own statement only
    invalid(`${memory}// xorview-unsafe: first is documented in ring.md
using first = acquire(memory, 'raw');
using second = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 5, 16]),
    // two on one line: two errors
    invalid(`${memory}const pair = [acquire(memory, 'raw'), acquire(memory, 'raw')];`, ['unjustifiedRawAcquire', 3, 15], ['unjustifiedRawAcquire', 3, 39]),
    // renamed and namespace imports
    {
      code: `import { acquire as borrow } from 'xorview';
using ring = borrow(new ArrayBuffer(8), 'raw');`,
      errors: [{ messageId: 'unjustifiedRawAcquire', line: 2, column: 14, suggestions: [{ messageId: 'addJustification', output: `import { acquire as borrow } from 'xorview';
// xorview-unsafe: 
using ring = borrow(new ArrayBuffer(8), 'raw');` }] }],
    },
    {
      code: `import * as xorview from 'xorview';
using ring = xorview.acquire(new ArrayBuffer(8), 'raw');`,
      errors: [{ messageId: 'unjustifiedRawAcquire', line: 2, column: 14, suggestions: [{ messageId: 'addJustification', output: `import * as xorview from 'xorview';
// xorview-unsafe: 
using ring = xorview.acquire(new ArrayBuffer(8), 'raw');` }] }],
    },
    // nested positions: multi-line calls, class fields, arrows, loops, conditions
    invalid(`${memory}declare function wrap(view: RawView): number;
const size = wrap(
  acquire(memory, 'raw'),
);`, ['unjustifiedRawAcquire', 5, 3, 4]),
    invalid(`${memory}export class Mixer {
  readonly ring = acquire(memory, 'raw');
}`, ['unjustifiedRawAcquire', 4, 19]),
    invalid(`${memory}export const open = (): RawView<Uint8Array<ArrayBuffer>> => acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 3, 61]),
    invalid(`${memory}for (let index = 0; index < 2; index++) {
  using ring = acquire(memory, 'raw', { byteOffset: index * 8, byteLength: 8 });
}`, ['unjustifiedRawAcquire', 4, 16]),
    invalid(`${memory}if (tryAcquire(memory, 'raw').ok) {
  console.log('acquired');
}`, ['unjustifiedRawAcquire', 3, 5]),
    // a union with undefined: reported once, at the acquire
    invalid(`${memory}let ring: RawView<Uint8Array<ArrayBuffer>> | undefined = acquire(memory, 'raw');`, ['unjustifiedRawAcquire', 3, 58]),
    // casts and annotations that make a RawView
    invalid(`declare const view: ImmutableView;
const ring = view as unknown as RawView;`, ['unjustifiedRawCast', 3, 14]),
    invalid(`declare const view: ImmutableView;
const ring = <RawView>(<unknown>view);`, ['unjustifiedRawCast', 3, 14]),
    invalid(`declare const view: ImmutableView;
const ring = view as unknown as View<'raw'>;`, ['unjustifiedRawCast', 3, 14]),
    invalid(`declare const untyped: any;
const ring: RawView = untyped;`, ['unjustifiedRawCast', 3, 23]),
    invalid(`declare const bytes: Uint8Array;
export function share(): RawView {
  return bytes as RawView;
}`, ['unjustifiedRawCast', 4, 10]),
  ],
});
