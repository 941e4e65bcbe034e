/**
 * Evaluates the recorded events of one code path to a fixpoint over its segment graph (loops
 * included), then walks it once more to collect what the rules report. Forward "may" dataflow:
 * a fact holds at a point if it holds on some path reaching it. Two refinements of ESLint's
 * graph: jumps out of `try` blocks replay the `finally` blocks they leave (`onJump`), and the
 * states of a segment are kept apart by what their paths know of one condition variable
 * (`Evaluation.correlated`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AccessMode, LockingOperation } from 'xorview/semantics';
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
  Condition,
  FlowState,
  ViewFlag,
  emptySet,
  noSites,
  union,
  type EscapeKind,
  type EscapePoint,
  type ReleasePoint,
  type Site,
  type ViewFacts,
} from './lifetime-state.js';
import {
  collectionConstructors,
  readRoleOf,
  staticPropertyName,
  subarrayReceiver,
  unwrapTransparent,
  type FunctionLike,
  type StoreCall,
} from './lifetime-syntax.js';

/** A view acquired here that some path leaves without releasing or handing on. */
export interface LeakFinding {
  readonly acquire: TSESTree.CallExpression;
  /**
   * `end`: held when the function returns normally; `repeat`: still held when the same
   * acquire runs again (a loop); `throw`: held when an exception leaves the function, at
   * `throwPoint` (an explicit `throw`, or a call / `await` that may throw).
   */
  readonly cause: 'end' | 'repeat' | 'throw';
  readonly throwPoint: TSESTree.Node | undefined;
}

export interface UseAfterReleaseFinding {
  readonly node: TSESTree.Node;
  readonly name: string;
  readonly releases: readonly ReleasePoint[];
  /** Released on every path reaching the use (otherwise on some). */
  readonly definite: boolean;
}

export interface EscapeFinding {
  readonly node: TSESTree.Node;
  readonly kind: EscapeKind;
  /** Where the escaped view is released: a release call, or the end of its `using` scope. */
  readonly release: ReleasePoint | 'using-scope';
}

/** How one view acquired in the function is released, for `prefer-using` and fix suggestions. */
export interface AcquisitionSummary {
  readonly acquire: TSESTree.CallExpression;
  /** Explicit release calls that released it (not scope exits). */
  readonly releaseCalls: readonly TSESTree.Node[];
  /** Every release of it found it held on every path (never released twice, never maybe-held). */
  readonly releasedOnlyWhenHeld: boolean;
  /** Returned, stored, captured by a later callback, handed to an owner or a stack. */
  readonly escapes: boolean;
  /** Left held on a normal path (exception paths aside). */
  readonly leaks: boolean;
  readonly usingBound: boolean;
  /** A `tryAcquire`: the call returns a result object holding the view, not the view. */
  readonly inResult: boolean;
}

/**
 * A call that needs its exporter free of (conflicting) views: an acquisition, or a resize /
 * transfer / adopt / freeze / grow of the exporter. Says which views may still be held there.
 */
export interface ExporterCall {
  readonly call: TSESTree.CallExpression;
  readonly operation: 'acquire' | LockingOperation;
  /** The exporter expression the call acquires from or locks. */
  readonly exporter: TSESTree.Expression;
  /**
   * The acquire calls of views this function owns that are held (acquired, not released, not
   * handed to an owning callee or a stack; stored in a field or an outer variable still counts)
   * on some path reaching the call. An acquisition in a loop appears in its own list
   * when its view from the previous iteration may still be held.
   */
  readonly held: ReadonlySet<TSESTree.CallExpression>;
  /** Those of `held` (by their root acquisition) whose view `exporter` is the `.buffer` of. */
  readonly heldBehindExporter: ReadonlySet<TSESTree.CallExpression>;
}

/** A view the function holds where it suspends. */
export interface SuspendedView {
  /** Where the view came from: its acquire call, or the name it was destructured into. */
  readonly origin: TSESTree.Node;
  readonly mode: AccessMode | undefined;
  /** The variable the view was first bound to, for messages. */
  readonly name: string | undefined;
}

/**
 * A point where the function may suspend (`await`, `yield`, a `for await` head, the disposal of an
 * `await using` resource that is no view) while it holds views: acquired, not released (or a
 * `tryAcquire` result not known to have failed), on some path reaching the point. Sub-views are
 * left out (they are held exactly while their parent is), as are views the function only borrows.
 */
export interface Suspension {
  readonly node: TSESTree.Node;
  readonly kind: 'await' | 'yield' | 'for-await' | 'await-using-disposal';
  readonly held: readonly SuspendedView[];
}

export interface FunctionLifetimes {
  /** The function (or Program, static block, field initialiser) the code path belongs to. */
  readonly node: TSESTree.Node;
  readonly leaks: readonly LeakFinding[];
  readonly usesAfterRelease: readonly UseAfterReleaseFinding[];
  readonly escapes: readonly EscapeFinding[];
  readonly acquisitions: readonly AcquisitionSummary[];
  readonly exporterCalls: readonly ExporterCall[];
  readonly suspensions: readonly Suspension[];
}

type Segment = TSESLint.CodePathSegment;

export interface RecordedCodePath {
  readonly codePath: TSESLint.CodePath;
  readonly node: TSESTree.Node;
  readonly events: ReadonlyMap<string, readonly LifetimeEvent[]>;
  /**
   * Each `finally` block ESLint walked: the segments current on entering it and every segment
   * started inside it. Its events run from the `finally` enter marker to the exit marker.
   */
  readonly finalizers: ReadonlyMap<TSESTree.TryStatement, { readonly entries: ReadonlySet<Segment>; readonly segments: ReadonlySet<Segment> }>;
  /**
   * Segments of the "leaving" copies ESLint makes of `finally` blocks for the returns and throws
   * of their `try`, merged with the normal path: where they reach the function's end, that
   * merge is no path of the program (returns are judged where they are, by their `jump` event).
   */
  readonly leaving: ReadonlySet<Segment>;
  /**
   * By segment id: what the edges leaving that segment, except the edge to `exceptTo`, know: the
   * test of an `if` without `else` is false on the edges that skip its `then` side (`event`, an
   * `assume-ok` or `assume-condition`: `if (result.ok) …` granted nothing there).
   */
  readonly skippedBranchEdges: ReadonlyMap<string, readonly { readonly exceptTo: string; readonly event: LifetimeEvent }[]>;
}

/** What the evaluation needs from the file beyond the recorded events. */
export interface EvaluationInputs {
  readonly oracle: LifetimeOracle;
  readonly policy: OwnershipPolicy;
  readonly closures: ReadonlyMap<FunctionLike, ClosureFacts>;
  /** The variable a declared or referenced identifier stands for. */
  variableOf(identifier: TSESTree.Identifier): Variable | undefined;
  /** Whether `variable` belongs to the analysed function (not an outer one, not the module's). */
  isLocal(variable: Variable): boolean;
  /** Memo of `oracle.isViewVariable`, shared by all code paths of the file. */
  isViewVariable(variable: Variable): boolean;
  /** Memo of `oracle.viewModeOf`, shared by all code paths of the file. */
  viewModeOf(node: TSESTree.Node): AccessMode | undefined;
}

interface ViewSite {
  readonly kind: 'view';
  /** Owned views must be released here; borrowed ones (parameters, results of other calls) not. */
  readonly owned: boolean;
  readonly acquire: TSESTree.CallExpression | undefined;
  /** Lent inside a `tryAcquire` result object (so the call's value is not the view). */
  readonly inResult?: true;
  /** The mode an acquisition requested, when known. */
  readonly mode?: AccessMode | undefined;
  /**
   * A value bound from a call the analysis does not know to lend a view (`const f = open()`):
   * tracked like a borrowed view, and asked about (`viewModeOf(candidate)`: the call, or the
   * name destructured from it) only when a finding depends on it.
   */
  readonly candidate?: TSESTree.Node;
  readonly parents: Set<Site>;
  readonly children: Set<Site>;
}

type SiteInfo = ViewSite | { readonly kind: 'container' } | { readonly kind: 'closure'; readonly facts: ClosureFacts };

interface Collector {
  leaks: Map<TSESTree.CallExpression, LeakFinding>;
  uses: Map<TSESTree.Node, { name: string; releases: Set<ReleasePoint>; definite: boolean; sites: Set<Site> }>;
  /** The views a use reaches unreleased on some path (a state of a segment kept apart by `Condition`). */
  unreleasedUses: Map<TSESTree.Node, Set<Site>>;
  escapes: Map<TSESTree.Node, EscapeFinding>;
  releaseCalls: Map<Site, { calls: Set<TSESTree.Node>; onlyWhenHeld: boolean }>;
  escaped: Set<Site>;
  exporterCalls: Map<TSESTree.CallExpression, { -readonly [Key in keyof ExporterCall]: ExporterCall[Key] }>;
  suspensions: Map<TSESTree.Node, { kind: Suspension['kind']; held: Set<Site> }>;
}

