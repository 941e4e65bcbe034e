/**
 * The ESLint configuration blocks of the docs are real flat configs: each one (a ```js block
 * that imports eslint-plugin-xorview and default-exports a config) is written as an
 * eslint.config.js next to a tsconfig.json, loaded by ESLint, and must switch on the xorview rules
 * with typed linting. Blocks followed by `<!-- output: eslint -->` are linted with the README's
 * eslint.config.js and must print exactly what the doc shows (ESLint's default `stylish` format).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import xorview from 'eslint-plugin-xorview';
import { describe, expect, it } from 'vitest';
import { allCodeBlocks, type CodeBlock, titleOf } from './markdown.js';
import { createWorkspace } from './workspace.js';

const blocks = allCodeBlocks();
const isConfig = (block: CodeBlock): boolean =>
  block.language === 'js' && block.code.includes("from 'eslint-plugin-xorview'") && /^export default /mu.test(block.code);
const configs = blocks.filter(isConfig);
const readmeConfig = configs.find((block) => block.doc === 'README.md' && block.fileName === 'eslint.config.js');
const linted = blocks.filter((block) => block.outputs.eslint !== undefined);

const sample = `import { acquire } from 'xorview';\n\nusing header = acquire(new ArrayBuffer(16), 'immutable');\nvoid header;\n`;

function lintDirectory(name: string, config: CodeBlock, files: readonly CodeBlock[]): string {
  const directory = createWorkspace(name, files);
  writeFileSync(join(directory, 'eslint.config.js'), config.code);
  writeFileSync(join(directory, 'sample.ts'), sample);
  return directory;
}

describe('ESLint configuration blocks', () => {
  it('the README shows an eslint.config.js', () => {
    expect(readmeConfig).toBeDefined();
  });

  for (const [index, config] of configs.entries()) {
    it(`${titleOf(config)} loads and enables the xorview rules with type information`, async () => {
      const directory = lintDirectory(`eslint-config-${String(index)}`, config, []);
      const eslint = new ESLint({ cwd: directory });
      const resolved = (await eslint.calculateConfigForFile(join(directory, 'sample.ts'))) as {
        rules?: Record<string, unknown>;
        languageOptions?: { parserOptions?: { projectService?: unknown } };
      };
      const enabled = Object.keys(resolved.rules ?? {}).filter((id) => id.startsWith('xorview/'));
      const recommended = Object.keys(xorview.configs.recommended.rules ?? {});
      expect(recommended.length).toBeGreaterThan(0);
      expect(enabled).toEqual(expect.arrayContaining(recommended));
      expect(resolved.languageOptions?.parserOptions?.projectService).toBeTruthy();
      const [result] = await eslint.lintFiles(['sample.ts']);
      expect(result?.messages).toEqual([]);
    });
  }

  for (const block of linted) {
    it(`${titleOf(block)} gets exactly the diagnostics the doc shows`, async () => {
      if (readmeConfig === undefined) throw new Error('README.md has no eslint.config.js block');
      const directory = lintDirectory('eslint-output', readmeConfig, [block]);
      const eslint = new ESLint({ cwd: directory });
      const results = await eslint.lintFiles([block.fileName]);
      const formatter = await eslint.loadFormatter('stylish');
      const output = (await formatter.format(results)).replaceAll(`${directory}/`, '');
      expect(output.trim()).toBe(block.outputs.eslint?.text.trim());
    });
  }
});
