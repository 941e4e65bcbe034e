/**
 * Syntactic facts the lifetime analysis asks about a node: where `using` scopes end, which calls
 * run a callback later, which reads of a view only look at the reference. Pure functions of the
 * AST (and scope analysis), no state.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { lockingOperations, type LockingOperation } from 'xorview/semantics';
import { unwrapExpression as unwrapTransparent } from './exporter-identity.js';

export type FunctionLike =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

export function isFunctionLike(node: TSESTree.Node): node is FunctionLike {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** Nodes that start a code path of their own: functions, class field initialisers, static blocks. */
function isCodePathBoundary(node: TSESTree.Node): boolean {
  return (
    isFunctionLike(node) ||
    node.type === AST_NODE_TYPES.StaticBlock ||
    (node.parent?.type === AST_NODE_TYPES.PropertyDefinition && node.parent.value === node) ||
    (node.parent?.type === AST_NODE_TYPES.AccessorProperty && node.parent.value === node)
  );
}

/**
 * Expression wrappers that hand their operand through unchanged (as far as views go): one
 * implementation for the whole plugin, `unwrapExpression`.
 */
export { unwrapTransparent };

function usingDeclarationsIn(statements: readonly TSESTree.Node[]): TSESTree.VariableDeclaration[] {
  return statements.filter(
    (statement): statement is TSESTree.VariableDeclaration =>
      statement.type === AST_NODE_TYPES.VariableDeclaration && isUsingKind(statement.kind),
  );
}

export function isUsingKind(kind: TSESTree.VariableDeclaration['kind']): boolean {
  return kind === 'using' || kind === 'await using';
}

/**
 * The `using` declarations whose scope ends when control leaves `node`: a block's own, a
 * switch's (declared in its cases), a `for (using x of …)` head's (ends with each iteration).
 */
export function usingDeclarationsEndingAt(node: TSESTree.Node): TSESTree.VariableDeclaration[] {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
    case AST_NODE_TYPES.Program:
      return usingDeclarationsIn(node.body);
    case AST_NODE_TYPES.SwitchStatement:
      return usingDeclarationsIn(node.cases.flatMap((switchCase) => switchCase.consequent));
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return node.left.type === AST_NODE_TYPES.VariableDeclaration && isUsingKind(node.left.kind) ? [node.left] : [];
    case AST_NODE_TYPES.ForStatement:
      return node.init?.type === AST_NODE_TYPES.VariableDeclaration && isUsingKind(node.init.kind) ? [node.init] : [];
    default:
      return [];
  }
}

/** Whether `node` is a loop statement (the target of an unlabelled `continue`). */
function isLoop(node: TSESTree.Node): node is
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

/** Whether leaving `child` of `parent` leaves `parent`'s `using` scope too. */
function leavesScopeOf(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  if (parent.type === AST_NODE_TYPES.ForOfStatement || parent.type === AST_NODE_TYPES.ForInStatement) {
    return child === parent.body;
  }
  if (parent.type === AST_NODE_TYPES.ForStatement) return child !== parent.init;
  return true;
}

/** Whether `parent` is the statement a `break`/`continue` (or a `return`, when `jump` is one) targets. */
function isJumpTarget(jump: TSESTree.Node, parent: TSESTree.Node): boolean {
  if (jump.type === AST_NODE_TYPES.BreakStatement || jump.type === AST_NODE_TYPES.ContinueStatement) {
    if (jump.label !== null) {
      return parent.type === AST_NODE_TYPES.LabeledStatement && parent.label.name === jump.label.name;
    }
    return isLoop(parent) || (jump.type === AST_NODE_TYPES.BreakStatement && parent.type === AST_NODE_TYPES.SwitchStatement);
  }
  return false;
}

/** One thing a jump runs on its way out: the disposal of `using` declarations, or a `finally` block. */
export type JumpStep =
  | { readonly kind: 'dispose'; readonly declarations: readonly TSESTree.VariableDeclaration[] }
  | { readonly kind: 'finally'; readonly statement: TSESTree.TryStatement };

/**
 * What a jump (`return`, `break`, `continue`, a generator abandoned at a `yield`, the implicit
 * return of an arrow's expression body) runs before it lands, in order: the `using` scopes it
 * leaves, innermost first, and the `finally` blocks of the `try` statements it leaves from their
 * `try` or `catch` block. A `throw` stops at a `try` whose `catch` receives it.
 */
