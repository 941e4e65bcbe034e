/**
 * no-use-after-release. Cases name the shape they port: rustc borrowck/NLL UI tests (use after
 * the borrow ends; conditional release in loops; assignment killing a binding; closures capturing
 * a view used after release) and typescript-eslint's flow-heavy suites (`no-floating-promises`
 * through ternaries, `&&`/`||`/`??`, comma and optional chains; `prefer-readonly` writes through
 * destructuring and closures).
 */
import rule, { type MessageId } from '../../src/rules/no-use-after-release.js';
import { ruleTester } from '../rule-tester.js';
import { caseBuilders } from './lifetime-cases.js';

const { invalid, valid } = caseBuilders<MessageId, []>();

const definite = 'usedAfterRelease' as const;
const maybe = 'usedAfterReleaseOnSomePaths' as const;

ruleTester.run('no-use-after-release', rule, {
  valid: [
    valid('used before the release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `),
    valid('released under if (flag), used only under if (!flag) (correlated branches)', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = acquire(buf, 'exclusive');
        if (flag) release(view);
        if (!flag) {
          view.fill(0);
          release(view);
        }
      }
    `),
    valid('a second release is a no-op, not a use', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        release(view);
      }
    `),
    valid('isReleased after release', `
      import { isReleased } from 'xorview';
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        return isReleased(view);
      }
    `),
    valid('typeof, comparisons and instanceof only look at the reference', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        const kind = typeof view;
        const same = view === null || view !== undefined;
        return view instanceof Uint8Array ? kind : same;
      }
    `),
    valid('truthiness tests only look at the reference', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        if (view) console.log('had a view');
        while (!view) break;
        return void view;
      }
    `),
    valid('reassigned after release, then used (rustc: assignment kills a binding)', `
      function f(buf: ArrayBuffer) {
        let view = acquire(buf, 'exclusive');
        release(view);
        view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `),
    valid('a new view each iteration (rustc: borrow in loop head)', `
      function f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          const view = acquire(buf, 'exclusive');
          view[0] = i;
          release(view);
        }
      }
    `),
    valid('released in finally, nothing after', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          view.fill(0);
        } finally {
          release(view);
        }
      }
    `),
    valid('using: every use is inside the scope', `
      function f(buf: ArrayBuffer) {
        {
          using view = acquire(buf, 'exclusive');
          view.fill(0);
        }
        return buf.byteLength;
      }
    `),
    valid('a closure defined before the release and never called after it', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const read = () => view[0];
        const first = read();
        release(view);
        return first;
      }
    `),
    valid('a callback capturing a held view (its lateness is for no-view-escape)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => view.fill(0), 10);
      }
    `),
    valid('an alias reassigned to a fresh view before its use', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        let alias = view;
        release(view);
        alias = acquire(buf, 'immutable');
        alias.at(0);
        release(alias);
      }
    `),
    valid('a sub-view of another, still held view', `
      function f(a: ArrayBuffer, b: ArrayBuffer) {
        const first = acquire(a, 'exclusive');
        const second = acquire(b, 'exclusive');
        const tail = second.subarray(2);
        release(first);
        tail.fill(0);
        release(second);
      }
    `),
    valid('one view released, another used', `
      function f(buf: ArrayBuffer) {
        const head = acquire(buf, 'immutable', { byteLength: 4 });
        const body = acquire(buf, 'immutable', { byteOffset: 4 });
        release(head);
        body.at(0);
        release(body);
      }
    `),
    valid('set to undefined after release', `
      function f(buf: ArrayBuffer) {
        let view: ExclusiveView<Uint8Array<ArrayBuffer>> | undefined = acquire(buf, 'exclusive');
        release(view);
        view = undefined;
        return view?.[0];
      }
    `),
    valid('released in one branch, used only in the other', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) {
          release(view);
        } else {
          view.fill(0);
          release(view);
        }
      }
    `),
    valid('an early return right after the release', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) {
          release(view);
          return 0;
        }
        const first = view[0];
        release(view);
        return first;
      }
    `),
    valid('break right after the release in a loop', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = acquire(buf, 'exclusive');
        for (const item of items) {
          if (item < 0) {
            release(view);
            break;
          }
        }
      }
    `),
    valid('a ternary that picks the other view (no-floating-promises: ternary)', `
      function f(a: ArrayBuffer, b: ArrayBuffer, c: boolean) {
        const first = acquire(a, 'immutable');
        const second = acquire(b, 'immutable');
        release(first);
        const chosen = c ? second : second.subarray(1);
        chosen.at(0);
        release(second);
      }
    `),
    valid('no views at all', `
      function f(bytes: Uint8Array) {
        const copy = bytes.slice();
        copy.fill(0);
        return copy;
      }
    `),
    valid('a view parameter used without release', `
      function sum(view: ImmutableView<Uint8Array<ArrayBuffer>>) {
        let total = 0;
        for (const byte of view) total += byte;
        return total;
      }
    `),
    valid('an object literal: one field released, the other used', `
      function f(buf: ArrayBuffer) {
        const parts = { head: acquire(buf, 'immutable', { byteLength: 4 }), body: acquire(buf, 'immutable', { byteOffset: 4 }) };
        release(parts.head);
        parts.body.at(0);
        release(parts.body);
      }
    `),
    valid('array destructuring picks the unreleased element (prefer-readonly: destructuring)', `
      function f(buf: ArrayBuffer) {
        const pair = [acquire(buf, 'immutable', { byteLength: 4 }), acquire(buf, 'immutable', { byteOffset: 4 })];
        const [, second] = pair;
        release(pair[0]);
        second.at(0);
      }
    `),
    valid('the switch case that releases returns', `
      function f(buf: ArrayBuffer, k: number) {
        const view = acquire(buf, 'exclusive');
        switch (k) {
          case 0:
            release(view);
            return;
          default:
            view.fill(0);
        }
        release(view);
      }
    `),
    valid('DisposableStack: used while the stack lives', `
      function f(buf: ArrayBuffer) {
        using stack = new DisposableStack();
        const view = stack.use(acquire(buf, 'exclusive'));
        view.fill(0);
      }
    `),
    valid('await using: used inside the scope', `
      async function f(buf: ArrayBuffer) {
        await using view = await acquireAsync(buf, 'exclusive');
        await tick();
        view.fill(0);
      }
    `),
    valid('a generator yields before releasing', `
      function* f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        for (const byte of view) yield byte;
        release(view);
      }
    `),
    valid('async: released after the await', `
      async function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        await tick();
        view.fill(0);
        release(view);
      }
    `),
    valid('a cleanup closure defined but called last', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const cleanup = () => release(view);
        view.fill(0);
        cleanup();
      }
    `),
    valid('a closure that would release is never called', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const cleanup = () => release(view);
        view.fill(0);
        return cleanup;
      }
    `),
    valid('destructuring assignment replaces the binding', `
      function f(buf: ArrayBuffer) {
        let view = acquire(buf, 'exclusive');
        release(view);
        [view] = [acquire(buf, 'exclusive')];
        view.fill(0);
        release(view);
      }
    `),
    valid('labelled continue after the release, re-acquired at the top', `
      function f(buf: ArrayBuffer, rows: number[][]) {
        outer: for (const row of rows) {
          const view = acquire(buf, 'exclusive');
          for (const cell of row) {
            if (cell < 0) {
              release(view);
              continue outer;
            }
            view[0] = cell;
          }
          release(view);
        }
      }
    `),
    valid('?? falls back to a fresh view when the first was released (no-floating-promises: ??)', `
      function f(buf: ArrayBuffer, cached: ImmutableView<Uint8Array<ArrayBuffer>> | undefined) {
        const view = cached ?? acquire(buf, 'immutable');
        view.at(0);
      }
    `),
    valid('&& guards an unrelated value (no-floating-promises: &&)', `
      function f(buf: ArrayBuffer, ready: boolean) {
        const view = acquire(buf, 'exclusive');
        ready && view.fill(0);
        release(view);
      }
    `),
    valid('comma: the release comes last (no-floating-promises: comma)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        (view.fill(0), release(view));
      }
    `),
    valid('optional chain on another object (no-floating-promises: optional chain)', `
      function f(buf: ArrayBuffer, log?: { write(view: object): void }) {
        const view = acquire(buf, 'exclusive');
        log?.write(view);
        release(view);
      }
    `),
    valid('the closure writes a fresh view into the binding (prefer-readonly: closure write)', `
      function f(buf: ArrayBuffer) {
        let view = acquire(buf, 'exclusive');
        const renew = () => {
          view = acquire(buf, 'exclusive');
        };
        view.fill(0);
        release(view);
        renew();
      }
    `),
    valid('a using scope that ends after the last use', `
      function f(buf: ArrayBuffer, items: number[]) {
        for (const item of items) {
          using view = acquire(buf, 'exclusive');
          view[0] = item;
        }
      }
    `),
    valid('released through Symbol.dispose at the end', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        view[Symbol.dispose]();
      }
    `),
    valid('a released borrowed view in one function, a fresh one in another', `
      function done(view: ExclusiveView<Uint8Array<ArrayBuffer>>) {
        release(view);
      }
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        done(view);
      }
    `),
  ],
  invalid: [
    invalid('read after release (rustc: use of a borrow after it ends)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        return /*!*/view[0];
      }
    `, [definite]),
    invalid('write after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        /*!*/view[0] = 1;
      }
    `, [definite]),
    invalid('method call after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('passed to a function after release', `
      declare function work(view: object): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        work(/*!*/view);
      }
    `, [definite]),
    invalid('spread after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        release(view);
        return [.../*!*/view];
      }
    `, [definite]),
    invalid('iterated after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        release(view);
        let total = 0;
        for (const byte of /*!*/view) total += byte;
        return total;
      }
    `, [definite]),
    invalid('an alias used after the original is released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const alias = view;
        release(view);
        /*!*/alias.fill(0);
      }
    `, [definite]),
    invalid('the original used after an alias is released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const alias = view;
        release(alias);
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('a sub-view used after its parent is released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const tail = view.subarray(4);
        release(view);
        /*!*/tail.fill(0);
      }
    `, [definite]),
    invalid('a narrower acquire through a view, used after the view is released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const part = acquire(view, 'exclusive', { byteOffset: 4 });
        release(view);
        /*!*/part.fill(0);
      }
    `, [definite]),
    invalid('array destructuring alias (prefer-readonly: destructuring)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const [alias] = [view];
        release(view);
        /*!*/alias.fill(0);
      }
    `, [definite]),
    invalid('object destructuring alias (prefer-readonly: destructuring)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const { data: alias } = { data: view };
        release(view);
        /*!*/alias.fill(0);
      }
    `, [definite]),
    invalid('after Symbol.dispose', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view[Symbol.dispose]();
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('an alias outliving its using scope (rustc: a view escaping a block)', `
      function f(buf: ArrayBuffer) {
        let kept;
        {
          using view = acquire(buf, 'exclusive');
          kept = view;
        }
        /*!*/kept.fill(0);
      }
    `, [definite]),
    invalid('released in an if, used after it', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) release(view);
        /*!*/view.fill(0);
        release(view);
      }
    `, [maybe]),
    invalid('released behind && (no-floating-promises: &&)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        c && release(view);
        /*!*/view.fill(0);
      }
    `, [maybe]),
    invalid('released in a ternary arm (no-floating-promises: ternary)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        const done = c ? release(view) : undefined;
        /*!*/view.fill(0);
        return done;
      }
    `, [maybe]),
    invalid('released behind ?? (no-floating-promises: ??)', `
      function f(buf: ArrayBuffer, fallback: (() => void) | undefined) {
        const view = acquire(buf, 'exclusive');
        fallback ?? release(view);
        /*!*/view.fill(0);
      }
    `, [maybe]),
    invalid('released behind an optional call (no-floating-promises: optional chain)', `
      function f(buf: ArrayBuffer, hooks?: { before(): void }) {
        const view = acquire(buf, 'exclusive');
        hooks?.before(), release(view);
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('comma: the use comes after the release (no-floating-promises: comma)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        return (release(view), /*!*/view[0]);
      }
    `, [definite]),
    invalid('conditional release in a loop, used on the next iteration (rustc: conditional release in loops)', `
      function f(buf: ArrayBuffer, n: number) {
        const view = acquire(buf, 'exclusive');
        for (let i = 0; i < n; i++) {
          /*!*/view[0] = i;
          if (i === 3) release(view);
        }
      }
    `, [maybe]),
    invalid('released at the end of the body, used at the top of the next iteration', `
      function f(buf: ArrayBuffer, n: number) {
        const view = acquire(buf, 'exclusive');
        let i = 0;
        while (i++ < n) {
          /*!*/view.fill(i);
          release(view);
        }
      }
    `, [maybe]),
    invalid('switch fall-through after a release', `
      function f(buf: ArrayBuffer, k: number) {
        const view = acquire(buf, 'exclusive');
        switch (k) {
          case 0:
            release(view);
          // falls through
          case 1:
            /*!*/view.fill(1);
        }
      }
    `, [maybe]),
    invalid('used after a try/finally that released it (return-await: finally)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          view.fill(0);
        } finally {
          release(view);
        }
        return /*!*/view.at(0);
      }
    `, [definite]),
    invalid('released in catch, used after', `
      declare function work(view: object): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          work(view);
        } catch {
          release(view);
        }
        /*!*/view.fill(0);
      }
    `, [maybe]),
    invalid('a closure capturing the view, called after release (rustc: closure capture then drop)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const read = () => view[0];
        read();
        release(view);
        return /*!*/read();
      }
    `, [definite]),
    invalid('an immediately invoked closure after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        return (() => /*!*/view[0])();
      }
    `, [definite]),
    invalid('a synchronous callback after release (prefer-readonly: closure)', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = acquire(buf, 'exclusive');
        release(view);
        items.forEach((item, index) => {
          /*!*/view[index] = item;
        });
      }
    `, [definite]),
    invalid('a timer callback created after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        setTimeout(() => /*!*/view.fill(0), 10);
      }
    `, [definite]),
    invalid('a borrowed view released and used inside a closure', `
      function f(view: ExclusiveView<Uint8Array<ArrayBuffer>>) {
        return () => {
          release(view);
          /*!*/view.fill(0);
        };
      }
    `, [definite]),
    invalid('a view parameter released, then used', `
      function f(view: ExclusiveView<Uint8Array<ArrayBuffer>>) {
        release(view);
        return /*!*/view.length;
      }
    `, [definite]),
    invalid('a generator uses the view after releasing it', `
      function* f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        yield view.at(0);
        release(view);
        yield /*!*/view.at(1);
      }
    `, [definite]),
    invalid('async: released before an await, used after it', `
      async function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        await tick();
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('optional chaining still uses the view', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        /*!*/view?.fill(0);
      }
    `, [definite]),
    invalid('through a field of a local object', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const frame = { view, id: 1 };
        release(view);
        /*!*/frame.view.fill(0);
      }
    `, [definite]),
    invalid('released through a cast alias', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view as ExclusiveView<Uint8Array<ArrayBuffer>>);
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('released by disposing its DisposableStack', `
      function f(buf: ArrayBuffer) {
        const stack = new DisposableStack();
        const view = stack.use(acquire(buf, 'exclusive'));
        stack.dispose();
        /*!*/view.fill(0);
      }
    `, [definite]),
    invalid('a property read after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        return /*!*/view.byteLength;
      }
    `, [definite]),
    invalid('wrapped in a new typed array after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        release(view);
        return new Uint8Array(/*!*/view);
      }
    `, [definite]),
    invalid('a compound assignment through the view after release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        /*!*/view[0] += 1;
      }
    `, [definite]),
    invalid('a labelled break after the release, used after the loop', `
      function f(buf: ArrayBuffer, rows: number[][]) {
        const view = acquire(buf, 'exclusive');
        scan: for (const row of rows) {
          for (const cell of row) {
            if (cell < 0) {
              release(view);
              break scan;
            }
          }
        }
        /*!*/view.fill(0);
      }
    `, [maybe]),
    invalid('each use after release is reported once', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        /*!*/view.fill(0);
        /*!*/view.fill(1);
      }
    `, [definite, definite]),
    // Correlated branches: the same condition tested twice.
    invalid('released under if (flag), used again under if (flag): definite', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = acquire(buf, 'exclusive');
        if (flag) release(view);
        if (flag) /*!*/view[0] = 1;
        release(view);
      }
    `, [definite]),
    invalid('correlated branches, near miss: the condition is reassigned before the use', `
      function f(buf: ArrayBuffer, flag: boolean) {
        const view = acquire(buf, 'exclusive');
        if (flag) release(view);
        flag = !flag;
        if (!flag) /*!*/view[0] = 1;
        release(view);
      }
    `, [maybe]),
    // Jumps out of try/finally run the finally on their way (rustc: a borrow ended in a cleanup
    // block, used after the block is left by a labelled break).
    invalid('a labelled break leaves through the finally that releases: a use after the block is definite', `
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
        /*!*/view[1] = 2;
      }
    `, [definite]),
    invalid('a break through a finally that releases on one branch only: a use after the loop is on some paths', `
      function f(buf: ArrayBuffer, skip: boolean, keep: boolean) {
        const view = acquire(buf, 'exclusive');
        body: {
          try {
            if (skip) break body;
            view[0] = 1;
          } finally {
            if (!keep) release(view);
          }
        }
        /*!*/view[1] = 2;
        release(view);
      }
    `, [maybe]),
    invalid('continue runs the finally: a use in the next iteration follows its release', `
      function f(buf: ArrayBuffer, items: readonly number[]) {
        const view = acquire(buf, 'exclusive');
        for (const item of items) {
          try {
            if (item < 0) continue;
            /*!*/view[0] = item;
          } finally {
            if (item > 9) release(view);
          }
        }
      }
    `, [maybe]),
  ],
});