const tryAcquireResultKey = 'view';
/** Where a DisposableStack keeps what it adopted: no property name, so no member read reaches it. */
const adoptedKey = '#adopted';
/** Where a `Map`, `Set`, `WeakMap` or `WeakSet` keeps its entries: `map.size`, `set.add` do not reach them, iteration does. */
const entriesKey = '#entries';
/** `finally` blocks replayed inside one another, at most (a guard: nesting is finite anyway). */
const maxReplayDepth = 8;

export function evaluateCodePath(recorded: RecordedCodePath, inputs: EvaluationInputs): FunctionLifetimes {
  return new Evaluation(recorded, inputs).run();
}

class Evaluation {
  private readonly sites = new Map<Site, SiteInfo>();
  /** The view a `tryAcquire` call puts under `.view`, by call. */
  private readonly tryAcquireViews = new Map<TSESTree.CallExpression, TSESTree.Node>();
  private readonly usingBound = new Set<Site>();
  private collector: Collector | undefined;
  private readonly exceptionLeaks = new Map<Site, TSESTree.Node>();
  /** One point object per node, so sets of points in the state stop growing at the fixpoint. */
  private readonly releasePoints = new Map<TSESTree.Node, ReleasePoint>();
  private readonly escapePoints = new Map<TSESTree.Node, Map<EscapeKind, EscapePoint>>();
  /** The events of each `finally` block on each of its segments (see `finallyEvents`). */
  private readonly finallySlices = new Map<TSESTree.TryStatement, Map<Segment, { events: readonly LifetimeEvent[]; exits: boolean }>>();
  private replayDepth = 0;

  /**
   * Variables released by name in this function (`release(x)`, `x[Symbol.dispose]()`, a closure
   * created here releasing `x`): the only ones a view from outside can be released through, so
   * the only ones worth asking the type checker about.
   */
  private readonly releasedByName = new Set<Variable>();

  /**
   * The one variable whose branches the evaluation correlates: tested by two branches or more,
   * declared in this function and written nowhere else (no closure, no callee can change it
   * between two tests). Each segment's state is kept apart per what its paths know of it (see
   * `Condition`), so `if (c) release(v); … if (!c) release(v);` releases on every path.
   */
  private readonly correlated: Variable | undefined;

  constructor(
    private readonly recorded: RecordedCodePath,
    private readonly inputs: EvaluationInputs,
  ) {
    for (const events of recorded.events.values()) {
      for (const event of events) {
        if (event.type === 'closure') {
          for (const variable of inputs.closures.get(event.node)?.releases ?? []) this.releasedByName.add(variable);
          continue;
        }
        const released = releasedIdentifier(event);
        const variable = released === undefined ? undefined : inputs.variableOf(released);
        if (variable !== undefined) this.releasedByName.add(variable);
      }
    }
    this.correlated = correlatedCondition(recorded, inputs);
  }

  run(): FunctionLifetimes {
    const { codePath } = this.recorded;
    const reachable = reachableSegments(codePath.initialSegment);
    // Per segment, one state per `Condition` its paths may know (a single one unless a variable
    // is correlated).
    const outStates = new Map<Segment, readonly FlowState[]>();
    const inStatesOf = (segment: Segment): readonly FlowState[] => {
      if (segment.prevSegments.length === 0) return [new FlowState()];
      const incoming: FlowState[] = [];
      for (const previous of segment.prevSegments) {
        for (const out of outStates.get(previous) ?? []) {
          const state = this.alongEdge(out, previous, segment);
          if (state !== undefined) incoming.push(state);
        }
      }
      return byCondition(incoming);
    };
    const transferAll = (segment: Segment): readonly FlowState[] =>
      byCondition(inStatesOf(segment).flatMap((state) => this.transfer(state, this.recorded.events.get(segment.id) ?? []) ?? []));

    const worklist = [...reachable];
    const queued = new Set(worklist);
    while (worklist.length > 0) {
      const segment = worklist.shift() as Segment;
      queued.delete(segment);
      const out = transferAll(segment);
      const previous = outStates.get(segment);
      if (out.length === 0 || (previous !== undefined && sameStates(previous, out))) continue;
      outStates.set(segment, out);
      for (const next of segment.nextSegments) {
        if (!queued.has(next)) {
          queued.add(next);
          worklist.push(next);
        }
      }
    }

    const collector: Collector = {
      leaks: new Map(),
      uses: new Map(),
      unreleasedUses: new Map(),
      escapes: new Map(),
      releaseCalls: new Map(),
      escaped: new Set(),
      exporterCalls: new Map(),
      suspensions: new Map(),
    };
    this.collector = collector;
    for (const segment of reachable) transferAll(segment);
    this.collectEndLeaks(codePath, outStates, collector);
    return this.findings(collector);
  }

  /**
   * The state `out` of `from` as it reaches `to` (see `RecordedCodePath.skippedBranchEdges`), or
   * `undefined` when no path goes that way (it contradicts a test the path took before).
   */
  private alongEdge(out: FlowState | undefined, from: Segment, to: Segment): FlowState | undefined {
    const edges = this.recorded.skippedBranchEdges.get(from.id);
    if (out === undefined || edges === undefined) return out;
    const events = edges.filter((edge) => edge.exceptTo !== to.id).map((edge) => edge.event);
    return events.length === 0 ? out : this.transfer(out, events);
  }

  private findings(collector: Collector): FunctionLifetimes {
    const acquisitions: AcquisitionSummary[] = [];
    for (const [site, info] of this.sites) {
      if (info.kind !== 'view' || !info.owned || info.acquire === undefined) continue;
      const releases = collector.releaseCalls.get(site);
      acquisitions.push({
        acquire: info.acquire,
        releaseCalls: [...(releases?.calls ?? [])],
        releasedOnlyWhenHeld: releases?.onlyWhenHeld ?? true,
        escapes: collector.escaped.has(site),
        leaks: (collector.leaks.get(info.acquire)?.cause ?? 'throw') !== 'throw',
        usingBound: this.usingBound.has(site),
        inResult: info.inResult === true,
      });
    }
    return {
      node: this.recorded.node,
      leaks: [...collector.leaks.values()],
      usesAfterRelease: [...collector.uses].map(([node, use]) => ({
        node,
        name: use.name,
        releases: [...use.releases].sort((first, second) => first.node.range[0] - second.node.range[0]),
        definite: use.definite && ![...use.sites].some((site) => collector.unreleasedUses.get(node)?.has(site) === true),
      })),
      escapes: [...collector.escapes.values()],
      acquisitions,
      exporterCalls: [...collector.exporterCalls.values()],
      suspensions: [...collector.suspensions].map(([node, { kind, held }]) => ({
        node,
        kind,
        held: [...held].map((site) => this.suspendedView(site)),
      })),
    };
  }

  private collectEndLeaks(
    codePath: TSESLint.CodePath,
    outStates: ReadonlyMap<Segment, readonly FlowState[]>,
    collector: Collector,
  ): void {
    const isProgram = this.recorded.node.type === AST_NODE_TYPES.Program;
    for (const segment of codePath.returnedSegments) {
      if (this.recorded.leaving.has(segment)) continue;
      for (const state of outStates.get(segment) ?? []) this.noteEndLeaks(state);
    }
    for (const segment of codePath.thrownSegments) {
      const states = outStates.get(segment) ?? [];
      if (states.length === 0) continue;
      const state = FlowState.join(states);
      const kept = isProgram ? this.reachableViews(state, [...state.bindings.values()]) : new Set<Site>();
      for (const [site, facts] of state.views) {
        const acquire = this.leakableAcquire(site, facts);
        if (acquire !== undefined && !kept.has(site) && !collector.leaks.has(acquire) && !this.exceptionLeaks.has(site)) {
          this.exceptionLeaks.set(site, throwStatementOf(segment, this.recorded.events) ?? acquire);
        }
      }
    }
    for (const [site, throwPoint] of this.exceptionLeaks) {
      const info = this.sites.get(site);
      if (info?.kind !== 'view' || info.acquire === undefined || collector.leaks.has(info.acquire)) continue;
      collector.leaks.set(info.acquire, { acquire: info.acquire, cause: 'throw', throwPoint });
    }
  }

  /** Views held when the function returns in `state` (at module level: not kept in module variables) leak. */
  private noteEndLeaks(state: FlowState): void {
    const collector = this.collector;
    if (collector === undefined) return;
    const kept = this.recorded.node.type === AST_NODE_TYPES.Program ? this.reachableViews(state, [...state.bindings.values()]) : noSites();
    for (const [site, facts] of state.views) {
      const acquire = this.leakableAcquire(site, facts);
      if (acquire !== undefined && !kept.has(site) && !collector.leaks.has(acquire)) {
        collector.leaks.set(acquire, { acquire, cause: 'end', throwPoint: undefined });
      }
    }
  }

