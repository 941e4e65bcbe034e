/**
 * prefer-using: a view released manually at the end of the block that acquired it, on every
 * path, with no escape. `using` says the same in one place and also covers exceptions. Reported
 * at the acquire call, with a suggestion (not a fix) to rewrite it.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { AcquisitionSummary } from '../analysis/lifetime.js';
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import { declareWithUsing, removeStatement, soleDeclarationOf, unwrapTry } from '../analysis/using-rewrite.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'preferUsing' | 'rewriteWithUsing';

/**
 * The statement to drop for the rewrite: the release itself when it is the last statement of the
 * declaration's block, or a last `try { … } finally { release }` whose `finally` holds only it.
 */
function manualReleaseAtBlockEnd(
  declaration: TSESTree.VariableDeclaration,
  summary: AcquisitionSummary,
): TSESTree.ExpressionStatement | TSESTree.TryStatement | undefined {
  const [releaseCall] = summary.releaseCalls;
  if (summary.releaseCalls.length !== 1 || releaseCall?.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
  const releaseStatement = releaseCall.parent;
  const block = declaration.parent;
  if (!('body' in block) || !Array.isArray(block.body)) return undefined;
  const last = (block.body as TSESTree.Node[]).at(-1);
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
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const summary of lifetimes.acquisitions) {
        if (summary.leaks || summary.escapes || summary.usingBound || !summary.releasedOnlyWhenHeld) continue;
        const declaration = soleDeclarationOf(sourceCode, summary.acquire);
        if (declaration === undefined) continue;
        const manual = manualReleaseAtBlockEnd(declaration, summary);
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