export function jumpSteps(jump: TSESTree.Node): JumpStep[] {
  const steps: JumpStep[] = [];
  let pending: TSESTree.VariableDeclaration[] = [];
  const flush = (): void => {
    if (pending.length > 0) steps.push({ kind: 'dispose', declarations: pending });
    pending = [];
  };
  const throws = jump.type === AST_NODE_TYPES.ThrowStatement;
  let child: TSESTree.Node = jump;
  let parent = jump.parent;
  while (parent != null && !isCodePathBoundary(child)) {
    if (parent.type === AST_NODE_TYPES.TryStatement && child !== parent.finalizer) {
      if (throws && child === parent.block && parent.handler !== null) break;
      if (parent.finalizer !== null) {
        flush();
        steps.push({ kind: 'finally', statement: parent });
      }
    }
    if (leavesScopeOf(parent, child)) pending.push(...usingDeclarationsEndingAt(parent));
    if (isJumpTarget(jump, parent)) break;
    child = parent;
    parent = parent.parent;
  }
  flush();
  return steps;
}

/**
 * The `using` declarations a jump leaves before it reaches a `finally` (see `jumpSteps`): the
 * ones it disposes on ESLint's own code path. Scopes outside a `try` with a `finally` end after
 * that block runs: ESLint routes a `return` or `throw` through the block's "leaving" copy, and a
 * `break`/`continue` past it (the analysis replays the block on those jumps).
 */
export function usingDeclarationsLeftBy(jump: TSESTree.Node): TSESTree.VariableDeclaration[] {
  const first = jumpSteps(jump)[0];
  return first?.kind === 'dispose' ? [...first.declarations] : [];
}

/** Whether `node` is the `finally` block of a `try` statement. */
export function isFinalizer(node: TSESTree.Node): node is TSESTree.BlockStatement & { parent: TSESTree.TryStatement } {
  return node.parent?.type === AST_NODE_TYPES.TryStatement && node.parent.finalizer === node;
}

/** Whether `node` is inside (the `try`, `catch` or `finally` block of) a `try` with a `finally`. */
export function isInsideTryWithFinally(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null && !isCodePathBoundary(child)) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer !== null) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/**
 * Whether an exception thrown at `node` is caught or passes through a `finally` before leaving
 * the function: then ESLint's code path already routes it (approximately) through the handler.
 */
export function isGuardedByTry(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null && !isCodePathBoundary(child)) {
    if (parent.type === AST_NODE_TYPES.TryStatement) {
      if (child === parent.block && (parent.handler !== null || parent.finalizer !== null)) return true;
      if (child === parent.handler && parent.finalizer !== null) return true;
    }
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/**
 * Whether leaving the function from `node` early (a generator abandoned at a `yield`) runs a
 * `finally` of the function first.
 */
export function isGuardedByFinally(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null && !isCodePathBoundary(child)) {
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer !== null && child !== parent.finalizer) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

const deferringFunctions: ReadonlySet<string> = new Set([
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
]);

const deferringMethods: ReadonlySet<string> = new Set([
  'then',
  'catch',
  'finally',
  'addEventListener',
  'addListener',
  'on',
  'once',
  'prependListener',
  'prependOnceListener',
  'subscribe',
  'nextTick',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'requestAnimationFrame',
  'requestIdleCallback',
  'observe',
]);

/** The name a property is accessed by, when it is written literally. */
export function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  const property = member.property;
  if (property.type === AST_NODE_TYPES.Literal && (typeof property.value === 'string' || typeof property.value === 'number')) {
    return String(property.value);
  }
  return undefined;
}

/**
 * Whether `call` schedules its callback arguments to run later: timers, microtasks, promise
 * reactions, event listeners, subscriptions. Callbacks given to any other call are assumed to run
 * before it returns (`forEach`, `map`, `new Promise(executor)`).
 */
export function defersCallbacks(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrapTransparent(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    return callee.type === AST_NODE_TYPES.Identifier && (callee.name === 'MutationObserver' || callee.name === 'FinalizationRegistry');
  }
  if (callee.type === AST_NODE_TYPES.Identifier) return deferringFunctions.has(callee.name);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = staticPropertyName(callee);
    return name !== undefined && deferringMethods.has(name);
  }
  return false;
}

/** A call that keeps (some of) its arguments in a collection or an object (see `storeCallOf`). */
export interface StoreCall {
  /** The collection or object they go into. */
  readonly into: TSESTree.Expression;
  /** The arguments kept: from index `first` on, up to `last` when it is set. */
  readonly first: number;
  readonly last: number | undefined;
  /** `Object.assign`: the properties of those arguments are kept, not the arguments. */
  readonly properties: boolean;
  /** `map.set(key, value)`: the key (argument 0) is kept too when the receiver is a `Map`. */
  readonly keyIfMap: boolean;
  readonly kind: 'collection' | 'field';
}

