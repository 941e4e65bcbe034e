/**
 * no-unreleased-view: a view acquired and, on some path to the end of the function, neither
 * released nor handed on (returned, stored, given to an owning callee). Reported at the acquire
 * call; suggests `using`. With `exceptionPaths` (the strict preset) also the paths on which an
 * exception leaves the function while the view is held.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import { declareWithUsing, soleDeclarationOf } from '../analysis/using-rewrite.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'unreleased' | 'unreleasedOnRepeat' | 'unreleasedOnThrow' | 'useUsing';

export interface Options {
  exceptionPaths?: boolean;
  ownershipTransferFunctions?: string[];
}

export default createRule<[Options], MessageId>({
  name: 'no-unreleased-view',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Require every acquired view to be released (or handed on) on every path through the function',
      recommended: 'recommended',
      requiresTypeChecking: true,
      strictOptions: [{ exceptionPaths: true }],
    },
    messages: {
      unreleased:
        'This view is not released on every path through the function: it stays exported (and its memory locked) until garbage. Release it with `release(view)` on every path, or declare it with `using`.',
      unreleasedOnRepeat:
        'This view is acquired again on the next iteration while the previous one is still held. Release it before the loop repeats, or declare it with `using`.',
      unreleasedOnThrow:
        'This view is not released if line {{line}} throws. Declare it with `using`, or release it in a `finally` block.',
      useUsing: 'Declare the view with `using` so it is released when its scope ends, on every path.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          exceptionPaths: {
            type: 'boolean',
            description: 'Also report views left held when an exception leaves the function (a `throw`, or a call or `await` that may throw, outside `try`).',
          },
          ownershipTransferFunctions: {
            type: 'array',
            items: { type: 'string' },
            description: 'Functions that take ownership of the views passed to them (`consume`, `pool.put`): passing a view there is not a leak.',
          },
        },
      },
    ],
    defaultOptions: [{ exceptionPaths: false, ownershipTransferFunctions: [] }],
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    return subscribeTypedLifetimes(context, options.ownershipTransferFunctions ?? [], (lifetimes) => {
      for (const leak of lifetimes.leaks) {
        if (leak.cause === 'throw' && options.exceptionPaths !== true) continue;
        const summary = lifetimes.acquisitions.find((acquisition) => acquisition.acquire === leak.acquire);
        const rewritable = summary !== undefined && !summary.escapes && !summary.inResult;
        const declaration = rewritable ? soleDeclarationOf(sourceCode, leak.acquire) : undefined;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] =
          declaration === undefined ? [] : [{ messageId: 'useUsing', fix: (fixer) => declareWithUsing(sourceCode, fixer, declaration) }];
        if (leak.cause === 'throw') {
          context.report({
            node: leak.acquire,
            messageId: 'unreleasedOnThrow',
            data: { line: String(leak.throwPoint?.loc.start.line ?? leak.acquire.loc.start.line) },
            suggest,
          });
          continue;
        }
        context.report({ node: leak.acquire, messageId: leak.cause === 'repeat' ? 'unreleasedOnRepeat' : 'unreleased', suggest });
      }
    });
  },
});
