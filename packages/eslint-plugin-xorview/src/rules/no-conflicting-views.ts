/**
 * no-conflicting-views: an acquisition of an exporter that `acquire` is certain to refuse because
 * a conflicting view of the same memory is still held, and resize/transfer/adopt/freeze/grow of an
 * exporter while any view of it is held.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isXorviewExporterType } from '../analysis/acquisitions.js';
import { memoryRelation } from '../analysis/exporter-identity.js';
import {
  StraightLineViewFlow,
  type AcquisitionEvent,
  type FunctionNode,
  type LockingCallEvent,
  type TrackedView,
} from '../analysis/straight-line-views.js';
import { claimsConflict, type ViewClaim } from '../analysis/view-claims.js';
import { createRule } from '../util/create-rule.js';
import { describeView, inSourceOrder, lineOf, shortSource } from '../util/describe-view.js';
import { getTypedServices } from '../util/type-services.js';

type MessageIds = 'conflictingAcquire' | 'conflictingAcquireInLoop' | 'lockedWhileViewed' | 'staleWhileViewed';

export default createRule<[], MessageIds>({
  name: 'no-conflicting-views',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow acquiring a view that conflicts with a view still held, and resizing or transferring an exporter while a view of it is held',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      conflictingAcquire:
        'This {{requested}} of `{{exporter}}` conflicts with {{held}} acquired on line {{line}}, which is still held here: it fails with BufferError CONFLICT. Release that view first (release(view), or end its `using` block before this line), or acquire disjoint byte ranges.',
      conflictingAcquireInLoop:
        'This {{requested}} of `{{exporter}}` conflicts with the view it acquired in the previous iteration of the loop, which is still held: the second iteration fails with BufferError CONFLICT. Release the view before the iteration ends, or declare it with `using`.',
      lockedWhileViewed:
        '`{{call}}` runs while {{held}} acquired on line {{line}} is still held: an exporter with a live view is locked, so this fails with BufferError LOCKED. Release the view before calling {{operation}}().',
      staleWhileViewed:
        '`{{call}}` runs while {{held}} acquired on line {{line}} is still held: xorview cannot refuse this built-in call, so it goes through and the view is left stale (detached: length 0, reads undefined, later uses fail with BufferError DETACHED). Release the view before calling {{operation}}().',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = getTypedServices(context);
    const { sourceCode } = context;
    // Only acquire/tryAcquire/acquireAsync calls have exporters, and the acquisition matcher only
    // sees them under those names or under imports renaming them: a file that never spells
    // "acquire" has nothing to report.
    if (!/acquire/iu.test(sourceCode.text)) return {};
    const reported = new Set<TSESTree.Node>();

    /** Live views of the same memory as `target`, each with the claim to compare ranges against. */
    function heldViewsOf(target: string | undefined, live: readonly TrackedView[], throughBuffer: readonly TrackedView[]) {
      const held = new Map<TrackedView, ViewClaim>();
      for (const view of live) {
        if (target === undefined || view.exporter === undefined) continue;
        const relation = memoryRelation(view.exporter, target);
        // Ranges are comparable only when both views index the same exporter.
        if (relation !== undefined) held.set(view, { mode: view.mode, range: relation === 'same-exporter' ? view.range : undefined });
      }
      for (const view of throughBuffer) held.set(view, { mode: view.mode, range: undefined });
      return held;
    }

    function onAcquisition({ view, live, viewsOfExporter }: AcquisitionEvent): void {
      if (reported.has(view.origin) || view.exporterNode === undefined) return;
      const requested: ViewClaim = { mode: view.mode, range: view.range };
      const held = heldViewsOf(view.exporter, live, viewsOfExporter);
      const conflicting = inSourceOrder(held.keys()).find((candidate) => {
        const claim = held.get(candidate);
        return claim !== undefined && claimsConflict(claim, requested);
      });
      if (conflicting === undefined) return;
      reported.add(view.origin);
      context.report({
        node: view.origin,
        messageId: conflicting === view ? 'conflictingAcquireInLoop' : 'conflictingAcquire',
        data: {
          requested: view.mode === undefined ? 'acquisition' : `${view.mode} acquisition`,
          exporter: shortSource(sourceCode, view.exporterNode),
          held: describeView(sourceCode, conflicting),
          line: lineOf(conflicting),
        },
      });
    }

    function onLockingCall({ call, operation, target, live, viewsOfTarget }: LockingCallEvent): void {
      if (reported.has(call)) return;
      const [held] = inSourceOrder(heldViewsOf(target, live, viewsOfTarget).keys());
      if (held === undefined) return;
      reported.add(call);
      context.report({
        node: call,
        messageId: refusedByXorview(call, operation) ? 'lockedWhileViewed' : 'staleWhileViewed',
        data: {
          call: operation === 'adopt' ? shortSource(sourceCode, call) : `${shortSource(sourceCode, call.callee)}()`,
          operation,
          held: describeView(sourceCode, held),
          line: lineOf(held),
        },
      });
    }

    /** Whether the runtime refuses this call (LOCKED) rather than letting it detach the view. */
    function refusedByXorview(call: TSESTree.CallExpression, operation: string): boolean {
      // OwnedBuffer.adopt consults the registry before moving anything.
      if (operation === 'adopt') return true;
      const { callee } = call;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      return isXorviewExporterType(services.getTypeAtLocation(callee.object));
    }

    // Only views acquired from a known exporter can conflict with a later acquisition.
    const flow = new StraightLineViewFlow(sourceCode, services, { onAcquisition, onLockingCall }, 'acquire-calls');
    return {
      Program(node) {
        flow.analyse(node);
      },
      ':function'(node: FunctionNode) {
        flow.analyse(node);
      },
    };
  },
});
