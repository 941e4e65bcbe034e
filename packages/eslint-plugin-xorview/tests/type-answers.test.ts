/**
 * The rules share one per-file cache of type answers (src/analysis/type-answers.ts): with every
 * recommended rule on, no node's type is asked of the checker twice, and names whose declaration
 * says what they hold (a literal-mode acquisition, a new built-in array) are not asked at all.
 */
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import type { Linter as LinterTypes } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { lintCode } from './lint-code.js';

/** Type questions asked during one lint, once per question: each node's range and source text. */
let questions: { readonly at: string; readonly text: string }[] = [];
/** Symbol lookups asked of the checker during one lint: the source text of each node. */
let symbolLookups: string[] = [];
/** Undoes the spy's wrapping of the (long-lived, shared) checker after each lint. */
let restoreChecker: (() => void) | undefined;

/** Runs before the plugin's rules (listed first) and counts what reaches the parser services. */
const spy: TSESLint.RuleModule<'never'> = {
  meta: { type: 'problem', messages: { never: 'never reported' }, schema: [], defaultOptions: [] },
  create(context) {
    const services = context.sourceCode.parserServices as ParserServicesWithTypeInformation;
    const original = services.getTypeAtLocation.bind(services);
    (services as { getTypeAtLocation: (node: TSESTree.Node) => ts.Type }).getTypeAtLocation = (node) => {
      questions.push({ at: node.range.join('-'), text: context.sourceCode.getText(node) });
      return original(node);
    };
    const checker = services.program.getTypeChecker();
    const getSymbolAtLocation = checker.getSymbolAtLocation.bind(checker);
    checker.getSymbolAtLocation = (node: ts.Node) => {
      symbolLookups.push(node.getText());
      return getSymbolAtLocation(node);
    };
    restoreChecker = () => {
      checker.getSymbolAtLocation = getSymbolAtLocation;
    };
    return {};
  },
};

function lintWithRecommended(code: string): LinterTypes.LintMessage[] {
  questions = [];
  symbolLookups = [];
  const rules: LinterTypes.RulesRecord = { 'xorview/type-question-spy': 'error', ...plugin.configs.recommended.rules };
  (plugin.rules as Record<string, unknown>)['type-question-spy'] = spy;
  try {
    return lintCode(code, rules);
  } finally {
    delete (plugin.rules as Record<string, unknown>)['type-question-spy'];
    restoreChecker?.();
    restoreChecker = undefined;
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
    // Nor the symbols of xorview's functions: not even to see whether a call given an options
    // literal takes ownership of it (a value holding no view hands nothing over).
    expect(symbolLookups.filter((text) => /acquire|release/u.test(text))).toEqual([]);
  });

  it('knows functions imported from xorview (renamed, or through a namespace) without looking up their symbols', () => {
    const messages = lintWithRecommended(`import { acquire as borrow, release } from 'xorview';
import * as xv from 'xorview';
export function f(memory: ArrayBuffer): number {
  const first = borrow(memory, 'immutable');
  const second = xv.acquire(memory, 'exclusive');
  release(first);
  xv.release(second);
  return 0;
}
`);
    expect(messages.map((message) => message.ruleId)).toEqual(['xorview/no-conflicting-views']);
    expect(symbolLookups.filter((text) => /borrow|acquire|release/u.test(text))).toEqual([]);
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
