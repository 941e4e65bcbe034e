/**
 * eslint-plugin-xorview: typed lint rules for view lifetimes and access modes (SPEC §6).
 *
 * @example
 * ```
 * // eslint.config.js
 * import xorview from 'eslint-plugin-xorview';
 *
 * export default [
 *   { ...xorview.configs.recommended, languageOptions: { ...xorview.configs.recommended.languageOptions,
 *     parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
 * ];
 * ```
 */
import { readFileSync } from 'node:fs';
import type { TSESLint } from '@typescript-eslint/utils';
import { createConfigs, type PresetName } from './configs.js';
import { rules } from './rules/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** The plugin's rule namespace in configs: `xorview/<rule>`. */
export const namespace = 'xorview';

interface XorviewPlugin extends TSESLint.FlatConfig.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<PresetName, TSESLint.FlatConfig.Config>;
}

const plugin: XorviewPlugin = {
  meta: { name: packageJson.name, version: packageJson.version, namespace },
  rules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};
// The presets register the plugin object itself, so they are built once it exists.
plugin.configs = createConfigs(plugin, rules, namespace);

export { rules };
export default plugin;