  /** Whether a binding `target` (an identifier or a pattern) writes the correlated variable. */
  private bindsCorrelated(target: TSESTree.Node): boolean {
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.inputs.variableOf(target) === this.correlated;
      case AST_NODE_TYPES.ArrayPattern:
        return target.elements.some((element) => element !== null && this.bindsCorrelated(element));
      case AST_NODE_TYPES.ObjectPattern:
        return target.properties.some((property) => this.bindsCorrelated(property.type === AST_NODE_TYPES.RestElement ? property : property.value));
      case AST_NODE_TYPES.AssignmentPattern:
        return this.bindsCorrelated(target.left);
      case AST_NODE_TYPES.RestElement:
        return this.bindsCorrelated(target.argument);
      default:
        return false;
    }
  }

  /** The acquire call of `site` if it is an owned view still held in `facts`. */
  private leakableAcquire(site: Site, facts: ViewFacts): TSESTree.CallExpression | undefined {
    if ((facts.flags & ViewFlag.Held) === 0 || this.usingBound.has(site)) return undefined;
    const info = this.sites.get(site);
    return info?.kind === 'view' && info.owned ? info.acquire : undefined;
  }

  /** Released by the call `node`, or (with `scopeEndLine`) by leaving the `using` scope at `node`. */
  private releaseAt(node: TSESTree.Node, scopeEndLine?: number): ReleasePoint {
    let point = this.releasePoints.get(node);
    if (point === undefined) {
      point = { node, line: scopeEndLine ?? node.loc.start.line, byScopeExit: scopeEndLine !== undefined };
      this.releasePoints.set(node, point);
    }
    return point;
  }

  private escapeAt(node: TSESTree.Node, kind: EscapeKind): EscapePoint {
    let perKind = this.escapePoints.get(node);
    if (perKind === undefined) {
      perKind = new Map();
      this.escapePoints.set(node, perKind);
    }
    let point = perKind.get(kind);
    if (point === undefined) {
      point = { node, kind };
      perKind.set(kind, point);
    }
    return point;
  }

  // ---------------------------------------------------------------------------------------------
  // Transfer functions

  /** The state after `events`, or `undefined` when they jump somewhere no path ever lands (see `onJump`). */
  private transfer(inState: FlowState, events: readonly LifetimeEvent[]): FlowState | undefined {
    let state = inState.copy();
    for (const event of events) {
      switch (event.type) {
        case 'read':
          this.onRead(state, event.identifier, event.variable);
          break;
        case 'call':
          this.onCall(state, event.node, event.facts);
          break;
        case 'bind':
          if (this.correlated !== undefined && this.bindsCorrelated(event.target)) state.condition = Condition.Unknown;
          this.onBind(state, event);
          break;
        case 'closure':
          this.onClosure(state, event.node);
          break;
        case 'exit':
          this.onExit(state, event);
          break;
        case 'scope-exit':
          if (event.awaited.size > 0) this.noteAwaitedDisposals(state, event.variables, event.awaited);
          this.onScopeExit(state, event.node, event.variables);
          break;
        case 'await': {
          // `await acquireAsync(…)`: its own view does not exist before the await (and a
          // rejection lends nothing).
          const awaited = this.valuesOf(state, event.node.argument);
          this.noteSuspension(state, event.node, 'await', awaited);
          if (!event.guarded) this.noteThrowPoint(state, event.node, awaited);
          break;
        }
        case 'suspend':
          this.noteSuspension(state, event.node, 'for-await');
          break;
        case 'jump': {
          const landed = this.onJump(state, event);
          if (landed === undefined) return undefined;
          state = landed;
          break;
        }
        case 'assume-ok':
          this.onOkTest(state, event.result, event.ok);
          break;
        case 'assume-condition':
          if (this.correlated !== undefined && this.inputs.variableOf(event.identifier) === this.correlated) {
            state.condition &= event.truthy ? Condition.Truthy : Condition.Falsy;
            // The other side of a test this path already took: no path goes here.
            if (state.condition === 0) return undefined;
          }
          break;
        case 'finally':
          break;
      }
    }
    return state;
  }

  private onRead(state: FlowState, identifier: TSESTree.Identifier, variable: Variable): void {
    const bound = state.bindings.get(variable);
    if (bound === undefined || bound.size === 0) return;
    if (readRoleOf(identifier) !== 'use') return;
    // Follow `o.a.b` through local literals to the views actually touched.
    let sites = bound;
    let node: TSESTree.Node = identifier;
    for (;;) {
      const containers = [...sites].filter((site) => this.sites.get(site)?.kind === 'container');
      if (containers.length === 0) break;
      // `node` is an identifier or a member expression here: it always has a parent.
      const member: TSESTree.Node = node.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) {
        sites = this.deepViews(state, sites);
        break;
      }
      sites = this.fieldValues(state, sites, staticPropertyName(member) ?? '*');
      node = member;
    }
    for (const site of sites) {
      if (this.sites.get(site)?.kind !== 'view') continue;
      this.reportUse(state, identifier, identifier.name, site);
    }
  }

  private reportUse(state: FlowState, node: TSESTree.Node, name: string, site: Site): void {
    const facts = state.viewFacts(site);
    if (this.collector === undefined) return;
    if ((facts.flags & ViewFlag.Released) === 0) {
      // Released where this use is reached in another state of the segment: only "maybe" there.
      const unreleased = this.collector.unreleasedUses.get(node) ?? new Set<Site>();
      unreleased.add(site);
      this.collector.unreleasedUses.set(node, unreleased);
      return;
    }
    if (!this.isConfirmedView(site)) return;
    const definite = facts.flags === ViewFlag.Released;
    const existing = this.collector.uses.get(node);
    if (existing === undefined) {
      this.collector.uses.set(node, { name, releases: new Set(facts.releases), definite, sites: new Set([site]) });
      return;
    }
    for (const release of facts.releases) existing.releases.add(release);
    existing.definite &&= definite;
    existing.sites.add(site);
  }

  private onCall(state: FlowState, call: TSESTree.CallExpression | TSESTree.NewExpression, facts: CallFacts): void {
    const first = call.arguments[0];
    const firstValue = first === undefined || first.type === AST_NODE_TYPES.SpreadElement ? undefined : first;
    if (facts.lifetimeFunction !== undefined) {
      if (facts.lifetimeFunction === 'release' && firstValue !== undefined) {
        this.release(state, this.valuesOf(state, firstValue), this.releaseAt(call), true);
      }
      return;
    }
    if (facts.disposes !== undefined) {
      this.release(state, this.valuesOf(state, facts.disposes), this.releaseAt(call), true);
      return;
    }
    if (facts.stack !== undefined) this.onStackCall(state, facts.stack, firstValue);

    const callee = this.valuesOf(state, call.callee);
    for (const site of callee) {
      const info = this.sites.get(site);
      if (info?.kind === 'closure') this.invokeNow(state, info.facts, unwrapTransparent(call.callee) === info.facts.node ? undefined : call.callee);
    }
    call.arguments.forEach((argument, index) => {
      const expression = argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument;
      const values = this.valuesOf(state, expression);
      if (values.size === 0) return;
      const direct = unwrapTransparent(expression);
      for (const site of values) {
        const info = this.sites.get(site);
        if (info?.kind !== 'closure') continue;
        const reportAt = direct === info.facts.node ? undefined : expression;
        // `stack.defer(callback)` runs it at disposal: handled as an adoption above.
        if (facts.stack !== undefined) continue;
        if (facts.defersCallbacks) this.invokeLater(state, info.facts, reportAt);
        else this.invokeNow(state, info.facts, reportAt);
      }
      // Only an argument holding views can hand them over: the callee's declarations are looked
      // up for those alone (an options literal or a callback without views asks nothing).
      const views = facts.stack === undefined ? this.deepViews(state, values) : noSites();
      if (views.size > 0 && this.inputs.policy.takesOwnership(call, index)) {
        for (const site of views) this.handOver(state, site);
      } else if (facts.stores !== undefined && this.keepsArgument(state, facts.stores, index)) {
        this.store(state, call, facts.stores, facts.stores.properties ? this.fieldValues(state, values, '*') : values);
      }
    });

    // `new Map([[key, view]])`: a built-in collection of local entries does not throw.
    const throws = call.type === AST_NODE_TYPES.CallExpression || !this.isBuiltinCollection(call);
    if (!facts.guarded && throws) this.noteThrowPoint(state, call);

    if (call.type === AST_NODE_TYPES.CallExpression) {
      if (facts.locks !== undefined) this.noteExporterCall(state, call, facts.locks.operation, facts.locks.exporter);
      if (facts.lent !== undefined) this.onAcquire(state, call, facts);
      else if (facts.subarrayOf !== undefined) {
        const parents = this.parentViewsIn(this.valuesOf(state, facts.subarrayOf));
        if (parents.size > 0) this.createSubView(state, call, parents);
      }
    }
  }

  private onAcquire(state: FlowState, call: TSESTree.CallExpression, facts: CallFacts): void {
    const lent = facts.lent;
    if (lent === undefined) return;
    const parents = lent.exporter === undefined ? noSites() : this.parentViewsIn(this.valuesOf(state, lent.exporter));
    if (parents.size > 0) {
      // A narrower acquire through a held view: a sub-view, released with its parent.
      this.createSubView(state, call, parents);
      return;
    }
    if (lent.exporter !== undefined) this.noteExporterCall(state, call, 'acquire', lent.exporter);
    if (lent.kind === 'tryAcquire') {
      this.sites.set(call, { kind: 'container' });
      let view = this.tryAcquireViews.get(call);
      if (view === undefined) {
        view = call.callee;
        this.tryAcquireViews.set(call, view);
        this.sites.set(view, { kind: 'view', owned: true, acquire: call, inResult: true, mode: lent.mode, parents: new Set(), children: new Set() });
      }
      this.noteRepeat(state, view, call);
      state.fields.set(call, new Map([[tryAcquireResultKey, new Set<Site>([view])]]));
      state.views.set(view, { flags: ViewFlag.Pending, releases: emptySet(), escapes: emptySet() });
      return;
    }
    const owned = lent.kind !== 'other-view-returning-call';
    if (!this.sites.has(call)) this.sites.set(call, { kind: 'view', owned, acquire: call, mode: lent.mode, parents: new Set(), children: new Set() });
    if (owned) this.noteRepeat(state, call, call);
    state.views.set(call, heldFacts());
  }

  /** Records which owned views may be held when `call` acquires from or locks `exporter`. */
  private noteExporterCall(
    state: FlowState,
    call: TSESTree.CallExpression,
    operation: ExporterCall['operation'],
    exporter: TSESTree.Expression,
  ): void {
    if (this.collector === undefined) return;
    let record = this.collector.exporterCalls.get(call);
    if (record === undefined) {
      record = { call, operation, exporter, held: new Set(), heldBehindExporter: new Set() };
      this.collector.exporterCalls.set(call, record);
    }
    const held = record.held as Set<TSESTree.CallExpression>;
    for (const [site, facts] of state.views) {
      if ((facts.flags & ViewFlag.Held) === 0 && !isStoredUnreleased(facts)) continue;
      const info = this.sites.get(site);
      if (info?.kind === 'view' && info.owned && info.acquire !== undefined) held.add(info.acquire);
    }
    const target = unwrapTransparent(exporter);
    if (target.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(target) !== 'buffer') return;
    const behind = record.heldBehindExporter as Set<TSESTree.CallExpression>;
    for (const acquire of this.rootAcquisitions(this.viewsIn(this.valuesOf(state, target.object)))) {
      if (held.has(acquire)) behind.add(acquire);
    }
  }

  /** The acquire calls of the owned views `views` are (or were narrowed from). */
  private rootAcquisitions(views: ReadonlySet<Site>): Set<TSESTree.CallExpression> {
    const roots = new Set<TSESTree.CallExpression>();
    const seen = new Set<Site>();
    const visit = (site: Site): void => {
      if (seen.has(site)) return;
      seen.add(site);
      const info = this.sites.get(site);
      if (info?.kind !== 'view') return;
      if (info.owned && info.acquire !== undefined) roots.add(info.acquire);
      info.parents.forEach(visit);
    };
    views.forEach(visit);
    return roots;
  }

  /** An acquire that runs again while its previous view is still held: that view is lost. */
  private noteRepeat(state: FlowState, site: Site, call: TSESTree.CallExpression): void {
    const facts = state.views.get(site);
    if (facts === undefined || (facts.flags & ViewFlag.Held) === 0 || this.usingBound.has(site)) return;
    const rebound = boundVariableOf(call, this.inputs);
    for (const [variable, sites] of state.bindings) {
      // Still reachable through another variable (e.g. `previous = view` before the loop
      // repeats): the views of both iterations are one abstract value here, so stay quiet.
      if (variable !== rebound && sites.has(site)) return;
    }
    if (this.collector !== undefined && !this.collector.leaks.has(call)) {
      this.collector.leaks.set(call, { acquire: call, cause: 'repeat', throwPoint: undefined });
    }
  }

  private createSubView(state: FlowState, call: TSESTree.CallExpression, parents: ReadonlySet<Site>): void {
    let info = this.sites.get(call);
    if (info?.kind !== 'view') {
      info = { kind: 'view', owned: false, acquire: undefined, parents: new Set(), children: new Set() };
      this.sites.set(call, info);
    }
    for (const parent of parents) {
      info.parents.add(parent);
      const parentInfo = this.sites.get(parent);
      if (parentInfo?.kind === 'view') parentInfo.children.add(call);
      if (this.usingBound.has(parent)) this.usingBound.add(call);
    }
    state.views.set(call, heldFacts());
  }

  private onStackCall(
    state: FlowState,
    stack: NonNullable<CallFacts['stack']>,
    argument: TSESTree.Expression | undefined,
  ): void {
    const stacks = [...this.valuesOf(state, stack.stack)].filter((site) => this.sites.get(site)?.kind === 'container');
    if (stack.method === 'dispose' || stack.method === 'disposeAsync') {
      this.release(state, new Set(stacks), this.releaseAt(stack.stack.parent), false);
      return;
    }
    if (argument === undefined || stack.method === 'move') return;
    let adopted: ReadonlySet<Site>;
    if (stack.method === 'defer') {
      adopted = noSites();
      for (const site of this.valuesOf(state, argument)) {
        const info = this.sites.get(site);
        if (info?.kind !== 'closure') continue;
        for (const variable of info.facts.releases) adopted = union(adopted, this.variableValues(state, variable));
      }
    } else {
      adopted = this.valuesOf(state, argument);
    }
    const views = this.deepViews(state, adopted);
    for (const site of views) this.handOver(state, site);
    for (const container of stacks) {
      const fields = new Map(state.fields.get(container) ?? []);
      fields.set(adoptedKey, union(fields.get(adoptedKey) ?? noSites(), views));
      state.fields.set(container, fields);
    }
  }

  private onBind(state: FlowState, event: Extract<LifetimeEvent, { type: 'bind' }>): void {
    let values = event.value === undefined ? noSites() : this.valuesOf(state, event.value);
    if (event.how === 'iterate') values = this.fieldValues(state, values, '*');
    else if (event.how === 'assign' && event.value !== undefined && event.target.type === AST_NODE_TYPES.Identifier) {
      values = union(values, this.helperResults(state, event.value));
    }
    if (event.using) {
      for (const site of this.deepViews(state, values)) {
        this.usingBound.add(site);
        const info = this.sites.get(site);
        if (info?.kind === 'view') for (const child of info.children) this.usingBound.add(child);
      }
    }
    this.assign(state, event.target, values, event.how === 'merge', event.node);
    if (event.how === 'assign' && event.value !== undefined) this.bindDestructuredHelperResult(state, event.target, event.value);
  }

  /**
   * The results of calls not known to lend a view that `expression` may evaluate to, as candidate
   * views (see `ViewSite.candidate`): bound to a variable, they may be views of a helper's.
   * Sub-views (`x.subarray()`) of views this function does not hold are not its to track.
   */
  private helperResults(state: FlowState, expression: TSESTree.Node): ReadonlySet<Site> {
    let results = noSites();
    for (const node of possibleResults(expression)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const info = this.sites.get(node);
      if (info !== undefined ? info.kind !== 'view' || info.candidate !== node : subarrayReceiver(node) !== undefined) continue;
      // A call whose value the analysis follows (`stack.use(view)`) is no helper's.
      if (this.callValues(state, node).size > 0) continue;
      if (info === undefined) this.sites.set(node, { kind: 'view', owned: false, acquire: node, candidate: node, parents: new Set(), children: new Set() });
      state.views.set(node, heldFacts());
      results = union(results, new Set<Site>([node]));
    }
    return results;
  }

  /** `const { a, b } = open()`: each name is a candidate view of its own (see `ViewSite.candidate`). */
  private bindDestructuredHelperResult(state: FlowState, pattern: TSESTree.Node, value: TSESTree.Node): void {
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern && pattern.type !== AST_NODE_TYPES.ArrayPattern) return;
    let call = unwrapTransparent(value);
    if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrapTransparent(call.argument);
    if (call.type !== AST_NODE_TYPES.CallExpression || this.sites.has(call)) return;
    const acquire = call;
    const bindName = (target: TSESTree.Node | null): void => {
      if (target === null) return;
      switch (target.type) {
        case AST_NODE_TYPES.Identifier: {
          const variable = this.inputs.variableOf(target);
          if (variable === undefined || !this.inputs.isLocal(variable)) return;
          if (!this.sites.has(target)) {
            this.sites.set(target, { kind: 'view', owned: false, acquire, candidate: target, parents: new Set(), children: new Set() });
          }
          state.views.set(target, heldFacts());
          state.bindings.set(variable, new Set<Site>([target]));
          return;
        }
        case AST_NODE_TYPES.ObjectPattern:
          for (const property of target.properties) if (property.type === AST_NODE_TYPES.Property) bindName(property.value);
          return;
        case AST_NODE_TYPES.ArrayPattern:
          target.elements.forEach(bindName);
          return;
        case AST_NODE_TYPES.AssignmentPattern:
          bindName(target.left);
          return;
        default:
          // Rest elements collect objects and arrays, not views.
          return;
      }
    };
    bindName(pattern);
  }

  private assign(state: FlowState, target: TSESTree.Node, values: ReadonlySet<Site>, weak: boolean, store: TSESTree.Node): void {
    switch (target.type) {
      case AST_NODE_TYPES.Identifier: {
        this.takePending(state, values);
        const variable = this.inputs.variableOf(target);
        if (variable === undefined || !this.inputs.isLocal(variable)) {
          this.escape(state, values, this.escapeAt(store, variable === undefined ? 'global' : 'outer-variable'));
        }
        if (variable === undefined) return;
        if (values.size === 0 && !weak) {
          // Bound to something untracked: forget the old tie; if its type says view, it is
          // materialised afresh (as a view this function borrows) when next needed.
          state.bindings.delete(variable);
          state.views.delete(variable);
          return;
        }
        state.bindings.set(variable, weak ? union(state.bindings.get(variable) ?? noSites(), values) : values);
        this.literalTakesOwnership(state, values);
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        this.takePending(state, values);
        const owners = [...this.valuesOf(state, target.object)].filter((site) => this.sites.get(site)?.kind === 'container');
        if (owners.length === 0) {
          this.escape(state, values, this.escapeAt(store, 'field'));
          return;
        }
        const key = staticPropertyName(target) ?? '*';
        for (const owner of owners) {
          const fields = new Map(state.fields.get(owner) ?? []);
          const strong = !weak && owners.length === 1 && key !== '*';
          fields.set(key, strong ? values : union(fields.get(key) ?? noSites(), values));
          state.fields.set(owner, fields);
        }
        return;
      }
      case AST_NODE_TYPES.ArrayPattern:
        target.elements.forEach((element, index) => {
          if (element === null) return;
          if (element.type === AST_NODE_TYPES.RestElement) this.assign(state, element.argument, this.fieldValues(state, values, '*'), weak, store);
          else this.assign(state, element, this.fieldValues(state, values, String(index)), weak, store);
        });
        return;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            this.assign(state, property.argument, this.fieldValues(state, values, '*'), weak, store);
            continue;
          }
          this.assign(state, property.value, this.fieldValues(state, values, propertyKeyName(property) ?? '*'), weak, store);
        }
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        this.assign(state, target.left, union(values, this.valuesOf(state, target.right)), weak, store);
        return;
      case AST_NODE_TYPES.RestElement:
        this.assign(state, target.argument, values, weak, store);
        return;
      default:
        // Parameter properties and other targets views cannot be bound through.
        return;
    }
  }

  /**
   * Views put in a local array or object literal that is kept in a variable belong to that
   * collection from then on: they are still followed for uses after release, but whether each is
   * released is not judged (`for (const v of views) release(v)` releases them all, and the path
   * that skips the loop cannot tell an empty collection from a full one).
   */
  private literalTakesOwnership(state: FlowState, values: ReadonlySet<Site>): void {
    const literals = [...values].filter(
      (site) =>
        !isVariable(site) &&
        (site.type === AST_NODE_TYPES.ArrayExpression || site.type === AST_NODE_TYPES.ObjectExpression || isNewCollection(site)),
    );
    if (literals.length === 0) return;
    for (const site of this.deepViews(state, new Set(literals))) this.handOver(state, site);
  }

  /**
   * On a path where `result.ok` is true the `tryAcquire` behind `result` was granted: its view is
   * owed from the call on, taken out or not. Where it is false nothing was granted.
   */
  private onOkTest(state: FlowState, result: TSESTree.Expression, ok: boolean): void {
    for (const container of this.valuesOf(state, result)) {
      for (const site of state.fields.get(container)?.get(tryAcquireResultKey) ?? noSites()) {
        const info = this.sites.get(site);
        const facts = state.views.get(site);
        if (info?.kind !== 'view' || info.inResult !== true || facts === undefined || (facts.flags & ViewFlag.Pending) === 0) continue;
        state.views.set(site, { ...facts, flags: (facts.flags & ~ViewFlag.Pending) | (ok ? ViewFlag.Held : ViewFlag.Absent) });
      }
    }
  }

  /** Taking `result.view` out of a `tryAcquire` result means it succeeded: the view is owed. */
  private takePending(state: FlowState, values: ReadonlySet<Site>): void {
    for (const site of values) {
      const facts = state.views.get(site);
      if (facts !== undefined && (facts.flags & ViewFlag.Pending) !== 0) {
        state.views.set(site, { ...facts, flags: (facts.flags & ~ViewFlag.Pending) | ViewFlag.Held });
      }
    }
  }

  private onClosure(state: FlowState, node: FunctionLike): void {
    const facts = this.inputs.closures.get(node);
    if (facts === undefined) return;
    this.sites.set(node, { kind: 'closure', facts });
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id !== null) {
      const variable = this.inputs.variableOf(node.id);
      if (variable !== undefined) state.bindings.set(variable, new Set<Site>([node]));
    }
  }

  private onExit(state: FlowState, event: Extract<LifetimeEvent, { type: 'exit' }>): void {
    if (event.argument !== undefined) {
      const values = this.valuesOf(state, event.argument);
      this.escape(state, values, this.escapeAt(event.argument, event.kind), event.kind !== 'yield');
    }
    if (event.kind === 'throw' && !event.guarded) this.noteThrowPoint(state, event.node);
    if (event.kind === 'yield') this.noteSuspension(state, event.node, 'yield');
    if (event.kind === 'yield' && !event.guarded) this.noteAbandonPoint(state);
  }

  /** Records the views held (see `Suspension`) where the function may suspend at `node`. */
  private noteSuspension(state: FlowState, node: TSESTree.Node, kind: Suspension['kind'], exempt: ReadonlySet<Site> = noSites()): void {
    if (this.collector === undefined) return;
    let held: Set<Site> | undefined;
    for (const [site, facts] of state.views) {
      if ((facts.flags & (ViewFlag.Held | ViewFlag.Pending)) === 0 || exempt.has(site)) continue;
      const info = this.sites.get(site);
      if (info?.kind !== 'view' || info.acquire === undefined || info.parents.size > 0 || !this.isConfirmedView(site)) continue;
      if (held === undefined) {
        let suspension = this.collector.suspensions.get(node);
        if (suspension === undefined) {
          suspension = { kind, held: new Set() };
          this.collector.suspensions.set(node, suspension);
        }
        held = suspension.held;
      }
      held.add(site);
    }
  }

  /**
   * Leaving the scope of `await using` declarations: resources are disposed last-declared first,
   * and the disposal of one that is no view awaits while the views not yet disposed are held.
   */
  private noteAwaitedDisposals(state: FlowState, variables: readonly Variable[], awaited: ReadonlySet<Variable>): void {
    if (this.collector === undefined) return;
    const disposalOrder = [...variables].sort((first, second) => declaredAt(second) - declaredAt(first));
    const disposed = new Set<Site>();
    for (const variable of disposalOrder) {
      const views = this.deepViews(state, state.bindings.get(variable) ?? noSites());
      const declarator = variable.defs[0]?.node;
      if (awaited.has(variable) && declarator !== undefined && !this.holdsView(views, variable)) {
        this.noteSuspension(state, declarator, 'await-using-disposal', disposed);
      }
      const visit = (site: Site): void => {
        if (disposed.has(site)) return;
        disposed.add(site);
        const info = this.sites.get(site);
        if (info?.kind === 'view') info.children.forEach(visit);
      };
      views.forEach(visit);
    }
  }

  /** Whether a `using` variable bound to `views` holds a view (its disposal is then synchronous). */
  private holdsView(views: ReadonlySet<Site>, variable: Variable): boolean {
    for (const site of views) if (this.isConfirmedView(site)) return true;
    return views.size === 0 && this.inputs.isViewVariable(variable);
  }

  /** What a suspension finding says about a held view. */
  private suspendedView(site: Site): SuspendedView {
    const info = this.sites.get(site);
    const view = info?.kind === 'view' ? info : undefined;
    const origin = view?.candidate?.type === AST_NODE_TYPES.Identifier ? view.candidate : (view?.acquire ?? (site as TSESTree.Node));
    const mode = view?.candidate === undefined ? view?.mode : this.inputs.viewModeOf(view.candidate);
    let name: string | undefined;
    if (origin.type === AST_NODE_TYPES.Identifier) name = origin.name;
    else if (view?.inResult !== true) name = boundVariableOf(origin, this.inputs)?.name;
    return { origin, mode, name };
  }

  /** Whether `site` is a view for certain: anything but a candidate (see `ViewSite.candidate`) the checker denies. */
  private isConfirmedView(site: Site): boolean {
    const info = this.sites.get(site);
    if (info?.kind !== 'view') return false;
    return info.candidate === undefined || this.isHelperView(info.candidate, info.acquire);
  }

  /**
   * A candidate is a view if its type says so, unless it comes from a method of a view (`view.map`,
   * `view.slice` on a view the function does not own): not a view this function holds.
   */
  private isHelperView(candidate: TSESTree.Node, call: TSESTree.CallExpression | undefined): boolean {
    if (this.inputs.viewModeOf(candidate) === undefined) return false;
    const callee = call === undefined ? undefined : unwrapTransparent(call.callee);
    return callee?.type !== AST_NODE_TYPES.MemberExpression || this.inputs.viewModeOf(callee.object) === undefined;
  }

  /**
   * A generator may be abandoned at a `yield` (its consumer stops iterating): only `finally` and
   * `using` run then, so a view held here without them is left unreleased on a normal path.
   * (ESLint 10's code paths model this as a return; ESLint 9's do not, so it is done here.)
   */
  private noteAbandonPoint(state: FlowState): void {
    if (this.collector === undefined) return;
    for (const [site, facts] of state.views) {
      const acquire = this.leakableAcquire(site, facts);
      if (acquire !== undefined && !this.collector.leaks.has(acquire)) {
        this.collector.leaks.set(acquire, { acquire, cause: 'end', throwPoint: undefined });
      }
    }
  }

  /**
   * A jump that leaves `try` blocks with a `finally`. A `break`/`continue` lands at its target
   * only after those blocks ran (ESLint's path skips them): the state it lands with. A `return`
   * or an abandoning `yield` goes on along ESLint's own path; what the caller gets once every
   * block ran is judged here (ESLint merges those paths with others, see `RecordedCodePath`).
   */
  private onJump(state: FlowState, event: Extract<LifetimeEvent, { type: 'jump' }>): FlowState | undefined {
    if (event.kind === 'break') return this.replay(state, event.node, event.steps);
    if (this.collector === undefined) return state;
    const left = this.replay(state.copy(), event.node, event.steps);
    if (left === undefined) return state;
    if (event.kind === 'return') this.noteEndLeaks(left);
    else this.noteAbandonPoint(left);
    return state;
  }

  /** Runs a jump's `using` disposals and `finally` blocks on `state`; `undefined` if no path gets through. */
  private replay(state: FlowState, jump: TSESTree.Node, steps: readonly ReplayStep[]): FlowState | undefined {
    let current = state;
    for (const step of steps) {
      if (step.kind === 'dispose') {
        if (step.awaited.size > 0) this.noteAwaitedDisposals(current, step.variables, step.awaited);
        this.onScopeExit(current, jump, step.variables);
        continue;
      }
      const after = this.replayFinally(current, step.statement);
      if (after === undefined) return undefined;
      current = after;
    }
    return current;
  }

  /**
   * The state at the end of `statement`'s `finally` block entered with `entry`: a small fixpoint
   * over the block's own segments (loops and branches in it included), then, when findings are
   * being collected, one more pass to collect them. A block ESLint never walked (its entry was
   * unreachable on every path ESLint knows) cannot be replayed: the state goes on unchanged.
   */
  private replayFinally(entry: FlowState, statement: TSESTree.TryStatement): FlowState | undefined {
    const region = this.recorded.finalizers.get(statement);
    if (region === undefined || region.entries.size === 0 || this.replayDepth >= maxReplayDepth) return entry;
    // The two copies of a block (see `RecordedCodePath.leaving`) run the same events: walk one.
    const normal = [...region.entries].filter((segment) => !this.recorded.leaving.has(segment));
    const entries = new Set(normal.length > 0 ? normal : region.entries);
    const outs = new Map<Segment, FlowState>();
    const inStateOf = (segment: Segment): FlowState | undefined => {
      const states = entries.has(segment) ? [entry] : [];
      for (const previous of segment.prevSegments) {
        const out =
          region.segments.has(previous) && !this.finallyEvents(statement, previous).exits ? this.alongEdge(outs.get(previous), previous, segment) : undefined;
        if (out !== undefined) states.push(out);
      }
      return states.length === 0 ? undefined : FlowState.join(states);
    };
    const collector = this.collector;
    this.collector = undefined;
    this.replayDepth += 1;
    try {
      const worklist = [...entries];
      const queued = new Set(worklist);
      while (worklist.length > 0) {
        const segment = worklist.shift() as Segment;
        queued.delete(segment);
        const inState = inStateOf(segment);
        const slice = this.finallyEvents(statement, segment);
        const out = inState === undefined ? undefined : this.transfer(inState, slice.events);
        if (out === undefined || outs.get(segment)?.equals(out) === true) continue;
        outs.set(segment, out);
        if (slice.exits) continue;
        for (const next of segment.nextSegments) {
          if (region.segments.has(next) && !queued.has(next)) {
            queued.add(next);
            worklist.push(next);
          }
        }
      }
      this.collector = collector;
      if (collector !== undefined) {
        for (const segment of outs.keys()) {
          const inState = inStateOf(segment);
          if (inState !== undefined) this.transfer(inState, this.finallyEvents(statement, segment).events);
        }
      }
    } finally {
      this.collector = collector;
      this.replayDepth -= 1;
    }
    const exits = [...outs].filter(([segment]) => this.finallyEvents(statement, segment).exits).map(([, out]) => out);
    return exits.length === 0 ? undefined : FlowState.join(exits);
  }

  /** The events of `statement`'s `finally` block on `segment`, and whether the block ends on it. */
  private finallyEvents(statement: TSESTree.TryStatement, segment: Segment): { events: readonly LifetimeEvent[]; exits: boolean } {
    let perSegment = this.finallySlices.get(statement);
    if (perSegment === undefined) {
      perSegment = new Map();
      this.finallySlices.set(statement, perSegment);
    }
    let slice = perSegment.get(segment);
    if (slice === undefined) {
      const events = this.recorded.events.get(segment.id) ?? [];
      const isMarker = (edge: 'enter' | 'exit') => (event: LifetimeEvent) => event.type === 'finally' && event.statement === statement && event.edge === edge;
      const start = events.findIndex(isMarker('enter')) + 1;
      const end = events.findIndex(isMarker('exit'));
      slice = { events: events.slice(start, end < 0 ? events.length : end), exits: end >= 0 };
      perSegment.set(segment, slice);
    }
    return slice;
  }

  private onScopeExit(state: FlowState, node: TSESTree.Node, variables: readonly Variable[]): void {
    let sites = noSites();
    for (const variable of variables) sites = union(sites, state.bindings.get(variable) ?? noSites());
    if (sites.size === 0) return;
    const line = node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.SwitchStatement || node.type === AST_NODE_TYPES.StaticBlock
      ? node.loc.end.line
      : node.loc.start.line;
    this.release(state, sites, this.releaseAt(node, line), false);
  }

  // ---------------------------------------------------------------------------------------------
  // Effects on views

  /**
   * Releases the views in `sites` (and the contents of local literals and stacks among them).
   * A single view is released on this path for sure; several (`release(a ?? b)`) only maybe.
   */
  private release(state: FlowState, sites: ReadonlySet<Site>, point: ReleasePoint, explicit: boolean): void {
    const views = this.deepViews(state, sites);
    // `release(c ? a : b)` releases whichever of the two the path holds: neither is owed any
    // more, but a later use of either is only "maybe" after a release (hence `Absent`). The
    // contents of a literal or of a stack being disposed are all released.
    const direct = this.viewsIn(sites);
    const weak = new Set(direct.size > 1 ? direct : []);
    const released = new Set<Site>();
    const visit = (site: Site): void => {
      if (released.has(site)) return;
      released.add(site);
      const info = this.sites.get(site);
      if (info?.kind === 'view') for (const child of info.children) visit(child);
    };
    for (const site of views) visit(site);
    for (const site of released) {
      const facts = state.viewFacts(site);
      if (this.collector !== undefined) {
        for (const escape of facts.escapes.size > 0 && this.isConfirmedView(site) ? facts.escapes : emptySet<EscapePoint>()) {
          if (!this.collector.escapes.has(escape.node)) {
            this.collector.escapes.set(escape.node, { node: escape.node, kind: escape.kind, release: point });
          }
        }
        if (explicit && views.has(site)) {
          const log = this.collector.releaseCalls.get(site) ?? { calls: new Set<TSESTree.Node>(), onlyWhenHeld: true };
          log.calls.add(point.node);
          log.onlyWhenHeld &&= facts.flags === ViewFlag.Held && !weak.has(site);
          this.collector.releaseCalls.set(site, log);
        }
      }
      const releases = new Set<ReleasePoint>([point]);
      state.views.set(
        site,
        !weak.has(site)
          ? { flags: ViewFlag.Released, releases, escapes: emptySet() }
          : {
              flags: (facts.flags & ~ViewFlag.Held) | ViewFlag.Released | ViewFlag.Absent,
              releases: union(facts.releases, releases),
              escapes: facts.escapes,
            },
      );
    }
  }

  /**
   * `values` leave the function or outlive this point (`point`). A `using`-bound view is released
   * when its scope ends, which is always before whoever received it is done: an escape at once.
   * Otherwise the escape is remembered and becomes an error if the view is released later here.
   */
  private escape(state: FlowState, values: ReadonlySet<Site>, point: EscapePoint, ownershipLeaves = true): void {
    for (const site of this.deepViews(state, values)) {
      const facts = state.viewFacts(site);
      if ((facts.flags & (ViewFlag.Held | ViewFlag.Escaped | ViewFlag.Pending)) === 0) continue;
      this.collector?.escaped.add(site);
      if (this.usingBound.has(site)) {
        if (this.collector !== undefined && !this.collector.escapes.has(point.node) && this.isConfirmedView(site)) {
          this.collector.escapes.set(point.node, { node: point.node, kind: point.kind, release: 'using-scope' });
        }
        continue;
      }
      const flags = ownershipLeaves ? (facts.flags & ~ViewFlag.Held) | ViewFlag.Escaped : facts.flags;
      state.views.set(site, { flags, releases: facts.releases, escapes: union(facts.escapes, new Set([point])) });
    }
  }

  /** Whether argument `index` of a storing call is kept: `map.set(key, …)` keeps its key only in a `Map`. */
  private keepsArgument(state: FlowState, store: StoreCall, index: number): boolean {
    if (index >= store.first && (store.last === undefined || index <= store.last)) return true;
    if (index !== 0 || !store.keyIfMap) return false;
    const receivers = this.valuesOf(state, store.into);
    if (receivers.size > 0) return [...receivers].some((site) => isNewCollection(site, 'Map'));
    return this.inputs.oracle.isMap(store.into);
  }

  /**
   * `list.push(view)`, `map.set(key, view)`, `Object.assign(target, { view })`: into a local
   * collection (a literal, a `new Map()`…) the view joins it, and the collection owns it from
   * then on; into anything else it is stored beyond this function.
   */
  private store(state: FlowState, call: TSESTree.CallExpression | TSESTree.NewExpression, store: StoreCall, values: ReadonlySet<Site>): void {
    const receivers = [...this.valuesOf(state, store.into)].filter((site) => this.sites.get(site)?.kind === 'container');
    if (receivers.length === 0) {
      this.escape(state, values, this.escapeAt(call, store.kind));
      return;
    }
    for (const receiver of receivers) {
      const key = entriesKeyOf(receiver);
      const fields = new Map(state.fields.get(receiver) ?? []);
      fields.set(key, union(fields.get(key) ?? noSites(), values));
      state.fields.set(receiver, fields);
    }
    for (const site of this.deepViews(state, values)) this.handOver(state, site);
  }

  /** Ownership handed to an owning parameter, a DisposableStack or a local collection: no longer this function's to release. */
  private handOver(state: FlowState, site: Site): void {
    const facts = state.viewFacts(site);
    this.collector?.escaped.add(site);
    state.views.set(site, { ...facts, flags: (facts.flags & ~ViewFlag.Held) | ViewFlag.Escaped });
  }

  /** A closure called before the current call returns: its captured views are used now. */
  private invokeNow(state: FlowState, closure: ClosureFacts, reportAt: TSESTree.Node | undefined): void {
    for (const [variable, reference] of closure.captures) {
      const views = this.viewsIn(this.deepViews(state, this.variableValues(state, variable)));
      for (const site of views) this.reportUse(state, reportAt ?? reference, reportAt === undefined ? reference.name : variable.name, site);
    }
    for (const variable of closure.releases) {
      this.release(state, this.variableValues(state, variable), this.releaseAt(reportAt ?? closure.node), false);
    }
  }

  /** A closure that runs after this point (timer, promise reaction, listener). */
  private invokeLater(state: FlowState, closure: ClosureFacts, reportAt: TSESTree.Node | undefined): void {
    for (const [variable, reference] of closure.captures) {
      const views = this.deepViews(state, this.variableValues(state, variable));
      if (closure.releases.has(variable)) {
        for (const site of views) this.handOver(state, site);
        continue;
      }
      for (const site of views) this.reportUse(state, reportAt ?? reference, reportAt === undefined ? reference.name : variable.name, site);
      this.escape(state, views, this.escapeAt(reportAt ?? reference, 'callback'), false);
    }
  }

  /** A call or `await` that may throw: views held (not `using`) leak if it does. */
  private noteThrowPoint(state: FlowState, node: TSESTree.Node, exempt: ReadonlySet<Site> = noSites()): void {
    if (this.collector === undefined) return;
    // At module level a view kept in a module variable lives as long as the module.
    const kept = this.recorded.node.type === AST_NODE_TYPES.Program ? this.reachableViews(state, [...state.bindings.values()]) : noSites();
    for (const [site, facts] of state.views) {
      if (exempt.has(site) || kept.has(site)) continue;
      if (this.leakableAcquire(site, facts) !== undefined && !this.exceptionLeaks.has(site)) this.exceptionLeaks.set(site, node);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Values of expressions

  private valuesOf(state: FlowState, expression: TSESTree.Node): ReadonlySet<Site> {
    const node = unwrapTransparent(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.inputs.variableOf(node);
        return variable === undefined ? noSites() : this.variableValues(state, variable);
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.fieldValues(state, this.valuesOf(state, node.object), staticPropertyName(node) ?? '*');
      case AST_NODE_TYPES.CallExpression:
        return this.callValues(state, node);
      case AST_NODE_TYPES.NewExpression:
        if (this.isBuiltinCollection(node)) return this.newCollectionValues(state, node);
        if (this.inputs.oracle.isDisposableStack(node)) {
          if (!this.sites.has(node)) this.sites.set(node, { kind: 'container' });
          return new Set<Site>([node]);
        }
        return noSites();
      case AST_NODE_TYPES.AwaitExpression:
        return this.valuesOf(state, node.argument);
      case AST_NODE_TYPES.ConditionalExpression:
        return union(this.valuesOf(state, node.consequent), this.valuesOf(state, node.alternate));
      case AST_NODE_TYPES.LogicalExpression:
        return union(this.valuesOf(state, node.left), this.valuesOf(state, node.right));
      case AST_NODE_TYPES.SequenceExpression: {
        const last = node.expressions.at(-1);
        return last === undefined ? noSites() : this.valuesOf(state, last);
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return this.valuesOf(state, node.right);
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ObjectExpression:
        return this.literalValues(state, node);
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return this.sites.has(node) ? new Set<Site>([node]) : noSites();
      default:
        return noSites();
    }
  }

  private callValues(state: FlowState, call: TSESTree.CallExpression): ReadonlySet<Site> {
    const info = this.sites.get(call);
    if (info !== undefined && !(info.kind === 'view' && info.candidate === call)) return new Set<Site>([call]);
    const callee = unwrapTransparent(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticPropertyName(callee);
      const receiver = this.valuesOf(state, callee.object);
      const isStack = [...receiver].some((site) => this.sites.get(site)?.kind === 'container');
      if (isStack && method === 'move') return receiver;
      const first = call.arguments[0];
      if (isStack && (method === 'use' || method === 'adopt') && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement) {
        return this.valuesOf(state, first);
      }
    }
    return noSites();
  }

  /** `new Map(…)`, `new Set(…)`, `new Array(…)`… of the global constructor (not a local class of that name). */
  private isBuiltinCollection(node: TSESTree.NewExpression): boolean {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.Identifier || !collectionConstructors.has(callee.name)) return false;
    const variable = this.inputs.variableOf(callee);
    return variable === undefined || variable.defs.length === 0;
  }

  /** A fresh collection: a container like a literal, holding the views of its initial entries. */
  private newCollectionValues(state: FlowState, node: TSESTree.NewExpression): ReadonlySet<Site> {
    let entries = noSites();
    for (const argument of node.arguments) {
      entries = union(entries, this.deepViews(state, this.valuesOf(state, argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument)));
    }
    this.sites.set(node, { kind: 'container' });
    state.fields.set(node, entries.size === 0 ? new Map() : new Map([[entriesKeyOf(node), entries]]));
    return new Set<Site>([node]);
  }

  /** A local object or array literal: a container whose properties are tracked. */
  private literalValues(state: FlowState, literal: TSESTree.ArrayExpression | TSESTree.ObjectExpression): ReadonlySet<Site> {
    const fields = new Map<string, ReadonlySet<Site>>();
    const add = (key: string, values: ReadonlySet<Site>): void => {
      if (values.size > 0) fields.set(key, union(fields.get(key) ?? noSites(), values));
    };
    if (literal.type === AST_NODE_TYPES.ArrayExpression) {
      literal.elements.forEach((element, index) => {
        if (element === null) return;
        if (element.type === AST_NODE_TYPES.SpreadElement) add('*', this.fieldValues(state, this.valuesOf(state, element.argument), '*'));
        else add(String(index), this.valuesOf(state, element));
      });
    } else {
      for (const property of literal.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          add('*', this.fieldValues(state, this.valuesOf(state, property.argument), '*'));
          continue;
        }
        if (property.value.type === AST_NODE_TYPES.AssignmentPattern || property.value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) continue;
        add(propertyKeyName(property) ?? '*', this.valuesOf(state, property.value));
      }
    }
    this.sites.set(literal, { kind: 'container' });
    state.fields.set(literal, fields);
    return new Set<Site>([literal]);
  }

  /**
   * What a variable refers to. A view that came from outside (a parameter, a captured or module
   * variable, the result of an untracked expression) is materialised on first sight, if this
   * function releases it by name: otherwise nothing here can end it, and it needs no tracking.
   */
  private variableValues(state: FlowState, variable: Variable): ReadonlySet<Site> {
    const bound = state.bindings.get(variable);
    if (bound !== undefined) return bound;
    if (!this.releasedByName.has(variable) || !this.inputs.isViewVariable(variable)) return noSites();
    if (!this.sites.has(variable)) {
      this.sites.set(variable, { kind: 'view', owned: false, acquire: undefined, parents: new Set(), children: new Set() });
    }
    const sites = new Set<Site>([variable]);
    state.bindings.set(variable, sites);
    if (!state.views.has(variable)) state.views.set(variable, heldFacts());
    return sites;
  }

  private fieldValues(state: FlowState, sites: ReadonlySet<Site>, key: string): ReadonlySet<Site> {
    let values = noSites();
    for (const site of sites) {
      const fields = state.fields.get(site);
      if (fields === undefined) continue;
      if (key === '*') {
        for (const fieldValues of fields.values()) values = union(values, fieldValues);
      } else {
        values = union(values, union(fields.get(key) ?? noSites(), fields.get('*') ?? noSites()));
      }
    }
    return values;
  }

  /**
   * The views in `sites` that can have sub-views: not candidates (a call result bound to a name
   * may be any exporter; acquiring from it is an acquisition of the function's own).
   */
  private parentViewsIn(sites: ReadonlySet<Site>): ReadonlySet<Site> {
    return new Set(
      [...sites].filter((site) => {
        const info = this.sites.get(site);
        return info?.kind === 'view' && info.candidate === undefined;
      }),
    );
  }

  /** The views in `sites`. */
  private viewsIn(sites: ReadonlySet<Site>): ReadonlySet<Site> {
    return new Set([...sites].filter((site) => this.sites.get(site)?.kind === 'view'));
  }

  /** The views in `sites`, in literals among them and captured by closures among them. */
  private deepViews(state: FlowState, sites: ReadonlySet<Site>): ReadonlySet<Site> {
    const views = new Set<Site>();
    const seen = new Set<Site>();
    const visit = (site: Site): void => {
      if (seen.has(site)) return;
      seen.add(site);
      const info = this.sites.get(site);
      if (info === undefined) return;
      if (info.kind === 'view') views.add(site);
      else if (info.kind === 'container') for (const values of state.fields.get(site)?.values() ?? []) values.forEach(visit);
      else for (const variable of info.facts.captures.keys()) (state.bindings.get(variable) ?? noSites()).forEach(visit);
    };
    sites.forEach(visit);
    return views;
  }

  private reachableViews(state: FlowState, roots: readonly ReadonlySet<Site>[]): ReadonlySet<Site> {
    let all = noSites();
    for (const root of roots) all = union(all, this.deepViews(state, root));
    return all;
  }
}

