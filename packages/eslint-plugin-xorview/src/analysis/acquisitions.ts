/**
 * Recognising acquisitions: calls of xorview's `acquire` / `tryAcquire` / `acquireAsync` (however
 * imported). Syntax first, the checker second. (Views returned by other calls are the lifetime
 * analysis' candidates, asked about only when a finding depends on them.)
 */
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as ts from 'typescript';
import { isAccessMode, type AccessMode } from 'xorview/semantics';
import { viewModesOfType } from './view-types.js';

/** The xorview functions that lend a view. */
export const acquireFunctionNames = ['acquire', 'tryAcquire', 'acquireAsync'] as const;

export type AcquireFunctionName = (typeof acquireFunctionNames)[number];

/** The literal parts of an acquisition's options; a field is absent when not given. */
export interface AcquisitionRange {
  byteOffset?: number;
  byteLength?: number;
  length?: number;
  /** `BYTES_PER_ELEMENT` of the `as` class, when it is a built-in view class named directly. */
  asBytesPerElement?: number;
}

export interface Acquisition {
  call: TSESTree.CallExpression;
  /** The requested mode when statically known (a literal or a literal-typed argument, or the result type). */
  mode: AccessMode | undefined;
  /** The first argument of the acquire call; `undefined` when it is missing or spread. */
  exporter: TSESTree.Expression | undefined;
  /**
   * The requested range when every given option is a literal: `{}` means "all of the memory".
   * `undefined` when the options are not an object literal or hold a non-literal value.
   */
  range: AcquisitionRange | undefined;
  kind: AcquireFunctionName;
}

const acquireNames: ReadonlySet<string> = new Set(acquireFunctionNames);

/** `BYTES_PER_ELEMENT` of the built-in view classes, by constructor name. */
const bytesPerElement: Readonly<Record<string, number>> = {
  Int8Array: 1,
  Uint8Array: 1,
  Uint8ClampedArray: 1,
  Int16Array: 2,
  Uint16Array: 2,
  Float16Array: 2,
  Int32Array: 4,
  Uint32Array: 4,
  Float32Array: 4,
  Float64Array: 8,
  BigInt64Array: 8,
  BigUint64Array: 8,
  DataView: 1,
};

/** A file of the xorview package itself (its built `dist` or its sources), wherever installed. */
const xorviewFilePattern = /[\\/]xorview[\\/](?:dist|src)[\\/]/u;

/** The name a callee is written with: `acquire`, `x.acquire`, `x?.acquire`, `(0, x.acquire)`. */
function calleeName(callee: TSESTree.Expression): { name: string; node: TSESTree.Node } | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return { name: callee.name, node: callee };
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return { name: callee.property.name, node: callee.property };
  }
  if (callee.type === AST_NODE_TYPES.SequenceExpression) {
    const last = callee.expressions.at(-1);
    return last === undefined ? undefined : calleeName(last);
  }
  return undefined;
}

/**
 * If `call` calls one of xorview's exported functions named in `names`, that name (its name at
 * its declaration: a renamed import still counts). The syntax filter lets through direct names and
 * identifiers bound by an import; only those reach the checker.
 */
export function xorviewFunctionCalled(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression,
  names: ReadonlySet<string>,
): string | undefined {
  const callee = calleeName(call.callee);
  if (callee === undefined) return undefined;
  if (!names.has(callee.name) && !(call.callee.type === AST_NODE_TYPES.Identifier && renamedImports(call, names).has(callee.name))) {
    return undefined;
  }
  const checker = services.program.getTypeChecker();
  let symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(callee.node));
  if (symbol === undefined) return undefined;
  if ((symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
  const declaredName = symbol.getName();
  if (!names.has(declaredName)) return undefined;
  const fromXorview = symbol.declarations?.some((declaration) => xorviewFilePattern.test(declaration.getSourceFile().fileName)) ?? false;
  return fromXorview ? declaredName : undefined;
}

/** Per program, per name set: local names of imports that rename one of the names. */
const renamedImportsCache = new WeakMap<TSESTree.Program, WeakMap<ReadonlySet<string>, ReadonlySet<string>>>();

/**
 * Local names bound by `import { acquire as borrow } from '…'` (any module: a local file may
 * re-export xorview). Computed once per file from the top-level imports; syntax only.
 */
function renamedImports(node: TSESTree.Node, names: ReadonlySet<string>): ReadonlySet<string> {
  let program: TSESTree.Node = node;
  while (program.type !== AST_NODE_TYPES.Program) program = program.parent;
  let perNames = renamedImportsCache.get(program);
  if (perNames === undefined) {
    perNames = new WeakMap();
    renamedImportsCache.set(program, perNames);
  }
  const cached = perNames.get(names);
  if (cached !== undefined) return cached;
  const locals = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== AST_NODE_TYPES.ImportSpecifier) continue;
      const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
      if (names.has(imported)) locals.add(specifier.local.name);
    }
  }
  perNames.set(names, locals);
  return locals;
}

