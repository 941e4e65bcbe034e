/**
 * The events the lifetime analysis records while ESLint walks a function, in the order they run,
 * per code path segment. Each says what happened to references, nothing about views yet: which
 * values are views is decided when the segments are evaluated.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { LockingOperation } from 'xorview/semantics';
import type { LentView, LifetimeFunction } from './lifetime-oracle.js';
import type { FunctionLike, StackMethod, StoreCall } from './lifetime-syntax.js';

export type Variable = TSESLint.Scope.Variable;

/** What a call does to views, decided once when it is recorded. */
export interface CallFacts {
  readonly lent: LentView | undefined;
  readonly lifetimeFunction: LifetimeFunction | undefined;
  /** `x` in `x[Symbol.dispose]()`. */
  readonly disposes: TSESTree.Expression | undefined;
  /** `x` in `x.subarray()`: the result is a sub-view when `x` holds a view. */
  readonly subarrayOf: TSESTree.Expression | undefined;
  /** `stack.use(…)` and friends, when `stack` is a DisposableStack. */
  readonly stack: { readonly stack: TSESTree.Expression; readonly method: StackMethod } | undefined;
  /** `x.resize(…)`, `x.transfer()`, `OwnedBuffer.adopt(x)`…: the exporter `x` it locks. */
  readonly locks: { readonly operation: LockingOperation; readonly exporter: TSESTree.Expression } | undefined;
  /** `x.push(…)`, `x.set(k, …)`, `Object.assign(x, …)` and the like: arguments kept in `x`. */
  readonly stores: StoreCall | undefined;
  /** Callback arguments run later (timers, promise reactions, listeners). */
  readonly defersCallbacks: boolean;
  /** An exception here is caught or meets a `finally` inside the function. */
  readonly guarded: boolean;
}

export type LifetimeEvent =
  /** A read of a variable (see `readRoleOf` for what the read does with a view). */
  | { readonly type: 'read'; readonly identifier: TSESTree.Identifier; readonly variable: Variable }
  /** A call or `new` has returned (its arguments and callee were evaluated before). */
  | { readonly type: 'call'; readonly node: TSESTree.CallExpression | TSESTree.NewExpression; readonly facts: CallFacts }
  /**
   * `target` now refers to what `value` evaluates to. `iterate`: to the elements of `value`
   * (a `for … of` head); `value` undefined: to nothing known (`let x;`, `x++`).
   */
  | {
      readonly type: 'bind';
      readonly node: TSESTree.Node;
      readonly target: TSESTree.Node;
      readonly value: TSESTree.Expression | undefined;
      readonly how: 'assign' | 'iterate' | 'merge';
      readonly using: boolean;
    }
  /** A function value was created here (its own code path has been analysed already). */
  | { readonly type: 'closure'; readonly node: FunctionLike }
  /** Control leaves with `argument` (`return`, `throw`) or lends it out (`yield`). */
  | {
      readonly type: 'exit';
      readonly node: TSESTree.Node;
      readonly kind: 'return' | 'throw' | 'yield';
      readonly argument: TSESTree.Expression | undefined;
      readonly guarded: boolean;
    }
  /**
   * `using` variables whose scope ends here (block end, or a jump out of their blocks), and which
   * of them are `await using` (their disposal suspends the function).
   */
  | {
      readonly type: 'scope-exit';
      readonly node: TSESTree.Node;
      readonly variables: readonly Variable[];
      readonly awaited: ReadonlySet<Variable>;
    }
  /** An `await`: the function suspends here, and the promise may reject. */
  | { readonly type: 'await'; readonly node: TSESTree.AwaitExpression; readonly guarded: boolean }
  /**
   * The path went the way of a branch on `result.ok` (`if`, `?:`, `&&`, `||`, or past an `if`
   * whose other side always leaves): `ok` says whether `result.ok` is true on it.
   */
  | { readonly type: 'assume-ok'; readonly result: TSESTree.Expression; readonly ok: boolean }
  /** The head of a `for await` loop: the function suspends before every iteration. */
  | { readonly type: 'suspend'; readonly node: TSESTree.ForOfStatement }
  /** The path went the way of a branch on a variable (`if (c)`, `if (!c)`…): `truthy` says how `c` is on it. */
  | { readonly type: 'assume-condition'; readonly identifier: TSESTree.Identifier; readonly truthy: boolean }
  /** Where a `finally` block starts and ends on this segment (so it can be replayed on a jump). */
  | { readonly type: 'finally'; readonly statement: TSESTree.TryStatement; readonly edge: 'enter' | 'exit' }
  /**
   * A jump that runs `finally` blocks ESLint's code path does not route it through. `break` and
   * `continue`: the path goes on from here to its target once `steps` have run. `return` and an
   * abandoning `yield`: ESLint routes the path through the first `finally` itself, merged with
   * others; `steps` (the rest of the way out, after the `using` scopes the path already left)
   * tell what the function's caller finally gets.
   */
  | {
      readonly type: 'jump';
      readonly node: TSESTree.Node;
      readonly kind: 'break' | 'return' | 'yield';
      readonly steps: readonly ReplayStep[];
    };

/** A `using` disposal or a `finally` block run by a jump (see `jumpSteps`), with its variables. */
export type ReplayStep =
  | { readonly kind: 'dispose'; readonly variables: readonly Variable[]; readonly awaited: ReadonlySet<Variable> }
  | { readonly kind: 'finally'; readonly statement: TSESTree.TryStatement };

/** What a closure does with the variables of the functions around it. */
export interface ClosureFacts {
  readonly node: FunctionLike;
  /** Each outer variable it reads, with its first read inside the closure. */
  readonly captures: ReadonlyMap<Variable, TSESTree.Identifier>;
  /** Captured variables it releases (`release(x)`, `x[Symbol.dispose]()`) on some path. */
  readonly releases: ReadonlySet<Variable>;
}

/** The variable name a call event releases directly: `x` in `release(x)` or `x[Symbol.dispose]()`. */
export function releasedIdentifier(event: LifetimeEvent): TSESTree.Identifier | undefined {
  if (event.type !== 'call' || event.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const released = event.facts.lifetimeFunction === 'release' ? event.node.arguments[0] : event.facts.disposes;
  return released?.type === AST_NODE_TYPES.Identifier ? released : undefined;
}
