/**
 * Every ❌ example in a rule's doc must be reported by that rule, every ✅ example must not, and
 * neither may fail to parse or type-check its way into a fatal error. Generic over all docs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintCode } from './lint-code.js';

const docsDirectory = new URL('../docs/rules/', import.meta.url);

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  line: number;
}

/** The ```ts blocks under "### ❌ Incorrect" and "### ✅ Correct" of a doc. */
export function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^#{1,3} /u.test(line)) {
      kind = line.startsWith('### ❌') ? 'incorrect' : line.startsWith('### ✅') ? 'correct' : undefined;
      continue;
    }
    if (kind === undefined || !/^```ts\b/u.test(line)) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    examples.push({ kind, code: lines.slice(start, end).join('\n'), line: start + 1 });
    index = end;
  }
  return examples;
}

const docs = readdirSync(docsDirectory).filter((file) => file.endsWith('.md'));

describe('rule docs', () => {
  it('exist', () => {
    expect(docs.length).toBeGreaterThan(0);
  });

  for (const doc of docs) {
    const ruleName = doc.replace(/\.md$/u, '');
    const examples = examplesOf(readFileSync(new URL(doc, docsDirectory), 'utf8'));

    describe(ruleName, () => {
      it('has at least one ❌ and one ✅ example', () => {
        expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
        expect(examples.some((example) => example.kind === 'correct')).toBe(true);
      });

      for (const example of examples) {
        it(`${example.kind === 'incorrect' ? '❌' : '✅'} example at line ${String(example.line)}`, () => {
          const messages = lintCode(example.code, { [`xorview/${ruleName}`]: 'error' });
          expect(messages.filter((message) => message.fatal === true)).toEqual([]);
          const reported = messages.filter((message) => message.ruleId === `xorview/${ruleName}`);
          if (example.kind === 'incorrect') expect(reported.length).toBeGreaterThan(0);
          else expect(reported).toEqual([]);
        });
      }
    });
  }
});
