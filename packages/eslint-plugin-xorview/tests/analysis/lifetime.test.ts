/**
 * The lifetime analysis on its own, with a syntactic oracle (calls by name, views by a `View` in
 * the declared type): each case states every finding the analysis must produce and nothing else.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import type { OwnershipPolicy } from '../../src/analysis/lifetime-oracle.js';
import { analyze, summarize } from './analyze.js';

function findings(code: string): string[] {
  return summarize(analyze(code));
}

describe('lifetime analysis: straight line and branches', () => {
  it('a use after an unconditional release is definite', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  v[0] = 1;
  release(v);
  v[1] = 2;
}`),
    ).toEqual(['use v L6 definite released L5']);
  });

  it('a release on one branch makes a later use maybe-released and leaks on the other', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  v[1] = 2;
}`),
    ).toEqual(['leak end L3', 'use v L5 maybe released L4']);
  });

  it('an early return before the release leaks', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) return;
  release(v);
}`),
    ).toEqual(['leak end L3']);
  });

  it('reassignment kills the old tie: the first view leaks, uses reach only the second', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  let v = acquire(b, 'exclusive');
  release(v);
  v = acquire(b, 'exclusive');
  v[0] = 1;
  release(v);
}
function g(b: ArrayBuffer) {
  let v = acquire(b, 'exclusive');
  v = acquire(b, 'exclusive');
  release(v);
}`),
    ).toEqual(['leak end L10']);
  });

  it('looks through inspections: typeof, comparisons, truthiness, optional chaining uses', () => {
    expect(
      findings(`
function f(v: ExclusiveView) {
  release(v);
  typeof v;
  if (v) {}
  const n = v === undefined ? 1 : 2;
  v && v[0];
  v?.[0];
  isReleased(v);
  release(v);
}`),
    ).toEqual(['use v L7 definite released L3', 'use v L8 definite released L3']);
  });

  it('&&, ||, ?? and ternaries release on some paths only', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  c && release(v);
  v[0] = 1;
  c || release(v);
  const w = c ? v : null;
  w ?? release(v);
  release(v);
}`),
    ).toEqual(['use v L5 maybe released L4']);
  });

  it('switch fall-through carries a release into the next case', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, k: number) {
  const v = acquire(b, 'exclusive');
  switch (k) {
    case 1: release(v);
    case 2: v[0] = 1; break;
    default: release(v);
  }
}`),
    ).toEqual(['leak end L3', 'use v L6 maybe released L5']);
  });
});

describe('lifetime analysis: correlated conditions', () => {
  // Path-sensitive checkers correlate branches on the same side-effect-free condition; this one
  // does for one variable per function, declared there and written nowhere else.
  it('releases under if (c) and if (!c) cover every path; uses follow which side released', () => {
    expect(
      findings(`
function split(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  if (!c) release(v);
}
function withElse(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) { release(v); } else { v[0] = 1; }
  if (!c) { v[1] = 1; release(v); }
}
function uses(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  if (!c) v[0] = 1;
  if (c) v[1] = 1;
  release(v);
}`),
    ).toEqual(['use v L16 definite released L14']);
  });

  it('the short circuit of && and || is a side of the test too', () => {
    expect(
      findings(`
function and(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  c && release(v);
  if (!c) release(v);
}
function or(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  c || release(v);
  c && release(v);
}
function inIf(b: ArrayBuffer, c: boolean, d: boolean) {
  const v = acquire(b, 'exclusive');
  if (c && d) release(v);
  else if (!c) release(v);
}
function granted(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  r.ok && release(r.view);
}`),
    ).toEqual(['leak end L13']);
  });

  it('near misses stay reported: reassigned, another condition, a call, a closure that writes it, a loop variable', () => {
    expect(
      findings(`
function reassigned(b: ArrayBuffer, c: boolean, d: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  c = d;
  if (!c) release(v);
}
function different(b: ArrayBuffer, c: boolean, d: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  if (!d) release(v);
}
function called(b: ArrayBuffer, c: () => boolean) {
  const v = acquire(b, 'exclusive');
  if (c()) release(v);
  if (!c()) release(v);
}
function closure(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  const flip = () => { c = !c; };
  if (c) release(v);
  flip();
  if (!c) release(v);
}
function perIteration(b: ArrayBuffer, items: boolean[]) {
  const v = acquire(b, 'exclusive');
  for (const c of items) {
    if (c) release(v);
    if (!c) v[0] = 1;
  }
}`),
    ).toEqual(['leak end L14', 'leak end L19', 'leak end L26', 'leak end L3', 'leak end L9', 'use v L29 maybe released L28']);
  });
});

describe('lifetime analysis: aliases, destructuring, sub-views, literals', () => {
  it('follows aliases, array and object destructuring and sub-views to the use', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  const w = v;
  const [x] = [w];
  const { q: y } = { q: x };
  const s = y.subarray(1);
  release(v);
  s[0] = 1;
  y[0] = 1;
}`),
    ).toEqual(['leak throw L3 at L7', 'use s L9 definite released L8', 'use y L10 definite released L8']);
  });

  it('a narrower acquire through a view is a sub-view: released with it, never leaked alone', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  const part = acquire(v, 'exclusive', { byteOffset: 4 });
  release(v);
  part[0] = 1;
}`),
    ).toEqual(['leak throw L3 at L4', 'use part L6 definite released L5']);
  });

  it('views in local literals: a field read reaches the view, other fields do not', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  const o = { view: v, n: 1 };
  release(o.view);
  o.n;
  o.view[0] = 1;
}`),
    ).toEqual(['use o L7 definite released L5']);
  });

  it('releasing every element of a local array in a for-of loop', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const views = [acquire(b, 'immutable'), acquire(b, 'immutable')];
  for (const v of views) release(v);
}`),
      // Only the exception path: the second acquire may throw while the first view is held.
    ).toEqual(['leak throw L3 at L3']);
  });
});

describe('lifetime analysis: loops', () => {
  it('an acquire in a loop body without release leaks', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  for (let i = 0; i < 3; i++) { const v = acquire(b, 'exclusive'); v[0] = i; }
}`),
    ).toEqual(['leak repeat L3']);
  });

  it('a release in the loop body followed by a use in the next iteration', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, n: number) {
  const v = acquire(b, 'exclusive');
  for (let i = 0; i < n; i++) {
    v[0] = i;
    if (i === 2) release(v);
  }
}`),
    ).toEqual(['leak end L3', 'use v L5 maybe released L6']);
  });

  it('break out of a loop after releasing; use after the loop is definite', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  let i = 0;
  while (true) {
    if (i++ > 3) { release(v); break; }
    v[0] = i;
  }
  v[1] = 0;
}`),
    ).toEqual(['use v L9 definite released L6']);
  });

  it('labelled continue skips the release of the inner iteration', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, rows: number[][]) {
  outer: for (const row of rows) {
    const v = acquire(b, 'exclusive');
    for (const cell of row) {
      if (cell < 0) continue outer;
      v[0] = cell;
    }
    release(v);
  }
}`),
    ).toEqual(['leak repeat L4']);
  });
});

describe('lifetime analysis: try/catch/finally and exceptions', () => {
  it('a release in finally covers every path; a use after it is definite', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  try { v[0] = 1; } finally { release(v); }
  v[0] = 2;
}`),
    ).toEqual(['use v L5 definite released L4']);
  });

  it('exception paths: a call between acquire and release, outside any try', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  work(v);
  release(v);
}`),
    ).toEqual(['leak throw L3 at L4']);
  });

  it('exception paths: try/finally and using are safe; a rethrowing catch that forgets is not', () => {
    expect(
      findings(`
function safe(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  try { work(v); } finally { release(v); }
}
function scoped(b: ArrayBuffer) {
  using v = acquire(b, 'exclusive');
  work(v);
}
function rethrows(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  try { work(v); } catch (error) { throw error; }
  release(v);
}`),
    ).toEqual(['leak throw L11 at L12']);
  });

  it('an explicit throw while held leaks on the exception path only', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) throw new Error('no');
  release(v);
}`),
    ).toEqual(['leak throw L3 at L4']);
  });

  it('a rejected await acquireAsync is not a leak of its own view', () => {
    expect(
      findings(`
async function f(b: ArrayBuffer) {
  const v = await acquireAsync(b, 'exclusive');
  release(v);
}`),
    ).toEqual([]);
  });
});

describe('lifetime analysis: jumps out of try/finally', () => {
  // ESLint's code paths send break/continue straight to their target, past the finally blocks
  // they leave, and merge a return's path through a finally with the normal one: the analysis
  // replays those blocks on each jump, so these hold on ESLint 9 and 10 alike.
  it('break and continue run the finally that releases: no repeat, no leak', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, items: number[]) {
  for (const i of items) {
    const v = acquire(b, 'exclusive');
    try {
      if (i > 1) break;
      if (i > 0) continue;
      v[0] = i;
    } finally {
      release(v);
    }
  }
}`),
    ).toEqual([]);
  });

  it('labelled break and continue leave every try/finally up to their target, innermost first', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: ArrayBuffer, rows: number[][]) {
  rows: for (const row of rows) {
    const v = acquire(b, 'exclusive');
    try {
      for (const cell of row) {
        const w = acquire(c, 'exclusive');
        try {
          if (cell > 1) continue rows;
          if (cell > 0) break rows;
        } finally {
          release(w);
        }
      }
    } finally {
      release(v);
    }
  }
}`).filter((finding) => !finding.startsWith('leak throw')),
    ).toEqual([]);
  });

  it('a finally that does not release leaves the view held on the jump', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, items: number[]) {
  for (const i of items) {
    const v = acquire(b, 'exclusive');
    try {
      if (i) continue;
      release(v);
    } finally {
      i;
    }
  }
}`),
    ).toEqual(['leak repeat L4']);
  });

  it('a finally that releases on one branch: maybe released after the jump', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, skip: boolean, keep: boolean) {
  const v = acquire(b, 'exclusive');
  body: {
    try {
      if (skip) break body;
      v[0] = 1;
    } finally {
      if (keep) release(v);
    }
  }
  v[1] = 2;
}`),
    ).toEqual(['leak end L3', 'use v L12 maybe released L9']);
  });

  it('a jump disposes the using scopes inside the try before the finally, those outside after it', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, c: ArrayBuffer, items: number[]) {
  for (const i of items) {
    using outer = acquire(b, 'exclusive');
    try {
      using inner = acquire(c, 'exclusive');
      if (i) continue;
    } finally {
      outer[0] = 1;
    }
  }
}`),
    ).toEqual([]);
  });

  it('a finally ESLint never walks (its try block always jumps, nothing in it can throw) is not replayed', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, items: number[]) {
  for (const i of items) {
    const v = acquire(b, 'exclusive');
    try {
      continue;
    } finally {
      i;
    }
  }
}`),
    ).toEqual(['leak repeat L4']);
  });

  it('a jump out of a finally that itself returns never lands', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, items: number[]) {
  const v = acquire(b, 'exclusive');
  for (const i of items) {
    try {
      if (i) break;
    } finally {
      release(v);
      return;
    }
  }
  v[0] = 1;
  release(v);
}`),
    ).toEqual([]);
  });

  it('a return through a finally is judged on its own path, not merged with the normal one', () => {
    // (In `released`, the exception path of a call in the try block still leaks: exception paths
    // through a finally keep ESLint's merge.)
    expect(
      findings(`
function released(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  try {
    if (c) {
      release(v);
      return;
    }
  } finally {
    c;
  }
  release(v);
}
function held(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  try {
    if (c) return;
  } finally {
    c;
  }
  release(v);
}`),
    ).toEqual(['leak end L15', 'leak throw L3 at L3']);
  });

  it('a generator abandoned at a yield runs the finally around it', () => {
    expect(
      findings(`
function* kept(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  try {
    yield 1;
  } finally {
    release(v);
  }
}
function* lost(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  try {
    yield 1;
  } finally {
    b;
  }
  release(v);
}`),
    ).toEqual(['leak end L11']);
  });
});

describe('lifetime analysis: using and DisposableStack', () => {
  it('using releases at scope end, on break/continue too; a use inside is fine', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, xs: number[]) {
  for (const x of xs) {
    using v = acquire(b, 'exclusive');
    if (x) continue;
    if (x > 2) break;
    v[0] = x;
  }
}`),
    ).toEqual([]);
  });

  it('returning or yielding a using view escapes its scope', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  using v = acquire(b, 'exclusive');
  if (v.length) return v.subarray(1);
  return null;
}
function* g(b: ArrayBuffer) {
  using v = acquire(b, 'exclusive');
  yield v;
}`),
    ).toEqual(['escape return L4 using', 'escape yield L9 using']);
  });

  it('a using view in scope of a catch is not released by a throw the catch stops', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  using v = acquire(b, 'exclusive');
  try { throw new Error('x'); } catch { v[0] = 1; }
}`),
    ).toEqual([]);
  });

  it('DisposableStack#use/adopt/defer take ownership; dispose releases them', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  using stack = new DisposableStack();
  const v = stack.use(acquire(b, 'exclusive'));
  v[0] = 1;
}
function g(b: ArrayBuffer) {
  const stack = new DisposableStack();
  const v = acquire(b, 'exclusive');
  stack.adopt(v, release);
  const w = acquire(b, 'immutable');
  stack.defer(() => release(w));
  stack.dispose();
  v[0] = 1;
  w[0];
}`),
    ).toEqual(['use v L14 definite released L13', 'use w L15 definite released L13']);
  });
});

describe('lifetime analysis: escapes and closures', () => {
  it('returning a view hands it over (no leak); storing it then releasing it escapes', () => {
    expect(
      findings(`
function make(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  return v;
}
let global: unknown;
class Holder {
  held: unknown;
  keep(b: ArrayBuffer) {
    const v = acquire(b, 'exclusive');
    this.held = v;
    global = v;
    release(v);
  }
}`),
    ).toEqual(['escape field L11 released L13', 'escape outer-variable L12 released L13']);
  });

  it('a timer callback capturing a view released afterwards escapes; one that releases it takes it', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  setTimeout(() => { v[0] = 1; }, 10);
  release(v);
}
function g(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  queueMicrotask(() => { v[0] = 1; release(v); });
}`),
    ).toEqual(['escape callback L4 released L5', 'leak throw L3 at L4']);
  });

  it('a closure called after the release uses the released view', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  const read = () => v[0];
  read();
  release(v);
  read();
}`),
    ).toEqual(['leak throw L3 at L5', 'use v L7 definite released L6']);
  });

  it('a closure that releases a captured view, called synchronously, releases it', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  const done = () => release(v);
  done();
  v[0] = 1;
}`),
    ).toEqual(['use v L6 definite released L5']);
  });

  it('inside a closure, an outer view is borrowed: released there, then used there', () => {
    expect(
      findings(`
function f(v: ExclusiveView) {
  return () => {
    release(v);
    v[0] = 1;
  };
}`),
    ).toEqual(['use v L5 definite released L4']);
  });

  it('a tryAcquire view is owed from the call where result.ok is true, or once taken out of the result', () => {
    expect(
      findings(`
function ignored(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (!r.ok) return;
}
function taken(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (!r.ok) return;
  const { view } = r;
  view[0] = 1;
}
function untested(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  return r.error;
}
function releasedWhenGranted(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (r.ok) release(r.view);
}
function grantedAndKept(b: ArrayBuffer, c: boolean) {
  const r = tryAcquire(b, 'exclusive');
  if (r.ok && c) release(r.view);
  const n = r.ok ? 1 : 0;
}
function refusedOnEveryPathThatLeaves(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (r.ok) {
    release(r.view);
    return;
  }
  r.error;
}`),
    ).toEqual(['leak end L21', 'leak end L3', 'leak end L7']);
  });

  it('ownership transfer by policy: the owning argument is no leak', () => {
    const code = `
function f(b: ArrayBuffer) {
  const v = acquire(b, 'exclusive');
  consume(v);
}`;
    expect(findings(code)).toEqual(['leak end L3']);
    const policy: OwnershipPolicy = {
      key: 'consume',
      takesOwnership: (call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'consume',
    };
    expect(summarize(analyze(code, { policy }))).toEqual([]);
  });
});

describe('lifetime analysis: stores into collections and objects', () => {
  it('a view kept by a collection or object from outside is handed on; released after, it escapes', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, s: Set<unknown>, a: unknown[], o: object, m: Map<unknown, unknown>) {
  const v1 = acquire(b, 'exclusive');
  s.add(v1);
  const v2 = acquire(b, 'exclusive');
  a.splice(0, 0, v2);
  const v3 = acquire(b, 'exclusive');
  Object.assign(o, { v3 });
  const v4 = acquire(b, 'exclusive');
  Reflect.set(o, 'k', v4);
  const v5 = acquire(b, 'exclusive');
  m.set('k', v5);
  const v6 = acquire(b, 'exclusive');
  m.set(v6, 1);
  release(v5);
  release(v3);
}`),
    ).toEqual(['escape collection L12 released L15', 'escape field L8 released L16']);
  });

  it('what keeps nothing: a WeakMap key, a typed array set (a copy), a splice that inserts no view', () => {
    expect(
      findings(`
function f(b: ArrayBuffer, w: WeakMap<object, unknown>, dst: Uint8Array, a: unknown[]) {
  const v1 = acquire(b, 'exclusive');
  w.set(v1, 1);
  const v2 = acquire(b, 'exclusive');
  dst.set(v2, 0);
  const v3 = acquire(b, 'exclusive');
  a.splice(v3.length, 1);
}`),
    ).toEqual(['leak end L3', 'leak end L5', 'leak end L7']);
  });

  it('a local new Map/Set owns what it is given; iterating it reaches the views, its own methods do not', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const s = new Set();
  s.add(acquire(b, 'exclusive'));
  const m = new Map([['first', acquire(b, 'exclusive')]]);
  m.set('second', acquire(b, 'exclusive'));
  for (const v of s) release(v);
  s.size;
  s.add(1);
  m.get('first');
  for (const [, v] of m) v;
}`),
    ).toEqual([]);
  });

  it('a local object given a view by Object.assign: a read of it after the release is a use', () => {
    expect(
      findings(`
function f(b: ArrayBuffer) {
  const frame = { n: 1 };
  const v = acquire(b, 'exclusive');
  Object.assign(frame, { v });
  release(v);
  frame.v[0];
}`),
    ).toEqual(['use frame L7 definite released L6']);
  });
});

describe('lifetime analysis: sharing', () => {
  const code = `
function a(b: ArrayBuffer) { const v = acquire(b, 'exclusive'); release(v); }
function c(b: ArrayBuffer) { const v = acquire(b, 'exclusive'); v[0] = 1; }
const d = (b: ArrayBuffer) => { using v = acquire(b, 'immutable'); return v[0]; };
function unrelated(x: number) { return x + 1; }`;

  it('evaluates each relevant function once however many rules subscribe', () => {
    for (const rules of [1, 4]) {
      const analysis = analyze(code, { rules });
      // Five code paths (the program and four functions); three of them touch views.
      expect(analysis.statistics).toEqual({ codePaths: 5, evaluations: 3 });
    }
  });

  it('walks every kind of syntax without a crash (no views: no findings)', () => {
    const soup = `
      import * as ns from 'node:path';
      export default class Soup<T> extends Array<T> {
        static #count = 0;
        #field = 1;
        accessor kept = 2;
        static { Soup.#count++; }
        constructor(...items: T[]) { super(...items); }
        get size(): number { return this.length; }
        set size(value: number) { this.length = value; }
        async *stream(this: Soup<T>): AsyncGenerator<T> { for await (const item of this) yield item; yield* [] as T[]; }
        @((target: unknown) => target) decorated(): void {}
      }
      enum Color { Red = 1, Green = Red << 1 }
      namespace Space { export const value = 1; }
      declare module 'virtual' { const anything: unknown; export default anything; }
      type Tuple = [a: number, b?: string, ...rest: boolean[]];
      export async function everything(input: unknown, list: number[], map: Map<string, number>): Promise<unknown> {
        label: for (let i = 0, j = list.length; i < j; i++, j--) {
          if (i === 3) continue label;
          switch (list[i]) { case 1: break label; case 2: { break; } default: }
        }
        for (const key in map) void key;
        do { input ??= {}; } while (!input);
        const { a = 1, ...rest } = (input as Record<string, number>) ?? {};
        const [first, , third = 3, ...others] = list;
        let x: number;
        x = first ?? 0;
        x += third; x **= 2; x ||= 1; x &&= 2; x ??= 3; x++; --x;
        const tagged = String.raw\`\${x}\`;
        const regex = /a(?<name>b)/dgu;
        const big = 10n ** 3n;
        const obj = { [tagged]: 1, get g() { return 1; }, set s(v: number) { void v; }, m() { return this; }, ...rest };
        const fn = async () => { try { await Promise.resolve(); } catch { return; } finally { void 0; } };
        const cls = class { static x = () => 1; };
        const chain = obj?.m?.().m?.()[tagged] ?? input?.toString?.();
        const seq = (x, a, others, regex, big, cls, chain, fn, ns.sep, Space.value, Color.Green);
        if (typeof seq === 'string') throw new TypeError(seq);
        return import.meta ?? (await import('node:fs')) ?? ([1] as const) ?? (input satisfies unknown);
      }
    `;
    expect(findings(soup)).toEqual([]);
  });

  it('reports nothing on code without views', () => {
    expect(findings('function f(x: number[]) { for (const y of x) { if (y) break; } return x.map((z) => z * 2); }')).toEqual([]);
  });
});

/** Each acquisition or locking call with the lines of the acquisitions possibly held there. */
function heldAtExporterCalls(code: string): string[] {
  return analyze(code).functions.flatMap((lifetimes) =>
    lifetimes.exporterCalls.map((exporterCall) => {
      const lines = (calls: ReadonlySet<{ loc: { start: { line: number } } }>) =>
        [...calls].map((call) => `L${call.loc.start.line}`).sort().join(',');
      const behind = exporterCall.heldBehindExporter.size === 0 ? '' : ` behind ${lines(exporterCall.heldBehindExporter)}`;
      return `${exporterCall.operation} L${exporterCall.call.loc.start.line}: held ${lines(exporterCall.held) || '-'}${behind}`;
    }),
  );
}

