/**
 * `// xorview-unsafe: <reason>` justifications: on the node's line, or in the comment block
 * directly above the node or above the statement that contains it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unsafeJustificationPattern } from 'xorview/semantics';

/** The marker without a reason, to tell "no comment" from "comment with an empty reason". */
const markerPattern = /xorview-unsafe\s*:?/u;

export type Justification = 'justified' | 'empty-reason' | 'missing';

/** The statement (or class member, or other line-level node) that contains `node`. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.parent != null) {
    const parent: TSESTree.Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.ClassBody ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      parent.type === AST_NODE_TYPES.SwitchCase ||
      parent.type === AST_NODE_TYPES.TSModuleBlock
    ) {
      return current;
    }
    current = parent;
  }
  return current;
}

/** The comments directly above `node`: contiguous, ending on the line above it or on its line. */
function commentBlockAbove(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): TSESTree.Comment[] {
  const before = sourceCode.getCommentsBefore(node);
  const block: TSESTree.Comment[] = [];
  let nextLine = node.loc.start.line;
  for (let index = before.length - 1; index >= 0; index--) {
    const comment = before[index];
    if (comment === undefined || comment.loc.end.line < nextLine - 1) break;
    block.push(comment);
    nextLine = comment.loc.start.line;
  }
  return block;
}

/** Comments that share a line with `line` (trailing comments included). */
function commentsOnLine(sourceCode: Readonly<TSESLint.SourceCode>, line: number): TSESTree.Comment[] {
  return sourceCode.getAllComments().filter((comment) => comment.loc.start.line <= line && comment.loc.end.line >= line);
}

/** Whether `node` carries a `// xorview-unsafe: <reason>` justification, and whether it has a reason. */
export function justificationOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): Justification {
  const statement = enclosingStatement(node);
  const candidates = [
    ...commentsOnLine(sourceCode, node.loc.start.line),
    ...commentBlockAbove(sourceCode, node),
    ...(statement === node ? [] : commentBlockAbove(sourceCode, statement)),
  ];
  if (candidates.some((comment) => unsafeJustificationPattern.test(comment.value))) return 'justified';
  return candidates.some((comment) => markerPattern.test(comment.value)) ? 'empty-reason' : 'missing';
}
