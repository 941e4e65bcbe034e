/**
 * A stand-in for the type-checker oracle in the analysis' own tests: recognises xorview calls by
 * name and views by a `View` in the declared type's text. Test-only: the rules use types.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isAccessMode } from 'xorview/semantics';
import type { LifetimeOracle } from '../../src/analysis/lifetime-oracle.js';

const acquireKinds = new Set(['acquire', 'tryAcquire', 'acquireAsync']);

function resolve(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  let variable: TSESLint.Scope.Variable | undefined;
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope !== null && variable === undefined; scope = scope.upper) {
    variable = scope.set.get(identifier.name);
  }
  return variable;
}

export function syntacticOracle(sourceCode: Readonly<TSESLint.SourceCode>): LifetimeOracle {
  return {
    acquisitionOf(call) {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (acquireKinds.has(call.callee.name)) {
        const exporter = call.arguments[0];
        const mode = call.arguments[1];
        return {
          kind: call.callee.name as 'acquire',
          exporter: exporter === undefined || exporter.type === AST_NODE_TYPES.SpreadElement ? undefined : exporter,
          mode: mode?.type === AST_NODE_TYPES.Literal && isAccessMode(mode.value) ? mode.value : undefined,
        };
      }
      if (call.callee.name === 'borrowView') return { kind: 'other-view-returning-call', exporter: undefined, mode: undefined };
      return undefined;
    },
    lifetimeFunctionOf(call) {
      if (call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      return call.callee.name === 'release' || call.callee.name === 'isReleased' ? call.callee.name : undefined;
    },
    isViewVariable(variable) {
      return variable.defs.some((definition) => {
        const name = definition.name as TSESTree.Identifier;
        return name.typeAnnotation !== undefined && sourceCode.getText(name.typeAnnotation).includes('View');
      });
    },
    isMap(expression) {
      if (expression.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = resolve(sourceCode, expression);
      return (
        variable?.defs.some((definition) => {
          const name = definition.name as TSESTree.Identifier;
          return name.typeAnnotation !== undefined && /^:\s*Map</u.test(sourceCode.getText(name.typeAnnotation));
        }) ?? false
      );
    },
    viewModeOf(node) {
      // A call of a function whose name says it opens a view (`openView()`), or a name declared
      // with a `View` type.
      if (node.type === AST_NODE_TYPES.CallExpression) {
        return node.callee.type === AST_NODE_TYPES.Identifier && /^open.*View$/u.test(node.callee.name) ? 'exclusive' : undefined;
      }
      if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
      return node.typeAnnotation !== undefined && sourceCode.getText(node.typeAnnotation).includes('View') ? 'exclusive' : undefined;
    },
    isDisposableStack(expression) {
      if (expression.type === AST_NODE_TYPES.NewExpression) {
        return expression.callee.type === AST_NODE_TYPES.Identifier && expression.callee.name === 'DisposableStack';
      }
      if (expression.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = resolve(sourceCode, expression);
      return (
        variable?.defs.some(
          (definition) =>
            definition.node.type === AST_NODE_TYPES.VariableDeclarator &&
            definition.node.init?.type === AST_NODE_TYPES.NewExpression &&
            definition.node.init.callee.type === AST_NODE_TYPES.Identifier &&
            definition.node.init.callee.name === 'DisposableStack',
        ) ?? false
      );
    },
  };
}
