/**
 * The rules tables in the README and docs/rules.md are eslint-doc-generator's output for the
 * plugin's rule meta (`--check` fails on any difference, with the settings in the plugin's
 * .eslint-doc-generatorrc.js), and link every rule's own doc.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import xorview from 'eslint-plugin-xorview';
import { describe, expect, it } from 'vitest';
import { docsDirectory, repoRoot, userDocs } from './markdown.js';

const pluginDirectory = join(repoRoot, 'packages/eslint-plugin-xorview');
const ruleNames = Object.keys(xorview.rules);

describe('rules reference', () => {
  it('the README rules table is what eslint-doc-generator generates from rule meta', () => {
    const require = createRequire(join(pluginDirectory, 'package.json'));
    const generatorPackage = require.resolve('eslint-doc-generator/package.json');
    const bin = join(dirname(generatorPackage), 'dist/bin/eslint-doc-generator.js');
    const result = spawnSync(process.execPath, [bin, '--check'], { cwd: pluginDirectory, encoding: 'utf8' });
    // On a difference: run `npx -y pnpm@12.21.0 --filter eslint-plugin-xorview docs:rules` and commit.
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('the README table lists every rule', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const table = /<!-- begin auto-generated rules list -->([\s\S]*)<!-- end auto-generated rules list -->/u.exec(readme)?.[1] ?? '';
    expect(ruleNames.length).toBeGreaterThan(0);
    for (const name of ruleNames) expect(table).toContain(`[${name}]`);
  });

  it('docs/rules.md links the doc of every rule, and each doc exists', () => {
    const page = readFileSync(join(docsDirectory, 'rules.md'), 'utf8');
    for (const name of ruleNames) {
      const link = `../packages/eslint-plugin-xorview/docs/rules/${name}.md`;
      expect(page).toContain(`(${link})`);
      expect(existsSync(join(docsDirectory, link))).toBe(true);
    }
  });
});

describe('rules the docs name', () => {
  // Any `no-…`/`prefer-…` name in backticks in a user doc must be a rule the plugin has: the docs
  // describe what exists, not what is planned.
  for (const doc of userDocs()) {
    it(`${relative(repoRoot, doc)} names only rules the plugin has`, () => {
      const named = [...readFileSync(doc, 'utf8').matchAll(/`(?:xorview\/)?((?:no|prefer)-[a-z-]+)`/gu)].map((match) => match[1]);
      expect(named.filter((name) => name !== undefined && !ruleNames.includes(name))).toEqual([]);
    });
  }
});
