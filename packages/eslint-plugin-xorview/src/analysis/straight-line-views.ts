/**
 * Which views a function holds at each point, by a structured walk of its body: the "acquired
 * before, not released in between" analysis behind `no-view-across-await` (the other flow rules,
 * `no-conflicting-views` included, are on the code-path lifetime analysis of `lifetime.ts`).
 *
 * It is a may-analysis over the statement tree, not over code paths: a view is live at a point if
 * it is live on the end of some branch that reaches it. Branches of `if`/`?:`/`&&`/`switch` are
 * walked separately and joined, so a release in only one branch leaves the view live after it;
 * `return`/`throw`/`break`/`continue` end a branch (with `using` disposals and `finally` blocks run
 * for `break`/`continue`); loop bodies are walked until the views live at the loop head stop
 * growing, so a view left live at the end of an iteration is seen by the next one. Exception paths
 * are approximated: a `catch` or `finally` starts from the state before or at the end of `try`.
 * Nested functions are not entered; each is analysed on its own.
 *
 * A view is released by xorview's `release(view)`, by `view[Symbol.dispose]()` and at the end of
 * the block of its `using` declaration. Sub-views (`view.subarray()`, an acquisition through a
 * held view) die with their parent. Names follow `const`/`let` aliases, destructuring and the
 * `view` of a `tryAcquire` result; a branch on `result.ok` knows whether that view was granted.
 *
 * The analysis reports facts through a listener; it knows nothing of rule messages or options.
 * The same node can be reported more than once (loop bodies and `finally` blocks are walked again
 * with more views live), so listeners deduplicate by node.
 */
import { AST_NODE_TYPES, ASTUtils, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AccessMode } from 'xorview/semantics';
import { matchAcquisition, type Acquisition } from './acquisitions.js';
import { unwrapExpression } from './exporter-identity.js';
import { isLoop } from './lifetime-syntax.js';
import { disposedExpression, isReleaseCall } from './releases.js';
import { viewModeOfNode } from './view-types.js';

/** A view the function acquired, identified by the node that produced it. */
export interface TrackedView {
  /** The acquiring call, or the identifier a destructured view was bound to. */
  readonly origin: TSESTree.Node;
  readonly kind: Acquisition['kind'] | 'destructured';
  readonly mode: AccessMode | undefined;
  /** The view this one was narrowed from: it is released with it. */
  readonly parent: TrackedView | undefined;
  /** The first name the view was bound to, for messages. */
  name: string | undefined;
}

/**
 * A point where the function may be suspended: `await`, `yield`, the head of `for await`, or the
 * await that disposes a non-view `await using` resource at the end of its block.
 */
export interface SuspensionEvent {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'yield' | 'for-await' | 'await-using-disposal';
  readonly live: readonly TrackedView[];
}

export interface ViewFlowListener {
  /** The function may suspend while at least one view is live. */
  onSuspension?(event: SuspensionEvent): void;
}

/** A function ESLint's `:function` selector matches. */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** What the analysis walks: a function body, or a module's top level (top-level `await`, `using`). */
export type AnalysedFunction = TSESTree.Program | FunctionNode;

