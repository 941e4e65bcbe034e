/**
 * docs/api.md documents exactly what the `xorview` package exports: every exported name (values
 * and types, read from the built declarations by the TypeScript checker) has an entry, and every
 * entry is a real export. An entry is a heading or a table's first cell that starts with the name
 * in backticks: `` `acquire(exporter, mode, options?)` ``, `` `ImmutableView<Array>` ``. Members
 * (`OwnedBuffer#resize`, `OwnedBuffer.adopt`) are not exports and are not counted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { docsDirectory } from './markdown.js';
import { createWorkspace } from './workspace.js';

/**
 * The names `api.md` documents as exports: headings, and first cells of tables whose first column
 * is headed "export" (other tables, such as option lists, document no exports).
 */
export function documentedNames(markdown: string): string[] {
  const names = new Set<string>();
  const name = /^`(?:(?:new|class|type|interface|const|function)\s+)?([A-Za-z_$][\w$]*)(?![\w$]*[.#/])/u;
  let inExportTable = false;
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,4}\s+(.*)$/u.exec(line);
    const cell = /^\|\s*([^|]*?)\s*\|/u.exec(line);
    if (cell === null) inExportTable = false;
    else if (/^\|\s*export\s*\|/u.test(line)) inExportTable = true;
    const candidate = heading?.[1] ?? (inExportTable ? cell?.[1] : undefined);
    const match = candidate === undefined ? null : name.exec(candidate);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

/** Every name the package's declarations export, values and types. */
function exportedNames(): string[] {
  const directory = createWorkspace('api-reference', []);
  const probe = join(directory, 'probe.ts');
  writeFileSync(probe, "import * as xorview from 'xorview';\nvoid xorview;\n");
  const options = ts.getParsedCommandLineOfConfigFile(join(directory, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  })?.options;
  const program = ts.createProgram([probe], options ?? {});
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probe);
  const declaration = source?.statements[0];
  if (declaration === undefined || !ts.isImportDeclaration(declaration)) throw new Error('probe did not parse');
  const module = checker.getSymbolAtLocation(declaration.moduleSpecifier);
  if (module === undefined) throw new Error("'xorview' does not resolve: build the packages first");
  return checker
    .getExportsOfModule(module)
    .map((symbol) => symbol.name)
    .sort();
}

describe('docs/api.md', () => {
  const documented = documentedNames(readFileSync(join(docsDirectory, 'api.md'), 'utf8'));
  const exported = exportedNames();

  it('documents every export of xorview', () => {
    expect(exported.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('documents nothing that xorview does not export', () => {
    expect(documented.filter((name) => !exported.includes(name))).toEqual([]);
  });

  it('every runtime export is a documented value', async () => {
    const runtime = Object.keys(await import('xorview')).sort();
    expect(runtime.length).toBeGreaterThan(10);
    expect(runtime.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('reads entries as the page writes them', () => {
    const page = [
      '### `acquire(exporter, mode, options?)`',
      '| option | meaning |',
      '| `byteOffset` | where |',
      '',
      '| export | meaning |',
      '|---|---|',
      '| `ImmutableView<Array>` | read-only |',
      '### `OwnedBuffer#resize(n)`',
      '### `OwnedBuffer.adopt(buffer)`',
      '#### `class FrozenBuffer`',
    ].join('\n');
    expect(documentedNames(page)).toEqual(['FrozenBuffer', 'ImmutableView', 'acquire']);
  });
});
