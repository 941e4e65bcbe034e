// Section 1 of `pnpm demo`: both compilers refuse exactly the lines of scripts/demo/immutable-writes.ts
// marked ✗ (and nothing else), so the demo's compile-time claims are checked too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run } from '../../scripts/lib/run.js';

const source = join(repoRoot, 'scripts/demo/immutable-writes.ts');
const markedLines = readFileSync(source, 'utf8')
  .split('\n')
  .flatMap((text, index) => (text.includes('// ✗') ? [index + 1] : []));

describe.each([
  ['TypeScript 6.0', 'node_modules/typescript/bin/tsc'],
  ['TypeScript 7.0', 'node_modules/typescript-7/bin/tsc'],
])('%s on the demo file', (_label, tsc) => {
  it('reports an error on every line marked ✗ and on no other line', () => {
    const { stdout, stderr } = run(process.execPath, [join(repoRoot, tsc), '-p', join(repoRoot, 'scripts/demo'), '--pretty', 'false'], {
      capture: true,
    });
    const errorLines = [...`${stdout}${stderr}`.matchAll(/immutable-writes\.ts\((\d+),\d+\): error TS\d+/gu)].map((match) =>
      Number(match[1]),
    );
    expect(markedLines.length).toBeGreaterThan(0);
    expect([...new Set(errorLines)].sort((first, second) => first - second)).toEqual(markedLines);
  });
});
