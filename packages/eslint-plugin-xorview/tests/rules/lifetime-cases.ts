/**
 * Test-case builders for the lifetime rules. A case body marks each expected report with the
 * comment `mark` (below) right before the reported node; the builder turns the marks into line/column assertions on the
 * full source (prelude included). The marks stay in the code: they are plain comments.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { withPrelude } from './flow-fixture.js';

export const mark = '/*!*/';

/** Line and column (1-based) of the node after each mark in `code`. */
export function markedPositions(code: string): { line: number; column: number }[] {
  const positions: { line: number; column: number }[] = [];
  code.split('\n').forEach((text, index) => {
    let from = 0;
    for (;;) {
      const at = text.indexOf(mark, from);
      if (at < 0) break;
      positions.push({ line: index + 1, column: at + mark.length + 1 });
      from = at + mark.length;
    }
  });
  return positions;
}

export interface CaseOptions<Options extends readonly unknown[]> {
  options?: Options;
  settings?: Record<string, unknown>;
  /** Per error (in mark order): the suggestion outputs it offers, as case bodies. */
  suggestions?: readonly (readonly { messageId: string; body: string }[] | undefined)[];
}

function valid<Options extends readonly unknown[]>(
  name: string,
  body: string,
  extra: Pick<CaseOptions<Options>, 'options' | 'settings'> = {},
): ValidTestCase<Options> {
  return { name, code: withPrelude(body), ...(extra.options ? { options: extra.options } : {}), ...(extra.settings ? { settings: extra.settings } : {}) };
}

function invalid<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  body: string,
  messageIds: readonly MessageIds[],
  extra: CaseOptions<Options> = {},
): InvalidTestCase<MessageIds, Options> {
  const code = withPrelude(body);
  const positions = markedPositions(code);
  if (positions.length !== messageIds.length) {
    throw new Error(`case "${name}": ${String(positions.length)} marks for ${String(messageIds.length)} expected errors`);
  }
  return {
    name,
    code,
    ...(extra.options ? { options: extra.options } : {}),
    ...(extra.settings ? { settings: extra.settings } : {}),
    errors: messageIds.map((messageId, index) => {
      const position = positions[index] as { line: number; column: number };
      const suggestions = extra.suggestions?.[index];
      return {
        messageId,
        line: position.line,
        column: position.column,
        ...(suggestions === undefined
          ? {}
          : { suggestions: suggestions.map((suggestion) => ({ messageId: suggestion.messageId as MessageIds, output: withPrelude(suggestion.body) })) }),
      };
    }),
  };
}

/** The two builders, typed for one rule's message ids and options. */
export function caseBuilders<MessageIds extends string, Options extends readonly unknown[]>(): {
  valid: (name: string, body: string, extra?: Pick<CaseOptions<Options>, 'options' | 'settings'>) => ValidTestCase<Options>;
  invalid: (name: string, body: string, messageIds: readonly MessageIds[], extra?: CaseOptions<Options>) => InvalidTestCase<MessageIds, Options>;
} {
  return { valid: valid<Options>, invalid: invalid<MessageIds, Options> };
}
