/**
 * no-conflicting-views: an acquisition of an exporter that `acquire` is certain to refuse because
 * a conflicting view of the same memory is still held, and resize/transfer/adopt/freeze/grow of an
 * exporter while any view of it is held.
 *
 * "Still held" comes from the shared view lifetime analysis: held (acquired, not released, not
 * handed on) on SOME path reaching the call, loops included, so an acquisition in a loop body
 * whose view is not released by the end of the iteration conflicts with itself. The conflict
 * itself is `claimsConflict` (the runtime's rule), "same memory" is `exporterIdentity`.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isXorviewExporterType } from '../analysis/acquisitions.js';
import { exporterIdentity, isReachedThrough, memoryRelation, unwrapExpression, variableIdentity } from '../analysis/exporter-identity.js';
import type { ExporterCall } from '../analysis/lifetime.js';
import { subscribeTypedLifetimes } from '../analysis/lifetime-typed.js';
import { byteRangeOf, claimsConflict, type ViewClaim } from '../analysis/view-claims.js';
import { createRule } from '../util/create-rule.js';
import { describeView, inSourceOrder, lineOf, shortSource, type DescribedView } from '../util/describe-view.js';
import { typeAnswersFor } from '../analysis/type-answers.js';

type MessageIds = 'conflictingAcquire' | 'conflictingAcquireInLoop' | 'lockedWhileViewed' | 'staleWhileViewed';

/** A view the analysis says may be held, with what it claims of which exporter. */
interface HeldView extends DescribedView {
  readonly origin: TSESTree.CallExpression;
  readonly claim: ViewClaim;
  readonly exporterNode: TSESTree.Expression | undefined;
  readonly exporter: string | undefined;
}

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
    const answers = typeAnswersFor(context);
    const { sourceCode } = context;
    // Only acquire/tryAcquire/acquireAsync calls make views with an exporter, and the acquisition
    // matcher only sees them under those names or under imports renaming them: a file that never
    // spells "acquire" has nothing to report.
    if (!/acquire/iu.test(sourceCode.text)) return {};

    const heldViews = new Map<TSESTree.CallExpression, HeldView | undefined>();
    /** Exporter names and member paths assigned in the file: what they named before is other memory. */
    const assignments: { readonly node: TSESTree.Node; readonly identity: string }[] = [];

    function heldView(acquire: TSESTree.CallExpression): HeldView | undefined {
      if (heldViews.has(acquire)) return heldViews.get(acquire);
      const acquisition = answers.acquireCall(acquire);
      const view: HeldView | undefined =
        acquisition === undefined
          ? undefined
          : {
              origin: acquire,
              mode: acquisition.mode,
              name: acquisition.kind === 'tryAcquire' ? undefined : boundName(acquire),
              claim: { mode: acquisition.mode, range: byteRangeOf(acquisition.range) },
              exporterNode: acquisition.exporter,
              exporter: acquisition.exporter === undefined ? undefined : exporterIdentity(sourceCode, acquisition.exporter),
            };
      heldViews.set(acquire, view);
      return view;
    }

    /**
     * Whether `view.exporter` may name other memory at `call` than it did at the acquisition: its
     * name (or an object on its path) is assigned between the two (in source order, or anywhere in
     * a loop around both), or is declared inside a loop around `call` and so bound afresh on each
     * iteration (unless the acquisition follows the declaration within one iteration).
     */
    function exporterMayHaveChanged(view: HeldView, exporter: string, call: TSESTree.CallExpression, body: TSESTree.Node): boolean {
      for (const assignment of assignments) {
        if (!within(assignment.node, body) || !isReachedThrough(exporter, assignment.identity)) continue;
        if (isBetween(assignment.node, view.origin, call) || loopsAround(assignment.node, body).some((loop) => within(call, loop) && within(view.origin, loop))) {
          return true;
        }
      }
      const declaration = baseDeclaration(view.exporterNode);
      if (declaration === undefined || !within(declaration, body)) return false;
      const redeclared = loopsAround(declaration, body).some((loop) => within(call, loop));
      return redeclared && !(view.origin !== call && isBetween(view.origin, declaration, call));
    }

    /** The held views of the same memory as `exporterCall.exporter`, with the claims to compare. */
    function heldViewsOfExporter(exporterCall: ExporterCall, body: TSESTree.Node): Map<HeldView, ViewClaim> {
      const { call } = exporterCall;
      const target = exporterIdentity(sourceCode, exporterCall.exporter);
      const held = new Map<HeldView, ViewClaim>();
      for (const acquire of exporterCall.held) {
        const view = heldView(acquire);
        if (view === undefined) continue;
        if (exporterCall.heldBehindExporter.has(acquire)) {
          // `acquire(view.buffer)`: the whole memory under the view; ranges are not comparable.
          held.set(view, { mode: view.claim.mode, range: undefined });
          continue;
        }
        if (target === undefined || view.exporter === undefined) continue;
        const relation = memoryRelation(view.exporter, target);
        if (relation === undefined || exporterMayHaveChanged(view, view.exporter, call, body)) continue;
        // Ranges are comparable only when both views index the same exporter.
        held.set(view, relation === 'same-exporter' ? view.claim : { mode: view.claim.mode, range: undefined });
      }
      return held;
    }

    function checkAcquisition(exporterCall: ExporterCall, body: TSESTree.Node): void {
      const requestedView = heldView(exporterCall.call);
      if (requestedView === undefined) return;
      const held = heldViewsOfExporter(exporterCall, body);
      const conflicting = inSourceOrder(held.keys()).find((candidate) => {
        const claim = held.get(candidate);
        return claim !== undefined && claimsConflict(claim, requestedView.claim);
      });
      if (conflicting === undefined) return;
      context.report({
        node: exporterCall.call,
        messageId: conflicting.origin === exporterCall.call ? 'conflictingAcquireInLoop' : 'conflictingAcquire',
        data: {
          requested: requestedView.mode === undefined ? 'acquisition' : `${requestedView.mode} acquisition`,
          exporter: shortSource(sourceCode, exporterCall.exporter),
          held: describeView(sourceCode, conflicting),
          line: lineOf(conflicting),
        },
      });
    }

    function checkLockingCall(exporterCall: ExporterCall, operation: Exclude<ExporterCall['operation'], 'acquire'>, body: TSESTree.Node): void {
      const { call } = exporterCall;
      const [held] = inSourceOrder(heldViewsOfExporter(exporterCall, body).keys());
      if (held === undefined) return;
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
      const callee = unwrapExpression(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      return isXorviewExporterType(answers.typeOf(callee.object));
    }

    /** The declaration of the variable at the base of an exporter expression (`buf` in `buf.bytes`). */
    function baseDeclaration(exporter: TSESTree.Expression | undefined): TSESTree.Node | undefined {
      let base: TSESTree.Node | undefined = exporter === undefined ? undefined : unwrapExpression(exporter);
      while (base?.type === AST_NODE_TYPES.MemberExpression) base = unwrapExpression(base.object);
      if (base?.type !== AST_NODE_TYPES.Identifier) return undefined;
      return ASTUtils.findVariable(sourceCode.getScope(base), base)?.defs[0]?.node;
    }

    function noteAssignment(node: TSESTree.Node, target: TSESTree.Node): void {
      const assigned = unwrapExpression(target);
      let identity: string | undefined;
      if (assigned.type === AST_NODE_TYPES.Identifier) {
        const variable = ASTUtils.findVariable(sourceCode.getScope(assigned), assigned);
        identity = variable === null ? undefined : variableIdentity(variable);
      } else if (assigned.type === AST_NODE_TYPES.MemberExpression) {
        identity = exporterIdentity(sourceCode, assigned);
      }
      if (identity !== undefined) assignments.push({ node, identity });
    }

    const lifetimeListeners = subscribeTypedLifetimes(context, [], (lifetimes) => {
      for (const exporterCall of lifetimes.exporterCalls) {
        if (exporterCall.held.size === 0) continue;
        if (exporterCall.operation === 'acquire') checkAcquisition(exporterCall, lifetimes.node);
        else checkLockingCall(exporterCall, exporterCall.operation, lifetimes.node);
      }
    });
    const listeners: TSESLint.RuleListener = {
      ...lifetimeListeners,
      AssignmentExpression(node) {
        noteAssignment(node, node.left);
      },
      UpdateExpression(node) {
        noteAssignment(node, node.argument);
      },
    };
    return listeners;
  },
});

/** The name an acquisition's view is declared as or assigned to (`a` in `const a = await acquireAsync(…)`). */
function boundName(acquire: TSESTree.CallExpression): string | undefined {
  let value: TSESTree.Node = acquire;
  while (value.parent?.type === AST_NODE_TYPES.AwaitExpression || (value.parent != null && unwrapExpression(value.parent) !== value.parent)) {
    value = value.parent;
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) return parent.left.name;
  return undefined;
}

function within(node: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= node.range[0] && node.range[1] <= outer.range[1];
}

/** Whether `node` starts after `first` and before `second` in the source. */
function isBetween(node: TSESTree.Node, first: TSESTree.Node, second: TSESTree.Node): boolean {
  return first.range[0] < node.range[0] && node.range[0] < second.range[0];
}

/** The loops around `node`, up to (not beyond) `body`. */
function loopsAround(node: TSESTree.Node, body: TSESTree.Node): TSESTree.Node[] {
  const loops: TSESTree.Node[] = [];
  for (let current = node.parent; current != null && current !== body; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        loops.push(current);
        break;
      default:
        break;
    }
  }
  return loops;
}