function isGlobalMember(node: TSESTree.Expression, object: string, property: string): boolean {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === object && staticPropertyName(node) === property;
}

/**
 * The calls that keep their arguments, by name only: `list.push(x)`, `list.unshift(x)`,
 * `list.splice(i, n, x)`, `set.add(x)` (one argument: never `Atomics.add(array, index, value)`),
 * `map.set(key, x)` (two arguments: the value is kept; a `TypedArray#set(source, offset)` keeps
 * nothing, its offset is no view), `Reflect.set(target, key, x)`, `Object.assign(target, …sources)`.
 */
export function storeCallOf(call: TSESTree.CallExpression): StoreCall | undefined {
  const callee = unwrapTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const target = call.arguments[0];
  const targetExpression = target === undefined || target.type === AST_NODE_TYPES.SpreadElement ? undefined : target;
  if (isGlobalMember(callee, 'Object', 'assign')) {
    return targetExpression && { into: targetExpression, first: 1, last: undefined, properties: true, keyIfMap: false, kind: 'field' };
  }
  if (isGlobalMember(callee, 'Reflect', 'set')) {
    return targetExpression && { into: targetExpression, first: 2, last: 2, properties: false, keyIfMap: false, kind: 'field' };
  }
  if (callee.object.type === AST_NODE_TYPES.Identifier && (callee.object.name === 'Atomics' || callee.object.name === 'Reflect')) return undefined;
  const collection = (first: number, last?: number, keyIfMap = false): StoreCall => ({ into: callee.object, first, last, properties: false, keyIfMap, kind: 'collection' });
  switch (staticPropertyName(callee)) {
    case 'push':
    case 'unshift':
      return collection(0);
    case 'splice':
      return collection(2);
    case 'add':
      return call.arguments.length === 1 ? collection(0) : undefined;
    case 'set':
      return call.arguments.length === 2 ? collection(1, 1, true) : undefined;
    default:
      return undefined;
  }
}

/** Built-in constructors of collections: a `new` of one is a fresh local collection, like a literal. */
export const collectionConstructors: ReadonlySet<string> = new Set(['Array', 'Map', 'Set', 'WeakMap', 'WeakSet']);

/**
 * `{ result, ok }` when `test` reads `result.ok` (through `!`, parentheses and casts): `ok` is
 * the value `result.ok` has when `test` is truthy.
 */
export function okTestOf(test: TSESTree.Node): { result: TSESTree.Expression; ok: boolean } | undefined {
  const { node, truthy } = withoutNegations(test);
  if (node.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(node) !== 'ok') return undefined;
  return { result: node.object, ok: truthy };
}

/** `test` without its `!`s (and parentheses, casts): `truthy` says how it is when `test` is truthy. */
function withoutNegations(test: TSESTree.Node): { node: TSESTree.Node; truthy: boolean } {
  let truthy = true;
  let node = unwrapTransparent(test);
  while (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    truthy = !truthy;
    node = unwrapTransparent(node.argument);
  }
  return { node, truthy };
}

/**
 * `{ identifier, truthy }` when `test` is a variable (through `!`, parentheses and casts):
 * `truthy` is how the variable is when `test` is truthy.
 */
export function conditionVariableTestOf(test: TSESTree.Node): { identifier: TSESTree.Identifier; truthy: boolean } | undefined {
  const { node, truthy } = withoutNegations(test);
  return node.type === AST_NODE_TYPES.Identifier ? { identifier: node, truthy } : undefined;
}

/** `x` in `x[Symbol.dispose]()` / `x[Symbol.asyncDispose]()`. */
export function disposedObject(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const callee = unwrapTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !callee.computed) return undefined;
  const key = callee.property;
  if (
    key.type === AST_NODE_TYPES.MemberExpression &&
    !key.computed &&
    key.object.type === AST_NODE_TYPES.Identifier &&
    key.object.name === 'Symbol' &&
    key.property.type === AST_NODE_TYPES.Identifier &&
    (key.property.name === 'dispose' || key.property.name === 'asyncDispose')
  ) {
    return callee.object;
  }
  return undefined;
}

/** `x` in `x.subarray(…)`. */
export function subarrayReceiver(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const callee = unwrapTransparent(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'subarray') return callee.object;
  return undefined;
}

