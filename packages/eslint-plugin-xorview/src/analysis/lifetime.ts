/**
 * The view lifetime analysis: a borrow-checker approximation on ESLint's code path analysis.
 *
 * Sharing between rules. ESLint gives every rule its own listeners, and offers no code paths
 * after the traversal, so the analysis has to ride on one rule's listeners. Per linted file
 * (keyed by its `SourceCode`) there is one session: the first flow rule created for the file
 * becomes its driver and registers the recording listeners; every other flow rule only
 * subscribes. When a function's code path ends, the driver evaluates it once per distinct
 * ownership policy (normally one) and hands the same result to every subscriber, which reports
 * through its own `context`. So the work is done once per function however many rules ask,
 * and each rule still reports its own findings once.
 *
 * Recording follows ESLint's `no-useless-assignment`: a stack of code paths, the current
 * (reachable) segments of each, and every relevant node event appended to each current segment
 * in execution order. Evaluation happens at `onCodePathEnd`, when the segment graph is complete
 * (loop back edges included in `prevSegments`). Unreachable segments record nothing.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AccessMode } from 'xorview/semantics';
import { evaluateCodePath, type FunctionLifetimes, type RecordedCodePath } from './lifetime-evaluate.js';
import {
  releasedIdentifier,
  type CallFacts,
  type ClosureFacts,
  type LifetimeEvent,
  type ReplayStep,
  type Variable,
} from './lifetime-events.js';
import type { LifetimeOracle, OwnershipPolicy } from './lifetime-oracle.js';
import {
  defersCallbacks,
  disposedObject,
  isFinalizer,
  isFunctionLike,
  isGuardedByFinally,
  isGuardedByTry,
  isInsideTryWithFinally,
  isUsingKind,
  jumpSteps,
  conditionVariableTestOf,
  lockedExporter,
  okTestOf,
  referenceIndex,
  stackMethodCall,
  storeCallOf,
  subarrayReceiver,
  usingDeclarationsEndingAt,
  usingDeclarationsLeftBy,
  type FunctionLike,
  type JumpStep,
} from './lifetime-syntax.js';

export type {
  AcquisitionSummary,
  Suspension,
  SuspendedView,
  EscapeFinding,
  ExporterCall,
  FunctionLifetimes,
  LeakFinding,
  UseAfterReleaseFinding,
} from './lifetime-evaluate.js';
export type { EscapeKind, ReleasePoint } from './lifetime-state.js';

/** What a rule subscribes with. */
export interface LifetimeSubscription {
  readonly policy: OwnershipPolicy;
  /** Called once per analysed function that acquires, releases or disposes something. */
  onFunction(lifetimes: FunctionLifetimes): void;
}

/** Counters of one file's session, for tests that the analysis is shared. */
export interface LifetimeStatistics {
  readonly codePaths: number;
  readonly evaluations: number;
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

type Segment = TSESLint.CodePathSegment;

interface CodePathRecord {
  readonly codePath: TSESLint.CodePath;
  readonly node: TSESTree.Node;
  readonly events: Map<string, LifetimeEvent[]>;
  /** See `RecordedCodePath.skippedBranchEdges`. */
  readonly skippedBranchEdges: Map<string, { readonly exceptTo: string; readonly event: LifetimeEvent }[]>;
  readonly current: Set<Segment>;
  /** Whether anything here can acquire, release or dispose a view (else evaluation is skipped). */
  relevant: boolean;
  /** The segments of each `finally` block walked so far (see `FinallyRegion`). */
  readonly finalizers: Map<TSESTree.TryStatement, FinallyRegion>;
  /** The `finally` blocks being walked, innermost last. */
  readonly openFinalizers: FinallyRegion[];
  /** Segments (reachable or not) started on entering the `finally` block about to be entered. */
  readonly startedAtFinalizer: Segment[];
  /** Segments of the "leaving" copies of `finally` blocks (see `enterFinalizer`). */
  readonly leaving: Set<Segment>;
}

/** Where a `finally` block's events are: the segments current on entering it, and all it started. */
interface FinallyRegion {
  readonly entries: Set<Segment>;
  readonly segments: Set<Segment>;
}

class LifetimeSession {
  readonly subscriptions: LifetimeSubscription[] = [];
  readonly closures = new Map<FunctionLike, ClosureFacts>();
  private readonly stack: CodePathRecord[] = [];
  private readonly pendingAfterFunction = new Map<TSESTree.Node, LifetimeEvent[]>();
  private readonly results = new Map<TSESTree.Node, Map<string, FunctionLifetimes>>();
  private readonly viewVariables = new Map<Variable, boolean>();
  private readonly valueModes = new Map<TSESTree.Node, AccessMode | undefined>();
  private readonly callFactsCache = new Map<TSESTree.CallExpression, CallFacts>();
  /** Calls already recorded: `return f()` records `f()` first (see `onExitArgument`). */
  private readonly recordedCalls = new WeakSet<TSESTree.Node>();
  /** `x?.[Symbol.dispose]()`, recorded where its optional chain joins again (see `onCall`). */
  private readonly disposalsEndingChains = new Map<TSESTree.ChainExpression, LifetimeEvent>();
  private references: ReadonlyMap<TSESTree.Identifier, TSESLint.Scope.Reference> | undefined;
  private declarations: Map<TSESTree.Identifier, Variable> | undefined;
  private oracleInstance: LifetimeOracle | undefined;
  codePaths = 0;
  evaluations = 0;

