/**
 * Lints a snippet as tests/fixtures/file.ts with the plugin's rules and typed parsing: what a
 * user's ESLint run does, for the tests that need a whole Linter rather than the RuleTester.
 */
import { join } from 'node:path';
import * as parser from '@typescript-eslint/parser';
import type { Linter as LinterTypes } from 'eslint';
import plugin from '../src/index.js';
import { Linter } from './eslint.js';
import { fixturesDirectory } from './rule-tester.js';

export const fixtureFile = join(fixturesDirectory, 'file.ts');

const linter = new Linter({ cwd: fixturesDirectory });

/** Lint `code` with `rules` (`'xorview/<rule>': …`) on; returns every message, fatal ones included. */
export function lintCode(code: string, rules: LinterTypes.RulesRecord): LinterTypes.LintMessage[] {
  const config: LinterTypes.Config = {
    files: ['**/*.ts'],
    plugins: { xorview: plugin as unknown as NonNullable<LinterTypes.Config['plugins']>[string] },
    languageOptions: {
      parser,
      parserOptions: { projectService: true, tsconfigRootDir: fixturesDirectory },
    },
    rules,
  };
  return linter.verify(code, [config], { filename: fixtureFile });
}
