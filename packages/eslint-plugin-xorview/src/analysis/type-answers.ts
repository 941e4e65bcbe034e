/**
 * One per-file cache of the type questions the rules ask, shared by every rule of the lint run
 * (keyed by the file's `SourceCode`, like the lifetime analysis' session): so two rules never ask
 * the type checker the same question, and questions that syntax answers exactly never reach it.
 *
 * What costs is resolving a call: the type of `const view = acquire(memory, 'exclusive')` is
 * `acquire`'s generic, overloaded signature instantiated for these arguments, and asking the type
 * of any later reference to `view` resolves it. Two kinds of names are answered from their
 * declaration instead, where that is exactly what the checker would say:
 * - a `const`/`using` bound to an xorview `acquire(…, '<mode>')` (or `await acquireAsync(…)`)
 *   with a literal mode and no annotation: a view in that mode. (Narrowing such a name can only
 *   keep that mode or produce an impossible type; never a more restrictive mode.)
 * - a `const` bound to `new` of an unshadowed built-in class, or to a typed-array-returning
 *   method of such a typed array: never a view, as long as nothing could narrow it into one
 *   (it is never a call argument, which a type predicate or assertion function would need, nor
 *   the operand of `instanceof`/`in`).
 * Calls of xorview's functions are likewise known from the file's imports (`import { acquire as
 * borrow } from 'xorview'`, `import * as xv from 'xorview'`) without looking up their symbols;
 * only names imported from elsewhere (a module that may re-export xorview) reach the checker.
 */