  constructor(
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly createOracle: () => LifetimeOracle,
  ) {}

  private get oracle(): LifetimeOracle {
    this.oracleInstance ??= this.createOracle();
    return this.oracleInstance;
  }

  private get top(): CodePathRecord | undefined {
    return this.stack.at(-1);
  }

  listeners(): TSESLint.RuleListener {
    const listeners: Record<string, (...args: never[]) => void> = {
      onCodePathStart: (codePath: TSESLint.CodePath, node: TSESTree.Node) => {
        this.codePaths += 1;
        this.stack.push({
          codePath,
          node,
          events: new Map(),
          skippedBranchEdges: new Map(),
          current: new Set(),
          relevant: false,
          finalizers: new Map(),
          openFinalizers: [],
          startedAtFinalizer: [],
          leaving: new Set(),
        });
      },
      onCodePathEnd: (codePath: TSESLint.CodePath, node: TSESTree.Node) => {
        this.endCodePath(codePath, node);
      },
      onCodePathSegmentStart: (segment: Segment, node: TSESTree.Node) => {
        this.onSegmentStart(segment, node);
      },
      onUnreachableCodePathSegmentStart: (segment: Segment, node: TSESTree.Node) => {
        if (isFinalizer(node)) this.top?.startedAtFinalizer.push(segment);
      },
      onCodePathSegmentEnd: (segment: TSESLint.CodePathSegment) => {
        this.top?.current.delete(segment);
      },
      Identifier: (node: TSESTree.Identifier) => {
        this.onIdentifier(node);
      },
      'CallExpression:exit': (node: TSESTree.CallExpression) => {
        this.onCall(node);
      },
      'ChainExpression:exit': (node: TSESTree.ChainExpression) => {
        const disposal = this.disposalsEndingChains.get(node);
        if (disposal === undefined) return;
        this.disposalsEndingChains.delete(node);
        this.record(disposal);
      },
      'NewExpression:exit': (node: TSESTree.NewExpression) => {
        this.onCall(node);
      },
      'VariableDeclarator:exit': (node: TSESTree.VariableDeclarator) => {
        this.onDeclarator(node);
      },
      'AssignmentExpression:exit': (node: TSESTree.AssignmentExpression) => {
        const how = node.operator === '=' ? 'assign' : node.operator.length === 3 ? 'merge' : undefined;
        this.record({
          type: 'bind',
          node,
          target: node.left,
          value: how === undefined ? undefined : node.right,
          how: how ?? 'assign',
          using: false,
        });
      },
      'UpdateExpression:exit': (node: TSESTree.UpdateExpression) => {
        this.record({ type: 'bind', node, target: node.argument, value: undefined, how: 'assign', using: false });
      },
      ReturnStatement: (node: TSESTree.ReturnStatement) => {
        if (node.argument === null) {
          this.recordScopeExit(node, usingDeclarationsLeftBy(node));
          const jump = this.returnJump(node);
          if (jump !== undefined) this.record(jump);
        }
      },
      'ReturnStatement > *:exit': (node: TSESTree.Node) => {
        this.onExitArgument(node, 'return');
      },
      'ThrowStatement > *:exit': (node: TSESTree.Node) => {
        this.onExitArgument(node, 'throw');
      },
      'ArrowFunctionExpression > *:exit': (node: TSESTree.Node) => {
        const arrow = node.parent;
        if (arrow?.type === AST_NODE_TYPES.ArrowFunctionExpression && arrow.expression && arrow.body === node) {
          this.onExitArgument(node, 'return');
        }
      },
      'YieldExpression:exit': (node: TSESTree.YieldExpression) => {
        const guarded = isGuardedByFinally(node);
        const argument = node.argument === null || node.delegate ? undefined : node.argument;
        this.record({ type: 'exit', node, kind: 'yield', argument, guarded });
        // Abandoned here, the generator runs the `finally` blocks around the `yield` first.
        if (guarded) this.record({ type: 'jump', node, kind: 'yield', steps: this.replaySteps(jumpSteps(node)) });
      },
      'AwaitExpression:exit': (node: TSESTree.AwaitExpression) => {
        this.record({ type: 'await', node, guarded: isGuardedByTry(node) });
      },
      BlockStatement: (node: TSESTree.BlockStatement) => {
        if (isFinalizer(node)) this.enterFinalizer(node.parent);
      },
      'BlockStatement:exit': (node: TSESTree.BlockStatement) => {
        this.recordScopeExit(node, usingDeclarationsEndingAt(node));
        if (isFinalizer(node)) this.exitFinalizer(node.parent);
      },
      'StaticBlock:exit': (node: TSESTree.StaticBlock) => {
        this.recordScopeExit(node, usingDeclarationsEndingAt(node));
      },
      'SwitchStatement:exit': (node: TSESTree.SwitchStatement) => {
        this.recordScopeExit(node, usingDeclarationsEndingAt(node));
      },
      'ForStatement:exit': (node: TSESTree.ForStatement) => {
        this.recordScopeExit(node, usingDeclarationsEndingAt(node));
      },
      'Program:exit': (node: TSESTree.Program) => {
        this.recordScopeExit(node, usingDeclarationsEndingAt(node));
      },
      'ForOfStatement > *': (node: TSESTree.Node) => {
        // The head of `for await` awaits the next element before every iteration (the left side
        // runs in the iteration's segment, after the iterable is evaluated).
        const loop = node.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.await && loop.left === node) this.record({ type: 'suspend', node: loop });
      },
      'ForOfStatement > *:exit': (node: TSESTree.Node) => {
        this.onLoopBodyExit(node);
      },
      'ForInStatement > *:exit': (node: TSESTree.Node) => {
        this.onLoopBodyExit(node);
      },
      'IfStatement > *': (node: TSESTree.Node) => {
        const statement = node.parent as TSESTree.IfStatement;
        if (node === statement.consequent) {
          this.recordBranch(statement.test, true);
          if (statement.alternate === null) this.recordSkippedBranch(statement.test, false);
        } else if (node === statement.alternate) {
          this.recordBranch(statement.test, false);
        }
      },
      'ConditionalExpression > *': (node: TSESTree.Node) => {
        const conditional = node.parent as TSESTree.ConditionalExpression;
        if (node === conditional.consequent) this.recordBranch(conditional.test, true);
        else if (node === conditional.alternate) this.recordBranch(conditional.test, false);
      },
      'LogicalExpression > *': (node: TSESTree.Node) => {
        const logical = node.parent as TSESTree.LogicalExpression;
        if (node !== logical.right || logical.operator === '??') return;
        this.recordBranch(logical.left, logical.operator === '&&');
        // The short circuit: `c && …` skips the right side when `c` is falsy, `c || …` when truthy.
        this.recordSkippedBranch(logical.left, logical.operator === '||');
      },
      BreakStatement: (node: TSESTree.BreakStatement) => {
        this.recordBreakOrContinue(node);
      },
      ContinueStatement: (node: TSESTree.ContinueStatement) => {
        this.recordBreakOrContinue(node);
      },
    };
    return listeners;
  }

