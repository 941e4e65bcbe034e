/**
 * no-view-across-await: a view still held where the function may suspend (`await`, `yield`, the
 * head of `for await`, the async disposal of an `await using` resource). Clippy's
 * await_holding_lock for views.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  isAnalysedFunction,
  StraightLineViewFlow,
  type AnalysedFunction,
  type FunctionNode,
  type SuspensionEvent,
  type TrackedView,
} from '../analysis/straight-line-views.js';
import { createRule } from '../util/create-rule.js';
import { describeView, inSourceOrder, lineOf, shortSource } from '../util/describe-view.js';
import { getTypedServices } from '../util/type-services.js';

type MessageIds = 'heldAcrossSuspension' | 'heldAcrossDisposal';
type Options = [{ exclusiveOnly?: boolean }];

/** How many views a message names before "and N more". */
const namedViewLimit = 3;

const suspensionWords: Record<Exclude<SuspensionEvent['kind'], 'await-using-disposal'>, string> = {
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
    const services = getTypedServices(context);
    const { sourceCode } = context;
    /** Functions containing a suspension point; only these can hold a view across one. */
    const suspending = new Set<TSESTree.Node>();
    let heldAt = new Map<TSESTree.Node, { kind: SuspensionEvent['kind']; views: Set<TrackedView> }>();

    function onSuspension({ node, kind, live }: SuspensionEvent): void {
      for (const view of live) {
        // A sub-view is held only while its parent is: naming the parent says it all.
        if (view.parent !== undefined || (exclusiveOnly && view.mode !== 'exclusive')) continue;
        let entry = heldAt.get(node);
        if (entry === undefined) {
          entry = { kind, views: new Set() };
          heldAt.set(node, entry);
        }
        entry.views.add(view);
      }
    }

    const flow = new StraightLineViewFlow(sourceCode, services, { onSuspension });

    function markSuspending(node: TSESTree.Node): void {
      let current: TSESTree.Node | undefined = node.parent;
      while (current !== undefined && !isAnalysedFunction(current)) current = current.parent;
      if (current !== undefined) suspending.add(current);
    }

    function analyse(node: AnalysedFunction): void {
      if (!suspending.has(node)) return;
      heldAt = new Map();
      flow.analyse(node);
      for (const [point, { kind, views }] of heldAt) report(point, kind, inSourceOrder(views));
    }

    function report(node: TSESTree.Node, kind: SuspensionEvent['kind'], views: readonly TrackedView[]): void {
      const named = views.slice(0, namedViewLimit).map((view) => `${describeView(sourceCode, view)} (line ${lineOf(view)})`);
      const more = views.length - named.length;
      const listed = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(' and ');
      const description = listed.charAt(0).toUpperCase() + listed.slice(1);
      const verb = views.length === 1 ? 'is' : 'are';
      if (kind === 'await-using-disposal' && node.type === AST_NODE_TYPES.VariableDeclarator) {
        context.report({ node, messageId: 'heldAcrossDisposal', data: { views: description, verb, resource: shortSource(sourceCode, node.id) } });
      } else if (kind !== 'await-using-disposal') {
        context.report({ node, messageId: 'heldAcrossSuspension', data: { views: description, verb, suspension: suspensionWords[kind] } });
      }
    }

    return {
      AwaitExpression: markSuspending,
      YieldExpression: markSuspending,
      'ForOfStatement[await=true]': markSuspending,
      'VariableDeclaration[kind="await using"]': markSuspending,
      'Program:exit': analyse,
      ':function:exit': (node: FunctionNode) => {
        analyse(node);
      },
    };
  },
});
