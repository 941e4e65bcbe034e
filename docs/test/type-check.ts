/**
 * Type-checks code blocks with TypeScript 6.0 (the workspace's `typescript`) against the built
 * packages, in one program, and formats diagnostics exactly as `tsc --pretty false` does.
 */
import { join } from 'node:path';
import ts from 'typescript';

export interface TypeCheckResult {
  /** `tsc --pretty false` output per file name, '' when the file has no diagnostics. */
  readonly diagnosticsByFile: ReadonlyMap<string, string>;
}

export function typeCheck(directory: string, fileNames: readonly string[]): TypeCheckResult {
  const configPath = join(directory, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (config === undefined) throw new Error(`Cannot read ${configPath}`);
  if (config.errors.length > 0) throw new Error(ts.formatDiagnostics(config.errors, formatHost(directory)));
  const program = ts.createProgram({ rootNames: fileNames.map((name) => join(directory, name)), options: config.options });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, formatHost(directory)));
  const diagnosticsByFile = new Map<string, string>();
  for (const name of fileNames) {
    const source = program.getSourceFile(join(directory, name));
    if (source === undefined) throw new Error(`${name} is not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    diagnosticsByFile.set(name, ts.formatDiagnostics(diagnostics, formatHost(directory)).trim());
  }
  return { diagnosticsByFile };
}

/** File names relative to the block directory, as `tsc` run there prints them. */
function formatHost(directory: string): ts.FormatDiagnosticsHost {
  return {
    getCanonicalFileName: (fileName) => fileName,
    getCurrentDirectory: () => directory,
    getNewLine: () => '\n',
  };
}

/** TypeScript to JavaScript for Node 20: types stripped, `using` lowered. */
export function transpile(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    reportDiagnostics: false,
  }).outputText;
}
