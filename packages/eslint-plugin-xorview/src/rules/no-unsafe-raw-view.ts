import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { typeAnswersFor } from '../analysis/type-answers.js';
import type { ViewModes } from '../analysis/view-types.js';
import { createRule } from '../util/create-rule.js';
import { enclosingStatement, justificationOf } from '../util/justification.js';

export type MessageIds = 'unjustifiedRawAcquire' | 'unjustifiedRawCast' | 'emptyJustification' | 'addJustification';

export default createRule<[], MessageIds>({
  name: 'no-unsafe-raw-view',
  meta: {
    type: 'problem',
    docs: {
      description: "Require a `// xorview-unsafe: <reason>` justification on every 'raw' view acquisition or cast to RawView",
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      unjustifiedRawAcquire:
        "This 'raw' view shares mutable memory with no guarantee to anyone: any other view may change or see half-written bytes. " +
        "Say why that is safe in a `// xorview-unsafe: <reason>` comment on this line or the line above, or acquire it 'immutable' or 'exclusive'.",
      unjustifiedRawCast:
        'This cast or annotation makes a RawView out of a value that was not one: shared, mutable memory with no guarantee to anyone. ' +
        "Say why that is safe in a `// xorview-unsafe: <reason>` comment on this line or the line above, or acquire the view 'raw' where it is created.",
      emptyJustification:
        'The `xorview-unsafe:` comment has no reason. Write, after the colon, who else may touch this memory and why that is safe.',
      addJustification: 'Add a `// xorview-unsafe:` comment above, then write the reason after the colon.',
    },
    schema: [],
  },
  create(context) {
    const answers = typeAnswersFor(context);
    const sourceCode = context.sourceCode;

    return {
      CallExpression(call) {
        const acquisition = answers.acquireCall(call);
        if (acquisition?.mode !== 'raw') return;
        reportUnlessJustified(call, 'unjustifiedRawAcquire');
      },
      'TSAsExpression, TSTypeAssertion'(cast: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion) {
        if (!mentionsTypeName(cast.typeAnnotation)) return;
        if (!isOnlyRaw(answers.viewModesOf(cast))) return;
        if (isOnlyRaw(answers.viewModesOf(cast.expression))) return; // already raw: no new promise
        reportUnlessJustified(cast, 'unjustifiedRawCast');
      },
      VariableDeclarator(declarator) {
        // `const ring: RawView = untyped` turns an `any` into a RawView without a cast.
        const annotation = declarator.id.typeAnnotation;
        const init = declarator.init;
        if (annotation === undefined || init === null || !mentionsTypeName(annotation.typeAnnotation)) return;
        if (!isOnlyRaw(answers.viewModesOf(declarator.id))) return;
        if (isOnlyRaw(answers.viewModesOf(init))) return; // a raw acquire or raw value: reported there if at all
        reportUnlessJustified(init, 'unjustifiedRawCast');
      },
    };

    /** A RawView and nothing safer: the type the cast or acquire produces. */
    function isOnlyRaw(modes: ViewModes): boolean {
      return modes.size === 1 && modes.has('raw');
    }

    function reportUnlessJustified(node: TSESTree.Node, messageId: 'unjustifiedRawAcquire' | 'unjustifiedRawCast'): void {
      const justification = justificationOf(sourceCode, node);
      if (justification === 'justified') return;
      if (justification === 'empty-reason') {
        context.report({ node, messageId: 'emptyJustification' });
        return;
      }
      const statement = enclosingStatement(node);
      const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
      const indentation = /^\s*/u.exec(line)?.[0] ?? '';
      context.report({
        node,
        messageId,
        suggest: [
          {
            messageId: 'addJustification',
            // The reason is left for the author to write: an empty reason is still reported.
            fix: (fixer) => fixer.insertTextBeforeRange([statement.range[0] - statement.loc.start.column, statement.range[0] - statement.loc.start.column], `${indentation}// xorview-unsafe: \n`),
          },
        ],
      });
    }
  },
});

/**
 * Syntax filter for casts: the written type names some type reference (`RawView<…>`, an alias of
 * it, `View<'raw'>`); keyword and literal types cannot be a view.
 */
function mentionsTypeName(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSIndexedAccessType:
    case AST_NODE_TYPES.TSImportType:
      return true;
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return type.types.some(mentionsTypeName);
    default:
      return false;
  }
}
