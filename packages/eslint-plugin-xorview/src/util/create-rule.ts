import { ESLintUtils } from '@typescript-eslint/utils';

/** Where every rule's documentation lives; `meta.docs.url` is built from the rule name. */
const docsBaseUrl = 'https://github.com/xorview/xorview/blob/main/packages/eslint-plugin-xorview/docs/rules/';

/**
 * The plugin's own `meta.docs` fields. The configs in `configs.ts` are derived from them, so a
 * rule's presets are stated once, here, next to the rule.
 */
export interface XorviewRuleDocs {
  /** One sentence: what the rule reports. */
  description: string;
  /**
   * The lowest preset that enables the rule: `'recommended'` (in both presets) or `'strict'` (only
   * in `strict`).
   */
  recommended: 'recommended' | 'strict';
  /** Every xorview rule reads the branded view types, so it needs type information. */
  requiresTypeChecking: true;
  /**
   * Options the `strict` preset passes instead of the defaults (the `recommended` preset always
   * uses the defaults). The first element is the rule's options object.
   */
  strictOptions?: readonly [Record<string, unknown>];
}

/** The one rule factory: names the rule and points `meta.docs.url` at its doc. */
export const createRule = ESLintUtils.RuleCreator<XorviewRuleDocs>((name) => `${docsBaseUrl}${name}.md`);
