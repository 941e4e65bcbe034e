/**
 * no-view-across-await: a view still held where the function may suspend (`await`, `yield`, the
 * head of `for await`, the async disposal of an `await using` resource). Clippy's
 * await_holding_lock for views.
 *
 * "Still held" comes from the shared view lifetime analysis: acquired and not released on SOME
 * path reaching the suspension, loops, `finally` and early exits included (see `Suspension`).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { Suspension, SuspendedView } from '../analysis/lifetime.js';
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import { createRule } from '../util/create-rule.js';
import { describeView, inSourceOrder, lineOf, shortSource } from '../util/describe-view.js';

type MessageIds = 'heldAcrossSuspension' | 'heldAcrossDisposal';
type Options = [{ exclusiveOnly?: boolean }];

/** How many views a message names before "and N more". */
const namedViewLimit = 3;

const suspensionWords: Record<Exclude<Suspension['kind'], 'await-using-disposal'>, string> = {
  await: '`await`',
  yield: '`yield`',
  'for-await': '`for await` loop, which awaits before every iteration',
};

export default createRule<Options, MessageIds>({
  name: 'no-view-across-await',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow holding a view across `await` or `yield`',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      heldAcrossSuspension:
        '{{views}} {{verb}} still held across this {{suspension}}. While the function is suspended other code runs, and its acquisitions of the same memory fail with BufferError CONFLICT (or wait for this one), as do resize and transfer. Release the view before the suspension and acquire it again after, or end its `using` block before it.',
      heldAcrossDisposal:
        '{{views}} {{verb}} still held when the end of this block awaits the disposal of `{{resource}}` (`await using`). Declare the view after `{{resource}}` so it is released first, or release it before the block ends.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          exclusiveOnly: {
            type: 'boolean',
            description: 'Report only exclusive views (immutable and raw views held across a suspension are allowed).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ exclusiveOnly: false }],
  },
  create(context, [{ exclusiveOnly = false }]) {
    const { sourceCode } = context;

    function report(suspension: Suspension, views: readonly SuspendedView[]): void {
      const named = views.slice(0, namedViewLimit).map((view) => `${describeView(sourceCode, view)} (line ${lineOf(view)})`);
      const more = views.length - named.length;
      const listed = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
      const description = listed.charAt(0).toUpperCase() + listed.slice(1);
      const verb = views.length === 1 ? 'is' : 'are';
      const { node, kind } = suspension;
      if (kind === 'await-using-disposal') {
        if (node.type !== AST_NODE_TYPES.VariableDeclarator) return;
        context.report({ node, messageId: 'heldAcrossDisposal', data: { views: description, verb, resource: shortSource(sourceCode, node.id) } });
        return;
      }
      context.report({ node, messageId: 'heldAcrossSuspension', data: { views: description, verb, suspension: suspensionWords[kind] } });
    }

    return subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const suspension of lifetimes.suspensions) {
        const views = suspension.held.filter((view) => !exclusiveOnly || view.mode === 'exclusive');
        if (views.length > 0) report(suspension, inSourceOrder(views));
      }
    });
  },
});
