/**
 * The dataflow state of the lifetime analysis at one point of a code path, and its join.
 *
 * Values are abstracted by where they are created (an acquire call, a literal, a closure, or the
 * variable a view came in through). Every fact is a "may" fact: a set of what can be true on
 * some path reaching the point. Maps are copied on write; the sets and facts in them never change
 * once built, so a copy is shallow.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Variable } from './lifetime-events.js';

/** A value's allocation site: an AST node, or the variable an outside view arrived through. */
export type Site = TSESTree.Node | Variable;

/** Bits of `ViewFacts.flags`: the states a view can be in on the paths reaching a point. */
export const ViewFlag = {
  /** Not acquired yet on some path. */
  Absent: 1,
  /** Acquired and still owed a release here. */
  Held: 2,
  /** Released. */
  Released: 4,
  /** Ownership left the function (returned, stored, handed to an owning callee or a stack). */
  Escaped: 8,
  /** A `tryAcquire` result whose `view` nobody has taken yet (it may have failed). */
  Pending: 16,
} as const;

/** Where a view was released: a call, or the end of a `using` scope. */
export interface ReleasePoint {
  readonly node: TSESTree.Node;
  /** The line the release happens on (a scope's closing line for `using`). */
  readonly line: number;
  readonly byScopeExit: boolean;
}

export type EscapeKind = 'return' | 'throw' | 'yield' | 'field' | 'collection' | 'outer-variable' | 'global' | 'callback';

/** A point where a view left the function while it was held; an error if it is released later. */
export interface EscapePoint {
  readonly node: TSESTree.Node;
  readonly kind: EscapeKind;
}

export interface ViewFacts {
  readonly flags: number;
  readonly releases: ReadonlySet<ReleasePoint>;
  readonly escapes: ReadonlySet<EscapePoint>;
}

const sharedEmptySet: ReadonlySet<never> = new Set();

/** The empty set, shared (sets in the state are never mutated). */
export function emptySet<T>(): ReadonlySet<T> {
  return sharedEmptySet;
}

export const absentView: ViewFacts = { flags: ViewFlag.Absent, releases: sharedEmptySet, escapes: sharedEmptySet };

export function noSites(): ReadonlySet<Site> {
  return sharedEmptySet;
}

export function union<T>(first: ReadonlySet<T>, second: ReadonlySet<T>): ReadonlySet<T> {
  if (second.size === 0 || first === second) return first;
  if (first.size === 0) return second;
  let merged: Set<T> | undefined;
  for (const item of second) {
    if (first.has(item)) continue;
    merged ??= new Set(first);
    merged.add(item);
  }
  return merged ?? first;
}

function setsEqual<T>(first: ReadonlySet<T>, second: ReadonlySet<T>): boolean {
  if (first === second) return true;
  if (first.size !== second.size) return false;
  for (const item of first) if (!second.has(item)) return false;
  return true;
}

function joinFacts(first: ViewFacts | undefined, second: ViewFacts | undefined): ViewFacts {
  const left = first ?? absentView;
  const right = second ?? absentView;
  return {
    flags: left.flags | right.flags,
    releases: union(left.releases, right.releases),
    escapes: union(left.escapes, right.escapes),
  };
}

function factsEqual(first: ViewFacts, second: ViewFacts): boolean {
  return (
    first.flags === second.flags && setsEqual(first.releases, second.releases) && setsEqual(first.escapes, second.escapes)
  );
}

export type Fields = ReadonlyMap<string, ReadonlySet<Site>>;

/**
 * What the paths of a state know of the one condition variable the evaluation correlates (see
 * `Evaluation.correlated`): it may be truthy on them, falsy, or both (nothing known).
 */
export const Condition = {
  Truthy: 1,
  Falsy: 2,
  Unknown: 3,
} as const;

export class FlowState {
  constructor(
    /** What each variable may refer to. A variable absent here was never bound in this function. */
    readonly bindings: Map<Variable, ReadonlySet<Site>> = new Map(),
    /** The states of each view. */
    readonly views: Map<Site, ViewFacts> = new Map(),
    /** The properties of local object/array literals (key `*`: any property). */
    readonly fields: Map<Site, Fields> = new Map(),
    /** A `Condition` mask. */
    public condition: number = Condition.Unknown,
  ) {}

  copy(): FlowState {
    return new FlowState(new Map(this.bindings), new Map(this.views), new Map(this.fields), this.condition);
  }

  viewFacts(site: Site): ViewFacts {
    return this.views.get(site) ?? absentView;
  }

  /** The state on entry to a segment reached from several: everything possible on any of them. */
  static join(states: readonly FlowState[]): FlowState {
    const [first, ...rest] = states;
    if (first === undefined) return new FlowState();
    const joined = first.copy();
    for (const state of rest) {
      joined.condition |= state.condition;
      for (const [variable, sites] of state.bindings) {
        joined.bindings.set(variable, union(joined.bindings.get(variable) ?? noSites(), sites));
      }
      for (const site of new Set([...joined.views.keys(), ...state.views.keys()])) {
        joined.views.set(site, joinFacts(joined.views.get(site), state.views.get(site)));
      }
      for (const [site, fields] of state.fields) {
        const mine = joined.fields.get(site);
        if (mine === undefined) {
          joined.fields.set(site, fields);
          continue;
        }
        const merged = new Map(mine);
        for (const [key, sites] of fields) merged.set(key, union(merged.get(key) ?? noSites(), sites));
        joined.fields.set(site, merged);
      }
    }
    return joined;
  }

  equals(other: FlowState): boolean {
    if (this.bindings.size !== other.bindings.size || this.views.size !== other.views.size) return false;
    if (this.fields.size !== other.fields.size || this.condition !== other.condition) return false;
    for (const [variable, sites] of this.bindings) {
      const theirs = other.bindings.get(variable);
      if (theirs === undefined || !setsEqual(sites, theirs)) return false;
    }
    for (const [site, facts] of this.views) {
      const theirs = other.views.get(site);
      if (theirs === undefined || !factsEqual(facts, theirs)) return false;
    }
    for (const [site, fields] of this.fields) {
      const theirs = other.fields.get(site);
      if (theirs?.size !== fields.size) return false;
      for (const [key, sites] of fields) {
        const theirSites = theirs.get(key);
        if (theirSites === undefined || !setsEqual(sites, theirSites)) return false;
      }
    }
    return true;
  }
}
