import type { ParserServicesWithTypeInformation, TSESLint } from '@typescript-eslint/utils';

/** Thrown when a typed rule runs without type information; ESLint shows the message as is. */
export class MissingTypeInformationError extends Error {
  readonly code = 'XORVIEW_MISSING_TYPE_INFORMATION';

  constructor(ruleId: string) {
    super(
      `${ruleId} requires type information, and this file was parsed without it. ` +
        'Use the typescript-eslint parser with `languageOptions.parserOptions.projectService: true` ' +
        '(and `tsconfigRootDir`), or spread `xorview.configs.recommended` / `xorview.configs.strict`, ' +
        'which set this up. Type information is how the rules recognise views: by their branded types.',
    );
    this.name = 'MissingTypeInformationError';
  }
}

/**
 * The parser services of a typed parse, or a clear error. Call once per file, in `create()`.
 * The rule id (`context.id`) names the rule in the message, as configured (`xorview/<rule>`).
 */
export function getTypedServices(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ParserServicesWithTypeInformation {
  const services = context.sourceCode.parserServices;
  if (services?.program == null || services.esTreeNodeToTSNodeMap === undefined) {
    throw new MissingTypeInformationError(context.id.includes('/') ? context.id : `xorview/${context.id}`);
  }
  return services as ParserServicesWithTypeInformation;
}
