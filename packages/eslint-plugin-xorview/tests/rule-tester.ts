/**
 * The rule tester every rule test uses: typescript-eslint's RuleTester on vitest, typed through
 * the project service with the fixture project in tests/fixtures (whose code imports the built
 * `xorview` package: run the root build first).
 */
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The fixture project: tsconfig.json and the file each case is linted as. */
export const fixturesDirectory = fileURLToPath(new URL('fixtures', import.meta.url));

export const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: true,
      tsconfigRootDir: fixturesDirectory,
    },
  },
});
