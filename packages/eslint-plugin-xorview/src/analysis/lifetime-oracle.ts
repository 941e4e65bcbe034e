/**
 * What the lifetime analysis needs to know about the program that syntax alone cannot tell:
 * which calls lend views, which calls release them, which variables hold views. The analysis
 * takes these as functions so it stays independent of how they are answered (the type checker in
 * the rules, a syntactic stand-in in the analysis' own unit tests).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { AccessMode } from 'xorview/semantics';

/** How a call lends a view. */
export type AcquisitionKind = 'acquire' | 'tryAcquire' | 'acquireAsync' | 'other-view-returning-call';

export interface LentView {
  readonly kind: AcquisitionKind;
  /** The exporter argument of an xorview acquire call (a held view here makes a sub-view). */
  readonly exporter: TSESTree.Expression | undefined;
  /** The mode requested, when statically known. */
  readonly mode: AccessMode | undefined;
}

/** xorview functions that take a view without using its memory. */
export type LifetimeFunction = 'release' | 'isReleased';

export interface LifetimeOracle {
  /** The view `call` lends, if it lends one. Asked once per call. */
  acquisitionOf(call: TSESTree.CallExpression): LentView | undefined;
  /** Whether `call` calls xorview's `release` or `isReleased`. Asked once per call. */
  lifetimeFunctionOf(call: TSESTree.CallExpression): LifetimeFunction | undefined;
  /**
   * Whether a variable the function did not bind itself (a parameter, a captured or module
   * variable) holds a view, judged by its declared type. Asked at most once per variable.
   */
  isViewVariable(variable: TSESLint.Scope.Variable): boolean;
  /**
   * The view mode of the value of `node` (a call whose result a variable is bound to, or a name
   * destructured from one), `undefined` when it is no view. Asked only about values some finding
   * depends on (a use after release, a hold across `await`), so a call's result type is resolved
   * only where it matters. Asked at most once per node.
   */
  viewModeOf(node: TSESTree.Node): AccessMode | undefined;
  /** Whether `expression` is a `DisposableStack` or `AsyncDisposableStack`. */
  isDisposableStack(expression: TSESTree.Expression): boolean;
  /**
   * Whether `expression` is a `Map` (whose `set` keeps its key strongly, unlike a `WeakMap`'s or
   * a typed array's `set`). Asked only for a `set(view, …)` whose receiver is not a local `Map`.
   */
  isMap(expression: TSESTree.Expression): boolean;
}

/**
 * Whether passing a view as argument `index` of `call` hands over its ownership (the callee
 * releases it or keeps it). The only input of the analysis that depends on configuration, so
 * results are cached per policy `key`.
 */
export interface OwnershipPolicy {
  readonly key: string;
  takesOwnership(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean;
}

/** The policy that transfers nothing: every argument is a loan. */
export const noOwnershipTransfer: OwnershipPolicy = { key: '', takesOwnership: () => false };
