/**
 * The lifetime analysis as the rules use it: answered by the type checker (views by their brand,
 * xorview functions by their declaration) and with the ownership policy users configure.
 *
 * Ownership transfer is stated in one of two ways, both read by every flow rule alike:
 * - the JSDoc tag `@xorview-takes-ownership <parameter>` on the callee's declaration (the callee
 *   releases the view or keeps it: a view passed there is no longer the caller's to release);
 * - the names of such functions in `settings.xorview.ownershipTransferFunctions` (shared by all
 *   rules) or in a rule's `ownershipTransferFunctions` option: `consume` matches `consume(v)` and
 *   `x.consume(v)`, `pool.put` matches exactly `pool.put(v)`. Every view argument is taken.
 */
import { AST_NODE_TYPES, type ParserServicesWithTypeInformation, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { getTypedServices } from '../util/type-services.js';
import { matchAcquireCall, xorviewFunctionCalled } from './acquisitions.js';
import { subscribeToLifetimes, type FunctionLifetimes } from './lifetime.js';
import type { LifetimeFunction, LifetimeOracle, OwnershipPolicy } from './lifetime-oracle.js';
import { isViewType } from './view-types.js';

/** The JSDoc tag that marks a parameter as taking ownership of the view passed to it. */
export const takesOwnershipTag = 'xorview-takes-ownership';

const lifetimeFunctionNames: ReadonlySet<string> = new Set<LifetimeFunction>(['release', 'isReleased']);

const disposableStackNames: ReadonlySet<string> = new Set(['DisposableStack', 'AsyncDisposableStack']);

export function typedLifetimeOracle(services: ParserServicesWithTypeInformation): LifetimeOracle {
  const checker = services.program.getTypeChecker();
  return {
    acquisitionOf(call) {
      const acquisition = matchAcquireCall(services, call);
      return acquisition === undefined || acquisition.kind === 'other-view-returning-call'
        ? undefined
        : { kind: acquisition.kind, exporter: acquisition.exporter };
    },
    lifetimeFunctionOf(call) {
      return xorviewFunctionCalled(services, call, lifetimeFunctionNames) as LifetimeFunction | undefined;
    },
    isViewVariable(variable) {
      const name = variable.defs[0]?.name;
      if (name?.type !== AST_NODE_TYPES.Identifier) return false;
      return isViewType(checker, services.getTypeAtLocation(name));
    },
    isDisposableStack(expression) {
      const type = services.getTypeAtLocation(expression);
      const symbol = type.getSymbol() ?? type.aliasSymbol;
      return symbol !== undefined && disposableStackNames.has(symbol.getName());
    },
  };
}

/** The callee as written, for matching configured names: `consume`, `pool.put`, `this.take`. */
function calleeText(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const object = calleeText(callee.object);
    return object === undefined ? callee.property.name : `${object}.${callee.property.name}`;
  }
  return undefined;
}

function matchesConfiguredName(call: TSESTree.CallExpression | TSESTree.NewExpression, names: ReadonlySet<string>): boolean {
  const text = calleeText(call.callee);
  if (text === undefined) return false;
  if (names.has(text)) return true;
  const lastDot = text.lastIndexOf('.');
  return lastDot >= 0 && names.has(text.slice(lastDot + 1));
}

/** Whether the declaration of the called signature tags parameter `index` `@xorview-takes-ownership`. */
function taggedAsTakingOwnership(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
): boolean {
  const checker = services.program.getTypeChecker();
  const tsCall = services.esTreeNodeToTSNodeMap.get(call);
  const declaration = checker.getResolvedSignature(tsCall)?.getDeclaration();
  if (declaration === undefined || !('parameters' in declaration)) return false;
  const parameters = declaration.parameters;
  const parameter = parameters[Math.min(index, parameters.length - 1)];
  if (parameter === undefined || (index >= parameters.length && parameter.dotDotDotToken === undefined)) return false;
  const parameterName = ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
  return ts.getJSDocTags(declaration).some((tag) => {
    if (tag.tagName.text !== takesOwnershipTag) return false;
    const named = ts.getTextOfJSDocComment(tag.comment)?.trim().split(/\s+/u)[0];
    return named !== undefined && named === parameterName;
  });
}

interface XorviewSettings {
  readonly ownershipTransferFunctions?: readonly string[];
}

function settingsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): XorviewSettings {
  const settings = (context.settings as { xorview?: XorviewSettings } | undefined)?.xorview;
  return settings ?? {};
}

export function ownershipPolicy(
  services: ParserServicesWithTypeInformation,
  configuredNames: readonly string[],
): OwnershipPolicy {
  const names = new Set(configuredNames);
  const cache = new Map<TSESTree.Node, Map<number, boolean>>();
  return {
    key: [...names].sort().join('\n'),
    takesOwnership(call, index) {
      let perIndex = cache.get(call);
      if (perIndex === undefined) {
        perIndex = new Map();
        cache.set(call, perIndex);
      }
      let takes = perIndex.get(index);
      if (takes === undefined) {
        takes = matchesConfiguredName(call, names) || taggedAsTakingOwnership(services, call, index);
        perIndex.set(index, takes);
      }
      return takes;
    },
  };
}

/**
 * Subscribes a flow rule to the file's lifetime analysis. `ruleOwnershipFunctions` adds to the
 * shared `settings.xorview.ownershipTransferFunctions` (rules with different lists get separate
 * evaluations; the default shares one).
 */
export function subscribeTypedLifetimes(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleOwnershipFunctions: readonly string[],
  onFunction: (lifetimes: FunctionLifetimes) => void,
): TSESLint.RuleListener {
  const services = getTypedServices(context);
  const names = [...(settingsOf(context).ownershipTransferFunctions ?? []), ...ruleOwnershipFunctions];
  return subscribeToLifetimes(context, () => typedLifetimeOracle(services), {
    policy: ownershipPolicy(services, names),
    onFunction,
  });
}
