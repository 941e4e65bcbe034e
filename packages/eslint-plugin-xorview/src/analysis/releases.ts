/**
 * The two ways a view is released explicitly (SPEC §4): xorview's `release(view)` and
 * `view[Symbol.dispose]()`. (`using` is the third; it is a declaration, not a call.)
 */
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import { xorviewFunctionCalled } from './acquisitions.js';
import { unwrapExpression } from './exporter-identity.js';

const releaseNames: ReadonlySet<string> = new Set(['release']);

/**
 * Whether `call` calls xorview's `release`, however it was imported (renamed, namespace). Ask only
 * once the argument is known to be a view: it may need the type checker.
 */
export function isReleaseCall(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): boolean {
  return xorviewFunctionCalled(services, call, releaseNames) !== undefined;
}

/** The view expression of `view[Symbol.dispose]()` (optional chaining included), else `undefined`. */
export function disposedExpression(call: TSESTree.CallExpression): TSESTree.Expression | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !callee.computed) return undefined;
  const property = unwrapExpression(callee.property);
  const isSymbolDispose =
    property.type === AST_NODE_TYPES.MemberExpression &&
    !property.computed &&
    property.object.type === AST_NODE_TYPES.Identifier &&
    property.object.name === 'Symbol' &&
    property.property.name === 'dispose';
  return isSymbolDispose ? callee.object : undefined;
}
