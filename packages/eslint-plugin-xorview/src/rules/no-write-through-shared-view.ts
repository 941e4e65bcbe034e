import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { isKnownReadOnlyCall } from '../analysis/read-only-apis.js';
import { typeAnswersFor } from '../analysis/type-answers.js';
import { isAnyType, viewModesOfType } from '../analysis/view-types.js';
import {
  memberName,
  outermostCarrier,
  withoutCasts,
  withoutNonNull,
  writeThroughMember,
  writtenArgumentIndex,
} from '../analysis/write-operations.js';
import { createRule } from '../util/create-rule.js';
import { justificationOf } from '../util/justification.js';

export type Options = [{ allowBufferMetadata?: boolean; readOnlyFunctions?: string[] }];

export type MessageIds =
  | 'writeThroughView'
  | 'writeThroughAlias'
  | 'writableArgument'
  | 'writableEscape'
  | 'unjustifiedReadonlyInput'
  | 'bufferRewrapped'
  | 'bufferTransferred'
  | 'bufferEscapes';

/** How a writable alias of an ImmutableView was made, for the messages. */
type AliasKind = 'cast' | 'any' | 'adapter';

const aliasDescriptions: Readonly<Record<AliasKind, string>> = {
  cast: 'a cast',
  any: 'an `any`-typed alias',
  adapter: '`asReadonlyInput`',
};

/** Reads of `view.buffer` that expose nothing but sizes and flags. */
const bufferMetadata: ReadonlySet<string> = new Set(['byteLength', 'maxByteLength', 'resizable', 'growable', 'detached']);

const adapterNames: ReadonlySet<string> = new Set(['asReadonlyInput']);

/** xorview functions whose first argument may be a view's buffer: the registry guards it. */
const guardedFunctions: ReadonlySet<string> = new Set(['acquire', 'tryAcquire', 'acquireAsync', 'capabilities', 'exportsOf']);

/** Classes whose constructor wraps a buffer argument in a new view of the same memory. */
const viewConstructorPattern = /^(?:(?:Big)?(?:Int|Uint|Float)(?:8|16|32|64)(?:Clamped)?Array|DataView|Buffer)$/u;