  statistics(): LifetimeStatistics {
    return { codePaths: this.codePaths, evaluations: this.evaluations };
  }

  // ---------------------------------------------------------------------------------------------
  // Recording

  private record(event: LifetimeEvent, target: CodePathRecord | undefined = this.top): void {
    if (target === undefined) return;
    for (const segment of target.current) {
      let events = target.events.get(segment.id);
      if (events === undefined) {
        events = [];
        target.events.set(segment.id, events);
      }
      events.push(event);
    }
  }

  private onSegmentStart(segment: Segment, node: TSESTree.Node): void {
    const record = this.top;
    if (record === undefined) return;
    record.current.add(segment);
    for (const region of record.openFinalizers) region.segments.add(segment);
    if (isFinalizer(node)) {
      record.startedAtFinalizer.push(segment);
    } else if (record.openFinalizers.length > 0 && record.leaving.size > 0 && segment.prevSegments.every((previous) => record.leaving.has(previous))) {
      // Inside a `finally` block, a segment reached only from its leaving copy belongs to that copy.
      record.leaving.add(segment);
    }
  }

  /**
   * Entering a `finally` block. When a `return` or `throw` in its `try` (or `catch`) reaches it,
   * ESLint walks the block as two parallel copies: the normal path's (first half of the segments
   * started here, in ESLint's head order) and a "leaving" one (second half), entered from the
   * returns and throws merged with the normal path, which goes on to the function's end or the
   * enclosing handler. The analysis notes the leaving copy (a return through it is judged where
   * the `return` is, see the `jump` event) and marks where the block starts and ends, so a jump
   * that ESLint sends past the block can replay it.
   */
  private enterFinalizer(statement: TSESTree.TryStatement): void {
    const record = this.top;
    if (record === undefined) return;
    const started = record.startedAtFinalizer.splice(0);
    if (started.length >= 2 && started.length % 2 === 0) {
      started.forEach((segment, index) => {
        const inLeavingCopy = index >= started.length / 2 || segment.prevSegments.every((previous) => record.leaving.has(previous));
        if (inLeavingCopy && segment.reachable) record.leaving.add(segment);
      });
    }
    const region: FinallyRegion = { entries: new Set(record.current), segments: new Set(record.current) };
    record.finalizers.set(statement, region);
    record.openFinalizers.push(region);
    this.record({ type: 'finally', statement, edge: 'enter' });
  }

