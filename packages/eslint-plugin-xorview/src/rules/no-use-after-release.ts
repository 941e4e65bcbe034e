/**
 * no-use-after-release: a read, write, call, pass, spread or iteration of a view (an alias, a
 * sub-view, a closure capturing it) on a path where it has been released. Reported at the use.
 */
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import type { ReleasePoint } from '../analysis/lifetime.js';
import { createRule } from '../util/create-rule.js';

export type MessageId = 'usedAfterRelease' | 'usedAfterReleaseOnSomePaths';

function describeRelease(release: ReleasePoint | undefined): string {
  if (release === undefined) return 'earlier';
  return release.byScopeExit ? `at the end of its \`using\` scope on line ${String(release.line)}` : `on line ${String(release.line)}`;
}

export default createRule<[], MessageId>({
  name: 'no-use-after-release',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow using a view, an alias or a sub-view of it after it has been released',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      usedAfterRelease:
        '`{{name}}` is used after its view was released {{release}}: a released view is detached or no longer guarded, and using it fails or races.',
      usedAfterReleaseOnSomePaths:
        '`{{name}}` is used after its view was released {{release}} on some paths through the function (on others it is still held). Release it after its last use on every path.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    return subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const use of lifetimes.usesAfterRelease) {
        context.report({
          node: use.node,
          messageId: use.definite ? 'usedAfterRelease' : 'usedAfterReleaseOnSomePaths',
          data: { name: use.name, release: describeRelease(use.releases[0]) },
        });
      }
    });
  },
});