describe('lifetime analysis: views held at acquisitions and locking calls', () => {
  it('held on some path: a release on one branch leaves it held; released on every path it is not', () => {
    expect(
      heldAtExporterCalls(`
function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  if (c) release(v);
  const w = acquire(b, 'exclusive');
  release(w);
  if (c) release(v); else release(v);
  b.transfer();
}`),
    ).toEqual(['acquire L3: held -', 'acquire L5: held L3', 'transfer L8: held -']);
  });

  // The second loop's `using` view is never held at its own acquisition; the first loop's may be (continue skips its release).
  it('an acquisition in a loop sees its own view of the previous iteration unless it is released', () => {
    expect(
      heldAtExporterCalls(`
function f(b: ArrayBuffer, n: number) {
  for (let i = 0; i < n; i++) {
    const v = acquire(b, 'exclusive');
    if (i > 2) continue;
    release(v);
  }
  for (let i = 0; i < n; i++) {
    using w = acquire(b, 'exclusive');
  }
}`),
    ).toEqual(['acquire L4: held L4', 'acquire L9: held L4']);
  });

  it('the .buffer of a held view (or of its sub-view) names its memory; an adopt locks its argument', () => {
    expect(
      heldAtExporterCalls(`
function f(b: ArrayBuffer) {
  const v = acquire(b, 'immutable');
  const head = v.subarray(0, 2);
  OwnedBuffer.adopt(head.buffer);
  release(v);
}`),
    ).toEqual(['acquire L3: held -', 'adopt L5: held L3 behind L3']);
  });
});