  private exitFinalizer(statement: TSESTree.TryStatement): void {
    const record = this.top;
    if (record === undefined) return;
    this.record({ type: 'finally', statement, edge: 'exit' });
    record.openFinalizers.pop();
  }

  /**
   * A branch with no node on one side (an `if` without `else`, the short circuit of `&&`/`||`):
   * on the edges that skip it, the test was `truthy` (`if (result.ok) …`: nothing was granted
   * there; `if (c) …`: `c` is falsy there). Entering the branch, its segments are the current
   * ones; every other edge out of their predecessors skips it.
   */
  private recordSkippedBranch(test: TSESTree.Node, truthy: boolean): void {
    const record = this.top;
    const event = branchEvent(test, truthy);
    if (record === undefined || event === undefined) return;
    for (const segment of record.current) {
      for (const previous of segment.prevSegments) {
        const edges = record.skippedBranchEdges.get(previous.id) ?? [];
        edges.push({ exceptTo: segment.id, event });
        record.skippedBranchEdges.set(previous.id, edges);
      }
    }
  }

  /** The path took the side of a branch on which `test` is `truthy`. */
  private recordBranch(test: TSESTree.Node, truthy: boolean): void {
    const event = branchEvent(test, truthy);
    if (event !== undefined) this.record(event);
  }

  /** A `break`/`continue`: the `using` scopes it leaves end, and any `finally` it leaves runs. */
  private recordBreakOrContinue(node: TSESTree.BreakStatement | TSESTree.ContinueStatement): void {
    const steps = jumpSteps(node);
    if (steps.some((step) => step.kind === 'finally')) {
      this.record({ type: 'jump', node, kind: 'break', steps: this.replaySteps(steps) });
      return;
    }
    const first = steps[0];
    if (first?.kind === 'dispose') this.recordScopeExit(node, first.declarations);
  }

  /**
   * The rest of a `return`'s way out once ESLint's path has left its innermost `using` scopes:
   * recorded for a `return` in or under a `try` with a `finally`, whose path ESLint merges with
   * others (see `enterFinalizer`).
   */
  private returnJump(node: TSESTree.Node): LifetimeEvent | undefined {
    if (!isInsideTryWithFinally(node)) return undefined;
    const steps = jumpSteps(node);
    if (steps[0]?.kind === 'dispose') steps.shift();
    return { type: 'jump', node, kind: 'return', steps: this.replaySteps(steps) };
  }

