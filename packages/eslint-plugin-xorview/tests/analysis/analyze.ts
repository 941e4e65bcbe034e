/** Runs the lifetime analysis on a snippet with the syntactic oracle and returns its findings. */
import parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { subscribeToLifetimes, type FunctionLifetimes, type LifetimeStatistics, lifetimeStatistics } from '../../src/analysis/lifetime.js';
import { noOwnershipTransfer, type OwnershipPolicy } from '../../src/analysis/lifetime-oracle.js';
import { syntacticOracle } from './syntactic-oracle.js';

export interface Analysis {
  readonly functions: FunctionLifetimes[];
  readonly statistics: LifetimeStatistics | undefined;
  readonly lines: (finding: { node: { loc: { start: { line: number } } } }) => number;
}

export function analyze(code: string, options: { rules?: number; policy?: OwnershipPolicy } = {}): Analysis {
  const functions: FunctionLifetimes[] = [];
  let statistics: LifetimeStatistics | undefined;
  const ruleCount = options.rules ?? 1;
  const rules: Record<string, TSESLint.RuleModule<string, []>> = {};
  for (let index = 0; index < ruleCount; index++) {
    rules[`r${index}`] = {
      meta: { type: 'problem', messages: {}, schema: [] },
      defaultOptions: [],
      create(context) {
        const listeners = subscribeToLifetimes(context, () => syntacticOracle(context.sourceCode), {
          policy: options.policy ?? noOwnershipTransfer,
          onFunction: (lifetimes) => {
            if (index === 0) functions.push(lifetimes);
          },
        });
        return {
          ...listeners,
          'Program:exit': (node) => {
            (listeners['Program:exit'] as ((node: unknown) => void) | undefined)?.(node);
          },
          'Program > *:exit': () => {
            statistics = lifetimeStatistics(context.sourceCode);
          },
        };
      },
    };
  }
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: parser as never, sourceType: 'module' },
      plugins: { t: { rules: rules as never } },
      rules: Object.fromEntries(Object.keys(rules).map((name) => [`t/${name}`, 'error'])),
    },
  ], 'file.ts');
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal !== undefined) throw new Error(`parse/rule failure: ${fatal.message}`);
  return { functions, statistics, lines: (finding) => finding.node.loc.start.line };
}