export default createRule<Options, MessageIds>({
  name: 'no-write-through-shared-view',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow writes through an ImmutableView that the types miss: casts, `any`, `.buffer`, reflection, Atomics",
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      writeThroughView:
        'This writes through an ImmutableView ({{how}}): other holders of the view rely on these bytes not changing. ' +
        "Write through an 'exclusive' view of the memory instead.",
      writeThroughAlias:
        'This writes through an ImmutableView made writable by {{via}}: other holders of the view rely on these bytes not changing. ' +
        "Keep the ImmutableView type and write through an 'exclusive' view of the memory instead.",
      writableArgument:
        "An ImmutableView made writable by {{via}} is passed to a parameter of type '{{type}}', which may write it. " +
        'Give the callee an ImmutableView parameter; for a read-only platform API typed with a writable array, use `asReadonlyInput(view)`.',
      writableEscape:
        'An ImmutableView made writable by {{via}} escapes here, where anyone may write through it. ' +
        'Keep the ImmutableView type, or copy the bytes (`view.slice()`) to get memory of your own.',
      unjustifiedReadonlyInput:
        '`asReadonlyInput` hands a writable type to `{{callee}}`, which is not known to only read it. ' +
        'If it only reads, say so in a `// xorview-unsafe: <reason>` comment on this line or the line above (or list it in the `readOnlyFunctions` option); ' +
        'otherwise pass a copy (`view.slice()`).',
      bufferRewrapped:
        'This wraps the memory of an {{mode}} view in a new, writable view: writes through it bypass the view and its mode. ' +
        'Use `subarray` for a narrower view, or `acquire` the memory again.',
      bufferTransferred:
        'This transfers the memory of an {{mode}} view: the view and every other holder lose their bytes (they read as detached). ' +
        'Release the view and transfer the exporter, or copy the bytes.',
      bufferEscapes:
        '`.buffer` of an {{mode}} view hands out its whole memory with no mode: anyone holding it can wrap and write it. ' +
        'Keep to the view; copy the bytes if you need memory of your own.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowBufferMetadata: {
            type: 'boolean',
            description:
              'Allow reads of `view.buffer` metadata that expose no bytes: `byteLength`, `maxByteLength`, `resizable`, `growable`, `detached`, and identity comparisons (`===`, `!==`).',
          },
          readOnlyFunctions: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description:
              'Callees, written as in the source (`hash`, `codec.encode`), known to only read their arguments: `asReadonlyInput` may feed them without a justification comment.',
          },
        },
      },
    ],
    defaultOptions: [{ allowBufferMetadata: false, readOnlyFunctions: [] }],
  },
  create(context, [options]) {
    const answers = typeAnswersFor(context);
    const { services, checker } = answers;
    const sourceCode = context.sourceCode;
    const allowBufferMetadata = options.allowBufferMetadata === true;
    const readOnlyFunctions = new Set(options.readOnlyFunctions ?? []);
    /** Reported nodes: a write reached by two aliases is still one error. */
    const reported = new Set<TSESTree.Node>();
    /** Alias variables already followed. */
    const followed = new Set<TSESLint.Scope.Variable>();

    return {
      // Direct writes to an ImmutableView-typed value that type-check anyway (reflection, Atomics
      // through `any` parameters, `X.prototype.fill.call`) or are hidden by `@ts-expect-error`.
      'AssignmentExpression > MemberExpression.left, UpdateExpression > MemberExpression.argument, UnaryExpression[operator="delete"] > MemberExpression.argument'(
        member: TSESTree.MemberExpression,
      ) {
        checkDirectWrite(member.object, writeThroughMember(member), 'an assignment');
      },
      'CallExpression > MemberExpression.callee'(member: TSESTree.MemberExpression) {
        const write = writeThroughMember(member);
        if (write !== undefined) checkDirectWrite(member.object, write, `\`${memberName(member) ?? 'a mutating method'}\``);
      },
      CallExpression(call) {
        const index = writtenArgumentIndex(call);
        if (index !== undefined) {
          const target = call.arguments[index];
          if (target !== undefined) checkDirectWrite(target, call, `\`${sourceCode.getText(call.callee)}\``);
        }
        if (call.arguments.length === 1 && answers.xorviewFunction(call, adapterNames) !== undefined) {
          const [argument] = call.arguments;
          if (argument !== undefined && isImmutable(argument)) followValue(call, 'adapter');
        }
      },
      'TSAsExpression, TSTypeAssertion'(cast: TSESTree.TSAsExpression | TSESTree.TSTypeAssertion) {
        const parent = cast.parent;
        if (parent.type === AST_NODE_TYPES.TSAsExpression || parent.type === AST_NODE_TYPES.TSTypeAssertion) return; // the outermost cast decides
        if (cast.typeAnnotation.type === AST_NODE_TYPES.TSUnknownKeyword) return;
        const operand = withoutCasts(cast.expression);
        if (!isImmutable(operand)) return;
        if (!isWritableType(answers.typeOf(cast))) return;
        followValue(cast, 'cast');
      },
      VariableDeclarator(declarator) {
        // `const alias: any = view`: the checker stops following the view at the annotation.
        if (declarator.init === null || declarator.id.type !== AST_NODE_TYPES.Identifier) return;
        if (declarator.id.typeAnnotation?.typeAnnotation.type !== AST_NODE_TYPES.TSAnyKeyword) return;
        if (!isImmutable(declarator.init)) return;
        for (const variable of sourceCode.getDeclaredVariables(declarator)) followVariable(variable, 'any');
      },
      'AssignmentExpression[operator="="] > Identifier.left'(target: TSESTree.Identifier) {
        // `let alias: any; alias = view`: only variables declared `any` in so many words (an
        // unannotated `let` evolves its type, so the checker keeps seeing the view).
        const assignment = target.parent as TSESTree.AssignmentExpression;
        const variable = ASTUtils.findVariable(sourceCode.getScope(target), target);
        if (variable?.defs.some((definition) => isDeclaredAny(definition.name)) !== true) return;
        if (isImmutable(assignment.right)) followVariable(variable, 'any');
      },
      'MemberExpression[property.name="buffer"], MemberExpression[computed=true][property.value="buffer"]'(member: TSESTree.MemberExpression) {
        if (member.computed && member.property.type !== AST_NODE_TYPES.Literal) return;
        const mode = answers.viewModeOf(withoutNonNull(member.object));
        if (mode === 'immutable' || mode === 'exclusive') checkBufferUse(member, mode);
      },
      'ObjectPattern > Property'(property: TSESTree.Property) {
        // `const { buffer } = view`
        if (property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'buffer') return;
        const mode = answers.viewModeOf(property.parent);
        if (mode === 'immutable' || mode === 'exclusive') report(property, 'bufferEscapes', { mode });
      },
    };

    function report(node: TSESTree.Node, messageId: MessageIds, data: Record<string, string>): void {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data });
    }

    /** An expression whose type is (or may be, in a union) an ImmutableView. */
    function isImmutable(node: TSESTree.Node): boolean {
      return answers.viewModeOf(node) === 'immutable';
    }

    /**
     * A type one can write through: `any`, a writable view (exclusive, raw), or any type offering
     * typed-array or DataView write methods (plain typed arrays, `NodeJS.ArrayBufferView`, …).
     */
    function isWritableType(type: ts.Type): boolean {
      if (isAnyType(type)) return true;
      const modes = viewModesOfType(checker, type);
      if (modes.has('immutable')) return false;
      if (modes.size > 0) return true;
      for (const member of type.isUnion() ? type.types : [type]) {
        const apparent = checker.getApparentType(member);
        if (['set', 'fill', 'copyWithin', 'setUint8'].some((name) => checker.getPropertyOfType(apparent, name) !== undefined)) {
          return (member.flags & ts.TypeFlags.Object) !== 0 || member.isIntersection() || (member.flags & ts.TypeFlags.TypeParameter) !== 0;
        }
      }
      return false;
    }

    function checkDirectWrite(target: TSESTree.Node, write: TSESTree.Node | undefined, how: string): void {
      if (write === undefined) return;
      const value = withoutNonNull(target);
      // A cast or adapter in between is followed from the cast: one report, with its story.
      if (value.type === AST_NODE_TYPES.TSAsExpression || value.type === AST_NODE_TYPES.TSTypeAssertion) return;
      if (isImmutable(value)) report(write, 'writeThroughView', { how });
    }

    /** Follow a writable alias (the value of `node`) to where it is written, passed or stored. */
    function followValue(node: TSESTree.Node, kind: AliasKind): void {
      const carrier = outermostCarrier(node);
      const parent = carrier.parent;
      if (parent == null) return;
      const via = aliasDescriptions[kind];
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== carrier) return;
          const write = writeThroughMember(parent);
          if (write !== undefined) report(write, 'writeThroughAlias', { via });
          else if (memberName(parent) === 'buffer') checkBufferUse(parent, 'immutable');
          else if (memberName(parent) === 'subarray' && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
            followValue(parent.parent, kind); // a sub-view of a writable alias is one too
          }
          return;
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          const index = parent.arguments.indexOf(carrier as TSESTree.CallExpressionArgument);
          if (index === -1) return; // the callee: calling a typed array is a type error anyway
          if (writtenArgumentIndex(parent) === index) {
            report(parent, 'writeThroughAlias', { via });
            return;
          }
          checkArgument(parent, index, carrier, kind);
          return;
        }
        case AST_NODE_TYPES.ArrayExpression: {
          const call = parent.parent;
          if (kind === 'adapter' && (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) && call.arguments.includes(parent)) {
            checkAdapterCallee(call, node);
            return;
          }
          report(carrier, 'writableEscape', { via });
          return;
        }
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init === carrier && parent.id.type === AST_NODE_TYPES.Identifier) {
            for (const variable of sourceCode.getDeclaredVariables(parent)) followVariable(variable, kind);
          }
          return;
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right !== carrier) return;
          if (parent.left.type === AST_NODE_TYPES.Identifier) {
            const variable = ASTUtils.findVariable(sourceCode.getScope(parent.left), parent.left);
            if (variable !== null) followVariable(variable, kind);
          } else {
            report(carrier, 'writableEscape', { via });
          }
          return;
        case AST_NODE_TYPES.ReturnStatement:
        case AST_NODE_TYPES.ArrowFunctionExpression:
        case AST_NODE_TYPES.YieldExpression:
        case AST_NODE_TYPES.Property:
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.SpreadElement:
        case AST_NODE_TYPES.ExportDefaultDeclaration:
          report(carrier, 'writableEscape', { via });
          return;
        default:
          // Reads: comparisons, templates, conditions, `typeof`, unused expressions.
          return;
      }
    }

    function followVariable(variable: TSESLint.Scope.Variable, kind: AliasKind): void {
      if (followed.has(variable)) return;
      followed.add(variable);
      for (const reference of variable.references) {
        if (reference.isRead()) followValue(reference.identifier, kind);
      }
    }

    function checkArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, argument: TSESTree.Node, kind: AliasKind): void {
      if (kind === 'adapter') {
        checkAdapterCallee(call, argument);
        return;
      }
      const parameterType = parameterTypeAt(call, index);
      if (parameterType === undefined || isAnyType(parameterType) || !isWritableType(parameterType)) return;
      report(argument, 'writableArgument', { via: aliasDescriptions[kind], type: checker.typeToString(parameterType) });
    }

    /** The adapter may feed known read-only APIs, listed functions, and justified calls only. */
    function checkAdapterCallee(call: TSESTree.CallExpression | TSESTree.NewExpression, adapted: TSESTree.Node): void {
      const callee = sourceCode.getText(call.callee);
      if (readOnlyFunctions.has(callee) || isKnownReadOnlyCall(services, call)) return;
      if (justificationOf(sourceCode, adapted) === 'justified') return;
      report(adapted, 'unjustifiedReadonlyInput', { callee });
    }

    /** The declared type of the parameter receiving argument `index` (rest parameters included). */
    function parameterTypeAt(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): ts.Type | undefined {
      const tsCall = services.esTreeNodeToTSNodeMap.get(call);
      const signature = checker.getResolvedSignature(tsCall);
      if (signature === undefined) return undefined;
      const parameters = signature.getParameters();
      const lastIndex = parameters.length - 1;
      const declaration = parameters[lastIndex]?.valueDeclaration;
      const hasRest = declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
      if (!hasRest || index < lastIndex) {
        const parameter = parameters[index];
        return parameter === undefined ? undefined : checker.getTypeOfSymbolAtLocation(parameter, tsCall);
      }
      const rest = parameters[lastIndex];
      if (rest === undefined) return undefined;
      const restType = checker.getTypeOfSymbolAtLocation(rest, tsCall);
      if (!checker.isArrayType(restType) && !checker.isTupleType(restType)) return undefined;
      const elements = checker.getTypeArguments(restType as ts.TypeReference);
      return checker.isArrayType(restType) ? elements[0] : elements[index - lastIndex];
    }

    /** Where `view.buffer` goes: metadata reads (if allowed), a new view, a transfer list, anywhere else. */
    function checkBufferUse(member: TSESTree.MemberExpression, mode: 'immutable' | 'exclusive'): void {
      const carrier = outermostCarrier(member);
      const parent = carrier.parent;
      if (parent == null) return;
      if (allowBufferMetadata && isMetadataRead(carrier, parent)) return;
      if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === carrier && isViewConstructor(parent.callee)) {
        report(member, 'bufferRewrapped', { mode });
        return;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === carrier && isBufferFrom(parent.callee)) {
        report(member, 'bufferRewrapped', { mode });
        return;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === carrier && answers.xorviewFunction(parent, guardedFunctions) !== undefined) {
        return; // handed to xorview itself: the borrow registry checks every use of that memory
      }
      if (parent.type === AST_NODE_TYPES.ArrayExpression && isTransferList(parent)) {
        report(member, 'bufferTransferred', { mode });
        return;
      }
      report(member, 'bufferEscapes', { mode });
    }
  },
});

