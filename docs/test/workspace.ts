/**
 * A scratch directory inside the docs package (so `xorview` and `eslint-plugin-xorview` resolve
 * to the built workspace packages) where code blocks are written as real files. Each test file
 * gets its own directory, since vitest runs test files in parallel.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeBlock } from './markdown.js';
import { docsDirectory } from './markdown.js';

/** The compiler settings of the repository (strict, nodenext, …) for files that are never emitted. */
const tsconfig = {
  extends: '../../../tsconfig.base.json',
  compilerOptions: {
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    sourceMap: false,
    rootDir: '.',
    tsBuildInfoFile: null,
    // Every block is its own module, even one without imports.
    moduleDetection: 'force',
    // What a reader's project typically has: Node's types and the DOM lib (WebAssembly, Blob, …),
    // as in xorview's own type tests.
    lib: ['es2023', 'esnext.disposable', 'dom'],
    allowJs: true,
  },
  include: ['*.ts', '*.js'],
};

export function createWorkspace(name: string, blocks: readonly CodeBlock[]): string {
  const directory = join(docsDirectory, '.blocks', name);
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify({ type: 'module', private: true })}\n`);
  writeFileSync(join(directory, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const seen = new Set<string>();
  for (const block of blocks) {
    if (seen.has(block.fileName)) throw new Error(`Two code blocks are named ${block.fileName}`);
    seen.add(block.fileName);
    writeFileSync(join(directory, block.fileName), block.code);
  }
  return directory;
}
