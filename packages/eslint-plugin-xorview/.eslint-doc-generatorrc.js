// eslint-doc-generator settings, shared by `pnpm docs:rules` (writes) and the docs test suite
// (`--check`): the rules table lives in the repository's README and in docs/rules.md, and each rule doc's title is
// "Description (`rule-name`)". Every rule doc has an "## Options" section, also for rules without
// options ("This rule has no options."), so the generator's options-section check is off.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const options = {
  pathRuleList: ['../../README.md', '../../docs/rules.md'],
  ruleDocTitleFormat: 'desc-parens-name',
  ruleDocSectionOptions: false,
  ruleListColumns: ['name', 'description', 'configsError', 'hasSuggestions', 'requiresTypeChecking', 'options'],
  ruleDocNotices: ['configs', 'hasSuggestions', 'requiresTypeChecking', 'options'],
  urlConfigs: 'https://github.com/xorview/xorview/blob/main/docs/rules.md#presets',
};

export default options;
