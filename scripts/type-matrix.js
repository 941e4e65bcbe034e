// Compiles the type tests (packages/xorview/test-d) with every supported TypeScript version, and
// runs tsd on them. Each test file under each checker counts as one test.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bold, green, red, repoRoot, run } from './lib/run.js';

const testDirectory = join(repoRoot, 'packages/xorview/test-d');

/** The type-test projects: test-d (DOM, Node, newest libs) and a consumer with the minimal lib. */
const projects = [testDirectory, join(repoRoot, 'packages/xorview/test-d-minimal-lib')];

/** The compilers of SPEC §5: 5.9, 6.0 and the native 7.0. */
export const compilers = [
  { label: 'TypeScript 5.9', tsc: 'node_modules/typescript-5.9/bin/tsc' },
  { label: 'TypeScript 6.0', tsc: 'node_modules/typescript/bin/tsc' },
  { label: 'TypeScript 7.0', tsc: 'node_modules/typescript-7/bin/tsc' },
];

const testFilesOf = (project) => readdirSync(project).filter((name) => name.endsWith('.test-d.ts'));

/** @returns {{ passed: number, failed: number }} */
export function runTypeMatrix() {
  let passed = 0;
  let failed = 0;
  const tally = (label, files, output, status) => {
    // A file fails when the checker reports any diagnostic in it; a non-zero exit with no
    // per-file diagnostic (a config error) fails every file.
    const broken = new Set(files.filter((file) => output.includes(`${file}(`) || output.includes(`${file}:`)));
    if (status !== 0 && broken.size === 0) for (const file of files) broken.add(file);
    passed += files.length - broken.size;
    failed += broken.size;
    const verdict = broken.size === 0 ? green('ok') : red(`${broken.size} failing: ${[...broken].join(', ')}`);
    console.log(`${bold(label.padEnd(32))} ${String(files.length).padStart(3)} files  ${verdict}`);
    if (broken.size > 0 || status !== 0) console.log(output);
  };

  for (const { label, tsc } of compilers) {
    const version = run(process.execPath, [tsc, '--version'], { capture: true }).stdout.trim();
    const results = projects.map((project) => run(process.execPath, [tsc, '-p', project], { capture: true }));
    tally(
      `${label} (${version})`,
      projects.flatMap(testFilesOf),
      results.map((result) => result.stdout + result.stderr).join(''),
      Math.max(...results.map((result) => result.status)),
    );
  }
  // tsd checks the main project's files (its assertions need exact type identity).
  const tsd = run(process.execPath, ['node_modules/tsd/dist/cli.js', '--typings', 'dist/index.d.ts'], {
    cwd: join(repoRoot, 'packages/xorview'),
    capture: true,
  });
  tally('tsd', testFilesOf(testDirectory), tsd.stdout + tsd.stderr, tsd.status);
  return { passed, failed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { passed, failed } = runTypeMatrix();
  console.log(`\nTypes: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
