/**
 * no-view-escape: a view that outlives its release: returned, thrown or yielded out of the scope
 * that releases it (a `using` scope included), stored in a field, an outer, module or global
 * variable, or captured by a callback that runs later (timers, promise reactions, listeners),
 * and then released here. Reported at the store, return or capture.
 */
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import type { EscapeKind } from '../analysis/lifetime.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'escapes';

const escapeWording: Readonly<Record<EscapeKind, string>> = {
  return: 'returned',
  throw: 'thrown',
  yield: 'yielded',
  field: 'stored in a property',
  collection: 'stored in a collection',
  'outer-variable': 'stored in a variable outside this function',
  global: 'stored in a global variable',
  callback: 'captured by a callback that runs later',
};

export default createRule<[], MessageId>({
  name: 'no-view-escape',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a view escaping (returned, stored, captured by a later callback) past the point where it is released',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      escapes:
        'This view is {{how}}, but it is released {{release}}: whoever holds it afterwards holds a released view. Hand over ownership instead (do not release it here), or copy the bytes.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    return subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const escape of lifetimes.escapes) {
        const release =
          escape.release === 'using-scope'
            ? 'when its `using` scope ends'
            : escape.release.byScopeExit
              ? `when its \`using\` scope ends on line ${String(escape.release.line)}`
              : `on line ${String(escape.release.line)}`;
        context.report({ node: escape.node, messageId: 'escapes', data: { how: escapeWording[escape.kind], release } });
      }
    });
  },
});
