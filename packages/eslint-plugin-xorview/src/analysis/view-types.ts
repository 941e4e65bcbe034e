/**
 * Recognising views by their brand, through the type checker (never by names).
 *
 * Every view type carries, at the type level only, `'~xorview': { readonly mode: Grants }`:
 * `ImmutableView` grants `'immutable' | 'exclusive'`, `ExclusiveView` grants `'exclusive'`,
 * `RawView` grants `'raw'`. Reading that property works through aliases, intersections, mapped
 * types such as `Readonly<…>` and type parameters (via their constraint); unions are read per
 * constituent.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { viewBrandKey, type AccessMode } from 'xorview/semantics';

/** The modes a type may be a view in: one for a plain view type, several for a union of views. */
export type ViewModes = ReadonlySet<AccessMode>;

const noModes: ViewModes = new Set();

/** Per checker, per type: types are interned by the checker, so the cache stays small and exact. */
const modesCache = new WeakMap<ts.TypeChecker, WeakMap<ts.Type, ViewModes>>();

/**
 * Every mode a value of `type` may be a view in. Empty for non-views, `any`, `unknown` and
 * `never`. A union contributes each constituent's mode (`ImmutableView | undefined` → immutable).
 */
export function viewModesOfType(checker: ts.TypeChecker, type: ts.Type): ViewModes {
  let cache = modesCache.get(checker);
  if (cache === undefined) {
    cache = new WeakMap();
    modesCache.set(checker, cache);
  }
  const cached = cache.get(type);
  if (cached !== undefined) return cached;
  cache.set(type, noModes); // guards recursive constraints while computing
  const modes = computeViewModes(checker, type);
  cache.set(type, modes);
  return modes;
}

function computeViewModes(checker: ts.TypeChecker, type: ts.Type): ViewModes {
  if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) !== 0) return noModes;
  if (type.isUnion()) {
    const modes = new Set<AccessMode>();
    for (const member of type.types) for (const mode of viewModesOfType(checker, member)) modes.add(mode);
    return modes.size === 0 ? noModes : modes;
  }
  if ((type.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution)) !== 0) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint === undefined || constraint === type ? noModes : viewModesOfType(checker, constraint);
  }
  if ((type.flags & ts.TypeFlags.Object) === 0 && !type.isIntersection()) return noModes;
  const brand = checker.getPropertyOfType(type, viewBrandKey);
  if (brand === undefined) return noModes;
  const grantsSymbol = checker.getPropertyOfType(checker.getTypeOfSymbol(brand), 'mode');
  if (grantsSymbol === undefined) return noModes;
  const mode = modeOfGrants(literalStrings(checker.getTypeOfSymbol(grantsSymbol)));
  return mode === undefined ? noModes : new Set([mode]);
}

/** The string literals of a literal type or a union of them. */
function literalStrings(type: ts.Type): Set<string> {
  const values = new Set<string>();
  for (const member of type.isUnion() ? type.types : [type]) if (member.isStringLiteral()) values.add(member.value);
  return values;
}

/**
 * The brand's grants read as a mode: only `'exclusive'` → exclusive; only `'raw'` → raw; any set
 * that grants `'immutable'` → immutable (the holder may only read). `AnyView`'s brand (all three
 * grants) reads as immutable too: code holding "any view" may not assume it can write.
 */
function modeOfGrants(grants: ReadonlySet<string>): AccessMode | undefined {
  if (grants.has('immutable')) return 'immutable';
  if (grants.size === 1 && grants.has('exclusive')) return 'exclusive';
  if (grants.size === 1 && grants.has('raw')) return 'raw';
  return undefined;
}

/**
 * The one mode of a view type, or `undefined` when it is no view. For a union of views in several
 * modes, the most restrictive promise any of them carries: immutable, then exclusive, then raw
 * (so a rule guarding immutable memory treats "maybe immutable" as immutable).
 */
export function viewModeOfType(checker: ts.TypeChecker, type: ts.Type): AccessMode | undefined {
  return mostRestrictiveMode(viewModesOfType(checker, type));
}

/** Immutable, then exclusive, then raw: the strongest promise among `modes`. */
export function mostRestrictiveMode(modes: ViewModes): AccessMode | undefined {
  if (modes.has('immutable')) return 'immutable';
  if (modes.has('exclusive')) return 'exclusive';
  if (modes.has('raw')) return 'raw';
  return undefined;
}

/** Whether a value of `type` is (or may be, for unions) a view in any mode. */
export function isViewType(checker: ts.TypeChecker, type: ts.Type): boolean {
  return viewModesOfType(checker, type).size > 0;
}

/** The view mode of the value an ESTree node evaluates to (see `viewModeOfType`). */
export function viewModeOfNode(
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
): AccessMode | undefined {
  return viewModeOfType(services.program.getTypeChecker(), services.getTypeAtLocation(node));
}

/**
 * The view mode of the elements of an array, tuple or `ReadonlyArray` type (`readonly
 * ImmutableView[]`, `[ExclusiveView, number]`), or `undefined` when it holds no views.
 */
export function viewModeOfElements(checker: ts.TypeChecker, type: ts.Type): AccessMode | undefined {
  const containers = type.isUnion() ? type.types : [type];
  const modes = new Set<AccessMode>();
  for (const container of containers) {
    if (!checker.isArrayType(container) && !checker.isTupleType(container)) continue;
    for (const element of checker.getTypeArguments(container as ts.TypeReference)) {
      for (const mode of viewModesOfType(checker, element)) modes.add(mode);
    }
  }
  return mostRestrictiveMode(modes);
}

/** `any` (or an error type): a value the checker no longer follows. */
export function isAnyType(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0;
}