/** Escape kinds that keep the view exported somewhere the function can still reach: a store, not a hand-over. */
const storingEscapes: ReadonlySet<EscapeKind> = new Set<EscapeKind>(['field', 'collection', 'outer-variable', 'global']);

/** Stored in a field, a collection or an outer variable on some path and not released since: still exported. */
function isStoredUnreleased(facts: ViewFacts): boolean {
  if ((facts.flags & ViewFlag.Escaped) === 0) return false;
  for (const escape of facts.escapes) if (storingEscapes.has(escape.kind)) return true;
  return false;
}

/** The states of one segment, one per `Condition` (those with the same joined), in `Condition` order. */
function byCondition(states: readonly FlowState[]): readonly FlowState[] {
  if (states.length <= 1) return states;
  const groups = new Map<number, FlowState[]>();
  for (const state of states) {
    const group = groups.get(state.condition);
    if (group === undefined) groups.set(state.condition, [state]);
    else group.push(state);
  }
  return [...groups.keys()].sort().map((condition) => FlowState.join(groups.get(condition) ?? []));
}

function sameStates(first: readonly FlowState[], second: readonly FlowState[]): boolean {
  return first.length === second.length && first.every((state, index) => second[index]?.equals(state) === true);
}

/** See `Evaluation.correlated`: the most tested variable that qualifies, if any. */
function correlatedCondition(recorded: RecordedCodePath, inputs: EvaluationInputs): Variable | undefined {
  const tests = new Map<Variable, Set<TSESTree.Identifier>>();
  const note = (event: LifetimeEvent): void => {
    if (event.type !== 'assume-condition') return;
    const variable = inputs.variableOf(event.identifier);
    if (variable === undefined) return;
    const identifiers = tests.get(variable) ?? new Set();
    identifiers.add(event.identifier);
    tests.set(variable, identifiers);
  };
  for (const events of recorded.events.values()) events.forEach(note);
  for (const edges of recorded.skippedBranchEdges.values()) for (const edge of edges) note(edge.event);
  let best: Variable | undefined;
  let bestCount = 1;
  for (const [variable, identifiers] of tests) {
    if (identifiers.size <= bestCount || !inputs.isLocal(variable)) continue;
    const ownScope = variable.scope.variableScope;
    if (variable.references.some((reference) => reference.isWrite() && reference.from.variableScope !== ownScope)) continue;
    best = variable;
    bestCount = identifiers.size;
  }
  return best;
}

