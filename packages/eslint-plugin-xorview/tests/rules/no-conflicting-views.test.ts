import rule from '../../src/rules/no-conflicting-views.js';
import { ruleTester } from '../rule-tester.js';
import { line, withPrelude } from './flow-fixture.js';

ruleTester.run('no-conflicting-views', rule, {
  valid: [
    {
      name: 'released before the second acquisition',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          release(a);
          const b = acquire(buf, 'exclusive');
          release(b);
        }
      `),
    },
    {
      name: 'immutable views coexist',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'immutable');
          using b = acquire(buf, 'immutable');
        }
      `),
    },
    {
      name: 'raw views coexist',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          // xorview-unsafe: test
          using a = acquire(buf, 'raw');
          // xorview-unsafe: test
          using b = acquire(buf, 'raw');
        }
      `),
    },
    {
      name: 'disjoint literal byte ranges',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using low = acquire(buf, 'exclusive', { byteOffset: 0, byteLength: 4 });
          using high = acquire(buf, 'exclusive', { byteOffset: 4, byteLength: 4 });
        }
      `),
    },
    {
      name: 'disjoint ranges given in elements of a wider view class',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using words = acquire(buf, 'exclusive', { length: 2, as: Uint32Array });
          using rest = acquire(buf, 'immutable', { byteOffset: 8 });
        }
      `),
    },
    {
      name: 'an empty view overlaps nothing',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using all = acquire(buf, 'exclusive');
          using none = acquire(buf, 'exclusive', { byteOffset: 0, byteLength: 0 });
        }
      `),
    },
    {
      name: 'different exporters',
      code: withPrelude(`
        function f(first: ArrayBuffer, second: ArrayBuffer) {
          using a = acquire(first, 'exclusive');
          using b = acquire(second, 'exclusive');
        }
      `),
    },
    {
      name: 'different members of this',
      code: withPrelude(`
        class Frame {
          front = new ArrayBuffer(8);
          back = new ArrayBuffer(8);
          swap(): void {
            using a = acquire(this.front, 'exclusive');
            using b = acquire(this.back, 'exclusive');
          }
        }
      `),
    },
    {
      name: 'a using view ends with its nested block',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          {
            using a = acquire(buf, 'exclusive');
            a.fill(1);
          }
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'released with Symbol.dispose',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          a[Symbol.dispose]();
          using b = acquire(buf, 'immutable');
        }
      `),
    },
    {
      name: 'released through optional chaining on a union with undefined',
      code: withPrelude(`
        function f(buf: ArrayBuffer, wanted: boolean) {
          const a: ExclusiveView | undefined = wanted ? acquire(buf, 'exclusive') : undefined;
          a?.[Symbol.dispose]();
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'released through a const alias',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          const alias = a;
          release(alias);
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'released through the destructured view of a tryAcquire result',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const result = tryAcquire(buf, 'exclusive');
          if (!result.ok) throw result.error;
          const { view } = result;
          release(view);
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'after a failed tryAcquire, the fallback acquisition conflicts with nothing',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const attempt = tryAcquire(buf, 'exclusive');
          if (!attempt.ok) {
            using fallback = acquire(buf, 'immutable');
            return fallback[0];
          }
          release(attempt.view);
          return 0;
        }
      `),
    },
    {
      // Path-sensitive checkers' correlated branches: the same condition tested twice.
      name: 'released under if (flag) and under if (!flag) before the next acquisition',
      code: withPrelude(`
        function f(buf: ArrayBuffer, flag: boolean) {
          const a = acquire(buf, 'exclusive');
          if (flag) release(a);
          if (!flag) release(a);
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'a refused tryAcquire (the else side of result.ok) holds nothing',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const attempt = tryAcquire(buf, 'exclusive');
          if (attempt.ok) {
            release(attempt.view);
          } else {
            using fallback = acquire(buf, 'exclusive');
          }
        }
      `),
    },
    {
      name: 'released in finally',
      code: withPrelude(`
        function f(buf: ArrayBuffer, work: (view: ExclusiveView) => void) {
          const a = acquire(buf, 'exclusive');
          try {
            work(a);
          } finally {
            release(a);
          }
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'released on both branches',
      code: withPrelude(`
        function f(buf: ArrayBuffer, early: boolean) {
          const a = acquire(buf, 'exclusive');
          if (early) {
            release(a);
          } else {
            a.fill(0);
            release(a);
          }
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'a branch that releases and returns does not reach the second acquisition',
      code: withPrelude(`
        function f(buf: ArrayBuffer, bad: boolean) {
          const a = acquire(buf, 'exclusive');
          if (bad) {
            release(a);
            return;
          }
          release(a);
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'released in every switch case',
      code: withPrelude(`
        function f(buf: ArrayBuffer, kind: number) {
          const a = acquire(buf, 'exclusive');
          switch (kind) {
            case 0:
              release(a);
              break;
            default:
              release(a);
          }
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'a view released at the end of every loop iteration',
      code: withPrelude(`
        function f(buf: ArrayBuffer, rows: number) {
          for (let row = 0; row < rows; row++) {
            const line = acquire(buf, 'exclusive', { byteOffset: row * 4, byteLength: 4 });
            line.fill(row);
            release(line);
          }
        }
      `),
    },
    {
      name: 'a using view in a loop body',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            using view = acquire(buf, 'exclusive');
            view[0] = item;
          }
        }
      `),
    },
    {
      name: 'a released view is not reached through continue',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) {
              release(view);
              continue;
            }
            release(view);
          }
        }
      `),
    },
    {
      name: 'a sub-view dies with its parent',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const whole = acquire(buf, 'exclusive');
          const head = whole.subarray(0, 4);
          head.fill(0);
          release(whole);
          using again = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'the exporter name was reassigned to other memory',
      code: withPrelude(`
        function f() {
          let buf = new ArrayBuffer(8);
          const a = acquire(buf, 'exclusive');
          buf = new ArrayBuffer(8);
          const b = acquire(buf, 'exclusive');
          release(a);
          release(b);
        }
      `),
    },
    {
      name: 'a shadowing name in another block is another exporter',
      code: withPrelude(`
        function f() {
          {
            const buf = new ArrayBuffer(8);
            const a = acquire(buf, 'exclusive');
            a.fill(1);
          }
          {
            const buf = new ArrayBuffer(8);
            using b = acquire(buf, 'exclusive');
          }
        }
      `),
    },
    {
      name: 'a view held by the outer function does not reach a nested function',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'immutable');
          return () => {
            using b = acquire(buf, 'exclusive');
          };
        }
      `),
    },
    {
      name: 'generic exporter, immutable twice',
      code: withPrelude(`
        function f<Memory extends ArrayBuffer>(buf: Memory) {
          using a = acquire(buf, 'immutable');
          using b = acquire(buf, 'immutable', { byteOffset: 2 });
        }
      `),
    },
    {
      name: 'a mode that is not known statically may not conflict with an immutable view',
      code: withPrelude(`
        function f(buf: ArrayBuffer, mode: AccessMode) {
          using a = acquire(buf, mode);
          using b = acquire(buf, 'immutable');
        }
      `),
    },
    {
      name: 'resize and transfer once every view is released',
      code: withPrelude(`
        function f() {
          const owned = new OwnedBuffer(8, { maxByteLength: 64 });
          {
            using view = acquire(owned, 'exclusive');
            view.fill(0);
          }
          owned.resize(16);
          const moved = owned.transfer();
          return moved;
        }
      `),
    },
    {
      name: 'adopting a buffer nobody views',
      code: withPrelude(`
        function f(source: ArrayBuffer, other: ArrayBuffer) {
          using view = acquire(other, 'immutable');
          return OwnedBuffer.adopt(source);
        }
      `),
    },
    {
      name: 'code with no views at all',
      code: withPrelude(`
        function f(input: Uint8Array, list: { resize(size: number): void }) {
          const copy = new Uint8Array(input.buffer.slice(0));
          const moved = copy.buffer.transfer();
          list.resize(4);
          const frozen = Object.freeze({ moved });
          return frozen;
        }
      `),
    },
    {
      name: 'released, then acquired again alongside a view of another exporter',
      code: withPrelude(`
        function f(first: ArrayBuffer, second: ArrayBuffer) {
          const a = acquire(first, 'exclusive');
          release(a);
          using b = acquire(first, 'exclusive');
          using c = acquire(second, 'exclusive');
        }
      `),
    },
    // Path-sensitive cases on the shared lifetime analysis; each names the rustc borrowck/NLL shape it ports.
    {
      // rustc: two mutable borrows, one in each arm of an `if` (NLL accepts: they are never live together).
      name: 'exclusive views in the two arms of an if are never held together',
      code: withPrelude(`
        function f(buf: ArrayBuffer, fast: boolean) {
          if (fast) {
            using a = acquire(buf, 'exclusive');
            a.fill(1);
          } else {
            using b = acquire(buf, 'exclusive');
            b.fill(2);
          }
        }
      `),
    },
    {
      // rustc: borrow ended in `finally`-like drop on an early return (the borrow does not outlive the return).
      name: 'released in finally although try returns early',
      code: withPrelude(`
        function f(buf: ArrayBuffer, skip: boolean) {
          const a = acquire(buf, 'exclusive');
          try {
            if (skip) return;
            a.fill(1);
          } finally {
            release(a);
          }
          using b = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      // rustc: conditional release in loops, released on the path that breaks too.
      name: 'released on the path that breaks out of the loop and at the end of the iteration',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) {
              release(view);
              break;
            }
            view[0] = item;
            release(view);
          }
          using after = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      // rustc: borrows in loop heads, a do-while whose body releases before the condition.
      name: 'a do-while body that releases before the condition runs again',
      code: withPrelude(`
        function f(owned: OwnedBuffer, more: () => boolean) {
          do {
            owned.resize(8);
            const view = acquire(owned, 'immutable');
            release(view);
          } while (more());
        }
      `),
    },
    {
      // rustc: a borrow confined to one switch arm (the case block ends it before the next arm).
      name: 'switch fall-through into a case after a view released in its own case',
      code: withPrelude(`
        function f(buf: ArrayBuffer, kind: number) {
          switch (kind) {
            case 0: {
              using a = acquire(buf, 'exclusive');
              a.fill(0);
            }
            case 1:
              using b = acquire(buf, 'exclusive');
              break;
          }
        }
      `),
    },
    {
      // rustc: assignment killing a binding, here the exporter's: a `for … of` binds a new buffer per iteration.
      name: 'an exporter declared by the loop head is another buffer on each iteration',
      code: withPrelude(`
        function f(buffers: readonly ArrayBuffer[]) {
          for (const buf of buffers) {
            // Left held (no-unreleased-view's business), but each iteration's is of another buffer.
            const view = acquire(buf, 'exclusive');
            view.fill(0);
          }
        }
      `),
    },
    {
      // Ownership transfer (Roslyn CA2000's lesson): a view handed to an owning parameter is the callee's to release.
      name: 'a view handed to a parameter tagged @xorview-takes-ownership is no longer held here',
      code: withPrelude(`
        /** @xorview-takes-ownership view */
        declare function writeLater(view: ExclusiveView): void;
        function f(buf: ArrayBuffer, done: boolean) {
          const a = acquire(buf, 'exclusive');
          writeLater(a);
          if (done) return;
          using b = acquire(buf, 'immutable');
        }
      `),
    },
    {
      // rustc: borrows in loop heads, a `loop { … break }` that ends the borrow before each exit.
      name: 'an endless loop that releases before it may break',
      code: withPrelude(`
        function f(buf: ArrayBuffer, done: () => boolean) {
          while (true) {
            const view = acquire(buf, 'exclusive');
            view.fill(0);
            release(view);
            if (done()) break;
          }
          using after = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      // typescript-eslint prefer-readonly write shapes: a view reached through array destructuring, released by that name.
      name: 'released through a name bound by array destructuring',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const [first] = [acquire(buf, 'exclusive')];
          first.fill(0);
          release(first);
          using second = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      // rustc: a view escaping a block, returned on one path; the resize is reached only where it was released.
      name: 'returned on one path and released on the other before a resize',
      code: withPrelude(`
        function f(owned: OwnedBuffer, peek: boolean): ImmutableView | undefined {
          const view = acquire(owned, 'immutable');
          if (peek) return view;
          release(view);
          owned.resize(16);
          return undefined;
        }
      `),
    },
    // Jumps out of try/finally: ESLint's code path sends break/continue straight to their target;
    // the analysis runs the finally blocks they leave on the way (ports of rustc's "conditional
    // release in loops" with a cleanup block, and typescript-eslint return-await's try/finally).
    {
      name: 'continue out of try/finally: the finally releases before the next iteration',
      code: withPrelude(`
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
    },
    {
      name: 'break out of try/finally: the view is released before the acquisition after the loop',
      code: withPrelude(`
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
          using after = acquire(buf, 'exclusive');
        }
      `),
    },
    {
      name: 'labelled continue of the outer loop through try/finally',
      code: withPrelude(`
        function f(buf: ArrayBuffer, rows: readonly (readonly number[])[]) {
          rows: for (const row of rows) {
            for (const cell of row) {
              const view = acquire(buf, 'exclusive');
              try {
                if (cell < 0) continue rows;
                view[0] = cell;
              } finally {
                release(view);
              }
            }
          }
        }
      `),
    },
    {
      name: 'continue out of nested try/finally runs both finally blocks, innermost first',
      code: withPrelude(`
        function f(buf: ArrayBuffer, other: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const outer = acquire(buf, 'exclusive');
            try {
              const inner = acquire(other, 'exclusive');
              try {
                if (item < 0) continue;
                inner[0] = item;
              } finally {
                release(inner);
              }
            } finally {
              release(outer);
            }
          }
        }
      `),
    },
    {
      name: 'continue disposes a using declared in the try block, then runs the finally',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            try {
              using view = acquire(buf, 'exclusive');
              if (item < 0) continue;
              view[0] = item;
            } finally {
              void item;
            }
          }
        }
      `),
    },
    {
      name: 'continue disposes a using of the loop body after the finally it leaves',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            using view = acquire(buf, 'exclusive');
            try {
              if (item < 0) continue;
            } finally {
              view[0] = item;
            }
          }
        }
      `),
    },
  ],
  invalid: [
    {
      name: 'exclusive, then immutable',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          const b = acquire(buf, 'immutable');
        }
      `),
      errors: [
        {
          messageId: 'conflictingAcquire',
          line: line(3),
          column: 13,
          data: { requested: 'immutable acquisition', exporter: 'buf', held: 'the exclusive view `a`', line: line(2) },
        },
      ],
    },
    {
      name: 'immutable, then exclusive',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'immutable');
          using b = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 13 }],
    },
    {
      name: 'exclusive twice',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'exclusive');
          using b = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 13 }],
    },
    {
      name: 'raw, then immutable',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          // xorview-unsafe: test
          using a = acquire(buf, 'raw');
          using b = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 13 }],
    },
    {
      name: 'overlapping literal ranges',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using low = acquire(buf, 'exclusive', { byteOffset: 0, byteLength: 6 });
          using high = acquire(buf, 'immutable', { byteOffset: 4, byteLength: 4 });
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 16 }],
    },
    {
      name: 'a range that is not literal is assumed to overlap',
      code: withPrelude(`
        function f(buf: ArrayBuffer, offset: number) {
          using first = acquire(buf, 'exclusive', { byteOffset: 0, byteLength: 4 });
          using second = acquire(buf, 'exclusive', { byteOffset: offset, byteLength: 4 });
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 18 }],
    },
    {
      name: 'a release inside one branch does not count for later code',
      code: withPrelude(`
        function f(buf: ArrayBuffer, done: boolean) {
          const a = acquire(buf, 'exclusive');
          if (done) {
            release(a);
          }
          const b = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(6), column: 13 }],
    },
    {
      name: 'a using view is still held inside a nested block',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using outer = acquire(buf, 'exclusive');
          {
            using inner = acquire(buf, 'immutable');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 19 }],
    },
    {
      name: 'a view acquired in a branch and not released there is still held after it',
      code: withPrelude(`
        function f(buf: ArrayBuffer, fast: boolean) {
          if (fast) {
            const quick = acquire(buf, 'exclusive');
            quick.fill(0);
          }
          using slow = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(6), column: 16 }],
    },
    {
      name: 'the exporter through a const alias',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const alias = buf;
          using a = acquire(buf, 'exclusive');
          using b = acquire(alias, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 13 }],
    },
    {
      name: 'the same member of this',
      code: withPrelude(`
        class Frame {
          bytes = new ArrayBuffer(8);
          draw(): void {
            using a = acquire(this.bytes, 'exclusive');
            using b = acquire(this.bytes, 'immutable');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(5), column: 15 }],
    },
    {
      name: 'the same property path, once through a const alias of the object',
      code: withPrelude(`
        function f(frame: { pixels: ArrayBuffer }) {
          const same = frame;
          using a = acquire(frame.pixels, 'exclusive');
          using b = acquire(same.pixels, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 13 }],
    },
    {
      name: 'the exporter behind optional chaining',
      code: withPrelude(`
        function f(frame: { pixels: ArrayBuffer } | undefined) {
          using a = acquire(frame?.pixels!, 'exclusive');
          using b = acquire(frame?.pixels!, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 13 }],
    },
    {
      name: 'a generic exporter',
      code: withPrelude(`
        function f<Memory extends ArrayBuffer>(buf: Memory) {
          using a = acquire(buf, 'exclusive');
          using b = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 13 }],
    },
    {
      name: 'an exporter narrowed from a union with undefined',
      code: withPrelude(`
        function f(buf: ArrayBuffer | undefined) {
          if (buf === undefined) return;
          using a = acquire(buf, 'exclusive');
          using b = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 13 }],
    },
    {
      name: 'tryAcquire of a held range always fails',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'exclusive');
          const attempt = tryAcquire(buf, 'immutable');
          return attempt.ok;
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 19 }],
    },
    {
      name: 'acquireAsync waits for a view this function holds',
      code: withPrelude(`
        async function f(buf: ArrayBuffer) {
          using a = acquire(buf, 'exclusive');
          using b = await acquireAsync(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 19 }],
    },
    {
      name: 'renamed and namespace imports are acquisitions too',
      code: [
        "import { acquire as borrow } from 'xorview';",
        "import * as xorview from 'xorview';",
        'function f(buf: ArrayBuffer) {',
        "  using a = borrow(buf, 'exclusive');",
        "  using b = xorview.acquire(buf, 'immutable');",
        '}',
      ].join('\n'),
      errors: [{ messageId: 'conflictingAcquire', line: 5, column: 13 }],
    },
    {
      name: 'a local function named release does not release',
      code: [
        "import { acquire } from 'xorview';",
        'function release(view: unknown): void {}',
        'function f(buf: ArrayBuffer) {',
        "  const a = acquire(buf, 'exclusive');",
        '  release(a);',
        "  const b = acquire(buf, 'exclusive');",
        '}',
      ].join('\n'),
      errors: [{ messageId: 'conflictingAcquire', line: 6, column: 13 }],
    },
    {
      name: 'releasing another view does not release this one',
      code: withPrelude(`
        function f(buf: ArrayBuffer, other: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          const b = acquire(other, 'exclusive');
          release(b);
          const c = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(5), column: 13 }],
    },
    {
      name: 'a let alias that was pointed elsewhere releases the other view',
      code: withPrelude(`
        function f(buf: ArrayBuffer, other: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          let current = a;
          current = acquire(other, 'exclusive');
          release(current);
          const b = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(6), column: 13 }],
    },
    {
      name: 'a view held before try conflicts inside it',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const a = acquire(buf, 'exclusive');
          try {
            const b = acquire(buf, 'immutable');
            release(b);
          } finally {
            release(a);
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 15 }],
    },
    {
      name: 'a release inside try does not count in catch',
      code: withPrelude(`
        function f(buf: ArrayBuffer, work: () => void) {
          const a = acquire(buf, 'exclusive');
          try {
            work();
            release(a);
          } catch {
            using b = acquire(buf, 'immutable');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(7), column: 15 }],
    },
    {
      name: 'a view left live at the end of an iteration conflicts with the next one',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            view[0] = item;
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquireInLoop', line: line(3), column: 18 }],
    },
    {
      name: 'one report for an acquisition that conflicts with several views',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using first = acquire(buf, 'immutable');
          using second = acquire(buf, 'immutable');
          using third = acquire(buf, 'exclusive');
        }
      `),
      errors: [
        {
          messageId: 'conflictingAcquire',
          line: line(4),
          column: 17,
          data: { requested: 'exclusive acquisition', exporter: 'buf', held: 'the immutable view `first`', line: line(2) },
        },
      ],
    },
    {
      name: 'acquiring the buffer of a held view',
      code: withPrelude(`
        function f(bytes: Uint8Array) {
          using view = acquire(bytes, 'immutable');
          using whole = acquire(view.buffer, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 17 }],
    },
    {
      name: 'a typed array and its buffer are the same memory',
      code: withPrelude(`
        function f(bytes: Uint8Array) {
          using window = acquire(bytes, 'exclusive', { byteLength: 2 });
          using whole = acquire(bytes.buffer, 'immutable', { byteOffset: 100 });
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(3), column: 17 }],
    },
    {
      name: 'switch fallthrough keeps the view of the case above',
      code: withPrelude(`
        function f(buf: ArrayBuffer, kind: number) {
          switch (kind) {
            case 0:
              acquire(buf, 'exclusive');
            case 1:
              acquire(buf, 'exclusive');
              break;
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(6), column: 7 }],
    },
    // Path-sensitive cases on the shared lifetime analysis; each names the rustc borrowck/NLL shape it ports.
    {
      // rustc: conditional release in loops (a borrow released on one branch only is live at the loop head).
      name: 'a view released on only one branch of an if in the loop body conflicts with the next iteration',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            view[0] = item;
            if (item > 0) release(view);
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquireInLoop', line: line(3), column: 18 }],
    },
    {
      // rustc: conditional release in loops, the release skipped by `continue`.
      name: 'continue skips the release at the end of the iteration',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            if (item < 0) continue;
            release(view);
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquireInLoop', line: line(3), column: 18 }],
    },
    {
      // rustc: mutable while shared live, the early return releases but the fall-through path does not.
      name: 'an early return that releases leaves the view held on the path that goes on',
      code: withPrelude(`
        function f(buf: ArrayBuffer, done: boolean) {
          const shared = acquire(buf, 'immutable');
          if (done) {
            release(shared);
            return;
          }
          const unique = acquire(buf, 'exclusive');
          release(unique);
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(7), column: 18, data: { requested: 'exclusive acquisition', exporter: 'buf', held: 'the immutable view `shared`', line: line(2) } }],
    },
    {
      // rustc: a borrow still live on the normal path when it is ended only in the handler.
      name: 'a release only in catch leaves the view held when try completes',
      code: withPrelude(`
        function f(buf: ArrayBuffer, work: () => void) {
          const a = acquire(buf, 'exclusive');
          try {
            work();
          } catch {
            release(a);
          }
          using b = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(8), column: 13 }],
    },
    {
      // rustc: two mutable borrows, reached through switch fall-through from the case that did not release.
      name: 'switch: a case entered directly still holds the view released only by the case above',
      code: withPrelude(`
        function f(buf: ArrayBuffer, kind: number) {
          const a = acquire(buf, 'exclusive');
          switch (kind) {
            case 0:
              release(a);
            case 1:
              using b = acquire(buf, 'exclusive');
              break;
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(7), column: 17 }],
    },
    {
      // rustc: borrows in loop heads, the resize at the top of the next iteration meets the unreleased view.
      name: 'resize at the top of a loop while the previous iteration may still hold a view',
      code: withPrelude(`
        function f(owned: OwnedBuffer, more: () => boolean, keep: boolean) {
          while (more()) {
            owned.resize(8);
            const view = acquire(owned, 'immutable');
            if (!keep) release(view);
          }
        }
      `),
      errors: [{ messageId: 'lockedWhileViewed', line: line(3), column: 5, data: { call: 'owned.resize()', operation: 'resize', held: 'the immutable view `view`', line: line(4) } }],
    },
    {
      // rustc: a borrow escaping a block through a labelled break (held after the loops end).
      name: 'a labelled break out of nested loops skips the release',
      code: withPrelude(`
        function f(buf: ArrayBuffer, rows: number, columns: number) {
          outer: for (let row = 0; row < rows; row++) {
            for (let column = 0; column < columns; column++) {
              const cell = acquire(buf, 'exclusive', { byteOffset: row * columns + column, byteLength: 1 });
              if (cell[0] === 0) break outer;
              release(cell);
            }
          }
          using all = acquire(buf, 'immutable');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(9), column: 15 }],
    },
    {
      // rustc: mutable while shared live, the earlier view kept alive through a field it was stored in.
      name: 'a view stored in a field is still exported when the exporter is acquired again',
      code: withPrelude(`
        class Reader {
          current: ImmutableView | undefined;
          open(buf: ArrayBuffer): void {
            this.current = acquire(buf, 'immutable');
            using writer = acquire(buf, 'exclusive');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(5), column: 20 }],
    },
    {
      name: 'resize of an OwnedBuffer while a view is held',
      code: withPrelude(`
        function f(owned: OwnedBuffer) {
          using view = acquire(owned, 'immutable', { byteLength: 0 });
          owned.resize(16);
        }
      `),
      errors: [
        {
          messageId: 'lockedWhileViewed',
          line: line(3),
          column: 3,
          data: { call: 'owned.resize()', operation: 'resize', held: 'the immutable view `view`', line: line(2) },
        },
      ],
    },
    {
      // Roslyn CA2000's "added to a collection": ownership leaves, the export does not.
      name: 'a view set into a Map held by a field is still exported when the exporter is acquired again',
      code: withPrelude(`
        class Cache {
          readonly byName = new Map<string, unknown>();
          f(buf: ArrayBuffer) {
            const view = acquire(buf, 'exclusive');
            this.byName.set('view', view);
            using again = acquire(buf, 'exclusive');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(6), column: 19 }],
    },
    {
      name: 'a view put in an outside object by Object.assign is still exported at the resize',
      code: withPrelude(`
        function f(owned: OwnedBuffer, target: object) {
          const view = acquire(owned, 'exclusive');
          Object.assign(target, { view });
          owned.resize(16);
        }
      `),
      errors: [{ messageId: 'lockedWhileViewed', line: line(4), column: 3 }],
    },
    {
      name: 'transfer of a plain ArrayBuffer while a view is held',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const view = acquire(buf, 'immutable');
          const moved = buf.transfer();
          release(view);
        }
      `),
      errors: [{ messageId: 'staleWhileViewed', line: line(3), column: 17 }],
    },
    {
      name: 'transferToFixedLength of the buffer behind a held typed-array exporter',
      code: withPrelude(`
        function f(bytes: Uint8Array<ArrayBuffer>) {
          using view = acquire(bytes, 'exclusive');
          bytes.buffer.transferToFixedLength();
        }
      `),
      errors: [{ messageId: 'staleWhileViewed', line: line(3), column: 3 }],
    },
    {
      name: 'OwnedBuffer.adopt of a buffer with a held view',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          const owned = OwnedBuffer.adopt(buf);
        }
      `),
      errors: [
        {
          messageId: 'lockedWhileViewed',
          line: line(3),
          column: 17,
          data: { call: 'OwnedBuffer.adopt(buf)', operation: 'adopt', held: 'the exclusive view `view`', line: line(2) },
        },
      ],
    },
    {
      name: 'freeze while a view is held',
      code: withPrelude(`
        function f(owned: OwnedBuffer) {
          const view = acquire(owned, 'exclusive');
          const frozen = owned.freeze();
        }
      `),
      errors: [{ messageId: 'lockedWhileViewed', line: line(3), column: 18 }],
    },
    {
      name: 'grow of a WebAssembly memory viewed through its buffer',
      code: withPrelude(`
        function f(memory: WebAssemblyMemoryLike) {
          using heap = acquire(memory.buffer, 'immutable');
          memory.grow(1);
        }
      `),
      errors: [{ messageId: 'staleWhileViewed', line: line(3), column: 3 }],
    },
    {
      name: 'transfer of the buffer of a held view',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          using view = acquire(buf, 'exclusive');
          (view.buffer as ArrayBuffer).transfer();
        }
      `),
      errors: [{ messageId: 'staleWhileViewed', line: line(3), column: 3 }],
    },
    {
      // rustc: mutable while shared live; the first borrow taken by a fallible request.
      name: 'a granted tryAcquire holds its view from the call, taken out of the result or not',
      code: withPrelude(`
        function f(buf: ArrayBuffer) {
          const attempt = tryAcquire(buf, 'exclusive');
          if (attempt.ok) {
            using second = acquire(buf, 'immutable');
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(4), column: 20 }],
    },
    {
      // rustc: conditional release in loops; the cleanup block that does not release.
      name: 'continue out of a try whose finally does not release keeps the view held',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            try {
              if (item < 0) continue;
              view[0] = item;
              release(view);
            } finally {
              void item;
            }
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquireInLoop', line: line(3), column: 18 }],
    },
    {
      // rustc: conditional release in loops, the release in the cleanup block itself conditional.
      name: 'continue out of a try whose finally releases only on one branch',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[], keep: boolean) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            try {
              if (item < 0) continue;
              view[0] = item;
            } finally {
              if (!keep) release(view);
            }
          }
        }
      `),
      errors: [{ messageId: 'conflictingAcquireInLoop', line: line(3), column: 18 }],
    },
    {
      // rustc: a borrow escaping a block (by break) past a cleanup that does not end it.
      name: 'break out of a try whose finally does not release: the acquisition after the loop conflicts',
      code: withPrelude(`
        function f(buf: ArrayBuffer, items: readonly number[]) {
          for (const item of items) {
            const view = acquire(buf, 'exclusive');
            try {
              if (item < 0) break;
              view[0] = item;
            } finally {
              void item;
            }
            release(view);
          }
          using after = acquire(buf, 'exclusive');
        }
      `),
      errors: [{ messageId: 'conflictingAcquire', line: line(12), column: 17 }],
    },
  ],
});
