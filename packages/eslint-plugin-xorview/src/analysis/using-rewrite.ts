/**
 * Rewriting a manually released view to a `using` declaration: where it is possible and what the
 * text becomes. Shared by `no-unreleased-view` (suggest `using`) and `prefer-using`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrapTransparent } from './lifetime-syntax.js';

/** The `const`/`let` declaration that binds `acquire` alone to a plain name, never reassigned. */
export function soleDeclarationOf(
  sourceCode: Readonly<TSESLint.SourceCode>,
  acquire: TSESTree.CallExpression,
): TSESTree.VariableDeclaration | undefined {
  let value: TSESTree.Node = acquire;
  while (value.parent?.type === AST_NODE_TYPES.AwaitExpression || (value.parent !== undefined && unwrapTransparent(value.parent) !== value.parent)) {
    value = value.parent;
  }
  const declarator = value.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value) return undefined;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = declarator.parent;
  if ((declaration.kind !== 'const' && declaration.kind !== 'let') || declaration.declarations.length !== 1 || declaration.declare) {
    return undefined;
  }
  const block = declaration.parent;
  if (
    block.type !== AST_NODE_TYPES.BlockStatement &&
    block.type !== AST_NODE_TYPES.StaticBlock &&
    !(block.type === AST_NODE_TYPES.Program && block.sourceType === 'module')
  ) {
    return undefined;
  }
  const [variable] = sourceCode.getDeclaredVariables(declaration);
  if (variable === undefined || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
  return declaration;
}

/** Replaces the `const`/`let` keyword of `declaration` by `using`. */
export function declareWithUsing(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  declaration: TSESTree.VariableDeclaration,
): TSESLint.RuleFix {
  const keyword = sourceCode.getFirstToken(declaration);
  if (keyword === null) throw new Error('xorview: a variable declaration without tokens');
  return fixer.replaceText(keyword, 'using');
}

/** Removes `statement` with the line break and indentation before it. */
export function removeStatement(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  statement: TSESTree.Node,
): TSESLint.RuleFix {
  const previous = sourceCode.getTokenBefore(statement, { includeComments: true });
  return fixer.removeRange([previous === null ? statement.range[0] : previous.range[1], statement.range[1]]);
}

/** Replaces a `try { … } finally { release(x); }` by the statements of its `try` block, dedented. */
export function unwrapTry(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  statement: TSESTree.TryStatement,
): TSESLint.RuleFix {
  const body = statement.block.body;
  const first = body[0];
  const last = body.at(-1);
  if (first === undefined || last === undefined) return removeStatement(sourceCode, fixer, statement);
  const shift = first.loc.start.column - statement.loc.start.column;
  const text = sourceCode.text
    .slice(first.range[0], last.range[1])
    .split('\n')
    .map((line, index) => (index === 0 ? line : line.replace(new RegExp(`^ {0,${String(shift)}}`, 'u'), '')))
    .join('\n');
  return fixer.replaceText(statement, text);
}
