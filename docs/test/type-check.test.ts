/**
 * Every ```ts block of the README and docs/*.md compiles with TypeScript 6.0 under the repository's
 * strict settings, against the built packages: cleanly, or with exactly the errors its
 * `// @ts-expect-error` lines declare, or with exactly the `tsc` output printed after it.
 * ```js blocks must at least parse.
 */
import { describe, expect, it } from 'vitest';
import { allCodeBlocks, skipCheckReason, titleOf } from './markdown.js';
import { typeCheck } from './type-check.js';
import { createWorkspace } from './workspace.js';

const blocks = allCodeBlocks();
const checked = blocks.filter((block) => skipCheckReason(block) === undefined);
const directory = createWorkspace('type-check', checked);
const { diagnosticsByFile } = typeCheck(
  directory,
  checked.map((block) => block.fileName),
);

describe('code blocks type-check', () => {
  it('the docs have code blocks', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const block of checked) {
    it(titleOf(block), () => {
      const expected = block.outputs.tsc?.text.trim() ?? '';
      expect(diagnosticsByFile.get(block.fileName)).toBe(expected);
    });
  }

  for (const block of blocks.filter((candidate) => skipCheckReason(candidate) !== undefined)) {
    it(`${titleOf(block)} states why it is not type-checked`, () => {
      expect(skipCheckReason(block)?.length ?? 0).toBeGreaterThan(10);
    });
  }
});
