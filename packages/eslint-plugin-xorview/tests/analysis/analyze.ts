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
}

export function analyze(code: string, options: { rules?: number; policy?: OwnershipPolicy } = {}): Analysis {
  const functions: FunctionLifetimes[] = [];
  const ruleCount = options.rules ?? 1;
  const rules: Record<string, TSESLint.RuleModule<string>> = {};
  for (let index = 0; index < ruleCount; index++) {
    rules[`r${index}`] = {
      meta: { type: 'problem', messages: {}, schema: [], defaultOptions: [] },
      create(context) {
        const listeners = subscribeToLifetimes(context, () => syntacticOracle(context.sourceCode), {
          policy: options.policy ?? noOwnershipTransfer,
          onFunction: (lifetimes) => {
            if (index === 0) functions.push(lifetimes);
          },
        });
        return listeners;
      },
    };
  }
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser, sourceType: 'module' },
      plugins: { t: { rules } as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: Object.fromEntries(Object.keys(rules).map((name) => [`t/${name}`, 'error'])),
    },
  ], 'file.ts');
  const fatal = messages.find((message) => message.fatal === true);
  if (fatal !== undefined) throw new Error(`parse/rule failure: ${fatal.message}`);
  const statistics = lifetimeStatistics(linter.getSourceCode() as unknown as TSESLint.SourceCode);
  return { functions, statistics };
}

/** One line per finding, sorted: `leak <cause> L<acquire line>`, `use <name> L<line> definite|maybe released L<lines>`, `escape <kind> L<line> released L<line>|using`. */
export function summarize(analysis: Analysis): string[] {
  const lines: string[] = [];
  for (const lifetimes of analysis.functions) {
    for (const leak of lifetimes.leaks) {
      const at = leak.throwPoint === undefined ? '' : ` at L${leak.throwPoint.loc.start.line}`;
      lines.push(`leak ${leak.cause} L${leak.acquire.loc.start.line}${at}`);
    }
    for (const use of lifetimes.usesAfterRelease) {
      const releases = use.releases.map((release) => `L${release.line}`).join(',');
      lines.push(`use ${use.name} L${use.node.loc.start.line} ${use.definite ? 'definite' : 'maybe'} released ${releases}`);
    }
    for (const escape of lifetimes.escapes) {
      const release = escape.release === 'using-scope' ? 'using' : `released L${escape.release.line}`;
      lines.push(`escape ${escape.kind} L${escape.node.loc.start.line} ${release}`);
    }
  }
  return lines.sort();
}