  private replaySteps(steps: readonly JumpStep[]): ReplayStep[] {
    return steps.map((step) => (step.kind === 'finally' ? step : { kind: 'dispose', ...this.declaredBy(step.declarations) }));
  }

  private onIdentifier(node: TSESTree.Identifier): void {
    const record = this.top;
    if (record === undefined || record.current.size === 0) return;
    this.references ??= referenceIndex(this.sourceCode);
    const reference = this.references.get(node);
    if (reference === undefined || !reference.isValueReference || !reference.isRead()) return;
    const variable = reference.resolved;
    if (variable === null || this.isReleaseOperand(node)) return;
    this.record({ type: 'read', identifier: node, variable });
  }

  /** `v` in `release(v)`, `isReleased(v)`, `v[Symbol.dispose]()`: they never fail on a released view. */
  private isReleaseOperand(node: TSESTree.Identifier): boolean {
    const parent = node.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
      return this.callFacts(parent).lifetimeFunction !== undefined;
    }
    const call = parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node ? parent.parent : undefined;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && this.callFacts(call).disposes === node;
  }

  private onCall(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const record = this.top;
    if (record === undefined || record.current.size === 0 || this.recordedCalls.has(node)) return;
    this.recordedCalls.add(node);
    const facts = node.type === AST_NODE_TYPES.CallExpression ? this.callFacts(node) : newFacts(node);
    if (facts.lent !== undefined || facts.lifetimeFunction === 'release' || facts.disposes !== undefined || facts.stack !== undefined) {
      record.relevant = true;
    }
    // `x?.[Symbol.dispose]()` skips the call when `x` is nullish, and then `x` holds no view: so
    // after the chain, whatever `x` may hold is released on both paths. Recorded at the join.
    if (facts.disposes !== undefined && node.parent.type === AST_NODE_TYPES.ChainExpression) {
      this.disposalsEndingChains.set(node.parent, { type: 'call', node, facts });
      return;
    }
    this.record({ type: 'call', node, facts });
  }

  private callFacts(call: TSESTree.CallExpression): CallFacts {
    let facts = this.callFactsCache.get(call);
    if (facts === undefined) {
      facts = this.computeCallFacts(call);
      this.callFactsCache.set(call, facts);
    }
    return facts;
  }

  private computeCallFacts(call: TSESTree.CallExpression): CallFacts {
    const stack = stackMethodCall(call);
    return {
      lent: this.oracle.acquisitionOf(call),
      lifetimeFunction: this.oracle.lifetimeFunctionOf(call),
      disposes: disposedObject(call),
      subarrayOf: subarrayReceiver(call),
      locks: lockedExporter(call),
      stack: stack !== undefined && this.oracle.isDisposableStack(stack.stack) ? stack : undefined,
      stores: storeCallOf(call),
      defersCallbacks: defersCallbacks(call),
      guarded: isGuardedByTry(call),
    };
  }

  private onDeclarator(node: TSESTree.VariableDeclarator): void {
    const declaration = node.parent;
    const using = isUsingKind(declaration.kind);
    if (using) {
      const record = this.top;
      if (record !== undefined) record.relevant = true;
    }
    const loop = declaration.parent;
    if (
      node.init === null &&
      (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) &&
      loop.left === declaration
    ) {
      const iterates = loop.type === AST_NODE_TYPES.ForOfStatement;
      this.record({ type: 'bind', node, target: node.id, value: iterates ? loop.right : undefined, how: iterates ? 'iterate' : 'assign', using });
      return;
    }
    this.record({ type: 'bind', node, target: node.id, value: node.init ?? undefined, how: 'assign', using });
  }

  /** `return x` / `throw x` / an arrow's expression body, once `x` has been evaluated. */
  private onExitArgument(argument: TSESTree.Node, kind: 'return' | 'throw'): void {
    const statement = argument.parent;
    if (statement == null) return;
    // `ReturnStatement > *:exit` may run before `CallExpression:exit` on the same node (listener
    // order follows selector specificity): the call must come first.
    if (argument.type === AST_NODE_TYPES.CallExpression || argument.type === AST_NODE_TYPES.NewExpression) this.onCall(argument);
    const exit: LifetimeEvent = {
      type: 'exit',
      node: statement,
      kind,
      argument: argument as TSESTree.Expression,
      guarded: isGuardedByTry(statement),
    };
    const left = usingDeclarationsLeftBy(statement.type === AST_NODE_TYPES.ArrowFunctionExpression ? argument : statement);
    const events: LifetimeEvent[] = [exit];
    const scopeExit = this.scopeExit(statement, left);
    if (scopeExit !== undefined) events.push(scopeExit);
    const jump = kind === 'return' ? this.returnJump(statement) : undefined;
    if (jump !== undefined) events.push(jump);
    if (isFunctionLike(argument)) {
      // The function's own code path is still the current one; record once it has ended.
      this.pendingAfterFunction.set(argument, events);
      return;
    }
    for (const event of events) this.record(event);
  }

  private onLoopBodyExit(node: TSESTree.Node): void {
    const loop = node.parent;
    if ((loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) && loop.body === node) {
      this.recordScopeExit(node, usingDeclarationsEndingAt(loop));
    }
  }

  private recordScopeExit(node: TSESTree.Node, declarations: readonly TSESTree.VariableDeclaration[]): void {
    const scopeExit = this.scopeExit(node, declarations);
    if (scopeExit !== undefined) this.record(scopeExit);
  }

  /** The `scope-exit` event for leaving `declarations` at `node`, if they declare anything. */
  private scopeExit(node: TSESTree.Node, declarations: readonly TSESTree.VariableDeclaration[]): LifetimeEvent | undefined {
    const { variables, awaited } = this.declaredBy(declarations);
    return variables.length === 0 ? undefined : { type: 'scope-exit', node, variables, awaited };
  }

  /** The variables `declarations` declare, and which of them are `await using`. */
  private declaredBy(declarations: readonly TSESTree.VariableDeclaration[]): { variables: Variable[]; awaited: Set<Variable> } {
    const variables: Variable[] = [];
    const awaited = new Set<Variable>();
    for (const declaration of declarations) {
      for (const variable of this.sourceCode.getDeclaredVariables(declaration)) {
        variables.push(variable);
        if (declaration.kind === 'await using') awaited.add(variable);
      }
    }
    return { variables, awaited };
  }



  // ---------------------------------------------------------------------------------------------
  // Code path end: closure facts, evaluation, delivery

  private endCodePath(codePath: TSESLint.CodePath, node: TSESTree.Node): void {
    const record = this.stack.pop();
    if (record === undefined) return;
    const outer = this.top;
    if (isFunctionLike(node)) {
      const facts = this.closureFacts(node, record);
      this.closures.set(node, facts);
      if (outer !== undefined && facts.releases.size > 0) outer.relevant = true;
      this.record({ type: 'closure', node }, outer);
      const pending = this.pendingAfterFunction.get(node);
      if (pending !== undefined) {
        this.pendingAfterFunction.delete(node);
        for (const event of pending) this.record(event, outer);
      }
    }
    if (!record.relevant) return;
    const recorded: RecordedCodePath = {
      codePath,
      node,
      events: record.events,
      skippedBranchEdges: record.skippedBranchEdges,
      finalizers: record.finalizers,
      leaving: record.leaving,
    };
    for (const subscription of this.subscriptions) {
      subscription.onFunction(this.evaluate(recorded, subscription.policy));
    }
  }

  private evaluate(recorded: RecordedCodePath, policy: OwnershipPolicy): FunctionLifetimes {
    let perPolicy = this.results.get(recorded.node);
    if (perPolicy === undefined) {
      perPolicy = new Map();
      this.results.set(recorded.node, perPolicy);
    }
    const cached = perPolicy.get(policy.key);
    if (cached !== undefined) return cached;
    this.evaluations += 1;
    const rootScope = this.sourceCode.getScope(recorded.node).variableScope;
    const isProgram = recorded.node.type === AST_NODE_TYPES.Program;
    const lifetimes = evaluateCodePath(recorded, {
      oracle: this.oracle,
      policy,
      closures: this.closures,
      variableOf: (identifier) => this.variableOf(identifier),
      isLocal: (variable) =>
        isProgram ? variable.scope.variableScope.block.type === AST_NODE_TYPES.Program : variable.scope.variableScope === rootScope,
      isViewVariable: (variable) => {
        let isView = this.viewVariables.get(variable);
        if (isView === undefined) {
          isView = this.oracle.isViewVariable(variable);
          this.viewVariables.set(variable, isView);
        }
        return isView;
      },
      viewModeOf: (node) => {
        if (!this.valueModes.has(node)) this.valueModes.set(node, this.oracle.viewModeOf(node));
        return this.valueModes.get(node);
      },
    });
    perPolicy.set(policy.key, lifetimes);
    return lifetimes;
  }

  private variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    this.references ??= referenceIndex(this.sourceCode);
    const resolved = this.references.get(identifier)?.resolved;
    if (resolved !== null && resolved !== undefined) return resolved;
    if (this.declarations === undefined) {
      this.declarations = new Map();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
        for (const variable of scope.variables) {
          for (const definition of variable.defs) {
            if (definition.name.type === AST_NODE_TYPES.Identifier) this.declarations.set(definition.name, variable);
          }
        }
      }
    }
    return this.declarations.get(identifier);
  }

  private closureFacts(node: FunctionLike, record: CodePathRecord): ClosureFacts {
    const captures = new Map<Variable, TSESTree.Identifier>();
    for (const reference of this.sourceCode.getScope(node).through) {
      const variable = reference.resolved;
      // Only reads touch the view; a closure that only assigns the variable captures no view.
      if (variable === null || reference.identifier.type !== AST_NODE_TYPES.Identifier || !reference.isRead()) continue;
      const known = captures.get(variable);
      if (known === undefined || reference.identifier.range[0] < known.range[0]) captures.set(variable, reference.identifier);
    }
    const releases = new Set<Variable>();
    for (const events of record.events.values()) {
      for (const event of events) {
        if (event.type === 'closure') {
          for (const variable of this.closures.get(event.node)?.releases ?? []) if (captures.has(variable)) releases.add(variable);
          continue;
        }
        const released = releasedIdentifier(event);
        if (released === undefined) continue;
        const variable = this.variableOf(released);
        if (variable !== undefined && captures.has(variable)) releases.add(variable);
      }
    }
    return { node, captures, releases };
  }
}

