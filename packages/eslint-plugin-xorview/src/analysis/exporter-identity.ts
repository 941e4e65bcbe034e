/**
 * "Same exporter" for the flow rules: a string naming what an exporter expression refers to,
 * stable across the aliases a function makes of it.
 *
 * `exporterKey` (the shared syntactic key) decides which expressions have an identity at all; this
 * module adds what a per-function analysis needs on top: the variable behind a name (so a shadowing
 * `buf` in another block is another exporter), `const` aliases (`const b = frame.bytes` makes `b`
 * and `frame.bytes` the same), and the `.buffer` step from a typed array to the memory under it.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { exporterKey } from './acquisitions.js';

const bufferStep = '.buffer';
/** Deep enough for any alias chain people write; cuts cycles a broken program could produce. */
const maxAliasDepth = 8;

/** Expression wrappers that change the type, never the value. */
export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The identity of an exporter expression, or `undefined` when it has no stable one. */
export function exporterIdentity(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | undefined {
  return exporterKey(node) === undefined ? undefined : identityOf(sourceCode, unwrapExpression(node), 0);
}

function identityOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth: number): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.Identifier:
      return identifierIdentity(sourceCode, node, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const object = identityOf(sourceCode, unwrapExpression(node.object), depth);
      if (object === undefined) return undefined;
      if (!node.computed) {
        const name = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : node.property.name;
        return `${object}.${name}`;
      }
      const property = unwrapExpression(node.property);
      return property.type === AST_NODE_TYPES.Literal && (typeof property.value === 'string' || typeof property.value === 'number')
        ? `${object}[${JSON.stringify(property.value)}]`
        : undefined;
    }
    default:
      return undefined;
  }
}

function identifierIdentity(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Identifier, depth: number): string {
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (variable === null || definition === undefined) return `${node.name}@global`;
  const declarator = definition.node;
  if (
    depth < maxAliasDepth &&
    declarator.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.parent.kind === 'const' &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    declarator.init !== null
  ) {
    const aliased = identityOf(sourceCode, unwrapExpression(declarator.init), depth + 1);
    if (aliased !== undefined) return aliased;
  }
  return variableIdentity(variable);
}

/**
 * The identity of a variable itself, not following `const` aliases: what a declaration or an
 * assignment to it makes stale.
 */
export function variableIdentity(variable: TSESLint.Scope.Variable): string {
  const definition = variable.defs[0];
  return definition === undefined ? `${variable.name}@global` : `${variable.name}@${definition.name.range[0]}`;
}

/**
 * How two exporter identities relate: the very same exporter (ranges are comparable), the same
 * memory reached once directly and once through `.buffer` (ranges are not comparable: one is
 * relative to a typed array's window, the other to its buffer), or unrelated as far as we know.
 */
export function memoryRelation(first: string, second: string): 'same-exporter' | 'same-memory' | undefined {
  if (first === second) return 'same-exporter';
  if (first === second + bufferStep || second === first + bufferStep) return 'same-memory';
  return undefined;
}

/** Whether `identity` is reached through `prefix` (so reassigning `prefix` changes what it names). */
export function isReachedThrough(identity: string, prefix: string): boolean {
  return identity === prefix || identity.startsWith(`${prefix}.`) || identity.startsWith(`${prefix}[`);
}
