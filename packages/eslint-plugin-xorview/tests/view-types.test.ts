/**
 * analysis/view-types on real checker types: a probe rule reports the mode it reads for each
 * `declare const name: Type`, through aliases, unions, intersections, generics and `readonly`.
 */
import * as parser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { Linter as LinterTypes } from 'eslint';
import { describe, expect, it } from 'vitest';
import { isViewType, viewModeOfElements, viewModeOfNode } from '../src/analysis/view-types.js';
import { createRule } from '../src/util/create-rule.js';
import { getTypedServices } from '../src/util/type-services.js';
import { Linter } from './eslint.js';
import { fixtureFile } from './lint-code.js';
import { fixturesDirectory } from './rule-tester.js';

const probe = createRule({
  name: 'probe-view-mode',
  meta: {
    type: 'problem',
    docs: { description: 'test probe: reports the view mode of each declared constant', recommended: 'strict', requiresTypeChecking: true },
    messages: { mode: '{{name}}: {{mode}} {{view}} {{elements}}' },
    schema: [],
  },
  create(context) {
    const services = getTypedServices(context);
    const checker = services.program.getTypeChecker();
    return {
      'VariableDeclarator > Identifier.id'(id: TSESTree.Identifier) {
        const type = services.getTypeAtLocation(id);
        context.report({
          node: id,
          messageId: 'mode',
          data: {
            name: id.name,
            mode: viewModeOfNode(services, id) ?? 'none',
            view: isViewType(checker, type) ? 'view' : 'not-view',
            elements: viewModeOfElements(checker, type) ?? '-',
          },
        });
      },
    };
  },
});

/** `name: mode view elements` for every constant declared in `code` (after the import line). */
function probeModes(declarations: string): string[] {
  const code = `import type { ExclusiveView, ImmutableView, RawView, View, AccessMode } from 'xorview';\n${declarations}`;
  const config: LinterTypes.Config = {
    files: ['**/*.ts'],
    plugins: { test: { rules: { probe } } as unknown as NonNullable<LinterTypes.Config['plugins']>[string] },
    languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: fixturesDirectory } },
    rules: { 'test/probe': 'error' },
  };
  const messages = new Linter().verify(code, [config], { filename: fixtureFile });
  expect(messages.filter((message) => message.fatal === true)).toEqual([]);
  return messages.map((message) => message.message);
}

describe('viewModeOfType', () => {
  it('reads the brand of each view type and of nothing else', () => {
    expect(
      probeModes(`declare const immutable: ImmutableView;
declare const exclusive: ExclusiveView<Float64Array>;
declare const raw: RawView<DataView>;
declare const plain: Uint8Array;
declare const untyped: any;
declare const opaque: unknown;
declare const nothing: never;`),
    ).toEqual([
      'immutable: immutable view -',
      'exclusive: exclusive view -',
      'raw: raw view -',
      'plain: none not-view -',
      'untyped: none not-view -',
      'opaque: none not-view -',
      'nothing: none not-view -',
    ]);
  });

  it('follows aliases, intersections, readonly and View<Mode>', () => {
    expect(
      probeModes(`type Frame = ImmutableView<Uint16Array>;
type Tagged = ExclusiveView & { readonly tag: 'pixels' };
declare const alias: Frame;
declare const tagged: Tagged;
declare const frozen: Readonly<ExclusiveView>;
declare const chosen: View<'raw'>;`),
    ).toEqual(['alias: immutable view -', 'tagged: exclusive view -', 'frozen: exclusive view -', 'chosen: raw view -']);
  });

  it('reads unions per constituent, the most restrictive mode first', () => {
    expect(
      probeModes(`declare const maybe: ImmutableView | undefined;
declare const either: ExclusiveView | RawView;
declare const mixed: ImmutableView | ExclusiveView | null;
declare const any: View<AccessMode>;`),
    ).toEqual(['maybe: immutable view -', 'either: exclusive view -', 'mixed: immutable view -', 'any: immutable view -']);
  });

  it('reads type parameters through their constraint', () => {
    expect(
      probeModes(`function generic<T extends ExclusiveView, U>(first: T, second: U) {
  const constrained = first;
  const free = second;
}`),
    ).toEqual(['constrained: exclusive view -', 'free: none not-view -']);
  });

  it('reads the elements of arrays and tuples of views', () => {
    expect(
      probeModes(`declare const list: readonly ImmutableView[];
declare const pair: [ExclusiveView, number];
declare const numbers: number[];`),
    ).toEqual(['list: none not-view immutable', 'pair: none not-view exclusive', 'numbers: none not-view -']);
  });
});
