/**
 * no-view-escape. Cases name the shape they port: rustc borrowck/NLL UI tests ("borrowed value
 * does not live long enough": a view escaping a block; closures capturing a view that outlive it;
 * a borrow stored in a longer-lived place) and typescript-eslint's flow-heavy suites (`return-await`
 * with `using` and `finally`; `no-floating-promises` promise callbacks, ternaries, `&&`/`||`/`??`;
 * `prefer-readonly` writes through destructuring and closures).
 */
import rule, { type MessageId } from '../../src/rules/no-view-escape.js';
import { ruleTester } from '../rule-tester.js';
import { caseBuilders } from './lifetime-cases.js';

const { invalid, valid } = caseBuilders<MessageId, []>();

const escapes = 'escapes' as const;

ruleTester.run('no-view-escape', rule, {
  valid: [
    valid('returning an owned view hands it to the caller', `
      function open(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        return view;
      }
    `),
    valid('storing an owned view in a field hands it to the object', `
      class Reader {
        view: unknown;
        open(buf: ArrayBuffer) {
          this.view = acquire(buf, 'immutable');
        }
      }
    `),
    valid('a timer callback that releases the view owns it', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => {
          view.fill(0);
          release(view);
        }, 10);
      }
    `),
    valid('a synchronous callback runs before the release (prefer-readonly: closure)', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = acquire(buf, 'exclusive');
        items.forEach((item, index) => {
          view[index] = item;
        });
        release(view);
      }
    `),
    valid('an immediately invoked function runs before the release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const first = (() => view[0])();
        release(view);
        return first;
      }
    `),
    valid('storing a copy', `
      class Snapshot {
        bytes = new Uint8Array(0);
        take(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          this.bytes = view.slice();
        }
      }
    `),
    valid('storing a value read from the view', `
      let first = 0;
      export function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        first = view[0] ?? 0;
      }
    `),
    valid('returning an element of a using view', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return view[0];
      }
    `),
    valid('yielding elements of a using view', `
      function* bytes(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        for (const byte of view) yield byte;
      }
    `),
    valid('pushing a copy into a collection', `
      export function f(buf: ArrayBuffer, out: Uint8Array[]) {
        using view = acquire(buf, 'immutable');
        out.push(view.slice());
      }
    `),
    // Stores into collections and objects (typescript-eslint prefer-readonly's write shapes through
    // method calls; Roslyn CA2000's "added to a collection" ownership transfer).
    valid('kept by a local Map, then released: the map dies with the function', `
      export function f(buf: ArrayBuffer) {
        const byName = new Map<string, unknown>();
        const view = acquire(buf, 'exclusive');
        byName.set('view', view);
        release(view);
      }
    `),
    valid('a typed array set copies the bytes: releasing the source after it is fine', `
      export function f(buf: ArrayBuffer, out: Uint8Array) {
        const view = acquire(buf, 'immutable');
        out.set(view, 0);
        release(view);
      }
    `),
    valid('a WeakMap keyed by the view holds it weakly', `
      export function f(buf: ArrayBuffer, sizes: WeakMap<object, number>) {
        using view = acquire(buf, 'immutable');
        sizes.set(view, view.length);
      }
    `),
    valid('a stored callback that does not capture the view', `
      class Task {
        done: () => void = () => {};
        run(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          view.fill(0);
          this.done = () => console.log('filled');
        }
      }
    `),
    valid('a deferred callback capturing something else', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        const size = view.length;
        setTimeout(() => console.log(size), 10);
      }
    `),
    valid('a promise reaction that releases the view owns it (no-floating-promises: then)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        tick().then(() => release(view));
      }
    `),
    valid('an alias in a local variable is not an escape', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const alias = view;
        alias.fill(0);
        release(view);
      }
    `),
    valid('a property of a local object literal is not an escape', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const box: { view?: unknown } = {};
        box.view = view;
        release(view);
      }
    `),
    valid('returning the length of a using view', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return view.length;
      }
    `),
    valid('await using, returning a computed value (return-await: using)', `
      async function f(buf: ArrayBuffer) {
        await using view = await acquireAsync(buf, 'immutable');
        await tick();
        return view.reduce((sum, byte) => sum + byte, 0);
      }
    `),
    valid('passing a using view to a synchronous function', `
      declare function checksum(view: ImmutableView<Uint8Array<ArrayBuffer>>): number;
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return checksum(view);
      }
    `),
    valid('a DisposableStack moved to the caller', `
      function f(buf: ArrayBuffer) {
        const stack = new DisposableStack();
        stack.use(acquire(buf, 'immutable'));
        return stack.move();
      }
    `),
    valid('queueMicrotask that releases', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        queueMicrotask(() => release(view));
      }
    `),
    valid('a listener that does not capture the view', `
      declare const target: { addEventListener(type: string, listener: () => void): void };
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        view.fill(0);
        target.addEventListener('done', () => console.log('done'));
      }
    `),
    valid('returned on one path, released on the other', `
      function f(buf: ArrayBuffer, keep: boolean) {
        const view = acquire(buf, 'immutable');
        if (keep) return view;
        release(view);
        return undefined;
      }
    `),
    valid('a borrowed view parameter stored (the caller decides its lifetime)', `
      class Holder {
        view: unknown;
        hold(view: ImmutableView<Uint8Array<ArrayBuffer>>) {
          this.view = view;
        }
      }
    `),
    valid('a deferred callback created after the release captures nothing', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        setTimeout(() => console.log('released'), 10);
      }
    `),
    valid('a promise reaction capturing a copy', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        const copy = view.slice();
        void tick().then(() => copy.at(0));
      }
    `),
    valid('a sub-view returned while its parent stays held', `
      function tail(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        return view.subarray(4);
      }
    `),
    valid('a closure given to a synchronous map, then the release', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = acquire(buf, 'immutable');
        const read = (index: number) => view[index];
        const values = items.map(read);
        release(view);
        return values;
      }
    `),
    valid('a return inside try whose finally does not release (return-await: finally)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        try {
          return view;
        } finally {
          console.log('done');
        }
      }
    `),
    valid('a nested function returns its own view', `
      function outer(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        const open = () => acquire(buf, 'immutable', { byteLength: 4 });
        return { first: view[0], open };
      }
    `),
    valid('the previous view is released before the variable takes the next', `
      function f(buf: ArrayBuffer, n: number) {
        let current = acquire(buf, 'exclusive');
        for (let i = 0; i < n; i++) {
          release(current);
          current = acquire(buf, 'exclusive');
        }
        release(current);
      }
    `),
    valid('a static field keeps an owned view', `
      const shared = new ArrayBuffer(8);
      class Table {
        static header: unknown;
        static {
          Table.header = acquire(shared, 'immutable');
        }
      }
    `),
    valid('throwing an error built from the view contents', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        if (view[0] !== 1) throw new Error(String(view[0]));
      }
    `),
    valid('a copy kept across a block', `
      function f(buf: ArrayBuffer) {
        let kept = new Uint8Array(0);
        {
          using view = acquire(buf, 'immutable');
          kept = view.slice();
        }
        return kept;
      }
    `),
    valid('released before a store (that use is reported by no-use-after-release)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          release(view);
          this.view = view;
        }
      }
    `),
    valid('a using view returned from a nested arrow that acquires its own', `
      function f(buf: ArrayBuffer) {
        return () => {
          const view = acquire(buf, 'exclusive');
          return view;
        };
      }
    `),
    valid('&& guards a store of a fresh view (no-floating-promises: &&)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer, keep: boolean) {
          keep && (this.view = acquire(buf, 'immutable'));
        }
      }
    `),
    valid('?? stores an owned view (no-floating-promises: ??)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          this.view = this.view ?? acquire(buf, 'immutable');
        }
      }
    `),
    valid('a ternary returns an owned view or nothing (no-floating-promises: ternary)', `
      function f(buf: ArrayBuffer, want: boolean) {
        return want ? acquire(buf, 'immutable') : undefined;
      }
    `),
    valid('a callback acquires and releases its own view', `
      function f(buf: ArrayBuffer) {
        setTimeout(() => {
          const view = acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        }, 10);
      }
    `),
    valid('destructuring a copy out of a using view (prefer-readonly: destructuring)', `
      let header = 0;
      export function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        [header = 0] = view;
      }
    `),
  ],
  invalid: [
    invalid('returning a using view (rustc: a view escaping its block)', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return /*!*/view;
      }
    `, [escapes]),
    invalid('returning a sub-view of a using view', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return /*!*/view.subarray(4);
      }
    `, [escapes]),
    invalid('returning a using view inside an object literal', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return /*!*/{ view, size: view.length };
      }
    `, [escapes]),
    invalid('returning a closure over a using view (rustc: closure may outlive the borrow)', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        return /*!*/() => view[0];
      }
    `, [escapes]),
    invalid('throwing a using view', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        throw /*!*/view;
      }
    `, [escapes]),
    invalid('yielding a using view', `
      function* f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        yield /*!*/view;
      }
    `, [escapes]),
    invalid('yielding a view released after the generator resumes', `
      function* f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        yield /*!*/view;
        release(view);
      }
    `, [escapes]),
    invalid('stored in a field, then released (rustc: borrow stored in a longer-lived place)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.view = view;
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored in a variable of the enclosing function, then released', `
      function outer(buf: ArrayBuffer) {
        let kept: unknown;
        function inner() {
          const view = acquire(buf, 'exclusive');
          /*!*/kept = view;
          release(view);
        }
        inner();
        return kept;
      }
    `, [escapes]),
    invalid('stored in a module variable, then released', `
      let current: unknown;
      export function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        /*!*/current = view;
        release(view);
      }
    `, [escapes]),
    invalid('stored in a module variable from a using scope', `
      let current: unknown;
      export function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        /*!*/current = view;
      }
    `, [escapes]),
    invalid('pushed into an outside collection, then released', `
      export function f(buf: ArrayBuffer, all: unknown[]) {
        const view = acquire(buf, 'exclusive');
        /*!*/all.push(view);
        release(view);
      }
    `, [escapes]),
    invalid('added to a set held by a field, from a using scope', `
      class Registry {
        views = new Set<unknown>();
        f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          /*!*/this.views.add(view);
        }
      }
    `, [escapes]),
    invalid('unshifted into an outside collection, then released', `
      export function f(buf: ArrayBuffer, all: unknown[]) {
        const view = acquire(buf, 'exclusive');
        /*!*/all.unshift(view);
        release(view);
      }
    `, [escapes]),
    invalid('set into a Map held by a field, then released', `
      class Cache {
        readonly byName = new Map<string, unknown>();
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.byName.set('view', view);
          release(view);
        }
      }
    `, [escapes]),
    invalid('spliced into an outside array, then released', `
      export function f(buf: ArrayBuffer, all: unknown[]) {
        const view = acquire(buf, 'exclusive');
        /*!*/all.splice(0, 0, view);
        release(view);
      }
    `, [escapes]),
    invalid('assigned onto an outside object by Object.assign, from a using scope', `
      export function f(buf: ArrayBuffer, target: object) {
        using view = acquire(buf, 'exclusive');
        /*!*/Object.assign(target, { view });
      }
    `, [escapes]),
    invalid('stored by Reflect.set on an outside object, then released', `
      export function f(buf: ArrayBuffer, target: object) {
        const view = acquire(buf, 'exclusive');
        /*!*/Reflect.set(target, 'view', view);
        release(view);
      }
    `, [escapes]),
    invalid('added to a WeakSet passed in, then released', `
      export function f(buf: ArrayBuffer, seen: WeakSet<object>) {
        const view = acquire(buf, 'exclusive');
        /*!*/seen.add(view);
        release(view);
      }
    `, [escapes]),
    invalid('the key of a Map passed in, then released', `
      export function f(buf: ArrayBuffer, sizes: Map<object, number>) {
        const view = acquire(buf, 'exclusive');
        /*!*/sizes.set(view, view.length);
        release(view);
      }
    `, [escapes]),
    invalid('a local Map that keeps the view is stored in a field, then the view is released', `
      class Cache {
        current = new Map<string, unknown>();
        f(buf: ArrayBuffer) {
          const byName = new Map<string, unknown>();
          const view = acquire(buf, 'exclusive');
          byName.set('view', view);
          /*!*/this.current = byName;
          release(view);
        }
      }
    `, [escapes]),
    invalid('captured by setTimeout, then released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => /*!*/view.fill(0), 10);
        release(view);
      }
    `, [escapes]),
    invalid('captured by setInterval from a using scope', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        setInterval(() => /*!*/view.fill(0), 10);
      }
    `, [escapes]),
    invalid('captured by queueMicrotask, then released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        queueMicrotask(() => /*!*/view.fill(0));
        release(view);
      }
    `, [escapes]),
    invalid('captured by a promise reaction, then released (no-floating-promises: then)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        void tick().then(() => /*!*/view.fill(0));
        release(view);
      }
    `, [escapes]),
    invalid('captured by catch and finally reactions of a using view (no-floating-promises: catch/finally)', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        void tick().catch(() => /*!*/view.fill(1)).finally(() => console.log('x'));
      }
    `, [escapes]),
    invalid('captured by an event listener, then released', `
      declare const target: { addEventListener(type: string, listener: () => void): void };
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        target.addEventListener('data', () => /*!*/view.fill(0));
        release(view);
      }
    `, [escapes]),
    invalid('captured by an emitter listener from a using scope', `
      declare const emitter: { on(event: string, listener: () => void): void };
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        emitter.on('data', () => /*!*/view.fill(0));
      }
    `, [escapes]),
    invalid('captured by process.nextTick, then released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        process.nextTick(() => /*!*/view.fill(0));
        release(view);
      }
    `, [escapes]),
    invalid('captured by requestAnimationFrame from a using scope', `
      declare function requestAnimationFrame(callback: () => void): number;
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        requestAnimationFrame(() => /*!*/view.fill(0));
      }
    `, [escapes]),
    invalid('a callback stored in a field, then the view released (prefer-readonly: closure)', `
      class Task {
        later: () => void = () => {};
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.later = () => view.fill(0);
          release(view);
        }
      }
    `, [escapes]),
    invalid('returned from try, released in finally (return-await: try/finally)', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        try {
          return /*!*/view;
        } finally {
          release(view);
        }
      }
    `, [escapes]),
    invalid('returned from try in a using scope whose finally does other work (return-await: using + finally)', `
      async function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        try {
          return /*!*/view.subarray(1);
        } finally {
          await tick();
        }
      }
    `, [escapes]),
    invalid('returned from an async function through await (return-await: using)', `
      async function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        await tick();
        return /*!*/view;
      }
    `, [escapes]),
    invalid('a closure variable handed to setTimeout, then released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const task = () => view.fill(0);
        setTimeout(/*!*/task, 10);
        release(view);
      }
    `, [escapes]),
    invalid('stored through a destructured alias (prefer-readonly: destructuring)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          const [alias] = [view];
          /*!*/this.view = alias;
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored in a loop, released at the end of each iteration', `
      export function f(buf: ArrayBuffer, n: number, log: unknown[]) {
        for (let i = 0; i < n; i++) {
          const view = acquire(buf, 'immutable');
          /*!*/log.push(view);
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored on one branch, released after it', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer, keep: boolean) {
          const view = acquire(buf, 'exclusive');
          if (keep) /*!*/this.view = view;
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored through a ternary (no-floating-promises: ternary)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer, keep: boolean) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.view = keep ? view : null;
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored through ?? (no-floating-promises: ??)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.view = this.view ?? view;
          release(view);
        }
      }
    `, [escapes]),
    invalid('stored through || from a using scope (no-floating-promises: ||)', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          /*!*/this.view ||= view;
        }
      }
    `, [escapes]),
    invalid('stored through a non-null assertion target', `
      function f(buf: ArrayBuffer, holder: { view?: unknown } | undefined) {
        using view = acquire(buf, 'exclusive');
        /*!*/holder!.view = view;
      }
    `, [escapes]),
    invalid('a static block stores a view it then releases', `
      const shared = new ArrayBuffer(8);
      class Table {
        static header: unknown;
        static {
          const view = acquire(shared, 'immutable');
          /*!*/Table.header = view;
          release(view);
        }
      }
    `, [escapes]),
    invalid('yielded from a per-iteration using scope', `
      function* f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          using view = acquire(buf, 'immutable', { byteOffset: i });
          yield /*!*/view;
        }
      }
    `, [escapes]),
    invalid('captured by a subscription, then released', `
      declare const source: { subscribe(listener: () => void): void };
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        source.subscribe(() => /*!*/view.fill(0));
        release(view);
      }
    `, [escapes]),
    invalid('both a store and a return of the same using view', `
      let last: unknown;
      export function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'immutable');
        /*!*/last = view;
        return /*!*/view;
      }
    `, [escapes, escapes]),
    invalid('a sub-view stored, then its parent released', `
      class Holder {
        tail: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          /*!*/this.tail = view.subarray(4);
          release(view);
        }
      }
    `, [escapes]),
    invalid('an exported function stores into a module let', `
      export let latest: unknown;
      export function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        /*!*/latest = view;
        view[Symbol.dispose]();
      }
    `, [escapes]),
  ],
});