/** One line per suspension point: `<kind> L<line>: held L<origin line> <name>…`. */
function suspensions(code: string): string[] {
  return analyze(code)
    .functions.flatMap((lifetimes) => lifetimes.suspensions)
    .map((suspension) => {
      const held = suspension.held.map((view) => `L${view.origin.loc.start.line} ${view.name ?? '-'} ${view.mode ?? '?'}`).sort();
      return `${suspension.kind} L${suspension.node.loc.start.line}: ${held.join(', ')}`;
    })
    .sort();
}

describe('lifetime analysis: views held where the function suspends', () => {
  it('an await sees views held on some path, not the view it awaits, not sub-views', () => {
    expect(
      suspensions(`
async function f(b: ArrayBuffer, c: boolean) {
  const v = acquire(b, 'exclusive');
  const head = v.subarray(0, 2);
  const w = acquire(b, 'immutable');
  if (c) release(w);
  const x = await acquireAsync(b, 'raw');
  release(v);
  release(x);
  await tick();
}`),
    ).toEqual(['await L10: L5 w immutable', 'await L7: L3 v exclusive, L5 w immutable']);
  });

  it('a for await head sees the view an iteration left held; a yield sees the views around it', () => {
    expect(
      suspensions(`
async function f(b: ArrayBuffer, source: AsyncIterable<number>) {
  for await (const value of source) {
    const v = acquire(b, 'exclusive');
    v[0] = value;
  }
}
function* g(b: ArrayBuffer) {
  using v = acquire(b, 'immutable');
  yield v[0];
}`),
    ).toEqual(['for-await L3: L4 v exclusive', 'yield L10: L9 v immutable']);
  });

  it('await using disposals run last-declared first: only views not yet disposed are held', () => {
    expect(
      suspensions(`
async function f(b: ArrayBuffer) {
  using before = acquire(b, 'immutable');
  await using resource = open();
  using after = acquire(b, 'exclusive');
}`),
    ).toEqual(['await-using-disposal L4: L3 before immutable']);
  });

  it('a tryAcquire result is held until a branch shows it failed, with or without else', () => {
    expect(
      suspensions(`
async function f(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (r.ok) release(r.view);
  await tick();
}
async function g(b: ArrayBuffer) {
  const r = tryAcquire(b, 'exclusive');
  if (!r.ok) {
    await tick();
    return;
  }
  await tick();
  release(r.view);
}`),
    ).toEqual(['await L13: L8 - exclusive']);
  });

  it('the results of other calls are views only when the oracle says so', () => {
    expect(
      suspensions(`
async function f() {
  const frame = openFrameView();
  const counter = openCounter();
  await tick();
  release(frame);
  counter[Symbol.dispose]();
}`),
    ).toEqual(['await L5: L3 frame exclusive']);
  });
});

describe('lifetime analysis: results of other calls', () => {
  it('a view from another call is followed through aliases; a disposed non-view is not', () => {
    expect(
      findings(`
function f() {
  const frame = openFrameView();
  const alias = frame;
  release(alias);
  frame[0] = 1;
  const counter = openCounter();
  counter[Symbol.dispose]();
  counter.count = 1;
}`),
    ).toEqual(['use frame L6 definite released L5']);
  });

  it('acquiring from the result of another call is an acquisition of the function\'s own', () => {
    expect(
      findings(`
function f() {
  const frame = produceFrame();
  const view = acquire(frame, 'immutable');
  release(view);
  view[0];
}
function g() {
  const memory = openMemoryView();
  const view = acquire(memory, 'immutable');
}`),
    ).toEqual(['leak end L10', 'use view L6 definite released L5']);
  });

  it('a using-bound result of another call escapes only if it is a view', () => {
    expect(
      findings(`
function f() {
  using frame = openFrameView();
  return frame;
}
function g() {
  using counter = openCounter();
  return counter;
}`),
    ).toEqual(['escape return L4 using']);
  });
});
