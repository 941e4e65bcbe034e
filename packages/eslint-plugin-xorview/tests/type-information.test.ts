/** Every rule refuses to run without type information, with a message that says how to fix it. */
import * as parser from '@typescript-eslint/parser';
import type { Linter as LinterTypes } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';
import { Linter } from './eslint.js';
import { fixtureFile } from './lint-code.js';

describe('without type information', () => {
  for (const name of Object.keys(rules)) {
    it(`xorview/${name} throws a clear error`, () => {
      const config: LinterTypes.Config = {
        files: ['**/*.ts'],
        plugins: { xorview: plugin as unknown as NonNullable<LinterTypes.Config['plugins']>[string] },
        languageOptions: { parser },
        rules: { [`xorview/${name}`]: 'error' },
      };
      expect(() => new Linter().verify('export const answer = 42;\n', [config], { filename: fixtureFile })).toThrow(
        new RegExp(`xorview/${name} requires type information.*projectService`, 'su'),
      );
    });
  }
});