/**
 * What a path that took the side of a branch on which `test` is `truthy` knows: how `result.ok`
 * is, when `test` reads it; how a variable is, when `test` is one (both only through `!`).
 */
function branchEvent(test: TSESTree.Node, truthy: boolean): LifetimeEvent | undefined {
  const okTest = okTestOf(test);
  if (okTest !== undefined) return { type: 'assume-ok', result: okTest.result, ok: okTest.ok === truthy };
  const variableTest = conditionVariableTestOf(test);
  return variableTest === undefined ? undefined : { type: 'assume-condition', identifier: variableTest.identifier, truthy: variableTest.truthy === truthy };
}

function newFacts(node: TSESTree.NewExpression): CallFacts {
  return {
    lent: undefined,
    lifetimeFunction: undefined,
    disposes: undefined,
    subarrayOf: undefined,
    locks: undefined,
    stack: undefined,
    stores: undefined,
    defersCallbacks: defersCallbacks(node),
    guarded: isGuardedByTry(node),
  };
}

const sessions = new WeakMap<object, LifetimeSession>();

/**
 * Subscribes a rule to the lifetime analysis of the file `context` lints and returns the
 * listeners the rule must return (the recording listeners for the first rule of the file, none
 * for the others). `createOracle` is called at most once per file, by the first subscriber.
 */
export function subscribeToLifetimes(
  context: AnyRuleContext,
  createOracle: () => LifetimeOracle,
  subscription: LifetimeSubscription,
): TSESLint.RuleListener {
  const existing = sessions.get(context.sourceCode);
  if (existing !== undefined) {
    existing.subscriptions.push(subscription);
    return {};
  }
  const session = new LifetimeSession(context.sourceCode, createOracle);
  sessions.set(context.sourceCode, session);
  session.subscriptions.push(subscription);
  return session.listeners();
}

/** How many code paths the file's session saw and how many evaluations it ran. */
export function lifetimeStatistics(sourceCode: Readonly<TSESLint.SourceCode>): LifetimeStatistics | undefined {
  return sessions.get(sourceCode)?.statistics();
}
