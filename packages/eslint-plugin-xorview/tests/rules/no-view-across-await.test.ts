import rule from '../../src/rules/no-view-across-await.js';
import { ruleTester } from '../rule-tester.js';
import { line, withPrelude } from './flow-fixture.js';

ruleTester.run('no-view-across-await', rule, {
  valid: [
    {
      name: 'released before the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          view.fill(0);
          release(view);
          await tick();
        }
      `),
    },
    {
      name: 'a using block that ends before the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          {
            using view = acquire(buf, 'exclusive');
            view.fill(0);
          }
          await tick();
        }
      `),
    },
    {
      name: 'acquired after the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          await tick();
          using view = acquire(buf, 'exclusive');
          view.fill(0);
        }
      `),
    },
    {
      name: 'a synchronous function holds views without suspending',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          void tick();
          view.fill(0);
        }
      `),
    },
    {
      name: 'code with no views at all',
      code: withPrelude(`
        async function f(input: Uint8Array) {
          const copy = input.slice();
          await tick();
          for await (const chunk of [copy]) {
            copy.set(chunk);
          }
          return copy;
        }
      `),
    },
    {
      name: 'the await of acquireAsync comes before the view exists',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = await acquireAsync(buf, 'exclusive');
          view.fill(0);
          release(view);
        }
      `),
    },
    {
      name: 'the dispose await of an await using view at the end of its block',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          {
            await using view = await acquireAsync(buf, 'immutable');
            view.at(0);
          }
          await tick();
        }
      `),
    },
    {
      name: 'a view declared after an await using resource is released before its disposal',
      code: withPrelude(`
        declare function open(): AsyncDisposable;
        async function f(buf: ArrayBuffer) {
          await using connection = open();
          using view = acquire(buf, 'exclusive');
          view.fill(0);
        }
      `),
    },
    {
      name: 'exclusiveOnly allows immutable views',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          await tick();
        }
      `),
      options: [{ exclusiveOnly: true }],
    },
    {
      name: 'exclusiveOnly allows raw views',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          // xorview-unsafe: test
          using view = acquire(buf, 'raw');
          await tick();
        }
      `),
      options: [{ exclusiveOnly: true }],
    },
    {
      name: 'an async callback does not suspend the function that holds the view',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          const later = async () => {
            await tick();
          };
          return later;
        }
      `),
    },
    {
      name: 'released in finally before a later await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, work: (view: ExclusiveView) => void) {
          const view = acquire(buf, 'exclusive');
          try {
            work(view);
          } finally {
            release(view);
          }
          await tick();
        }
      `),
    },
    {
      name: 'released on both branches',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, early: boolean) {
          const view = acquire(buf, 'exclusive');
          if (early) release(view);
          else view[Symbol.dispose]();
          await tick();
        }
      `),
    },
    {
      name: 'a view parameter is held by the caller',
      code: withPrelude(`
        async function f(view: ExclusiveView) {
          await tick();
          view[0] = 1;
        }
      `),
    },
    {
      name: 'yield after release in a generator',
      code: withPrelude(`
        function* rows(buf: ArrayBuffer) {
          const view = acquire(buf, 'immutable');
          const first = view[0];
          release(view);
          yield first;
        }
      `),
    },
    {
      name: 'a view acquired and released inside a for await body',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            const view = acquire(buf, 'exclusive');
            view.set(chunk);
            release(view);
          }
        }
      `),
    },
    {
      name: 'a using view inside a for await body',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            using view = acquire(buf, 'exclusive');
            view.set(chunk);
          }
        }
      `),
    },
    {
      name: 'the view of a tryAcquire result released before the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          if (!result.ok) return;
          release(result.view);
          await tick();
        }
      `),
    },
    {
      name: 'a failed tryAcquire holds nothing: waiting and retrying on the failure branch',
      code: withPrelude(`
        async function f(buf: ArrayBuffer): Promise<number> {
          const result = tryAcquire(buf, 'exclusive');
          if (!result.ok) {
            await tick();
            return f(buf);
          }
          const first = result.view[0] ?? 0;
          release(result.view);
          return first;
        }
      `),
    },
    {
      name: 'a failed tryAcquire holds nothing: the else branch of result.ok',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'immutable');
          if (result.ok) {
            release(result.view);
          } else {
            await tick();
          }
        }
      `),
    },
    {
      name: 'released through a const alias',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          const alias = view;
          release(alias);
          await tick();
        }
      `),
    },
    {
      name: 'released through destructuring of a narrowed result',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'immutable');
          if (result.ok) {
            const { view } = result;
            release(view);
          } else {
            return;
          }
          await tick();
        }
      `),
    },
    {
      name: 'a sub-view is released with its parent',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const whole = acquire(buf, 'exclusive');
          const head = whole.subarray(0, 2);
          head.fill(1);
          release(whole);
          await tick();
        }
      `),
    },
    {
      name: 'generic exporter released before the await',
      code: withPrelude(`
        async function f<Memory extends ArrayBuffer>(buf: Memory) {
          {
            using view = acquire(buf, 'immutable');
            view.at(0);
          }
          await tick();
        }
      `),
    },
    {
      name: 'a union with undefined released through optional chaining',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, wanted: boolean) {
          const view: ExclusiveView | undefined = wanted ? acquire(buf, 'exclusive') : undefined;
          view?.[Symbol.dispose]();
          await tick();
        }
      `),
    },
    {
      name: 'an early return after releasing does not reach the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, bad: boolean) {
          const view = acquire(buf, 'exclusive');
          if (bad) {
            release(view);
            return;
          }
          release(view);
          await tick();
        }
      `),
    },
    {
      name: 'continue after releasing in a loop',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) {
              release(view);
              continue;
            }
            view[0] = item;
            release(view);
            await tick();
          }
        }
      `),
    },
    {
      name: 'a yield in a nested generator is not a suspension of the outer function',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          function* inner() {
            yield 1;
          }
          return [...inner()].length + view.length;
        }
      `),
    },
    {
      name: 'top-level await after the module released its view',
      code: withPrelude(`
        const memory = new ArrayBuffer(8);
        const header = acquire(memory, 'immutable', { byteLength: 4 });
        const magic = header[0];
        release(header);
        await tick();
        export { magic };
      `),
    },
    // Path precision on the shared lifetime analysis: released on every path before the await.
    {
      name: 'released on every case of a switch before the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, kind: number) {
          const view = acquire(buf, 'exclusive');
          switch (kind) {
            case 0:
              release(view);
              break;
            default:
              view[Symbol.dispose]();
          }
          await tick();
        }
      `),
    },
    {
      name: 'released in the try and in the catch before the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, work: (view: ExclusiveView) => void) {
          const view = acquire(buf, 'exclusive');
          try {
            work(view);
            release(view);
          } catch {
            release(view);
          }
          await tick();
        }
      `),
    },
    {
      name: 'released before a break: the path after the loop holds nothing',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) {
              release(view);
              break;
            }
            release(view);
          }
          await tick();
        }
      `),
    },
    {
      name: 'released on both sides of a conditional expression',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, early: boolean) {
          const view = acquire(buf, 'exclusive');
          early ? release(view) : view[Symbol.dispose]();
          await tick();
        }
      `),
    },
    {
      name: 'a view returned by another function, released before the await',
      code: withPrelude(`
        declare function openFrame(): ExclusiveView<Float32Array>;
        async function f() {
          const frame = openFrame();
          frame[0] = 1;
          release(frame);
          await tick();
        }
      `),
    },
    {
      name: 'views destructured from a call result, released before the await',
      code: withPrelude(`
        declare function openPair(buf: ArrayBuffer): { header: ImmutableView; body: ExclusiveView };
        async function f(buf: ArrayBuffer) {
          const { header, body } = openPair(buf);
          release(header);
          release(body);
          await tick();
        }
      `),
    },
    {
      name: 'a non-view result of another function held across the await',
      code: withPrelude(`
        declare function openCounter(): { count: number; [Symbol.dispose](): void };
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          const counter = openCounter();
          release(view);
          await tick();
          counter[Symbol.dispose]();
        }
      `),
    },
    {
      name: 'a sub-view of a view parameter is the caller\'s, not held here',
      code: withPrelude(`
        async function f(view: ExclusiveView, buf: ArrayBuffer) {
          const head = view.subarray(0, 2);
          const own = acquire(buf, 'immutable');
          release(own);
          await tick();
          head.fill(0);
        }
      `),
    },
    {
      name: 'the view of a tryAcquire result released before the await when it was granted',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          if (result.ok) release(result.view);
          await tick();
        }
      `),
    },
    {
      name: 'a view acquired in a for await body, released on every path of the iteration',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, source: AsyncIterable<number>) {
          for await (const value of source) {
            const view = acquire(buf, 'exclusive');
            if (value < 0) {
              release(view);
              continue;
            }
            view[0] = value;
            release(view);
          }
        }
      `),
    },
    {
      name: 'a yield after a using block ended',
      code: withPrelude(`
        function* rows(buf: ArrayBuffer) {
          let first = 0;
          {
            using view = acquire(buf, 'immutable');
            first = view[0] ?? 0;
          }
          yield first;
        }
      `),
    },
  ],
  invalid: [
    {
      name: 'a using view across await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          await tick();
          view.fill(0);
        }
      `),
      errors: [
        {
          messageId: 'heldAcrossSuspension',
          line: line(3),
          column: 3,
          data: { views: `The exclusive view \`view\` (line ${line(2)})`, verb: 'is', suspension: '`await`' },
        },
      ],
    },
    {
      name: 'released only after the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'immutable');
          await tick();
          release(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'yield in a generator',
      code: withPrelude(`
        function* rows(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          yield view[0];
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'yield* delegation',
      code: withPrelude(`
        function* rows(buf: ArrayBuffer, rest: Iterable<number>) {
          using view = acquire(buf, 'exclusive');
          yield* rest;
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'a view held from before a for await loop',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, source: AsyncIterable<Uint8Array>) {
          using view = acquire(buf, 'exclusive');
          for await (const chunk of source) {
            view.set(chunk);
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'a view left held at the end of a for await body is held across the next iteration',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, source: AsyncIterable<Uint8Array>) {
          for await (const chunk of source) {
            const view = acquire(buf, 'exclusive');
            view.set(chunk);
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(2), column: 3 }],
    },
    {
      name: 'a release inside one branch does not count',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, done: boolean) {
          const view = acquire(buf, 'exclusive');
          if (done) {
            release(view);
          }
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(6), column: 3 }],
    },
    {
      name: 'await inside try, released in finally',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          try {
            await tick();
          } finally {
            release(view);
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 5 }],
    },
    {
      name: 'the disposal of an await using resource declared after the view',
      code: withPrelude(`
        declare function open(): AsyncDisposable;
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          await using connection = open();
          view.fill(0);
        }
      `),
      errors: [
        {
          messageId: 'heldAcrossDisposal',
          line: line(4),
          column: 15,
          data: { views: `The exclusive view \`view\` (line ${line(3)})`, verb: 'is', resource: 'connection' },
        },
      ],
    },
    {
      name: 'two views across one await: one report naming both',
      code: withPrelude(`
        async function f(first: ArrayBuffer, second: ArrayBuffer) {
          using a = acquire(first, 'immutable');
          using b = acquire(second, 'exclusive');
          await tick();
        }
      `),
      errors: [
        {
          messageId: 'heldAcrossSuspension',
          line: line(4),
          column: 3,
          data: {
            views: `The immutable view \`a\` (line ${line(2)}) and the exclusive view \`b\` (line ${line(3)})`,
            verb: 'are',
            suspension: '`await`',
          },
        },
      ],
    },
    {
      name: 'a const alias released after the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          const alias = view;
          await tick();
          release(alias);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'views destructured from a call result',
      code: withPrelude(`
        declare function openPair(buf: ArrayBuffer): { header: ImmutableView; body: ExclusiveView };
        async function f(buf: ArrayBuffer) {
          const { header, body } = openPair(buf);
          await tick();
          release(header);
          release(body);
        }
      `),
      errors: [
        {
          messageId: 'heldAcrossSuspension',
          line: line(4),
          column: 3,
          data: {
            views: `The immutable view \`header\` (line ${line(3)}) and the exclusive view \`body\` (line ${line(3)})`,
            verb: 'are',
            suspension: '`await`',
          },
        },
      ],
    },
    {
      name: 'one of two views destructured from an array literal is still held',
      code: withPrelude(`
        async function f(first: ArrayBuffer, second: ArrayBuffer) {
          const [a, b] = [acquire(first, 'immutable'), acquire(second, 'immutable')];
          release(a);
          await tick();
          release(b);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'a union with undefined released through optional chaining after the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, wanted: boolean) {
          const view: ExclusiveView | undefined = wanted ? acquire(buf, 'exclusive') : undefined;
          await tick();
          view?.[Symbol.dispose]();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'a generic exporter',
      code: withPrelude(`
        async function f<Memory extends ArrayBuffer>(buf: Memory) {
          const view = acquire(buf, 'immutable');
          await tick();
          release(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'a view returned by another function',
      code: withPrelude(`
        declare function openFrame(): ExclusiveView<Float32Array>;
        async function f() {
          const frame = openFrame();
          await tick();
          release(frame);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'exclusiveOnly still reports exclusive views, and only them',
      code: withPrelude(`
        async function f(first: ArrayBuffer, second: ArrayBuffer) {
          using shared = acquire(first, 'immutable');
          using mine = acquire(second, 'exclusive');
          await tick();
        }
      `),
      options: [{ exclusiveOnly: true }],
      errors: [
        {
          messageId: 'heldAcrossSuspension',
          line: line(4),
          column: 3,
          data: { views: `The exclusive view \`mine\` (line ${line(3)})`, verb: 'is', suspension: '`await`' },
        },
      ],
    },
    {
      name: 'an await in a condition',
      code: withPrelude(`
        declare function ready(): Promise<boolean>;
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          if (await ready()) view.fill(1);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 7 }],
    },
    {
      name: 'an await in a loop body, view from outside the loop',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, count: number) {
          const view = acquire(buf, 'exclusive');
          for (let index = 0; index < count; index++) {
            view[index] = index;
            await tick();
          }
          release(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(5), column: 5 }],
    },
    {
      name: 'a granted tryAcquire is held on the ok branch',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          if (result.ok) {
            await tick();
            release(result.view);
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 5 }],
    },
    {
      name: 'a tryAcquire result held across the await',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          await tick();
          if (result.ok) release(result.view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 3 }],
    },
    {
      name: 'a sub-view held with its parent: one report naming the parent',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          using whole = acquire(buf, 'exclusive');
          const head = whole.subarray(0, 2);
          await tick();
          head.fill(0);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3, data: { views: `The exclusive view \`whole\` (line ${line(2)})`, verb: 'is', suspension: '`await`' } }],
    },
    {
      name: 'top-level await in a module',
      code: withPrelude(`
        const memory = new ArrayBuffer(8);
        using header = acquire(memory, 'immutable');
        await tick();
        export {};
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 1 }],
    },
    {
      name: 'an async arrow function',
      code: withPrelude(`
        const run = async (buf: ArrayBuffer) => {
          // xorview-unsafe: test
          using view = acquire(buf, 'raw');
          await tick();
        };
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'an await inside a call argument',
      code: withPrelude(`
        declare function log(value: unknown): void;
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          log(await tick());
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 7 }],
    },
    {
      name: 'return await while a using view is held',
      code: withPrelude(`
        declare function digest(view: ImmutableView): Promise<number>;
        async function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'immutable');
          return await digest(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 10 }],
    },
    {
      name: 'a view acquired in a branch and not released there',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, fast: boolean) {
          if (fast) {
            const quick = acquire(buf, 'exclusive');
            quick.fill(0);
          }
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(6), column: 3 }],
    },
    {
      name: 'an await in a switch case',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, kind: number) {
          using view = acquire(buf, 'exclusive');
          switch (kind) {
            case 1:
              await tick();
              break;
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(5), column: 7 }],
    },
    {
      name: 'an async method holding a view of a member of this',
      code: withPrelude(`
        class Frame {
          bytes = new ArrayBuffer(8);
          async flush(): Promise<void> {
            using view = acquire(this.bytes, 'exclusive');
            await tick();
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(5), column: 5 }],
    },
    {
      name: 'a while loop whose test awaits: one report for the await',
      code: withPrelude(`
        declare function more(): Promise<boolean>;
        async function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'exclusive');
          while (await more()) {
            view[0]++;
          }
          release(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 10 }],
    },
    {
      name: 'awaiting acquireAsync while another view is held',
      code: withPrelude(`
        async function f(first: ArrayBuffer, second: ArrayBuffer) {
          using a = acquire(first, 'immutable');
          using b = await acquireAsync(second, 'immutable');
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(3), column: 13 }],
    },
    // Path precision on the shared lifetime analysis: held on some path reaching the suspension.
    {
      name: 'held on the path that breaks out of the loop before the release',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) break;
            release(view);
          }
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(7), column: 3 }],
    },
    {
      name: 'released only in the catch: held on the normal path',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, work: (view: ExclusiveView) => void) {
          const view = acquire(buf, 'exclusive');
          try {
            work(view);
          } catch {
            release(view);
          }
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(8), column: 3 }],
    },
    {
      name: 'released on one case of a switch only',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, kind: number) {
          const view = acquire(buf, 'exclusive');
          switch (kind) {
            case 0:
              release(view);
              break;
            case 1:
              view[0] = 1;
          }
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(10), column: 3 }],
    },
    {
      name: 'released on one side of a logical expression only',
      code: withPrelude(`
        async function f(buf: ArrayBuffer, done: boolean) {
          const view = acquire(buf, 'exclusive');
          done && release(view);
          await tick();
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'a granted tryAcquire past an early return on failure',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          if (!result.ok) return;
          await tick();
          release(result.view);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 3 }],
    },
    {
      name: 'a view returned by another function, released on one branch only',
      code: withPrelude(`
        declare function openFrame(): ExclusiveView<Float32Array>;
        async function f(done: boolean) {
          const frame = openFrame();
          if (done) release(frame);
          await tick();
          if (!done) release(frame);
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(5), column: 3, data: { views: `The exclusive view \`frame\` (line ${line(3)})`, verb: 'is', suspension: '`await`' } }],
    },
    {
      name: 'a view held across a yield inside a loop, from before the loop',
      code: withPrelude(`
        function* rows(buf: ArrayBuffer, count: number) {
          using view = acquire(buf, 'immutable');
          for (let index = 0; index < count; index++) {
            yield view[index];
          }
        }
      `),
      errors: [{ messageId: 'heldAcrossSuspension', line: line(4), column: 5 }],
    },
    {
      name: 'the disposal of an await using resource on an early return',
      code: withPrelude(`
        declare function open(): AsyncDisposable;
        async function f(buf: ArrayBuffer, early: boolean) {
          using view = acquire(buf, 'exclusive');
          await using connection = open();
          if (early) return;
          release(view);
        }
      `),
      errors: [{ messageId: 'heldAcrossDisposal', line: line(4), column: 15 }],
    },
  ],
});
