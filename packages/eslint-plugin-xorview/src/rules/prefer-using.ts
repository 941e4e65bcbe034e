/**
 * prefer-using: a view released manually at the end of the block that acquired it, on every
 * path, with no escape. `using` says the same in one place and also covers exceptions. Reported
 * at the acquire call, with a suggestion (not a fix) to rewrite it.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { AcquisitionSummary } from '../analysis/lifetime.js';
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import { declareWithUsing, removeStatement, soleDeclarationOf, unwrapTry } from '../analysis/using-rewrite.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'preferUsing' | 'rewriteWithUsing';

function returnsPlainValue(statement: TSESTree.ReturnStatement): boolean {
  const argument = statement.argument;
  return argument === null || argument.type === AST_NODE_TYPES.Identifier || argument.type === AST_NODE_TYPES.Literal;
}

/** Whether `node` contains a reference to `variable`. */
function mentions(node: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some(
    (reference) => reference.identifier.range[0] >= node.range[0] && reference.identifier.range[1] <= node.range[1],
  );
}

/**
 * The statement to drop for the rewrite: the release itself when it is the last statement of the
 * declaration's block (or is followed only by `return` of a variable or literal), or a
 * last `try { … } finally { release }` whose `finally` holds only it.
 */
function manualReleaseAtBlockEnd(
  declaration: TSESTree.VariableDeclaration,
  view: TSESLint.Scope.Variable,
  summary: AcquisitionSummary,
): TSESTree.ExpressionStatement | TSESTree.TryStatement | undefined {
  const [releaseCall] = summary.releaseCalls;
  if (summary.releaseCalls.length !== 1 || releaseCall?.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const releaseStatement = releaseCall.parent;
  const block = declaration.parent;
  if (!('body' in block) || !Array.isArray(block.body)) return undefined;
  const statements = block.body as TSESTree.Node[];
  let last = statements.at(-1);
  // `release(view); return result;`: returning a value computed before is the same with `using`
  // (anything more, like `return memory.transfer()`, may need the view released first).
  if (last?.type === AST_NODE_TYPES.ReturnStatement && returnsPlainValue(last) && !mentions(last, view)) last = statements.at(-2);
  if (last === releaseStatement) return releaseStatement;
  if (
    last?.type === AST_NODE_TYPES.TryStatement &&
    last.handler === null &&
    last.finalizer?.body.length === 1 &&
    last.finalizer.body[0] === releaseStatement
  ) {
    return last;
  }
  return undefined;
}

export default createRule<[], MessageId>({
  name: 'prefer-using',
  meta: {
    type: 'suggestion',
    hasSuggestions: true,
    docs: {
      description: 'Prefer a `using` declaration over releasing a view by hand at the end of its block',
      recommended: 'strict',
      requiresTypeChecking: true,
    },
    messages: {
      preferUsing:
        'This view is released by hand at the end of its block on every path. Declare it with `using` instead: the release then happens on every exit, exceptions included.',
      rewriteWithUsing: 'Declare the view with `using` and remove the manual release.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const summary of lifetimes.acquisitions) {
        if (summary.leaks || summary.escapes || summary.usingBound || summary.inResult || !summary.releasedOnlyWhenHeld) continue;
        const declaration = soleDeclarationOf(sourceCode, summary.acquire);
        if (declaration === undefined) continue;
        const [view] = sourceCode.getDeclaredVariables(declaration);
        if (view === undefined) continue;
        const manual = manualReleaseAtBlockEnd(declaration, view, summary);
        if (manual === undefined) continue;
        context.report({
          node: summary.acquire,
          messageId: 'preferUsing',
          suggest: [
            {
              messageId: 'rewriteWithUsing',
              fix: (fixer) => [
                declareWithUsing(sourceCode, fixer, declaration),
                manual.type === AST_NODE_TYPES.TryStatement ? unwrapTry(sourceCode, fixer, manual) : removeStatement(sourceCode, fixer, manual),
              ],
            },
          ],
        });
      }
    });
  },
});