/**
 * The xorview acquisition `call` makes, without asking for the result type of unrelated calls:
 * only calls of `acquire` / `tryAcquire` / `acquireAsync`. Cheap enough for every call.
 * `calledName` answers `xorviewFunctionCalled` (a caller may answer from a cache or from syntax).
 */
export function matchAcquireCall(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression,
  calledName: (call: TSESTree.CallExpression, names: ReadonlySet<string>) => string | undefined = (called, names) =>
    xorviewFunctionCalled(services, called, names),
): Acquisition | undefined {
  const name = calledName(call, acquireNames);
  if (name === undefined) return undefined;
  const [exporter, modeArgument, options] = call.arguments;
  return {
    call,
    kind: name as AcquireFunctionName,
    exporter: exporter === undefined || exporter.type === AST_NODE_TYPES.SpreadElement ? undefined : exporter,
    mode: requestedMode(services, call, modeArgument),
    range: literalRange(options),
  };
}

function requestedMode(
  services: ParserServicesWithTypeInformation,
  call: TSESTree.CallExpression,
  modeArgument: TSESTree.CallExpressionArgument | undefined,
): AccessMode | undefined {
  if (modeArgument === undefined || modeArgument.type === AST_NODE_TYPES.SpreadElement) return undefined;
  if (modeArgument.type === AST_NODE_TYPES.Literal) return isAccessMode(modeArgument.value) ? modeArgument.value : undefined;
  const argumentType = services.getTypeAtLocation(modeArgument);
  if (argumentType.isStringLiteral()) return isAccessMode(argumentType.value) ? argumentType.value : undefined;
  // A generic or union mode: the result type may still pin it down (`View<'raw'>`).
  const checker = services.program.getTypeChecker();
  const resultType = services.getTypeAtLocation(call);
  const awaited = checker.getAwaitedType(resultType) ?? resultType;
  const modes = viewModesOfType(checker, awaited);
  return modes.size === 1 ? [...modes][0] : undefined;
}

/** The literal range in an options object literal, `{}` without options, `undefined` when unknown. */
function literalRange(options: TSESTree.CallExpressionArgument | undefined): AcquisitionRange | undefined {
  if (options === undefined) return {};
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const range: AcquisitionRange = {};
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init') return undefined;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    const value = property.value;
    if (key === 'as') {
      if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
      const size = bytesPerElement[value.name];
      if (size === undefined) return undefined;
      range.asBytesPerElement = size;
    } else if (key === 'byteOffset' || key === 'byteLength' || key === 'length') {
      if (value.type !== AST_NODE_TYPES.Literal || typeof value.value !== 'number') return undefined;
      range[key] = value.value;
    }
    // Other options (`timeout`, `signal`) do not change the range.
  }
  return range;
}

/**
 * A stable syntactic key for "the same exporter": a variable (`pixels`), a property path
 * (`frame.header.bytes`, `this.memory`, `this.#memory`), seen through parentheses, `!`, `?.` and
 * type assertions. `undefined` for anything else (calls, computed keys that are not literals).
 */
export function exporterKey(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return exporterKey(node.expression);
    case AST_NODE_TYPES.MemberExpression: {
      const object = exporterKey(node.object);
      if (object === undefined) return undefined;
      if (!node.computed) {
        return node.property.type === AST_NODE_TYPES.PrivateIdentifier
          ? `${object}.#${node.property.name}`
          : `${object}.${node.property.name}`;
      }
      if (node.property.type === AST_NODE_TYPES.Literal && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) {
        return `${object}[${JSON.stringify(node.property.value)}]`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** xorview's own exporter classes: their resize/transfer/freeze refuse with LOCKED while lending. */
const lockingExporterClasses = new Set(['OwnedBuffer', 'FrozenBuffer', 'SharedOwnedBuffer']);

/**
 * Whether a value's type is one of xorview's own exporter classes (declared in the xorview
 * package), whose locking methods the runtime refuses while views are held. Built-in exporters
 * (ArrayBuffer, WebAssembly.Memory) cannot refuse: xorview patches no built-in.
 */
export function isXorviewExporterType(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  if (symbol === undefined || !lockingExporterClasses.has(symbol.getName())) return false;
  return symbol.declarations?.some((declaration) => xorviewFilePattern.test(declaration.getSourceFile().fileName)) ?? false;
}
