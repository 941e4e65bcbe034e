/**
 * no-unreleased-view. Cases name the shape they port: rustc borrowck/NLL UI tests (a borrow
 * still live at the end of a loop iteration, assignment killing a binding, a borrow escaping a
 * block) and typescript-eslint's flow-heavy suites (`return-await` with `using`/`finally`,
 * `no-floating-promises` through ternaries, `&&`/`||`/`??`, comma and optional chains,
 * `prefer-readonly` writes through destructuring and closures); Roslyn CA2000's false positives
 * (returned or handed-over disposables) are valid cases.
 */
import rule, { type MessageId, type Options } from '../../src/rules/no-unreleased-view.js';
import { ruleTester } from '../rule-tester.js';
import { caseBuilders } from './lifetime-cases.js';

const { invalid, valid } = caseBuilders<MessageId, [Options]>();

type Body = string;
/** The suggestion of an error reported at the mark in `body` on a `const`/`let` line: `using`. */
function usingSuggestion(body: Body): { messageId: string; body: string }[] {
  const lines = body.split('\n');
  const index = lines.findIndex((line) => line.includes('/*!*/'));
  lines[index] = (lines[index] ?? '').replace(/\b(const|let) /u, 'using ');
  return [{ messageId: 'useUsing', body: lines.join('\n') }];
}
function leak(name: string, body: Body, messageId: 'unreleased' | 'unreleasedOnRepeat' = 'unreleased') {
  return invalid(name, body, [messageId], { suggestions: [usingSuggestion(body)] });
}
function leakWithoutSuggestion(name: string, body: Body, messageIds: ('unreleased' | 'unreleasedOnRepeat')[] = ['unreleased']) {
  return invalid(name, body, messageIds);
}
const strict = [{ exceptionPaths: true }] as const;
function leakOnThrow(name: string, body: Body) {
  return invalid(name, body, ['unreleasedOnThrow'], { options: [...strict], suggestions: [usingSuggestion(body)] });
}