import { AST_NODE_TYPES, TSESLint, type ParserServicesWithTypeInformation, type TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { isAccessMode, type AccessMode } from 'xorview/semantics';
import { getTypedServices } from '../util/type-services.js';
import { matchAcquireCall, xorviewFunctionCalled, type Acquisition } from './acquisitions.js';
import { referenceIndex } from './lifetime-syntax.js';
import { mostRestrictiveMode, viewModesOfType, type ViewModes } from './view-types.js';

type Variable = TSESLint.Scope.Variable;

const noModes: ViewModes = new Set();

/** `importedCallee`'s answer for a function the file declares itself. */
const notXorview = Symbol('not xorview');

/** `import … from 'xorview'` (the package itself, not a module that may re-export it). */
function isXorviewImport(declaration: TSESTree.Node | null | undefined): boolean {
  return declaration?.type === AST_NODE_TYPES.ImportDeclaration && declaration.source.value === 'xorview';
}

/** Built-in classes whose instances (and the typed arrays their methods return) are never views. */
const typedArrayClasses: ReadonlySet<string> = new Set([
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Float16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);
const otherPlainClasses: ReadonlySet<string> = new Set([
  'DataView',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Date',
  'RegExp',
  'Error',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'AbortController',
]);
/** Typed array methods that return a new plain typed array (never a view). */
const typedArrayReturningMethods: ReadonlySet<string> = new Set(['slice', 'subarray', 'map', 'filter', 'toReversed', 'toSorted', 'with']);

/** What a declaration says a name holds, when syntax says it exactly. */
type DeclaredValue = { readonly kind: 'view'; readonly mode: AccessMode } | { readonly kind: 'plain'; readonly typedArray: boolean };

export class TypeAnswers {
  readonly services: ParserServicesWithTypeInformation;
  readonly checker: ts.TypeChecker;
  private readonly types = new Map<TSESTree.Node, ts.Type>();
  private readonly modes = new Map<TSESTree.Node, ViewModes>();
  private readonly acquisitions = new Map<TSESTree.CallExpression, Acquisition | undefined>();
  private readonly xorviewCalls = new WeakMap<ReadonlySet<string>, Map<TSESTree.CallExpression, string | undefined>>();
  private readonly declaredValues = new Map<Variable, DeclaredValue | undefined>();
  private references: ReadonlyMap<TSESTree.Identifier, TSESLint.Scope.Reference> | undefined;

  constructor(
    services: ParserServicesWithTypeInformation,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
  ) {
    this.services = services;
    this.checker = services.program.getTypeChecker();
  }

  /** The checker's type of the value of `node` (flow-narrowed), asked once. */
  typeOf(node: TSESTree.Node): ts.Type {
    let type = this.types.get(node);
    if (type === undefined) {
      type = this.services.getTypeAtLocation(node);
      this.types.set(node, type);
    }
    return type;
  }

  /** Every mode the value of `node` may be a view in (see `viewModesOfType`). */
  viewModesOf(node: TSESTree.Node): ViewModes {
    let modes = this.modes.get(node);
    if (modes === undefined) {
      const declared = node.type === AST_NODE_TYPES.Identifier ? this.declaredValueAt(node) : undefined;
      if (declared !== undefined) modes = declared.kind === 'view' ? new Set([declared.mode]) : noModes;
      else modes = viewModesOfType(this.checker, this.typeOf(node));
      this.modes.set(node, modes);
    }
    return modes;
  }

  /** The view mode of the value of `node` (see `viewModeOfType`), `undefined` for no view. */
  viewModeOf(node: TSESTree.Node): AccessMode | undefined {
    return mostRestrictiveMode(this.viewModesOf(node));
  }

  /** `matchAcquireCall`, asked once per call. */
  acquireCall(call: TSESTree.CallExpression): Acquisition | undefined {
    if (this.acquisitions.has(call)) return this.acquisitions.get(call);
    const acquisition = matchAcquireCall(this.services, call, (called, names) => this.xorviewFunction(called, names));
    this.acquisitions.set(call, acquisition);
    return acquisition;
  }

  /** `xorviewFunctionCalled`, asked once per call and name set. */
  xorviewFunction(call: TSESTree.CallExpression, names: ReadonlySet<string>): string | undefined {
    let perCall = this.xorviewCalls.get(names);
    if (perCall === undefined) {
      perCall = new Map();
      this.xorviewCalls.set(names, perCall);
    }
    if (perCall.has(call)) return perCall.get(call);
    const imported = this.importedCallee(call.callee);
    const name =
      imported === undefined
        ? xorviewFunctionCalled(this.services, call, names)
        : imported !== notXorview && names.has(imported)
          ? imported
          : undefined;
    perCall.set(call, name);
    return name;
  }

  /**
   * The name a callee has in the xorview package, from the imports alone: a name imported from
   * `'xorview'` (renamed or not) or a member of `import * as ns from 'xorview'`; `notXorview` for
   * a function the file itself declares (its declaration is not xorview's). `undefined` when
   * syntax cannot tell (a re-export through another module, a global): the checker decides.
   */
  private importedCallee(callee: TSESTree.Node): string | typeof notXorview | undefined {
    switch (callee.type) {
      case AST_NODE_TYPES.Identifier: {
        const definition = this.soleDefinition(callee);
        if (definition === undefined) return undefined;
        if (definition.type !== TSESLint.Scope.DefinitionType.ImportBinding) return notXorview;
        if (!isXorviewImport(definition.parent)) return undefined;
        const specifier = definition.node;
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) return notXorview;
        return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
        const definition = this.soleDefinition(callee.object);
        const isNamespace =
          definition?.type === TSESLint.Scope.DefinitionType.ImportBinding &&
          definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier &&
          isXorviewImport(definition.parent);
        return isNamespace ? callee.property.name : undefined;
      }
      case AST_NODE_TYPES.SequenceExpression: {
        const last = callee.expressions.at(-1);
        return last === undefined ? undefined : this.importedCallee(last);
      }
      default:
        return undefined;
    }
  }

  /**
   * The function the file itself declares under the name `identifier` refers to: a function
   * declaration, or a `const` bound to a function or arrow expression; `undefined` for anything
   * else (imports, overloads, parameters), which only the checker can follow.
   */
  localFunction(
    identifier: TSESTree.Identifier,
  ): TSESTree.FunctionDeclaration | TSESTree.TSDeclareFunction | TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | undefined {
    const definition = this.soleDefinition(identifier);
    if (definition?.type === TSESLint.Scope.DefinitionType.FunctionName) {
      const declaration = definition.node;
      return declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.TSDeclareFunction ? declaration : undefined;
    }
    if (definition?.type !== TSESLint.Scope.DefinitionType.Variable || definition.parent.kind !== 'const') return undefined;
    const { id, init } = definition.node;
    if (id !== definition.name || init === null) return undefined;
    return init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression ? init : undefined;
  }

  /** The one definition of the variable `identifier` refers to, if it has exactly one. */
  private soleDefinition(identifier: TSESTree.Identifier): TSESLint.Scope.Definition | undefined {
    const definitions = this.variableOf(identifier)?.defs;
    return definitions?.length === 1 ? definitions[0] : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Declarations that answer without the checker

  private variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    this.references ??= referenceIndex(this.sourceCode);
    return this.references.get(identifier)?.resolved ?? undefined;
  }

  private declaredValueAt(identifier: TSESTree.Identifier): DeclaredValue | undefined {
    const variable = this.variableOf(identifier);
    if (variable === undefined) return undefined;
    if (this.declaredValues.has(variable)) return this.declaredValues.get(variable);
    this.declaredValues.set(variable, undefined); // guards cycles through broken code
    const declared = this.declaredValue(variable);
    this.declaredValues.set(variable, declared);
    return declared;
  }

  private declaredValue(variable: Variable): DeclaredValue | undefined {
    const [definition, ...others] = variable.defs;
    if (definition === undefined || others.length > 0 || definition.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
    const declarator = definition.node;
    if (declarator.id !== definition.name || declarator.id.typeAnnotation !== undefined || declarator.init === null) return undefined;
    if (declarator.parent.kind === 'let' || declarator.parent.kind === 'var') return undefined;
    const value = this.initializerValue(declarator.init);
    if (value?.kind === 'plain' && !this.cannotBeNarrowed(variable)) return undefined;
    return value;
  }

  private initializerValue(init: TSESTree.Expression): DeclaredValue | undefined {
    switch (init.type) {
      case AST_NODE_TYPES.CallExpression: {
        const mode = this.literalAcquisitionMode(init, 'acquire');
        if (mode !== undefined) return { kind: 'view', mode };
        const callee = init.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
        if (!typedArrayReturningMethods.has(callee.property.name) || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
        const receiver = this.declaredValueAt(callee.object);
        return receiver?.kind === 'plain' && receiver.typedArray ? receiver : undefined;
      }
      case AST_NODE_TYPES.AwaitExpression: {
        if (init.argument.type !== AST_NODE_TYPES.CallExpression) return undefined;
        const mode = this.literalAcquisitionMode(init.argument, 'acquireAsync');
        return mode === undefined ? undefined : { kind: 'view', mode };
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = init.callee;
        if (callee.type !== AST_NODE_TYPES.Identifier || !this.isBuiltin(callee)) return undefined;
        if (typedArrayClasses.has(callee.name)) return { kind: 'plain', typedArray: true };
        return otherPlainClasses.has(callee.name) ? { kind: 'plain', typedArray: false } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The literal mode of an xorview `acquire` / `acquireAsync` call (`acquire(m, 'immutable')`). */
  private literalAcquisitionMode(call: TSESTree.CallExpression, kind: 'acquire' | 'acquireAsync'): AccessMode | undefined {
    const modeArgument = call.arguments[1];
    if (modeArgument?.type !== AST_NODE_TYPES.Literal || !isAccessMode(modeArgument.value)) return undefined;
    return this.acquireCall(call)?.kind === kind ? modeArgument.value : undefined;
  }

  /** A global the program does not declare itself: the standard library's. */
  private isBuiltin(identifier: TSESTree.Identifier): boolean {
    this.references ??= referenceIndex(this.sourceCode);
    const reference = this.references.get(identifier);
    if (reference === undefined) return false;
    return reference.resolved === null || reference.resolved.defs.length === 0;
  }

  /**
   * Whether no reference to `variable` could narrow it to a view: a type predicate or assertion
   * function needs it as an argument, `instanceof` and `in` as their left operand.
   */
  private cannotBeNarrowed(variable: Variable): boolean {
    return variable.references.every(({ identifier }) => {
      const parent = identifier.parent;
      if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== identifier) return false;
      return !(parent.type === AST_NODE_TYPES.BinaryExpression && (parent.operator === 'instanceof' || parent.operator === 'in'));
    });
  }
}

const answersByFile = new WeakMap<object, TypeAnswers>();

/** The type answers of the file `context` lints (throws like `getTypedServices` without types). */
export function typeAnswersFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeAnswers {
  let answers = answersByFile.get(context.sourceCode);
  if (answers === undefined) {
    answers = new TypeAnswers(getTypedServices(context), context.sourceCode);
    answersByFile.set(context.sourceCode, answers);
  }
  return answers;
}
