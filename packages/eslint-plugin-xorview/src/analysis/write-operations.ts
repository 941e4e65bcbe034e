/**
 * Where a value is written, by syntax alone: element and property assignment, the mutating
 * methods of typed arrays and DataView, and the reflective APIs that write their target argument
 * (`Reflect.set`, `Object.assign`, `Atomics.store`, `X.prototype.fill.call(target, …)`, …).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/** Typed array methods that write `this`. */
const typedArrayMutators: ReadonlySet<string> = new Set(['set', 'fill', 'copyWithin', 'reverse', 'sort']);

/** DataView setters (`setUint8`, `setFloat64`, …). */
const dataViewSetterPattern = /^set(?:Int8|Uint8|Int16|Uint16|Int32|Uint32|Float16|Float32|Float64|BigInt64|BigUint64)$/u;

/** Whether a method of that name writes the typed array or DataView it is called on. */
export function isMutatorName(name: string): boolean {
  return typedArrayMutators.has(name) || dataViewSetterPattern.test(name);
}

/** Global functions that write their target argument, by namespace object and method. */
const writingFunctions: Readonly<Record<string, ReadonlySet<string>>> = {
  Reflect: new Set(['set', 'defineProperty', 'deleteProperty', 'setPrototypeOf']),
  Object: new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf']),
  Atomics: new Set(['store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange']),
};

/** The name a member expression reads (`a.b`, `a['b']`), if static. */
export function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  return member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : undefined;
}

/**
 * The index of the argument a call writes through, or `undefined` when the call is no known
 * writing API: `Reflect.set(target, …)` → 0, `Atomics.store(target, …)` → 0,
 * `Uint8Array.prototype.fill.call(target, …)` / `.apply(target, …)` → 0,
 * `Reflect.apply(Uint8Array.prototype.fill, target, …)` → 1.
 */
export function writtenArgumentIndex(call: TSESTree.CallExpression | TSESTree.NewExpression): number | undefined {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const callee = call.callee;
  const method = memberName(callee);
  if (method === undefined) return undefined;
  if (callee.object.type === AST_NODE_TYPES.Identifier) {
    const namespace = writingFunctions[callee.object.name];
    if (namespace?.has(method) === true) return 0;
    if (callee.object.name === 'Reflect' && method === 'apply') {
      const target = call.arguments[0];
      return target?.type === AST_NODE_TYPES.MemberExpression && isMutatorMember(target) ? 1 : undefined;
    }
  }
  if ((method === 'call' || method === 'apply') && callee.object.type === AST_NODE_TYPES.MemberExpression && isMutatorMember(callee.object)) {
    return 0;
  }
  return undefined;
}

function isMutatorMember(member: TSESTree.MemberExpression): boolean {
  const name = memberName(member);
  return name !== undefined && isMutatorName(name);
}

/**
 * The write a member expression takes part in as its object: `obj[i] = x`, `obj.p += x`,
 * `obj[i]++`, `delete obj[i]`, or `obj.fill(…)`-like mutating calls. Returns the writing node.
 */
export function writeThroughMember(member: TSESTree.MemberExpression): TSESTree.Node | undefined {
  const parent = member.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.left === member ? parent : undefined;
    case AST_NODE_TYPES.UpdateExpression:
      return parent;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete' ? parent : undefined;
    case AST_NODE_TYPES.CallExpression:
      return parent.callee === member && isMutatorMember(member) ? parent : undefined;
    default:
      return undefined;
  }
}

/**
 * Nodes that pass their operand's value through unchanged (casts, `!`, `?.` wrappers, the
 * branches of `?:`, `&&`/`||`/`??`, the last expression of a sequence).
 */
export function passesValueThrough(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.ChainExpression:
      return true;
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    case AST_NODE_TYPES.LogicalExpression:
      return true;
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions.at(-1) === child;
    default:
      return false;
  }
}

/** The outermost node that carries `node`'s value unchanged (see `passesValueThrough`). */
export function outermostCarrier(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent != null && passesValueThrough(current.parent, current)) current = current.parent;
  return current;
}

/** `node` without the wrappers that only assert something about its value (`!`, `?.`). */
export function withoutNonNull(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.type === AST_NODE_TYPES.TSNonNullExpression || current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  return current;
}

/** `node` without casts and assertions of any kind (`as`, `<T>`, `!`, `satisfies`, `?.`). */
export { unwrapExpression as withoutCasts } from './exporter-identity.js';
