/**
 * The two ways a view is released explicitly (SPEC §4): xorview's `release(view)` and
 * `view[Symbol.dispose]()`. (`using` is the third; it is a declaration, not a call.)
 */
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';
import { unwrapExpression } from './exporter-identity.js';

/** Where xorview's declarations live, installed (`node_modules/xorview`) or in this workspace. */
const xorviewDeclarationPath = /[\\/]xorview[\\/](?:dist|src)[\\/]/u;

/**
 * Whether `call` calls xorview's `release`, however it was imported (renamed, namespace). Ask only
 * once the argument is known to be a view: it needs the type checker.
 */
export function isReleaseCall(services: ParserServicesWithTypeInformation, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const nameNode =
    callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? callee.property : callee.type === AST_NODE_TYPES.Identifier ? callee : undefined;
  if (nameNode === undefined) return false;
  const checker = services.program.getTypeChecker();
  let symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(nameNode));
  if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (symbol?.name !== 'release') return false;
  return symbol.declarations?.some((declaration) => xorviewDeclarationPath.test(declaration.getSourceFile().fileName)) ?? false;
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