function isDeclaredAny(name: TSESTree.Node): boolean {
  return name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation?.typeAnnotation.type === AST_NODE_TYPES.TSAnyKeyword;
}

function isMetadataRead(carrier: TSESTree.Node, parent: TSESTree.Node): boolean {
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === carrier) {
    const name = memberName(parent);
    return name !== undefined && bufferMetadata.has(name) && writeThroughMember(parent) === undefined && !isCalled(parent);
  }
  return parent.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(parent.operator);
}

function isCalled(member: TSESTree.MemberExpression): boolean {
  return member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
}

function isViewConstructor(callee: TSESTree.Expression): boolean {
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  return name !== undefined && viewConstructorPattern.test(name);
}

/** `Buffer.from(arrayBuffer)` shares the memory (unlike `Buffer.from(typedArray)`, which copies). */
function isBufferFrom(callee: TSESTree.Expression): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Buffer' &&
    memberName(callee) === 'from'
  );
}

/** `{ transfer: [ … ] }` (structuredClone, postMessage options) or `postMessage(message, [ … ])`. */
function isTransferList(array: TSESTree.ArrayExpression): boolean {
  const parent = array.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === array) {
    return !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier && parent.key.name === 'transfer';
  }
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(array)) {
    const callee = parent.callee;
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    return name === 'postMessage';
  }
  return false;
}
