/**
 * Blocks marked `<!-- run -->` (or followed by a `<!-- output: node -->` block) are complete
 * programs: they run on this Node (TypeScript blocks are transpiled first) and print exactly the
 * output the doc shows, or exit 0 when the doc shows none.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodeBlocks, titleOf } from './markdown.js';
import { normalizeNodeOutput } from './node-output.js';
import { transpile } from './type-check.js';
import { createWorkspace } from './workspace.js';

const runnable = allCodeBlocks().filter((block) => block.run || block.outputs.node !== undefined);
const directory = createWorkspace('run', runnable);

describe('runnable code blocks', () => {
  for (const block of runnable) {
    it(titleOf(block), () => {
      const script = join(directory, block.fileName.replace(/\.ts$/u, '.js'));
      if (block.language === 'ts') writeFileSync(script, transpile(block.code, block.fileName));
      const result = spawnSync(process.execPath, [script], {
        cwd: directory,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
        timeout: 30_000,
      });
      const output = normalizeNodeOutput(`${result.stdout}${result.stderr}`, directory);
      const expected = block.outputs.node;
      if (expected === undefined) {
        // No output to compare: the program must succeed (the message shows what it printed).
        expect(result.status, output).toBe(0);
      } else {
        expect(output).toBe(expected.text.trim());
      }
    });
  }
});