function heldFacts(): ViewFacts {
  return { flags: ViewFlag.Held, releases: emptySet(), escapes: emptySet() };
}


/** The variable an acquire call's result is directly declared as or assigned to. */
function boundVariableOf(call: TSESTree.Node, inputs: EvaluationInputs): Variable | undefined {
  let value: TSESTree.Node = call;
  while (value.parent?.type === AST_NODE_TYPES.AwaitExpression || (value.parent != null && unwrapTransparent(value.parent) !== value.parent)) {
    value = value.parent;
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    return inputs.variableOf(parent.id);
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) {
    return inputs.variableOf(parent.left);
  }
  return undefined;
}

/** Where a variable is declared, in source order. */
function declaredAt(variable: Variable): number {
  return variable.defs[0]?.name.range[0] ?? 0;
}

/** The expressions whose value `expression` may evaluate to: through `?:`, `&&`/`||`/`??`, `,` and `await`. */
function possibleResults(expression: TSESTree.Node): TSESTree.Node[] {
  const node = unwrapTransparent(expression);
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return [...possibleResults(node.consequent), ...possibleResults(node.alternate)];
    case AST_NODE_TYPES.LogicalExpression:
      return [...possibleResults(node.left), ...possibleResults(node.right)];
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions.at(-1);
      return last === undefined ? [] : possibleResults(last);
    }
    case AST_NODE_TYPES.AwaitExpression:
      return possibleResults(node.argument);
    default:
      return [node];
  }
}

