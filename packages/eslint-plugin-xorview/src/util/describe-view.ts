/** Short, stable wording for views and expressions in rule messages. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { AccessMode } from 'xorview/semantics';

/** What a message says about a view: where it was acquired, its mode, the name it was bound to. */
export interface DescribedView {
  readonly origin: TSESTree.Node;
  readonly mode: AccessMode | undefined;
  readonly name: string | undefined;
}

const maxSourceLength = 40;

/** Source text of `node`, shortened to one readable line. */
export function shortSource(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
  return text.length > maxSourceLength ? `${text.slice(0, maxSourceLength - 1)}…` : text;
}

/** "the exclusive view `pixels`", "the view from `open()`", … */
export function describeView(sourceCode: Readonly<TSESLint.SourceCode>, view: DescribedView): string {
  const mode = view.mode === undefined ? '' : `${view.mode} `;
  return view.name === undefined
    ? `the ${mode}view from \`${shortSource(sourceCode, view.origin)}\``
    : `the ${mode}view \`${view.name}\``;
}

/** The 1-based line a view was acquired on. */
export function lineOf(view: DescribedView): number {
  return view.origin.loc.start.line;
}

/** Views in source order: the earliest acquisition is the one a message names first. */
export function inSourceOrder<View extends DescribedView>(views: Iterable<View>): View[] {
  return [...views].sort((first, second) => first.origin.range[0] - second.origin.range[0]);
}
