/**
 * prefer-using. Every invalid case asserts the exact suggestion output. Shapes ported from
 * typescript-eslint's `return-await` suite (`using` and `try`/`finally` around a return) and
 * rustc's scope-end drops (the release `using` would do at the block's end); the valid cases are
 * the ones where `using` would change behaviour (release before later code, escapes, branches).
 */
import rule, { type MessageId } from '../../src/rules/prefer-using.js';
import { ruleTester } from '../rule-tester.js';
import { caseBuilders } from './lifetime-cases.js';

const { invalid, valid } = caseBuilders<MessageId, []>();

/** An invalid case with one report at the mark and its `using` rewrite. */
function prefer(name: string, body: string, output: string) {
  return invalid(name, body, ['preferUsing'], { suggestions: [[{ messageId: 'rewriteWithUsing', body: output }]] });
}

ruleTester.run('prefer-using', rule, {
  valid: [
    valid('already using', `
      function f(buf: ArrayBuffer) {
        using view = acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    valid('released before later statements', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
        console.log('released');
      }
    `),
    valid('released on one branch only (that is no-unreleased-view\\u2019s report)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) release(view);
      }
    `),
    valid('returned on one path', `
      function f(buf: ArrayBuffer, keep: boolean) {
        const view = acquire(buf, 'exclusive');
        if (keep) return view;
        release(view);
        return undefined;
      }
    `),
    valid('stored in a field before the release', `
      class Holder {
        view: unknown;
        f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          this.view = view;
          release(view);
        }
      }
    `),
    valid('a let that is reassigned', `
      function f(buf: ArrayBuffer) {
        let view = acquire(buf, 'exclusive');
        release(view);
        view = acquire(buf, 'exclusive');
        release(view);
      }
    `),
    valid('released before a transfer that needs it released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
        return buf.transfer();
      }
    `),
    valid('released twice', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) release(view);
        release(view);
      }
    `),
    valid('try/catch/finally: the catch does more', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          view.fill(0);
        } catch (error) {
          console.error(error);
        } finally {
          release(view);
        }
      }
    `),
    valid('finally does other work too', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          view.fill(0);
        } finally {
          release(view);
          console.log('done');
        }
      }
    `),
    valid('released in a nested block, not at the end of its own', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        {
          view.fill(0);
          release(view);
        }
      }
    `),
    valid('a conditional release at the end', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        c && release(view);
      }
    `),
    valid('bound through destructuring', `
      function f(buf: ArrayBuffer) {
        const [view] = [acquire(buf, 'exclusive')];
        release(view);
      }
    `),
    valid('several declarators', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive'), size = 4;
        view.fill(size);
        release(view);
      }
    `),
    valid('a tryAcquire result is no disposable', `
      function f(buf: ArrayBuffer) {
        const result = tryAcquire(buf, 'exclusive');
        if (!result.ok) return;
        const view = result.view;
        view.fill(0);
        release(view);
      }
    `),
    valid('a view parameter released at the end (not acquired here)', `
      function done(view: ExclusiveView<Uint8Array<ArrayBuffer>>) {
        view.fill(0);
        release(view);
      }
    `),
    valid('acquired in a block, released after it', `
      function f(buf: ArrayBuffer, c: boolean) {
        let view;
        if (c) {
          view = acquire(buf, 'exclusive');
        } else {
          view = acquire(buf, 'immutable');
        }
        release(view);
      }
    `),
    valid('handed to an owning function', `
      /** @xorview-takes-ownership view */
      declare function adopt(view: object): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        adopt(view);
      }
    `),
    valid('a callback releases it later', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => release(view), 10);
      }
    `),
    valid('a cleanup closure releases it', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const done = () => release(view);
        view.fill(0);
        done();
      }
    `),
    valid('released before returning a call result', `
      declare function next(): number;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
        return next();
      }
    `),
    valid('adopted by a DisposableStack', `
      function f(buf: ArrayBuffer) {
        using stack = new DisposableStack();
        const view = stack.use(acquire(buf, 'exclusive'));
        view.fill(0);
      }
    `),
    valid('released in a loop over a collection', `
      function f(buf: ArrayBuffer) {
        const views = [acquire(buf, 'immutable'), acquire(buf, 'immutable')];
        for (const view of views) release(view);
      }
    `),
    valid('acquired before a loop, released at the end of its body', `
      function f(buf: ArrayBuffer, n: number) {
        const view = acquire(buf, 'exclusive');
        for (let i = 0; i < n; i++) {
          view[0] = i;
          if (i === n - 1) release(view);
        }
      }
    `),
    valid('disposed in the middle of the block', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view[Symbol.dispose]();
        console.log('disposed');
      }
    `),
    valid('an early return skips the release (no-unreleased-view reports it)', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = acquire(buf, 'exclusive');
        if (c) return;
        release(view);
      }
    `),
    valid('the return value uses the view after its release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        release(view);
        return view;
      }
    `),
    valid('no views at all', `
      function f(bytes: Uint8Array) {
        const copy = bytes.slice();
        copy.fill(0);
        return copy;
      }
    `),
    valid('a view that is never released', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    valid('returned directly', `
      function f(buf: ArrayBuffer) {
        return acquire(buf, 'exclusive');
      }
    `),
    valid('released in a switch case', `
      function f(buf: ArrayBuffer, k: number) {
        const view = acquire(buf, 'exclusive');
        switch (k) {
          default:
            release(view);
        }
      }
    `),
    valid('pushed into an outside list', `
      export function f(buf: ArrayBuffer, all: unknown[]) {
        const view = acquire(buf, 'exclusive');
        all.push(view);
        release(view);
      }
    `),
    valid('a sub-view released at the end instead of its parent', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        const tail = view.subarray(4);
        release(tail);
        release(view);
        console.log('done');
      }
    `),
    valid('yielded before the release', `
      function* f(buf: ArrayBuffer) {
        const view = acquire(buf, 'immutable');
        yield view;
        release(view);
      }
    `),
    valid('released through another function', `
      declare function cleanup(view: object): void;
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        view.fill(0);
        cleanup(view);
      }
    `),
    valid('release and an unrelated statement in finally-less try', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        try {
          view.fill(0);
          release(view);
        } catch {
          release(view);
        }
      }
    `),
    valid('a var declaration', `
      function f(buf: ArrayBuffer) {
        var view = acquire(buf, 'exclusive');
        release(view);
      }
    `),
    valid('captured by a deferred callback before the release', `
      function f(buf: ArrayBuffer) {
        const view = acquire(buf, 'exclusive');
        setTimeout(() => view.fill(0), 10);
        release(view);
      }
    `),
    valid('released in the declaring block of an if, with an else that does not acquire', `
      function f(buf: ArrayBuffer, c: boolean) {
        if (c) {
          const view = acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
          console.log('x');
        }
      }
    `),
    valid('the finally releases a different view', `
      function f(buf: ArrayBuffer) {
        const first = acquire(buf, 'immutable');
        const second = acquire(buf, 'immutable');
        try {
          first.at(0);
        } finally {
          release(second);
        }
        release(first);
        console.log('x');
      }
    `),
  ],
  invalid: [
    prefer('released as the last statement', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('released before returning a computed value (return-await: using)', `
      function sum(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'immutable');
        const total = view.reduce((a, b) => a + b, 0);
        release(view);
        return total;
      }
    `, `
      function sum(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'immutable');
        const total = view.reduce((a, b) => a + b, 0);
        return total;
      }
    `),
    prefer('try/finally that only releases (return-await: finally)', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          view.fill(0);
        } finally {
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('try/finally around several statements and a return', `
      async function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
          view.fill(0);
          await tick();
          return view.at(0);
        } finally {
          release(view);
        }
      }
    `, `
      async function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        await tick();
        return view.at(0);
      }
    `),
    prefer('a let declaration', `
      function f(buf: ArrayBuffer) {
        let view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('in a nested block', `
      function f(buf: ArrayBuffer) {
        {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        }
      }
    `),
    prefer('in a loop body (rustc: drop at the end of each iteration)', `
      function f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          const view = /*!*/acquire(buf, 'exclusive');
          view[0] = i;
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer, n: number) {
        for (let i = 0; i < n; i++) {
          using view = /*!*/acquire(buf, 'exclusive');
          view[0] = i;
        }
      }
    `),
    prefer('in an arrow function', `
      const f = (buf: ArrayBuffer) => {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      };
    `, `
      const f = (buf: ArrayBuffer) => {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      };
    `),
    prefer('in a class method', `
      class Writer {
        write(buf: ArrayBuffer) {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
          release(view);
        }
      }
    `, `
      class Writer {
        write(buf: ArrayBuffer) {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
        }
      }
    `),
    prefer('in a class static block', `
      const shared = new ArrayBuffer(8);
      class Table {
        static {
          const view = /*!*/acquire(shared, 'exclusive');
          view.fill(0);
          release(view);
        }
      }
    `, `
      const shared = new ArrayBuffer(8);
      class Table {
        static {
          using view = /*!*/acquire(shared, 'exclusive');
          view.fill(0);
        }
      }
    `),
    prefer('at module level', `
      const memory = new ArrayBuffer(8);
      const header = /*!*/acquire(memory, 'exclusive');
      header.fill(0);
      release(header);
    `, `
      const memory = new ArrayBuffer(8);
      using header = /*!*/acquire(memory, 'exclusive');
      header.fill(0);
    `),
    prefer('released through Symbol.dispose', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        view[Symbol.dispose]();
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('an awaited acquireAsync', `
      async function f(buf: ArrayBuffer) {
        const view = await /*!*/acquireAsync(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `, `
      async function f(buf: ArrayBuffer) {
        using view = await /*!*/acquireAsync(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('branches in between that all fall through', `
      function f(buf: ArrayBuffer, c: boolean) {
        const view = /*!*/acquire(buf, 'exclusive');
        if (c) {
          view.fill(1);
        } else {
          view.fill(2);
        }
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer, c: boolean) {
        using view = /*!*/acquire(buf, 'exclusive');
        if (c) {
          view.fill(1);
        } else {
          view.fill(2);
        }
      }
    `),
    prefer('a loop in between', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        for (let i = 0; i < view.length; i++) view[i] = i;
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        for (let i = 0; i < view.length; i++) view[i] = i;
      }
    `),
    prefer('a synchronous callback in between (prefer-readonly: closure)', `
      function f(buf: ArrayBuffer, items: number[]) {
        const view = /*!*/acquire(buf, 'exclusive');
        items.forEach((item, index) => {
          view[index] = item;
        });
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer, items: number[]) {
        using view = /*!*/acquire(buf, 'exclusive');
        items.forEach((item, index) => {
          view[index] = item;
        });
      }
    `),
    prefer('a sub-view used in between', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.subarray(4).fill(1);
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.subarray(4).fill(1);
      }
    `),
    prefer('released through an alias (prefer-readonly: destructuring alias)', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        const [alias] = [view];
        alias.fill(0);
        release(view);
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        const [alias] = [view];
        alias.fill(0);
      }
    `),
    prefer('two views: the one released last is reported', `
      function f(buf: ArrayBuffer) {
        const head = acquire(buf, 'immutable', { byteLength: 4 });
        const body = /*!*/acquire(buf, 'immutable', { byteOffset: 4 });
        head.at(0);
        body.at(0);
        release(head);
        release(body);
      }
    `, `
      function f(buf: ArrayBuffer) {
        const head = acquire(buf, 'immutable', { byteLength: 4 });
        using body = /*!*/acquire(buf, 'immutable', { byteOffset: 4 });
        head.at(0);
        body.at(0);
        release(head);
      }
    `),
    prefer('inside a switch case block', `
      function f(buf: ArrayBuffer, k: number) {
        switch (k) {
          case 1: {
            const view = /*!*/acquire(buf, 'exclusive');
            view.fill(1);
            release(view);
          }
        }
      }
    `, `
      function f(buf: ArrayBuffer, k: number) {
        switch (k) {
          case 1: {
            using view = /*!*/acquire(buf, 'exclusive');
            view.fill(1);
          }
        }
      }
    `),
    prefer('inside an if block', `
      function f(buf: ArrayBuffer, c: boolean) {
        if (c) {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer, c: boolean) {
        if (c) {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
        }
      }
    `),
    prefer('inside a try block', `
      function f(buf: ArrayBuffer) {
        try {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
          release(view);
        } catch {
          console.error('no view');
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        try {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
        } catch {
          console.error('no view');
        }
      }
    `),
    prefer('inside a catch block', `
      function f(buf: ArrayBuffer) {
        try {
          console.log('try');
        } catch {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        try {
          console.log('try');
        } catch {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
        }
      }
    `),
    prefer('inside a finally block', `
      function f(buf: ArrayBuffer) {
        try {
          console.log('try');
        } finally {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        try {
          console.log('try');
        } finally {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(1);
        }
      }
    `),
    prefer('inside a for-of body', `
      function f(buf: ArrayBuffer, offsets: number[]) {
        for (const offset of offsets) {
          const view = /*!*/acquire(buf, 'exclusive', { byteOffset: offset, byteLength: 1 });
          view[0] = 1;
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer, offsets: number[]) {
        for (const offset of offsets) {
          using view = /*!*/acquire(buf, 'exclusive', { byteOffset: offset, byteLength: 1 });
          view[0] = 1;
        }
      }
    `),
    prefer('inside a while body', `
      function f(buf: ArrayBuffer, n: number) {
        while (n-- > 0) {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(n);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer, n: number) {
        while (n-- > 0) {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(n);
        }
      }
    `),
    prefer('inside a do-while body', `
      function f(buf: ArrayBuffer, n: number) {
        do {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(n);
          release(view);
        } while (n-- > 0);
      }
    `, `
      function f(buf: ArrayBuffer, n: number) {
        do {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(n);
        } while (n-- > 0);
      }
    `),
    prefer('inside a labelled block', `
      function f(buf: ArrayBuffer) {
        work: {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        work: {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        }
      }
    `),
    prefer('in a getter', `
      class Reader {
        constructor(private readonly memory: ArrayBuffer) {}
        get first() {
          const view = /*!*/acquire(this.memory, 'immutable');
          const value = view[0];
          release(view);
          return value;
        }
      }
    `, `
      class Reader {
        constructor(private readonly memory: ArrayBuffer) {}
        get first() {
          using view = /*!*/acquire(this.memory, 'immutable');
          const value = view[0];
          return value;
        }
      }
    `),
    prefer('in a constructor', `
      class Cleared {
        constructor(memory: ArrayBuffer) {
          const view = /*!*/acquire(memory, 'exclusive');
          view.fill(0);
          release(view);
        }
      }
    `, `
      class Cleared {
        constructor(memory: ArrayBuffer) {
          using view = /*!*/acquire(memory, 'exclusive');
          view.fill(0);
        }
      }
    `),
    prefer('in an async arrow', `
      const f = async (buf: ArrayBuffer) => {
        const view = /*!*/acquire(buf, 'exclusive');
        await tick();
        view.fill(0);
        release(view);
      };
    `, `
      const f = async (buf: ArrayBuffer) => {
        using view = /*!*/acquire(buf, 'exclusive');
        await tick();
        view.fill(0);
      };
    `),
    prefer('in a generator, between yields', `
      function* f(buf: ArrayBuffer) {
        yield 0;
        const view = /*!*/acquire(buf, 'immutable');
        console.log(view.at(0));
        release(view);
      }
    `, `
      function* f(buf: ArrayBuffer) {
        yield 0;
        using view = /*!*/acquire(buf, 'immutable');
        console.log(view.at(0));
      }
    `),
    prefer('in an immediately invoked function', `
      const memory = new ArrayBuffer(8);
      (() => {
        const view = /*!*/acquire(memory, 'exclusive');
        view.fill(0);
        release(view);
      })();
    `, `
      const memory = new ArrayBuffer(8);
      (() => {
        using view = /*!*/acquire(memory, 'exclusive');
        view.fill(0);
      })();
    `),
    prefer('in a nested function', `
      function outer(buf: ArrayBuffer) {
        function inner() {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        }
        inner();
      }
    `, `
      function outer(buf: ArrayBuffer) {
        function inner() {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        }
        inner();
      }
    `),
    prefer('in an object method', `
      const writer = {
        write(buf: ArrayBuffer) {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        },
      };
    `, `
      const writer = {
        write(buf: ArrayBuffer) {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        },
      };
    `),
    prefer('in a class field arrow', `
      class Writer {
        write = (buf: ArrayBuffer) => {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        };
      }
    `, `
      class Writer {
        write = (buf: ArrayBuffer) => {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        };
      }
    `),
    prefer('in a forEach callback', `
      function f(buffers: ArrayBuffer[]) {
        buffers.forEach((buf) => {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        });
      }
    `, `
      function f(buffers: ArrayBuffer[]) {
        buffers.forEach((buf) => {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        });
      }
    `),
    prefer('in a promise reaction', `
      function f(buf: ArrayBuffer) {
        return tick().then(() => {
          const view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
        });
      }
    `, `
      function f(buf: ArrayBuffer) {
        return tick().then(() => {
          using view = /*!*/acquire(buf, 'exclusive');
          view.fill(0);
        });
      }
    `),
    prefer('in a function expression', `
      const f = function (buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      };
    `, `
      const f = function (buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      };
    `),
    prefer('in an exported default function', `
      export default function (buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
        release(view);
      }
    `, `
      export default function (buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
        view.fill(0);
      }
    `),
    prefer('a DataView acquisition with options', `
      function f(buf: ArrayBuffer) {
        const header = /*!*/acquire(buf, 'immutable', { as: DataView, byteLength: 8 });
        const size = header.getUint32(0);
        release(header);
        return size;
      }
    `, `
      function f(buf: ArrayBuffer) {
        using header = /*!*/acquire(buf, 'immutable', { as: DataView, byteLength: 8 });
        const size = header.getUint32(0);
        return size;
      }
    `),
    prefer('an empty try block with a releasing finally', `
      function f(buf: ArrayBuffer) {
        const view = /*!*/acquire(buf, 'exclusive');
        try {
        } finally {
          release(view);
        }
      }
    `, `
      function f(buf: ArrayBuffer) {
        using view = /*!*/acquire(buf, 'exclusive');
      }
    `),
  ],
});
