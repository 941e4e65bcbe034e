/**
 * The `recommended` and `strict` presets, derived from rule meta (never listed by hand):
 * - `recommended`: every rule whose `meta.docs.recommended` is `'recommended'`, default options;
 * - `strict`: every rule, with `meta.docs.strictOptions` where a rule declares them.
 * Both set up typed linting: the typescript-eslint parser with `projectService`.
 */
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import type { XorviewRuleDocs } from './util/create-rule.js';

/** What the derivation reads of a rule. */
interface RuleWithDocs {
  meta: { docs?: Pick<XorviewRuleDocs, 'recommended' | 'strictOptions'> };
}

export type PresetName = 'recommended' | 'strict';

/** The files a preset applies to: TypeScript sources, where type information exists. */
export const typedFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** The `rules` entries of one preset, for plugin namespace `namespace`. */
export function presetRules(
  rules: Readonly<Record<string, RuleWithDocs>>,
  preset: PresetName,
  namespace: string,
): Record<string, TSESLint.FlatConfig.RuleEntry> {
  const entries: Record<string, TSESLint.FlatConfig.RuleEntry> = {};
  for (const [name, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    if (docs === undefined) continue;
    if (preset === 'recommended' && docs.recommended !== 'recommended') continue;
    const strictOptions = preset === 'strict' ? docs.strictOptions : undefined;
    entries[`${namespace}/${name}`] = strictOptions === undefined ? 'error' : ['error', ...strictOptions];
  }
  return entries;
}

/** Both presets for `plugin`, which registers itself under `namespace`. */
export function createConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Readonly<Record<string, RuleWithDocs>>,
  namespace: string,
): Record<PresetName, TSESLint.FlatConfig.Config> {
  const preset = (name: PresetName): TSESLint.FlatConfig.Config => ({
    name: `${namespace}/${name}`,
    files: typedFiles,
    plugins: { [namespace]: plugin },
    languageOptions: {
      parser,
      sourceType: 'module',
      parserOptions: { projectService: true },
    },
    rules: presetRules(rules, name, namespace),
  });
  return { recommended: preset('recommended'), strict: preset('strict') };
}