const lockingOperationNames: ReadonlySet<string> = new Set(lockingOperations);

/**
 * The exporter a call resizes, transfers, adopts, freezes or grows (by method name only): its
 * receiver, or for `OwnedBuffer.adopt(buffer)` its argument. Such a call is refused (or detaches
 * the views) while a view of that exporter is held.
 */
export function lockedExporter(
  call: TSESTree.CallExpression,
): { operation: LockingOperation; exporter: TSESTree.Expression } | undefined {
  const callee = unwrapTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  const name = staticPropertyName(callee);
  if (name === undefined || !lockingOperationNames.has(name)) return undefined;
  const operation = name as LockingOperation;
  const exporter = operation === 'adopt' ? call.arguments[0] : callee.object;
  if (exporter === undefined || exporter.type === AST_NODE_TYPES.SpreadElement) return undefined;
  return { operation, exporter };
}

export type StackMethod = 'use' | 'adopt' | 'defer' | 'dispose' | 'disposeAsync' | 'move';

const stackMethods: ReadonlySet<string> = new Set<StackMethod>(['use', 'adopt', 'defer', 'dispose', 'disposeAsync', 'move']);

/** `{ stack, method }` for `stack.use(…)` and the other DisposableStack methods (by name only). */
export function stackMethodCall(
  call: TSESTree.CallExpression,
): { stack: TSESTree.Expression; method: StackMethod } | undefined {
  const callee = unwrapTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = staticPropertyName(callee);
  if (name === undefined || !stackMethods.has(name)) return undefined;
  return { stack: callee.object, method: name as StackMethod };
}

/** How a read of a variable holding a view treats the view. */
export type ReadRole =
  /** Touches the memory or hands the view to code that may: a use. */
  | 'use'
  /** Copies the reference into a binding or a literal: tracked as an alias, not a use. */
  | 'alias'
  /** Looks only at the reference (`typeof`, `===`, truthiness): never fails after release. */
  | 'inspect';

/** What a read of `identifier` does with the view it holds. */
export function readRoleOf(identifier: TSESTree.Identifier): ReadRole {
  let child: TSESTree.Node = identifier;
  let parent = identifier.parent;
  // The walk only climbs through expressions, which always have a parent.
  for (;;) {
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        child = parent;
        parent = parent.parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.test) return 'inspect';
        child = parent;
        parent = parent.parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.left && parent.operator !== '??') return 'inspect';
        child = parent;
        parent = parent.parent;
        continue;
      case AST_NODE_TYPES.SequenceExpression:
        if (child !== parent.expressions.at(-1)) return 'inspect';
        child = parent;
        parent = parent.parent;
        continue;
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'typeof' || parent.operator === '!' || parent.operator === 'void' ? 'inspect' : 'use';
      case AST_NODE_TYPES.BinaryExpression:
        return ['==', '===', '!=', '!==', 'instanceof'].includes(parent.operator) ? 'inspect' : 'use';
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return child === parent.test ? 'inspect' : 'use';
      case AST_NODE_TYPES.ForStatement:
        return child === parent.test ? 'inspect' : 'use';
      case AST_NODE_TYPES.ExpressionStatement:
        return 'inspect';
      case AST_NODE_TYPES.VariableDeclarator:
        return child === parent.init ? 'alias' : 'use';
      case AST_NODE_TYPES.AssignmentExpression:
        return child === parent.right && parent.operator === '=' ? 'alias' : 'use';
      case AST_NODE_TYPES.ArrayExpression:
        return 'alias';
      case AST_NODE_TYPES.Property:
        return child === parent.value && parent.parent.type === AST_NODE_TYPES.ObjectExpression ? 'alias' : 'use';
      default:
        return 'use';
    }
  }
}

const referenceIndexes = new WeakMap<object, ReadonlyMap<TSESTree.Identifier, TSESLint.Scope.Reference>>();

/**
 * Each identifier's reference in the file's scope analysis. Built once per file, for the lifetime
 * session and the type answers alike.
 */
export function referenceIndex(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<TSESTree.Identifier, TSESLint.Scope.Reference> {
  const cached = referenceIndexes.get(sourceCode);
  if (cached !== undefined) return cached;
  const built = new Map<TSESTree.Identifier, TSESLint.Scope.Reference>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const reference of scope.references) {
      if (reference.identifier.type === AST_NODE_TYPES.Identifier) built.set(reference.identifier, reference);
    }
  }
  referenceIndexes.set(sourceCode, built);
  return built;
}