ruleTester.run('no-unreleased-view', rule, {
  valid: [
    valid('released at the end', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `),
    valid('released in finally (return-await: try/finally)', `
      async function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          return await tick();
        } finally {
          release(view);
        }
      }
    `),
    valid('using (return-await: using)', `
      async function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        return await tick();
      }
    `),
    valid('await using of acquireAsync', `
      async function f(buf: ArrayBuffer) {
        await using view = await acquireAsync(buf, 'immutable');
        return view.at(0);
      }
    `),
    valid('returned (CA2000: returned disposables are not leaks)', `
      function open(buf: ArrayBuffer): ExclusiveView<Uint8Array<ArrayBuffer>> {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        return view;
      }
    `),
    valid('returned directly from an arrow', `
      const open = (buf: ArrayBuffer) => acquire(buf, 'immutable');
    `),
    valid('returned inside an object literal', `
      function open(buf: ArrayBuffer) {
        const header = acquire(buf, 'immutable', { byteLength: 4 });
        return { header, size: 4 };
      }
    `),
    valid('stored in a field', `
      class Reader {
        view: ImmutableView<Uint8Array<ArrayBuffer>> | undefined;
        open(buf: ArrayBuffer) {
          this.view = acquire(buf, 'immutable');
        }
      }
    `),
    valid('stored in a module variable', `
      let current: unknown;
      export function open(buf: ArrayBuffer) {
        current = acquire(buf, 'immutable');
      }
    `),
    valid('pushed into a collection from outside', `
      export function open(buf: ArrayBuffer, views: unknown[]) {
        const view = acquire(buf, 'immutable');
        views.push(view);
      }
    `),
    // Stores into collections and objects from outside hand the view on (Roslyn CA2000: a
    // disposable added to a collection is not a leak).
    valid('set as the value of a Map held by a field', `
      class Cache {
        readonly byName = new Map<string, unknown>();
        open(buf: ArrayBuffer, name: string) {
          const view = acquire(buf, 'immutable');
          this.byName.set(name, view);
        }
      }
    `),
    valid('set as the key of a Map passed in (the checker confirms a Map)', `
      export function open(buf: ArrayBuffer, sizes: Map<object, number>) {
        const view = acquire(buf, 'immutable');
        sizes.set(view, view.length);
      }
    `),
    valid('added to a WeakSet, spliced into an array, assigned onto an object, set by Reflect.set', `
      export function open(buf: ArrayBuffer, seen: WeakSet<object>, all: unknown[], target: object) {
        const a = acquire(buf, 'immutable');
        seen.add(a);
        const b = acquire(buf, 'immutable');
        all.splice(1, 0, b);
        const c = acquire(buf, 'immutable');
        Object.assign(target, { c });
        const d = acquire(buf, 'immutable');
        Reflect.set(target, 'd', d);
      }
    `),
    valid('kept in a module-level Map', `
      const registry = new Map<string, unknown>();
      export function open(buf: ArrayBuffer, name: string) {
        registry.set(name, acquire(buf, 'immutable'));
      }
    `),
    // Correlated branches (path-sensitive checkers' "same condition tested twice" shape).
    valid('released under if (flag) and under if (!flag): every path releases once', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = acquire(buf, 'exclusive');
        if (flag) release(view);
        view.length;
        if (!flag) release(view);
      }
    `),
    valid('released by the && of a condition and under its negation', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = acquire(buf, 'exclusive');
        flag && release(view);
        if (!flag) release(view);
      }
    `),
    valid('a tryAcquire released by the && of result.ok', `
      function f(buf: ArrayBuffer) {
        const result = tryAcquire(buf, 'exclusive');
        result.ok && release(result.view);
      }
    `),
    valid('a local condition tested by an if/else and again by a ternary', `
      function f(buf: ArrayBuffer, size: number) {
        const small = size < 16;
        const view = acquire(buf, 'exclusive');
        if (small) {
          release(view);
        } else {
          view.fill(0);
        }
        return small ? 0 : (release(view), 1);
      }
    `),
    valid('handed to an owning function named in the options', `
      declare function consume(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        consume(view);
      }
    `, { options: [{ ownershipTransferFunctions: ['consume'] }] }),
    valid('handed to a parameter tagged @xorview-takes-ownership', `
      /** @xorview-takes-ownership view */
      declare function adopt(view: ExclusiveView<Uint8Array<ArrayBuffer>>): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        adopt(view);
      }
    `),
    // The file's own functions are read from their declaration (no symbol lookup), overloads
    // and imports through the checker: the tag counts either way.
    valid('handed to a const arrow function tagged @xorview-takes-ownership', `
      /** @xorview-takes-ownership view */
      const adopt = (view: ExclusiveView<Uint8Array<ArrayBuffer>>): void => {
        release(view);
      };
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        adopt(view);
      }
    `),
    valid('handed to an overloaded function whose first signature is tagged @xorview-takes-ownership', `
      /** @xorview-takes-ownership view */
      function adopt(view: ExclusiveView<Uint8Array<ArrayBuffer>>): void;
      function adopt(view: ExclusiveView<Uint8Array<ArrayBuffer>>, label?: string): void {
        release(view);
      }
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        adopt(view);
      }
    `),
    valid('handed to a method tagged @xorview-takes-ownership', `
      class Writer {
        /** @xorview-takes-ownership view the writer releases it once written */
        submit(view: ExclusiveView<Uint8Array<ArrayBuffer>>): void {
          queueMicrotask(() => release(view));
        }
      }
      function f(buf: ArrayBuffer, writer: Writer) {
        const view = acquire(buf, 'exclusive');
        writer.submit(view);
      }
    `),
    valid('handed to a constructor parameter tagged @xorview-takes-ownership', `
      class Frame {
        /** @xorview-takes-ownership pixels */
        constructor(readonly pixels: ExclusiveView<Uint8Array<ArrayBuffer>>) {}
      }
      function f(buf: ArrayBuffer) {
        const frame = new Frame(acquire(buf, 'exclusive'));
        frame.pixels.fill(0);
      }
    `),
    valid('handed to an owning method named in the shared settings', `
      declare const pool: { put(view: unknown): void };
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        pool.put(view);
      }
    `, { settings: { xorview: { ownershipTransferFunctions: ['pool.put'] } } }),
    valid('released through Symbol.dispose', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view[Symbol.dispose]();
      }
    `),
    valid('DisposableStack#use', `
      function f(buf: ArrayBuffer) {
        using stack = new DisposableStack();
        const view = stack.use(acquire(buf, 'exclusive'));
        view.fill(0);
      }
    `),
    valid('DisposableStack#adopt and #defer', `
      function f(buf: ArrayBuffer) {
        const stack = new DisposableStack();
        const a = acquire(buf, 'immutable', { byteLength: 4 });
        stack.adopt(a, release);
        const b = acquire(buf, 'immutable', { byteOffset: 4 });
        stack.defer(() => release(b));
        stack.dispose();
      }
    `),
    valid('a sub-view needs no release of its own', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const tail = view.subarray(4);
        tail.fill(1);
        release(view);
      }
    `),
    valid('released on both branches', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) {
          release(view);
          return;
        }
        view.fill(0);
        release(view);
      }
    `),
    valid('released in every switch case', `
      function f(buf: ArrayBuffer, k: number) {
        const view = acquire(buf, 'exclusive');
        switch (k) {
          case 0:
            release(view);
            break;
          case 1:
            view.fill(1);
          // falls through
          default:
            release(view);
        }
      }
    `),
    valid('acquired and released every iteration (borrow in loop head, ended each time)', `
      function f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          const view = acquire(buf, 'exclusive');
          view[0] = i;
          release(view);
        }
      }
    `),
    valid('continue after releasing', `
      function f(buf: ArrayBuffer, items: number[]) {
        for (const item of items) {
          const view = acquire(buf, 'exclusive');
          if (item < 0) {
            release(view);
            continue;
          }
          view[0] = item;
          release(view);
        }
      }
    `),
    valid('a failed tryAcquire owes nothing', `
      function f(buf: ArrayBuffer) {
        const result = tryAcquire(buf, 'exclusive');
        if (!result.ok) return;
        const view = result.view;
        view.fill(0);
        release(view);
      }
    `),
    valid('a granted tryAcquire released on the result.ok side', `
      function f(buf: ArrayBuffer) {
        const result = tryAcquire(buf, 'exclusive');
        if (result.ok) release(result.view);
      }
    `),
    valid('a tryAcquire released on the ok side of a ternary, refused on the other', `
      function f(buf: ArrayBuffer) {
        const result = tryAcquire(buf, 'exclusive');
        return result.ok ? (release(result.view), true) : false;
      }
    `),
    valid('a timer callback that releases takes the view over', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => {
          view.fill(0);
          release(view);
        }, 10);
      }
    `),
    valid('a promise reaction that releases takes the view over', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        tick().then(() => release(view));
      }
    `),
    valid('a local closure that releases, called on every path', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const done = () => release(view);
        view.fill(0);
        done();
      }
    `),
    valid('exception paths are not followed by default', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        work(view);
        release(view);
      }
    `),
    valid('exceptionPaths: try/finally covers the throwing call', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          work(view);
        } finally {
          release(view);
        }
      }
    `, { options: [...strict] }),
    valid('exceptionPaths: using covers the throwing call', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        work(view);
        if (view.length === 0) throw new Error('empty');
      }
    `, { options: [...strict] }),
    valid('exceptionPaths: a catch that releases and rethrows', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          work(view);
        } catch (error) {
          release(view);
          throw error;
        }
        release(view);
      }
    `, { options: [...strict] }),
    valid('no views at all', `
      function f(items: number[]) {
        const copy = new Uint8Array(items.length);
        for (const [index, item] of items.entries()) copy[index] = item;
        return copy;
      }
    `),
    valid('a view parameter is borrowed: the caller releases it', `
      function fill(view: ExclusiveView<Uint8Array<ArrayBuffer>>) {
        view.fill(0);
      }
    `),
    valid('a view returned by another function is borrowed', `
      declare function current(): ImmutableView<Uint8Array<ArrayBuffer>>;
      function f() {
        const view = current();
        return view.at(0);
      }
    `),
    valid('yielded, then released after the consumer resumes the generator', `
      function* chunks(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        try {
          yield view.at(0);
        } finally {
          release(view);
        }
      }
    `),
    valid('a module-level view lives as long as the module', `
      const memory = new ArrayBuffer(16);
      export const header = acquire(memory, 'immutable', { byteLength: 4 });
    `),
    valid('a ternary between two acquisitions, released once (no-floating-promises: ternary)', `
      function f(a: ArrayBuffer, b: ArrayBuffer, c: boolean) {
        const view = c ? acquire(a, 'immutable') : acquire(b, 'immutable');
        release(view);
      }
    `),
    valid('?? between a held view and a new one (no-floating-promises: ??)', `
      function f(buf: ArrayBuffer, cached: ImmutableView<Uint8Array<ArrayBuffer>> | undefined) {
        const view = cached ?? acquire(buf, 'immutable');
        return view;
      }
    `),
    valid('exceptionPaths: a module-level view lives as long as the module, whatever throws', `
      const memory = new ArrayBuffer(16);
      export const header = acquire(memory, 'immutable', { byteLength: 4 });
      if (header.length === 0) throw new Error('empty');
      console.log(header[0]);
    `, { options: [...strict] }),
    valid('nested functions each release their own view', `
      function outer(buf: ArrayBuffer) {
        const a = acquire(buf, 'immutable');
        function inner() {
          const b = acquire(buf, 'immutable');
          release(b);
        }
        inner();
        release(a);
      }
    `),
    valid('released through an alias made by destructuring (prefer-readonly: destructuring)', `
      function f(buf: ArrayBuffer) {
        const pair = { view: acquire(buf, 'exclusive') };
        const { view: alias } = pair;
        release(alias);
      }
    `),
    valid('released in a class static block', `
      const shared = new ArrayBuffer(8);
      class Table {
        static {
          const view = acquire(shared, 'exclusive');
          view.fill(0);
          release(view);
        }
      }
    `),
    valid('a view kept in a Map-like store (stored in a field by a callback)', `
      class Cache {
        #views: ExclusiveView<Uint8Array<ArrayBuffer>>[] = [];
        load(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          this.#views.push(view);
        }
      }
    `),
    // Jumps out of try/finally. ESLint's code path sends break/continue straight to their target,
    // skipping the finally; the analysis runs it on the way (typescript-eslint return-await's
    // try/finally shapes inside loops and labelled blocks; rustc's conditional release in loops).
    valid('break out of try/finally: the finally releases', `
      function f(buf: ArrayBuffer, items: readonly number[]) {
        for (const item of items) {
          const view = acquire(buf, 'exclusive');
          try {
            if (item < 0) break;
            view[0] = item;
          } finally {
            release(view);
          }
        }
      }
    `),
    valid('continue out of try/finally: the finally releases before the next iteration', `
      function f(buf: ArrayBuffer, items: readonly number[]) {
        for (const item of items) {
          const view = acquire(buf, 'exclusive');
          try {
            if (item < 0) continue;
            view[0] = item;
          } finally {
            release(view);
          }
        }
      }
    `),
    valid('labelled break out of a block through try/finally', `
      function f(buf: ArrayBuffer, skip: boolean) {
        const view = acquire(buf, 'exclusive');
        body: {
          try {
            if (skip) break body;
            view[0] = 1;
          } finally {
            release(view);
          }
        }
      }
    `),
    valid('labelled continue out of nested try/finally blocks releasing one view each', `
      function f(buf: ArrayBuffer, other: ArrayBuffer, rows: readonly (readonly number[])[]) {
        rows: for (const row of rows) {
          const outer = acquire(buf, 'exclusive');
          try {
            for (const cell of row) {
              const inner = acquire(other, 'exclusive');
              try {
                if (cell < 0) continue rows;
                inner[0] = cell;
              } finally {
                release(inner);
              }
            }
          } finally {
            release(outer);
          }
        }
      }
    `),
    valid('return through a finally that does not release, the view released on the way out', `
      function f(buf: ArrayBuffer, done: boolean) {
        const view = acquire(buf, 'exclusive');
        try {
          if (done) {
            release(view);
            return;
          }
          view[0] = 1;
        } finally {
          void done;
        }
        release(view);
      }
    `),
    valid('return from a catch through the finally that releases', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          work(view);
        } catch {
          return false;
        } finally {
          release(view);
        }
        return true;
      }
    `),
    valid('a generator abandoned at a yield inside try/finally: the finally releases', `
      function* f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          yield view.length;
        } finally {
          release(view);
        }
      }
    `),
  ],
  invalid: [
    leak('an early return before the release', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (c) return;
        release(view);
      }
    `),
    leak('released on one branch only', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (c) {
          release(view);
        }
      }
    `),
    leak('handed to a local function whose tag names another parameter', `
      /** @xorview-takes-ownership other */
      function adopt(view: ExclusiveView<Uint8Array<ArrayBuffer>>, other: unknown): void {
        view.fill(0);
      }
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        adopt(view, 0);
      }
    `),
    leak('never released', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    leakWithoutSuggestion('an unbound acquisition', `
      function f(buf: ArrayBuffer) {
        /*!*/acquire(buf, 'exclusive').fill(0);
      }
    `),
    leak('a borrow still live at the end of a loop iteration (rustc: borrow in loop head)', `
      function f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          const view = /*!*/acquire(buf, 'exclusive');
          view[0] = i;
        }
      }
    `, 'unreleasedOnRepeat'),
    leakWithoutSuggestion('reassigned each iteration, only the last released (rustc: assignment kills a binding)', `
      function f(buf: ArrayBuffer, n: number) {
        let view;
        for (let i = 0; i < n; i++) {
          view = /*!*/acquire(buf, 'exclusive');
        }
        if (view) release(view);
      }
    `, ['unreleasedOnRepeat']),
    leakWithoutSuggestion('reassignment loses the first view (rustc: assignment kills a binding)', `
      function f(buf: ArrayBuffer) {
        let view = /*!*/acquire(buf, 'exclusive');
        view = acquire(buf, 'immutable');
        release(view);
      }
    `),
    leak('released in one switch case only', `
      function f(buf: ArrayBuffer, k: number) {
        const view = /*!*/acquire(buf, 'exclusive');
        switch (k) {
          case 0:
            release(view);
            break;
          default:
            view.fill(0);
        }
      }
    `),
    leak('released at the end of try; the catch path skips it', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          work(view);
          release(view);
        } catch {
          console.error('failed');
        }
      }
    `),
    leak('released in catch only', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          work(view);
        } catch {
          release(view);
        }
      }
    `),
    leak('break out of the loop skips the release', `
      function f(buf: ArrayBuffer, items: number[]) {
        for (const item of items) {
          const view = /*!*/acquire(buf, 'exclusive');
          if (item < 0) break;
          view[0] = item;
          release(view);
        }
      }
    `),
    leak('continue skips the release', `
      function f(buf: ArrayBuffer, items: number[]) {
        for (const item of items) {
          const view = /*!*/acquire(buf, 'exclusive');
          if (item < 0) continue;
          view[0] = item;
          release(view);
        }
      }
    `, 'unreleasedOnRepeat'),
    leak('a labelled break skips the release of an outer-loop view', `
      function f(buf: ArrayBuffer, rows: number[][]) {
        const view = /*!*/acquire(buf, 'exclusive');
        scan: for (const row of rows) {
          for (const cell of row) {
            if (cell < 0) break scan;
          }
        }
        if (rows.length === 0) release(view);
      }
    `),
    leakWithoutSuggestion('a tryAcquire view taken out and not released (the result is no disposable: no using)', `
      function f(buf: ArrayBuffer) {
        const result = /*!*/tryAcquire(buf, 'exclusive');
        if (!result.ok) return;
        result.view.fill(0);
        const view = result.view;
        view.fill(1);
      }
    `),
    leakWithoutSuggestion('a granted tryAcquire whose view is never taken out nor released', `
      function f(buf: ArrayBuffer) {
        const result = /*!*/tryAcquire(buf, 'exclusive');
        if (result.ok) {
          console.log('granted');
        }
      }
    `),
    leakWithoutSuggestion('past an early return on a refused tryAcquire, the granted view is owed', `
      function f(buf: ArrayBuffer) {
        const result = /*!*/tryAcquire(buf, 'exclusive');
        if (!result.ok) return;
        console.log('granted');
      }
    `),
    leakWithoutSuggestion('a granted tryAcquire released only when another condition holds too', `
      function f(buf: ArrayBuffer, flush: boolean) {
        const result = /*!*/tryAcquire(buf, 'exclusive');
        if (result.ok && flush) release(result.view);
      }
    `),
    leak('a typed array set copies the view: it is still owed', `
      function f(buf: ArrayBuffer, out: Uint8Array) {
        const view = /*!*/acquire(buf, 'immutable');
        out.set(view, 0);
      }
    `),
    leak('the key of a WeakMap is held weakly: the view is still owed', `
      function f(buf: ArrayBuffer, sizes: WeakMap<object, number>) {
        const view = /*!*/acquire(buf, 'immutable');
        sizes.set(view, view.length);
      }
    `),
    leak('a splice that removes without inserting the view keeps nothing', `
      function f(buf: ArrayBuffer, all: unknown[]) {
        const view = /*!*/acquire(buf, 'immutable');
        all.splice(view.length, 1);
      }
    `),
    leak('correlated branches, near miss: the condition is reassigned between the tests', `
      function f(buf: ArrayBuffer, flag: boolean, other: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (flag) release(view);
        flag = other;
        if (!flag) release(view);
      }
    `),
    leak('correlated branches, near miss: two different conditions', `
      function f(buf: ArrayBuffer, flag: boolean, other: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (flag) release(view);
        if (!other) release(view);
      }
    `),
    leak('correlated branches, near miss: a condition with a call', `
      function f(buf: ArrayBuffer, ready: () => boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (ready()) release(view);
        if (!ready()) release(view);
      }
    `),
    leak('correlated branches, near miss: a closure writes the condition', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        const toggle = () => {
          flag = !flag;
        };
        if (flag) release(view);
        toggle();
        if (!flag) release(view);
      }
    `),
    leak('an awaited acquireAsync not released', `
      async function f(buf: ArrayBuffer) {
        const view = await /*!*/acquireAsync(buf, 'exclusive');
        view.fill(0);
      }
    `),
    leak('released behind && (no-floating-promises: &&)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        c && release(view);
      }
    `),
    leak('released behind || (no-floating-promises: ||)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        c || release(view);
      }
    `),
    leak('released in one arm of a ternary (no-floating-promises: ternary)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        c ? release(view) : view.fill(0);
      }
    `),
    leak('released behind an optional chain (no-floating-promises: optional chain)', `
      function f(buf: ArrayBuffer, hooks: { done?: (view: unknown) => void } | undefined) {
        const view = /*!*/acquire(buf, 'exclusive');
        hooks?.done?.(release(view));
      }
    `),
    leak('a comma expression that only reads (no-floating-promises: comma)', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        (view.fill(0), view.at(0));
      }
    `),
    leakWithoutSuggestion('acquired behind ?? and never released (no-floating-promises: ??)', `
      function f(buf: ArrayBuffer, cached: ImmutableView<Uint8Array<ArrayBuffer>> | undefined) {
        const view = cached ?? /*!*/acquire(buf, 'immutable');
        view.at(0);
      }
    `),
    leak('releasing a sub-view does not release its parent', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        const tail = view.subarray(4);
        release(tail);
      }
    `),
    leak('a generator that returns early', `
      function* f(buf: ArrayBuffer, skip: boolean) {
        const view = /*!*/acquire(buf, 'immutable');
        if (skip) return;
        yield view.at(0);
        release(view);
      }
    `),
    leak('held across a yield: an abandoned generator never resumes to the release', `
      function* f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'immutable');
        yield view.at(0);
        release(view);
      }
    `),
    leak('an async function that returns early after an await', `
      async function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        await tick();
        if (view.length === 0) return;
        release(view);
      }
    `),
    leak('a synchronous callback uses the view but nobody releases it (prefer-readonly: closure)', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = /*!*/acquire(buf, 'exclusive');
        items.forEach((item, index) => {
          view[index] = item;
        });
      }
    `),
    leak('one of two views released', `
      function f(buf: ArrayBuffer) {
        const head = acquire(buf, 'immutable', { byteLength: 4 });
        const body = /*!*/acquire(buf, 'immutable', { byteOffset: 4 });
        release(head);
        body.at(0);
      }
    `),
    leak('passed to a function that does not take ownership', `
      declare function consume(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        consume(view);
      }
    `),
    leak('an arrow function body', `
      const f = (buf: ArrayBuffer) => {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      };
    `),
    leak('a class method', `
      class Writer {
        write(buf: ArrayBuffer) {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        }
      }
    `),
    leak('a class static block', `
      const shared = new ArrayBuffer(8);
      class Table {
        static {
          const view = /*!*/acquire(shared, 'exclusive');
          view.fill(0);
        }
      }
    `),
    leakWithoutSuggestion('an unbound acquisition at module level', `
      const memory = new ArrayBuffer(8);
      /*!*/acquire(memory, 'exclusive').fill(0);
    `),
    leak('an immediately invoked function', `
      const memory = new ArrayBuffer(8);
      (() => {
        const view = /*!*/acquire(memory, 'exclusive');
        view.fill(0);
      })();
    `),
    leak('reported once, in the inner function that leaks', `
      function outer(buf: ArrayBuffer) {
        const a = acquire(buf, 'immutable');
        const inner = () => {
          const b = /*!*/acquire(buf, 'immutable');
          return b.at(0);
        };
        inner();
        release(a);
      }
    `),
    leak('a do-while that exits before the release', `
      function f(buf: ArrayBuffer, n: number) {
        let i = 0;
        do {
          const view = /*!*/acquire(buf, 'exclusive');
          if (i > n) break;
          release(view);
        } while (i++ < n);
      }
    `),
    leak('released on the empty path only', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'immutable');
        if (view.length === 0) {
          release(view);
          return 0;
        }
        return view.at(0);
      }
    `),
    leakOnThrow('exceptionPaths: a call between acquire and release (rustc: a borrow live across a panic)', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        work(view);
        release(view);
      }
    `),
    leakOnThrow('exceptionPaths: an explicit throw while held', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (view.length === 0) throw new Error('empty');
        release(view);
      }
    `),
    leakOnThrow('exceptionPaths: an await that may reject (return-await: without finally)', `
      async function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        await tick();
        release(view);
      }
    `),
    leakOnThrow('exceptionPaths: a catch that rethrows without releasing', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          work(view);
        } catch (error) {
          throw error;
        }
        release(view);
      }
    `),
    invalid('both a leak on return and the exception path are one report', `
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        work(view);
        if (c) return;
        release(view);
      }
    `, ['unreleased'], { options: [...strict], suggestions: [usingSuggestion(`
      declare function work(view: unknown): void;
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        work(view);
        if (c) return;
        release(view);
      }
    `)] }),
    leakWithoutSuggestion('a view returned on one path escapes, so no using suggestion; the other path leaks', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (c) return view;
        return null;
      }
    `),
    leak('break out of try/finally whose finally releases only on one branch', `
      function f(buf: ArrayBuffer, skip: boolean, keep: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        body: {
          try {
            if (skip) break body;
            view[0] = 1;
            release(view);
          } finally {
            if (!keep) release(view);
          }
        }
      }
    `),
    leak('continue out of try/finally whose finally does not release', `
      function f(buf: ArrayBuffer, items: readonly number[]) {
        for (const item of items) {
          const view = /*!*/acquire(buf, 'exclusive');
          try {
            if (item < 0) continue;
            view[0] = item;
            release(view);
          } finally {
            void item;
          }
        }
      }
    `, 'unreleasedOnRepeat'),
    leak('return through a finally that does not release', `
      function f(buf: ArrayBuffer, done: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          if (done) return;
          view[0] = 1;
        } finally {
          void done;
        }
        release(view);
      }
    `),
    leak('a generator abandoned at a yield inside try/finally whose finally does not release', `
      function* f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          yield view.length;
        } finally {
          void buf;
        }
        release(view);
      }
    `),
    leakOnThrow('exceptionPaths: a return that releases through a finally that does not; the exception path still leaks', `
      function f(buf: ArrayBuffer, done: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          if (done) {
            release(view);
            return;
          }
          view[0] = 1;
        } finally {
          void done;
        }
        release(view);
      }
    `),
  ],
});
