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
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { subscribeToLifetimes, type FunctionLifetimes } from './lifetime.js';
import type { LifetimeFunction, LifetimeOracle, OwnershipPolicy } from './lifetime-oracle.js';
import { typeAnswersFor, type TypeAnswers } from './type-answers.js';

/** The JSDoc tag that marks a parameter as taking ownership of the view passed to it. */
export const takesOwnershipTag = 'xorview-takes-ownership';

const lifetimeFunctionNames: ReadonlySet<string> = new Set<LifetimeFunction>(['release', 'isReleased']);

const disposableStackNames: ReadonlySet<string> = new Set(['DisposableStack', 'AsyncDisposableStack']);

export function typedLifetimeOracle(answers: TypeAnswers): LifetimeOracle {
  return {
    acquisitionOf(call) {
      const acquisition = answers.acquireCall(call);
      return acquisition === undefined ? undefined : { kind: acquisition.kind, exporter: acquisition.exporter, mode: acquisition.mode };
    },
    lifetimeFunctionOf(call) {
      return answers.xorviewFunction(call, lifetimeFunctionNames) as LifetimeFunction | undefined;
    },
    isViewVariable(variable) {
      const name = variable.defs[0]?.name;
      if (name?.type !== AST_NODE_TYPES.Identifier) return false;
      return answers.viewModesOf(name).size > 0;
    },
    viewModeOf(node) {
      return answers.viewModeOf(node);
    },
    isDisposableStack(expression) {
      const type = answers.typeOf(expression);
      const symbol = type.getSymbol() ?? type.aliasSymbol;
      return symbol !== undefined && disposableStackNames.has(symbol.getName());
    },
    isMap(expression) {
      const symbol = answers.typeOf(expression).getSymbol();
      return symbol?.getName() === 'Map';
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

/** The function-like declarations a callee may run: functions, methods, a class's constructors. */
function calleeDeclarations(checker: ts.TypeChecker, callee: ts.Node): ts.SignatureDeclaration[] {
  const name = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  const declarations: ts.SignatureDeclaration[] = [];
  for (const declaration of symbol?.declarations ?? []) {
    if (ts.isClassLike(declaration)) {
      for (const member of declaration.members) if (ts.isConstructorDeclaration(member)) declarations.push(member);
    } else if (ts.isFunctionLike(declaration)) {
      declarations.push(declaration);
    } else if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && ts.isFunctionLike(declaration.initializer)) {
      declarations.push(declaration.initializer);
    }
  }
  return declarations;
}

/** The indexes of the parameters a declaration tags `@xorview-takes-ownership <name>` (a rest parameter: from its index on). */
function owningParameters(declaration: ts.SignatureDeclaration): { indexes: ReadonlySet<number>; restFrom: number | undefined } {
  const named = new Set<string>();
  for (const tag of ts.getJSDocTags(declaration)) {
    if (tag.tagName.text !== takesOwnershipTag) continue;
    const first = ts.getTextOfJSDocComment(tag.comment)?.trim().split(/\s+/u)[0];
    if (first !== undefined && first !== '') named.add(first);
  }
  const indexes = new Set<number>();
  let restFrom: number | undefined;
  declaration.parameters.forEach((parameter, index) => {
    if (!ts.isIdentifier(parameter.name) || !named.has(parameter.name.text)) return;
    if (parameter.dotDotDotToken === undefined) indexes.add(index);
    else restFrom = index;
  });
  return { indexes, restFrom };
}

/**
 * Whether a declaration of the callee tags parameter `index` `@xorview-takes-ownership`. Reads
 * the callee's declarations (every overload) rather than resolving the call's signature: a
 * symbol lookup, cached per declaration, is cheap enough to ask for every call given a view.
 */
function taggedAsTakingOwnership(
  answers: TypeAnswers,
  owningByDeclaration: WeakMap<ts.SignatureDeclaration, ReturnType<typeof owningParameters>>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
): boolean {
  const { services, checker } = answers;
  // A function the file declares itself is its own declaration: no symbol to look up.
  const local = call.callee.type === AST_NODE_TYPES.Identifier ? answers.localFunction(call.callee) : undefined;
  const declarations =
    local === undefined
      ? calleeDeclarations(checker, services.esTreeNodeToTSNodeMap.get(call.callee))
      : [services.esTreeNodeToTSNodeMap.get(local) as ts.SignatureDeclaration];
  return declarations.some((declaration) => {
    let owning = owningByDeclaration.get(declaration);
    if (owning === undefined) {
      owning = owningParameters(declaration);
      owningByDeclaration.set(declaration, owning);
    }
    return owning.indexes.has(index) || (owning.restFrom !== undefined && index >= owning.restFrom);
  });
}

interface XorviewSettings {
  readonly ownershipTransferFunctions?: readonly string[];
}

function settingsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): XorviewSettings {
  const settings = (context.settings as { xorview?: XorviewSettings } | undefined)?.xorview;
  return settings ?? {};
}

export function ownershipPolicy(answers: TypeAnswers, configuredNames: readonly string[]): OwnershipPolicy {
  const names = new Set(configuredNames);
  const cache = new Map<TSESTree.Node, Map<number, boolean>>();
  const owningByDeclaration = new WeakMap<ts.SignatureDeclaration, ReturnType<typeof owningParameters>>();
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
        takes = matchesConfiguredName(call, names) || taggedAsTakingOwnership(answers, owningByDeclaration, call, index);
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
  const answers = typeAnswersFor(context);
  const names = [...(settingsOf(context).ownershipTransferFunctions ?? []), ...ruleOwnershipFunctions];
  return subscribeToLifetimes(context, () => typedLifetimeOracle(answers), {
    policy: ownershipPolicy(answers, names),
    onFunction,
  });
}
