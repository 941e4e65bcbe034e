/**
 * Rules, docs, tests and presets stay in step: every rule has a doc and a test file and sits in
 * the presets its meta names; every doc and test file belongs to a rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

const ruleNames = Object.keys(rules);
const namesIn = (directory: string, suffix: string): string[] =>
  readdirSync(new URL(directory, import.meta.url))
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length));

describe('parity', () => {
  it('the plugin exposes exactly the rules of rules/index', () => {
    expect(Object.keys(plugin.rules)).toEqual(ruleNames);
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'xorview' });
  });

  it('every doc and every test file belongs to a rule', () => {
    expect(namesIn('../docs/rules/', '.md').sort()).toEqual([...ruleNames].sort());
    expect(namesIn('./rules/', '.test.ts').sort()).toEqual([...ruleNames].sort());
  });

  for (const [name, rule] of Object.entries(rules)) {
    describe(name, () => {
      const docs = rule.meta.docs;
      if (docs === undefined) throw new Error(`${name} has no meta.docs`);

      it('has a doc, a test file and a docs URL pointing at the doc', () => {
        expect(existsSync(new URL(`../docs/rules/${name}.md`, import.meta.url))).toBe(true);
        expect(existsSync(new URL(`./rules/${name}.test.ts`, import.meta.url))).toBe(true);
        expect(docs.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
        expect(rule.name).toBe(name);
      });

      it('states its preset, needs type information and describes every option', () => {
        expect(['recommended', 'strict']).toContain(docs.recommended);
        expect(docs.requiresTypeChecking).toBe(true);
        expect(docs.description.length).toBeGreaterThan(10);
        const optionSchemas = ([] as readonly JSONSchema4[]).concat(rule.meta.schema);
        for (const option of optionSchemas) {
          if (option.type !== 'object') continue;
          expect(option.additionalProperties).toBe(false);
          for (const property of Object.values(option.properties ?? {})) expect(property.description).toEqual(expect.any(String));
        }
      });

      it('is in the presets its meta names, with the options its meta names', () => {
        const id = `xorview/${name}`;
        const strictEntry = docs.strictOptions === undefined ? 'error' : ['error', ...docs.strictOptions];
        expect(plugin.configs.strict.rules?.[id]).toEqual(strictEntry);
        expect(plugin.configs.recommended.rules?.[id]).toEqual(docs.recommended === 'recommended' ? 'error' : undefined);
      });
    });
  }

  it('the presets hold no rule the plugin lacks, and set up typed linting', () => {
    for (const preset of [plugin.configs.recommended, plugin.configs.strict]) {
      for (const id of Object.keys(preset.rules ?? {})) expect(ruleNames).toContain(id.replace(/^xorview\//u, ''));
      expect(preset.languageOptions?.parserOptions).toMatchObject({ projectService: true });
      expect(preset.plugins?.xorview).toBe(plugin);
    }
  });
});