/** Whether `node` starts a body of its own: the analysis of its parent never enters it. */
export function isAnalysedFunction(node: TSESTree.Node): node is AnalysedFunction {
  return (
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** How a value refers to a tracked view: the view itself, a `tryAcquire` result, a pending `acquireAsync`. */
interface Handle {
  readonly view: TrackedView;
  readonly form: 'view' | 'result' | 'pending';
}

type Handles = ReadonlySet<Handle>;
type Variable = TSESLint.Scope.Variable;

interface FlowState {
  live: Set<TrackedView>;
  /** Only variables that may hold a tracked view appear here. */
  bindings: Map<Variable, Handles>;
}

/** A `using`/`await using` declaration waiting for the end of its block. */
interface Disposal {
  readonly declarator: TSESTree.VariableDeclarator;
  readonly handles: Handles;
  readonly awaited: boolean;
  readonly holdsView: boolean;
}

interface JumpTarget {
  readonly kind: 'loop' | 'switch' | 'label';
  readonly labels: readonly string[];
  readonly frameDepth: number;
  readonly finalizerDepth: number;
  breaks: FlowState[];
  continues: FlowState[];
}

const noHandles: Handles = new Set();
/** Loop bodies are re-walked until the head state stops growing; this bounds nested loops. */
const maxLoopPasses = 3;
/** Keys of type-only children, never evaluated. */
const typeOnlyKeys: ReadonlySet<string> = new Set(['typeAnnotation', 'typeArguments', 'typeParameters', 'returnType']);

function emptyState(): FlowState {
  return { live: new Set(), bindings: new Map() };
}

function cloneState(state: FlowState): FlowState {
  return { live: new Set(state.live), bindings: new Map(state.bindings) };
}

/** Adds everything `other` may hold to `target`. */
function joinInto(target: FlowState, other: FlowState): void {
  for (const view of other.live) target.live.add(view);
  for (const [variable, handles] of other.bindings) {
    const existing = target.bindings.get(variable);
    target.bindings.set(variable, existing === undefined ? handles : union(existing, handles));
  }
}

function joinAll(states: readonly (FlowState | null)[]): FlowState | null {
  let joined: FlowState | null = null;
  for (const state of states) {
    if (state === null) continue;
    if (joined === null) joined = cloneState(state);
    else joinInto(joined, state);
  }
  return joined;
}

/** Whether `next` (a superset of `previous`) holds anything more. */
function grew(previous: FlowState, next: FlowState): boolean {
  if (next.live.size !== previous.live.size || next.bindings.size !== previous.bindings.size) return true;
  for (const [variable, handles] of next.bindings) {
    if (handles.size !== previous.bindings.get(variable)?.size) return true;
  }
  return false;
}

function union(first: Handles, second: Handles): Handles {
  if (first.size === 0) return second;
  if (second.size === 0) return first;
  return new Set([...first, ...second]);
}

function viewsOf(handles: Handles, form: Handle['form'] = 'view'): TrackedView[] {
  const views: TrackedView[] = [];
  for (const handle of handles) if (handle.form === form) views.push(handle.view);
  return views;
}

function isDescendantOf(view: TrackedView, ancestor: TrackedView): boolean {
  for (let current: TrackedView | undefined = view; current !== undefined; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

function staticPropertyName(property: TSESTree.Property | TSESTree.MemberExpression): string | undefined {
  const key = property.type === AST_NODE_TYPES.Property ? property.key : property.property;
  if (property.computed) return key.type === AST_NODE_TYPES.Literal ? String(key.value) : undefined;
  return key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier ? key.name : undefined;
}

function isAlwaysTrue(test: TSESTree.Expression | null): boolean {
  return test === null || (test.type === AST_NODE_TYPES.Literal && test.value === true);
}

/**
 * Walks one function at a time. Create one per rule invocation (it caches tracked views by node),
 * then call `analyse` for each function.
 */
export class StraightLineViewFlow {
  readonly #sourceCode: Readonly<TSESLint.SourceCode>;
  readonly #services: ParserServicesWithTypeInformation;
  readonly #listener: ViewFlowListener;
  /** One tracked view per producing node of the function being analysed, so re-walking a loop body meets the same views. */
  readonly #views = new Map<TSESTree.Node, TrackedView>();
  readonly #handles = new WeakMap<TrackedView, Map<Handle['form'], Handle>>();
  #frames: Disposal[][] = [];
  #targets: JumpTarget[] = [];
  #finalizers: TSESTree.BlockStatement[] = [];

  /**
   * Tracks xorview acquisitions, any call whose result is a view and views destructured from a
   * call result (this asks the checker for the type of every call).
   */
  constructor(sourceCode: Readonly<TSESLint.SourceCode>, services: ParserServicesWithTypeInformation, listener: ViewFlowListener) {
    this.#sourceCode = sourceCode;
    this.#services = services;
    this.#listener = listener;
  }

  analyse(node: AnalysedFunction): void {
    this.#views.clear();
    this.#frames = [];
    this.#targets = [];
    this.#finalizers = [];
    const state = emptyState();
    if (node.type === AST_NODE_TYPES.Program) this.#walkBlock(node.body, state);
    else if (node.body.type === AST_NODE_TYPES.BlockStatement) this.#walkBlock(node.body.body, state);
    else this.#evaluate(node.body, state);
  }

  // ---- statements -------------------------------------------------------------------------

  /** Walks statements in a block scope of their own; `using` declarations end with it. */
  #walkBlock(statements: readonly TSESTree.Node[], state: FlowState): FlowState | null {
    this.#frames.push([]);
    const end = this.#walkStatements(statements, state);
    const frame = this.#frames.pop() ?? [];
    if (end !== null) this.#dispose(frame, end, true);
    return end;
  }

  #walkStatements(statements: readonly TSESTree.Node[], state: FlowState): FlowState | null {
    let current: FlowState | null = state;
    for (const statement of statements) {
      if (current === null) return null;
      current = this.#walkStatement(statement, current);
    }
    return current;
  }

  #walkStatement(node: TSESTree.Node, state: FlowState): FlowState | null {
    switch (node.type) {
      case AST_NODE_TYPES.BlockStatement:
        return this.#walkBlock(node.body, state);
      case AST_NODE_TYPES.ExpressionStatement:
        this.#evaluate(node.expression, state);
        return state;
      case AST_NODE_TYPES.VariableDeclaration:
        this.#declare(node, state);
        return state;
      case AST_NODE_TYPES.IfStatement: {
        this.#evaluate(node.test, state);
        const otherwise = cloneState(state);
        const failed = this.#failedAcquisitions(node.test, state);
        this.#release(failed.whenTrue, state);
        this.#release(failed.whenFalse, otherwise);
        const consequent = this.#walkStatement(node.consequent, state);
        const alternate = node.alternate === null ? otherwise : this.#walkStatement(node.alternate, otherwise);
        return joinAll([consequent, alternate]);
      }
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument !== null) this.#evaluate(node.argument, state);
        return null;
      case AST_NODE_TYPES.ThrowStatement:
        this.#evaluate(node.argument, state);
        return null;
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
        this.#jump(node, state);
        return null;
      case AST_NODE_TYPES.LabeledStatement:
        return this.#walkLabeled(node, state);
      case AST_NODE_TYPES.SwitchStatement:
        return this.#walkSwitch(node, state, []);
      case AST_NODE_TYPES.TryStatement:
        return this.#walkTry(node, state);
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return this.#walkLoop(node, state, []);
      case AST_NODE_TYPES.WithStatement:
        this.#evaluate(node.object, state);
        return this.#walkStatement(node.body, state);
      case AST_NODE_TYPES.ExportNamedDeclaration:
        return node.declaration === null ? state : this.#walkStatement(node.declaration, state);
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        if (node.declaration.type !== AST_NODE_TYPES.FunctionDeclaration && node.declaration.type !== AST_NODE_TYPES.ClassDeclaration) {
          this.#evaluate(node.declaration, state);
        }
        return state;
      default:
        // Function and class declarations run later (analysed on their own); the rest are
        // declarations with no runtime effect on views (imports, types, empty statements).
        return state;
    }
  }

  #declare(node: TSESTree.VariableDeclaration, state: FlowState): void {
    const disposed = node.kind === 'using' || node.kind === 'await using';
    for (const declarator of node.declarations) {
      const handles = declarator.init === null ? noHandles : this.#bindInitialised(declarator.id, declarator.init, state);
      if (declarator.init === null && declarator.id.type === AST_NODE_TYPES.Identifier) this.#bind(declarator.id, noHandles, state);
      if (!disposed) continue;
      const awaited = node.kind === 'await using';
      const holdsView = viewsOf(handles).length > 0 || (awaited && viewModeOfNode(this.#services, declarator.id) !== undefined);
      this.#frames.at(-1)?.push({ declarator, handles, awaited, holdsView });
    }
  }

  /** Releases the `using` views of a block in reverse order of declaration. */
  #dispose(frame: readonly Disposal[], state: FlowState, reportSuspensions: boolean): void {
    for (let index = frame.length - 1; index >= 0; index--) {
      const disposal = frame[index];
      if (disposal === undefined) continue;
      this.#release(viewsOf(disposal.handles), state);
      // Disposing a view is synchronous: the await that `await using` adds after it is not a
      // suspension worth reporting. A real async resource's disposal is.
      if (reportSuspensions && disposal.awaited && !disposal.holdsView) {
        this.#suspend(disposal.declarator, 'await-using-disposal', state);
      }
    }
  }

  #jump(node: TSESTree.BreakStatement | TSESTree.ContinueStatement, state: FlowState): void {
    const label = node.label?.name;
    const isBreak = node.type === AST_NODE_TYPES.BreakStatement;
    let targetIndex = this.#targets.length - 1;
    for (; targetIndex >= 0; targetIndex--) {
      const target = this.#targets[targetIndex];
      if (target === undefined) continue;
      if (label !== undefined ? target.labels.includes(label) : target.kind === 'loop' || (isBreak && target.kind === 'switch')) break;
    }
    const target = this.#targets[targetIndex];
    if (target === undefined) return;
    let leaving: FlowState | null = cloneState(state);
    for (let depth = this.#frames.length - 1; depth >= target.frameDepth; depth--) {
      this.#dispose(this.#frames[depth] ?? [], leaving, false);
    }
    // `finally` blocks between here and the target run on the way out.
    const finalizers = this.#finalizers;
    for (let index = finalizers.length - 1; index >= target.finalizerDepth && leaving !== null; index--) {
      const finalizer = finalizers[index];
      if (finalizer === undefined) continue;
      this.#finalizers = finalizers.slice(0, index);
      leaving = this.#walkBlock(finalizer.body, leaving);
    }
    this.#finalizers = finalizers;
    if (leaving === null) return;
    if (isBreak) target.breaks.push(leaving);
    else target.continues.push(leaving);
  }

  #pushTarget(kind: JumpTarget['kind'], labels: readonly string[]): JumpTarget {
    const target: JumpTarget = {
      kind,
      labels,
      frameDepth: this.#frames.length,
      finalizerDepth: this.#finalizers.length,
      breaks: [],
      continues: [],
    };
    this.#targets.push(target);
    return target;
  }

  #walkLabeled(node: TSESTree.LabeledStatement, state: FlowState): FlowState | null {
    const labels = [node.label.name];
    let body: TSESTree.Statement = node.body;
    while (body.type === AST_NODE_TYPES.LabeledStatement) {
      labels.push(body.label.name);
      body = body.body;
    }
    if (isLoop(body)) return this.#walkLoop(body, state, labels);
    if (body.type === AST_NODE_TYPES.SwitchStatement) return this.#walkSwitch(body, state, labels);
    const target = this.#pushTarget('label', labels);
    const end = this.#walkStatement(body, state);
    this.#targets.pop();
    return joinAll([end, ...target.breaks]);
  }

  #walkSwitch(node: TSESTree.SwitchStatement, state: FlowState, labels: readonly string[]): FlowState | null {
    this.#evaluate(node.discriminant, state);
    const target = this.#pushTarget('switch', labels);
    let fallthrough: FlowState | null = null;
    let hasDefault = false;
    for (const switchCase of node.cases) {
      if (switchCase.test === null) hasDefault = true;
      else this.#evaluate(switchCase.test, state);
      const entry = joinAll([state, fallthrough]) ?? cloneState(state);
      fallthrough = this.#walkStatements(switchCase.consequent, entry);
    }
    this.#targets.pop();
    return joinAll([fallthrough, ...target.breaks, hasDefault ? null : state]);
  }

  #walkTry(node: TSESTree.TryStatement, state: FlowState): FlowState | null {
    const before = cloneState(state);
    if (node.finalizer !== null) this.#finalizers.push(node.finalizer);
    const tryEnd = this.#walkBlock(node.block.body, state);
    // Exceptions are approximated as thrown at the start or the end of the `try` block.
    const thrown = joinAll([before, tryEnd]) ?? before;
    let catchEnd: FlowState | null = null;
    if (node.handler !== null) {
      const catchEntry = cloneState(thrown);
      if (node.handler.param !== null) this.#bindPattern(node.handler.param, noHandles, catchEntry, false);
      catchEnd = this.#walkBlock(node.handler.body.body, catchEntry);
    }
    if (node.finalizer !== null) this.#finalizers.pop();
    const completed = joinAll([tryEnd, catchEnd]);
    if (node.finalizer === null) return completed;
    const end = completed === null ? null : this.#walkBlock(node.finalizer.body, completed);
    // The finally block also runs after an exception escapes `try` or `catch`: walked for what it
    // reports, its end state leaves by the exception.
    const escaping = node.handler === null ? thrown : joinAll([thrown, catchEnd]);
    if (escaping !== null) this.#walkBlock(node.finalizer.body, cloneState(escaping));
    return end;
  }

  #walkLoop(
    node: TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement,
    state: FlowState,
    labels: readonly string[],
  ): FlowState | null {
    // `for (let …; …; …)` and `for (using …; …; …)` declare in a scope around the whole loop.
    const initFrame = node.type === AST_NODE_TYPES.ForStatement;
    if (initFrame) {
      this.#frames.push([]);
      if (node.init !== null) {
        if (node.init.type === AST_NODE_TYPES.VariableDeclaration) this.#declare(node.init, state);
        else this.#evaluate(node.init, state);
      }
    }
    if (node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement) this.#evaluate(node.right, state);

    const target = this.#pushTarget('loop', labels);
    let head = cloneState(state);
    let exit: FlowState | null;
    for (let pass = 1; ; pass++) {
      target.breaks = [];
      target.continues = [];
      const iteration = this.#iterate(node, cloneState(head), target);
      exit = iteration.exit;
      const next = joinAll([state, iteration.back]) ?? cloneState(state);
      if (pass >= maxLoopPasses || !grew(head, next)) break;
      head = next;
    }
    this.#targets.pop();
    const end = joinAll([exit, ...target.breaks]);
    if (initFrame) {
      const frame = this.#frames.pop() ?? [];
      if (end !== null) this.#dispose(frame, end, true);
    }
    return end;
  }

  /** One iteration from the loop head: the state leaving the loop normally and the back edge. */
  #iterate(
    node: TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement | TSESTree.WhileStatement | TSESTree.DoWhileStatement,
    head: FlowState,
    target: JumpTarget,
  ): { exit: FlowState | null; back: FlowState | null } {
    switch (node.type) {
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.ForStatement: {
        if (node.test !== null) this.#evaluate(node.test, head);
        const exit = isAlwaysTrue(node.test) ? null : cloneState(head);
        const bodyEnd = this.#walkStatement(node.body, head);
        const back = joinAll([bodyEnd, ...target.continues]);
        if (back !== null && node.type === AST_NODE_TYPES.ForStatement && node.update !== null) this.#evaluate(node.update, back);
        return { exit, back };
      }
      case AST_NODE_TYPES.DoWhileStatement: {
        const bodyEnd = this.#walkStatement(node.body, head);
        const back = joinAll([bodyEnd, ...target.continues]);
        if (back === null) return { exit: null, back };
        this.#evaluate(node.test, back);
        return { exit: isAlwaysTrue(node.test) ? null : cloneState(back), back };
      }
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement: {
        // The head awaits the iterator before every iteration and once more before leaving.
        if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) this.#suspend(node, 'for-await', head);
        const exit = cloneState(head);
        this.#frames.push([]);
        if (node.left.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of node.left.declarations) this.#bindPattern(declarator.id, noHandles, head, false);
        } else {
          this.#bindPattern(node.left, noHandles, head, false);
        }
        const bodyEnd = this.#walkStatement(node.body, head);
        const frame = this.#frames.pop() ?? [];
        if (bodyEnd !== null) this.#dispose(frame, bodyEnd, true);
        return { exit, back: joinAll([bodyEnd, ...target.continues]) };
      }
    }
  }

  // ---- expressions ------------------------------------------------------------------------

  /** Evaluates `node` for its effects on `state`; returns the tracked views its value may refer to. */
  #evaluate(node: TSESTree.Node, state: FlowState): Handles {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.#lookup(node, state);
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.Super:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.MetaProperty:
        return noHandles;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        return this.#evaluate(node.expression, state);
      case AST_NODE_TYPES.MemberExpression: {
        const object = this.#evaluate(node.object, state);
        if (node.computed) this.#evaluate(node.property, state);
        if (object.size === 0 || staticPropertyName(node) !== 'view') return noHandles;
        return new Set(viewsOf(object, 'result').map((view) => this.#handle(view, 'view')));
      }
      case AST_NODE_TYPES.CallExpression:
        return this.#evaluateCall(node, state);
      case AST_NODE_TYPES.AwaitExpression: {
        const awaited = this.#evaluate(node.argument, state);
        this.#suspend(node, 'await', state);
        return this.#settle(awaited, state);
      }
      case AST_NODE_TYPES.YieldExpression:
        if (node.argument !== null) this.#evaluate(node.argument, state);
        this.#suspend(node, 'yield', state);
        return noHandles;
      case AST_NODE_TYPES.ConditionalExpression: {
        this.#evaluate(node.test, state);
        const otherwise = cloneState(state);
        const consequent = this.#evaluate(node.consequent, state);
        const alternate = this.#evaluate(node.alternate, otherwise);
        joinInto(state, otherwise);
        return union(consequent, alternate);
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.#evaluate(node.left, state);
        const shortCircuited = cloneState(state);
        const right = this.#evaluate(node.right, state);
        joinInto(state, shortCircuited);
        return union(left, right);
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return this.#evaluateAssignment(node, state);
      case AST_NODE_TYPES.SequenceExpression: {
        let value = noHandles;
        for (const expression of node.expressions) value = this.#evaluate(expression, state);
        return value;
      }
      case AST_NODE_TYPES.Property:
        if (node.computed) this.#evaluate(node.key, state);
        this.#evaluate(node.value, state);
        return noHandles;
      default:
        this.#evaluateChildren(node, state);
        return noHandles;
    }
  }

  #evaluateChildren(node: TSESTree.Node, state: FlowState): void {
    const keys = this.#sourceCode.visitorKeys[node.type] ?? [];
    for (const key of keys) {
      if (typeOnlyKeys.has(key)) continue;
      const child: unknown = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? child : [child];
      for (const item of children) {
        if (isNode(item) && !item.type.startsWith('TS')) this.#evaluate(item, state);
      }
    }
  }

  #evaluateCall(call: TSESTree.CallExpression, state: FlowState): Handles {
    const callee = unwrapExpression(call.callee);
    let receiver = noHandles;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      receiver = this.#evaluate(callee.object, state);
      if (callee.computed) this.#evaluate(callee.property, state);
    } else {
      this.#evaluate(callee, state);
    }
    const argumentValues = call.arguments.map((argument) => this.#evaluate(argument, state));

    if (receiver.size > 0 && disposedExpression(call) !== undefined) {
      this.#release(viewsOf(receiver), state);
      return noHandles;
    }
    const firstArgumentViews = viewsOf(argumentValues[0] ?? noHandles);
    if (firstArgumentViews.length > 0 && isReleaseCall(this.#services, call)) {
      this.#release(firstArgumentViews, state);
      return noHandles;
    }

    const acquisition = matchAcquisition(this.#services, call);
    if (acquisition === undefined) return noHandles;
    const isExplicit = acquisition.kind !== 'other-view-returning-call';
    // A view-returning method of a view (`subarray`) or an acquisition through a held view is a
    // sub-view. One of a view this function did not acquire (a parameter) is not ours to track.
    const parentHandles = isExplicit ? (argumentValues[0] ?? noHandles) : receiver;
    const parent = viewsOf(parentHandles)[0];
    if (
      parent === undefined &&
      !isExplicit &&
      callee.type === AST_NODE_TYPES.MemberExpression &&
      viewModeOfNode(this.#services, callee.object) !== undefined
    ) {
      return noHandles;
    }
    const view = this.#trackedView(call, () => ({
      origin: call,
      kind: acquisition.kind,
      mode: acquisition.mode ?? parent?.mode,
      parent,
      name: undefined,
    }));
    if (acquisition.kind === 'acquireAsync') return new Set([this.#handle(view, 'pending')]);
    state.live.add(view);
    return new Set([this.#handle(view, acquisition.kind === 'tryAcquire' ? 'result' : 'view')]);
  }

  #evaluateAssignment(node: TSESTree.AssignmentExpression, state: FlowState): Handles {
    const target = node.left;
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      this.#evaluate(target.object, state);
      if (target.computed) this.#evaluate(target.property, state);
    }
    const value = this.#evaluate(node.right, state);
    if (node.operator === '=') {
      this.#bindPattern(target, value, state, false);
    } else if (target.type === AST_NODE_TYPES.Identifier && (node.operator === '??=' || node.operator === '||=' || node.operator === '&&=')) {
      this.#bind(target, union(this.#lookup(target, state), value), state);
    }
    return value;
  }

  /** The views an awaited value settles to: a pending `acquireAsync` becomes a live view here. */
  #settle(awaited: Handles, state: FlowState): Handles {
    if (awaited.size === 0) return noHandles;
    const settled = new Set<Handle>();
    for (const handle of awaited) {
      if (handle.form !== 'pending') {
        settled.add(handle);
        continue;
      }
      state.live.add(handle.view);
      settled.add(this.#handle(handle.view, 'view'));
    }
    return settled;
  }

  #release(views: readonly TrackedView[], state: FlowState): void {
    if (views.length === 0) return;
    for (const live of [...state.live]) {
      if (views.some((view) => isDescendantOf(live, view))) state.live.delete(live);
    }
  }

  /**
   * The `tryAcquire` views a branch condition proves were never granted: `result.ok` is false on
   * the `else` side, `!result.ok` true on the `then` side.
   */
  #failedAcquisitions(test: TSESTree.Expression, state: FlowState): { whenTrue: TrackedView[]; whenFalse: TrackedView[] } {
    const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
    const condition = unwrapExpression(negated ? test.argument : test);
    if (condition.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(condition) !== 'ok') return { whenTrue: [], whenFalse: [] };
    const result = unwrapExpression(condition.object);
    const views = result.type === AST_NODE_TYPES.Identifier ? viewsOf(this.#lookup(result, state), 'result') : [];
    return negated ? { whenTrue: views, whenFalse: [] } : { whenTrue: [], whenFalse: views };
  }

  #suspend(node: TSESTree.Node, kind: SuspensionEvent['kind'], state: FlowState): void {
    if (state.live.size > 0) this.#listener.onSuspension?.({ node, kind, live: [...state.live] });
  }

  // ---- bindings ---------------------------------------------------------------------------

  /** Binds a declarator, pairing array/object literal initialisers with their patterns. */
  #bindInitialised(pattern: TSESTree.Node, init: TSESTree.Expression, state: FlowState): Handles {
    const initializer = unwrapExpression(init);
    if (pattern.type === AST_NODE_TYPES.ArrayPattern && initializer.type === AST_NODE_TYPES.ArrayExpression) {
      let bound = noHandles;
      initializer.elements.forEach((element, index) => {
        const value = element === null ? noHandles : this.#evaluate(element, state);
        const target = pattern.elements[index];
        if (target !== undefined && target !== null && element?.type !== AST_NODE_TYPES.SpreadElement) {
          this.#bindPattern(target, value, state, false);
          bound = union(bound, value);
        }
      });
      return bound;
    }
    if (pattern.type === AST_NODE_TYPES.ObjectPattern && initializer.type === AST_NODE_TYPES.ObjectExpression) {
      const valuesByKey = new Map<string, Handles>();
      for (const property of initializer.properties) {
        const value = this.#evaluate(property.type === AST_NODE_TYPES.Property ? property.value : property, state);
        const key = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
        if (key !== undefined) valuesByKey.set(key, value);
      }
      let bound = noHandles;
      for (const property of pattern.properties) {
        const key = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
        const value = key === undefined ? noHandles : (valuesByKey.get(key) ?? noHandles);
        this.#bindPattern(property.type === AST_NODE_TYPES.Property ? property.value : property.argument, value, state, false);
        bound = union(bound, value);
      }
      return bound;
    }
    const value = this.#evaluate(init, state);
    // Views destructured out of a fresh call result (`const { a, b } = openPair()`) are new views.
    const fresh =
      pattern.type !== AST_NODE_TYPES.Identifier &&
      (initializer.type === AST_NODE_TYPES.CallExpression || initializer.type === AST_NODE_TYPES.AwaitExpression);
    return this.#bindPattern(pattern, value, state, fresh);
  }

  /** Binds every name in `pattern`; returns the handles bound. */
  #bindPattern(pattern: TSESTree.Node, value: Handles, state: FlowState, fresh: boolean): Handles {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier: {
        if (fresh && value.size === 0 && viewModeOfNode(this.#services, pattern) !== undefined) {
          const view = this.#trackedView(pattern, () => ({
            origin: pattern,
            kind: 'destructured',
            mode: viewModeOfNode(this.#services, pattern),
            parent: undefined,
            name: pattern.name,
          }));
          state.live.add(view);
          value = new Set([this.#handle(view, 'view')]);
        }
        this.#bind(pattern, value, state);
        return value;
      }
      case AST_NODE_TYPES.ObjectPattern: {
        let bound = noHandles;
        for (const property of pattern.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            this.#bindPattern(property.argument, noHandles, state, false);
            continue;
          }
          if (property.computed) this.#evaluate(property.key, state);
          const isView = staticPropertyName(property) === 'view';
          const propertyValue = isView ? new Set(viewsOf(value, 'result').map((view) => this.#handle(view, 'view'))) : noHandles;
          bound = union(bound, this.#bindPattern(property.value, propertyValue, state, fresh));
        }
        return bound;
      }
      case AST_NODE_TYPES.ArrayPattern: {
        let bound = noHandles;
        for (const element of pattern.elements) {
          if (element !== null) bound = union(bound, this.#bindPattern(element, noHandles, state, fresh));
        }
        return bound;
      }
      case AST_NODE_TYPES.RestElement:
        return this.#bindPattern(pattern.argument, noHandles, state, false);
      case AST_NODE_TYPES.AssignmentPattern: {
        const fallback = this.#evaluate(pattern.right, state);
        return this.#bindPattern(pattern.left, union(value, fallback), state, fresh && fallback.size === 0);
      }
      default:
        return noHandles;
    }
  }

  #bind(identifier: TSESTree.Identifier, value: Handles, state: FlowState): void {
    // Nothing tracked yet in this analysis: no binding to change.
    if (value.size === 0 && this.#views.size === 0) return;
    const variable = ASTUtils.findVariable(this.#sourceCode.getScope(identifier), identifier);
    if (variable === null) return;
    if (value.size === 0) {
      state.bindings.delete(variable);
      return;
    }
    state.bindings.set(variable, value);
    for (const view of viewsOf(value)) view.name ??= identifier.name;
  }

  #lookup(identifier: TSESTree.Identifier, state: FlowState): Handles {
    if (state.bindings.size === 0) return noHandles;
    let named = false;
    for (const variable of state.bindings.keys()) {
      if (variable.name === identifier.name) {
        named = true;
        break;
      }
    }
    if (!named) return noHandles;
    const variable = ASTUtils.findVariable(this.#sourceCode.getScope(identifier), identifier);
    return variable === null ? noHandles : (state.bindings.get(variable) ?? noHandles);
  }

  #trackedView(origin: TSESTree.Node, create: () => TrackedView): TrackedView {
    let view = this.#views.get(origin);
    if (view === undefined) {
      view = create();
      this.#views.set(origin, view);
    }
    return view;
  }

  #handle(view: TrackedView, form: Handle['form']): Handle {
    let forms = this.#handles.get(view);
    if (forms === undefined) {
      forms = new Map();
      this.#handles.set(view, forms);
    }
    let handle = forms.get(form);
    if (handle === undefined) {
      handle = { view, form };
      forms.set(form, handle);
    }
    return handle;
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
