/**
 * The rules share one per-file cache of type answers (src/analysis/type-answers.ts): with every
 * recommended rule on, no node's type is asked of the checker twice, and names whose declaration
 * says what they hold (a literal-mode acquisition, a new built-in array) are not asked at all.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Linter as LinterTypes } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { lintCode } from './lint-code.js';

/** Type questions asked during one lint, once per question: each node's range and source text. */
let questions: { readonly at: string; readonly text: string }[] = [];

/** Runs before the plugin's rules (listed first) and counts what reaches the parser services. */
const spy: TSESLint.RuleModule<'never'> = {
  meta: { type: 'problem', messages: { never: 'never reported' }, schema: [], defaultOptions: [] },
  create(context) {
    const services = context.sourceCode.parserServices as { getTypeAtLocation: (node: TSESTree.Node) => unknown };
    const original = services.getTypeAtLocation.bind(services);
    services.getTypeAtLocation = (node) => {
      questions.push({ at: node.range.join('-'), text: context.sourceCode.getText(node) });
      return original(node);
    };
    return {};
  },
};

function lintWithRecommended(code: string): LinterTypes.LintMessage[] {
  questions = [];
  const rules: LinterTypes.RulesRecord = { 'xorview/type-question-spy': 'error', ...plugin.configs.recommended.rules };
  (plugin.rules as Record<string, unknown>)['type-question-spy'] = spy;
  try {
    return lintCode(code, rules);
  } finally {
    delete (plugin.rules as Record<string, unknown>)['type-question-spy'];
  }
}

const code = `import { OwnedBuffer, acquire, release, type ImmutableView } from 'xorview';
export function checksum(data: ImmutableView): number {
  let sum = 0;
  for (let offset = 0; offset < data.length; offset++) sum = (sum + (data[offset] ?? 0)) & 0xff;
  return sum;
}
export function fill(memory: OwnedBuffer, value: number): number {
  using target = acquire(memory, 'exclusive');
  target.fill(value);
  target[0] = value;
  return target.length;
}
export async function digest(memory: ArrayBuffer, ready: () => Promise<void>): Promise<number> {
  await ready();
  const view = acquire(memory, 'immutable', { byteOffset: 0, byteLength: 8 });
  try {
    return checksum(view);
  } finally {
    release(view);
  }
}
export function plain(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.fill(1);
  const lengths = new Map<string, number>();
  lengths.set('bytes', bytes.length);
  const copy = bytes.slice(0, lengths.get('bytes') ?? 0);
  copy.reverse();
  return copy;
}
export function later(tasks: readonly (() => Promise<number>)[]): Promise<number[]> {
  return Promise.all(tasks.map(async (task) => (await task()) + 1));
}
`;

/** Several rules need the type of the same nodes here (the cast, its operand). */
const sharedQuestions = `import { acquire, release, type ImmutableView, type RawView } from 'xorview';
declare const shared: ImmutableView;
const alias = shared as unknown as RawView;
alias[0] = 1;
export function write(memory: ArrayBuffer, data: ImmutableView): void {
  const raw = acquire(memory, 'raw');
  raw.set(data);
  release(raw);
}
`;

describe('type answers shared by every rule of a lint run', () => {
  it('asks the checker nothing about names bound to literal-mode acquisitions or new built-in arrays, nor about other calls', () => {
    expect(lintWithRecommended(code)).toEqual([]);
    expect(questions).toEqual([]);
  });

  it('asks the checker about each node at most once, however many rules need it', () => {
    const reports = lintWithRecommended(sharedQuestions).map((message) => message.ruleId);
    expect(reports).toEqual(expect.arrayContaining(['xorview/no-unsafe-raw-view', 'xorview/no-write-through-shared-view']));
    const asked = questions.map((question) => question.text);
    expect(asked).toContain('shared as unknown as RawView');
    const places = questions.map((question) => question.at);
    expect(questions.filter((question, index) => places.indexOf(question.at) !== index)).toEqual([]);
  });
});
