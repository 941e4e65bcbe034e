// The repository's own lint: typescript-eslint's strictest type-checked presets on every
// TypeScript file that belongs to a tsconfig, syntax-only rules on the rest, and
// eslint-plugin-xorview's `recommended` preset on the examples (their bad twins excluded: they
// hold the bugs on purpose and examples/tests asserts exactly what the plugin reports on them).
// Run after the build: the plugin is imported from its dist.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import xorview from './packages/eslint-plugin-xorview/dist/index.js';

/**
 * One set of typed-parsing options for every block: typescript-eslint keeps one project service
 * per process, created with the options of the first file it sees.
 */
const parserOptions = {
  // vitest configs sit next to a tsconfig that includes only src/.
  projectService: { allowDefaultProject: ['packages/*/vitest.config.ts'] },
  tsconfigRootDir: import.meta.dirname,
};

/** TypeScript files that no tsconfig includes: linted without type information. */
const filesWithoutProject = ['packages/xorview/test/**/*.ts', 'docs/test/**/*.ts', 'docs/*.ts', 'bench/**/*.ts'];

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/coverage/',
    '**/fixtures/',
    '**/.bench-tmp/',
    'docs/.blocks/',
    'examples/**/bad.*',
    // Writes through an ImmutableView on purpose: the demo prints the compilers' errors on it.
    'scripts/demo/immutable-writes.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    rules: {
      // Numbers in messages are the norm here (offsets, lengths, counts).
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // With noUncheckedIndexedAccess the code narrows with `as T` where it knows better, since
      // strict's no-non-null-assertion forbids `!`; this stylistic rule asks for `!` instead.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', ...filesWithoutProject],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Type tests (tsd, @ts-expect-error files) and the demo's file of refused writes assert facts
    // about types with deliberately odd or ill-typed code: unused bindings, `any`, `void`
    // expressions, compile errors. Only the syntax-level rules apply.
    files: ['**/test-d/**/*.ts', '**/test-d-*/**/*.ts', '**/*.test-d.ts', 'scripts/demo/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-invalid-void-type': 'off',
      '@typescript-eslint/array-type': 'off',
      '@typescript-eslint/consistent-indexed-object-style': 'off',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': false }],
    },
  },
  {
    ...xorview.configs.recommended,
    files: ['examples/**/*.ts'],
    languageOptions: { ...xorview.configs.recommended.languageOptions, parserOptions },
  },
);