function isVariable(site: Site): site is Variable {
  return !('type' in site);
}

/** The field a collection keeps what is added to it under: any element of an array, the entries of a map or set. */
function entriesKeyOf(site: Site): string {
  return isNewCollection(site) && !isNewCollection(site, 'Array') ? entriesKey : '*';
}

/** Whether `site` is a `new Map()`, `new Set()`… (of `constructor`, when given) made a container here. */
function isNewCollection(site: Site, constructor?: string): boolean {
  return (
    !isVariable(site) &&
    site.type === AST_NODE_TYPES.NewExpression &&
    site.callee.type === AST_NODE_TYPES.Identifier &&
    (constructor === undefined ? collectionConstructors.has(site.callee.name) : site.callee.name === constructor)
  );
}

function propertyKeyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) {
    return String(property.key.value);
  }
  return undefined;
}

function reachableSegments(initial: TSESLint.CodePathSegment): TSESLint.CodePathSegment[] {
  const order: TSESLint.CodePathSegment[] = [];
  const seen = new Set<TSESLint.CodePathSegment>([initial]);
  const queue = [initial];
  while (queue.length > 0) {
    const segment = queue.shift() as TSESLint.CodePathSegment;
    order.push(segment);
    for (const next of segment.nextSegments) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return order;
}

/** The `throw` statement that ends a thrown segment, when it has one. */
function throwStatementOf(
  segment: TSESLint.CodePathSegment,
  events: ReadonlyMap<string, readonly LifetimeEvent[]>,
): TSESTree.Node | undefined {
  let node: TSESTree.Node | undefined;
  for (const event of events.get(segment.id) ?? []) if (event.type === 'exit' && event.kind === 'throw') node = event.node;
  return node;
}
