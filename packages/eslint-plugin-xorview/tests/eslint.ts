/**
 * ESLint as chosen by tests/setup/eslint-version.ts (10 by default, 9 with `XORVIEW_ESLINT=9`).
 * Loaded through `require` so the version switch applies; import `Linter` from here, not 'eslint'.
 */
import { createRequire } from 'node:module';
import type { Linter as LinterClass } from 'eslint';

const eslint = createRequire(import.meta.url)('eslint') as { Linter: typeof LinterClass };

export const { Linter } = eslint;
