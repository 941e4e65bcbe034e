// The examples/ programs as the demo and the examples' tests see them: run a program, read the
// BufferError a bad twin dies with, lint the twins with the plugin's recommended config. The demo
// prints what these return and the tests assert it, so the two cannot drift apart.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, run, runAsync } from './run.js';

/** The example programs, in demo order. `worker-pipeline` is built by the workers issue. */
export const examples = [
  { name: 'png-chunks', title: 'Zero-copy PNG chunk parser over immutable views' },
  { name: 'wasm-memory', title: 'WebAssembly memory shared with a wasm module, across grow()' },
  { name: 'socket-frames', title: 'Loopback socket frames and Node’s Buffer pool' },
  { name: 'frame-pool', title: 'A frame pool of user-defined exporters, recycled when the last reader releases' },
  { name: 'worker-pipeline', title: 'Worker pipeline over a SharedOwnedBuffer' },
];

/** The examples present in this checkout (a package.json and a built entry point). */
export function presentExamples() {
  return examples.filter(({ name }) => existsSync(join(repoRoot, 'examples', name, 'package.json')));
}

/** The path of an example's compiled program: `main` or its `bad` twin. */
export function programPath(name, program = 'main') {
  return join(repoRoot, 'examples', name, 'dist', `${program}.js`);
}

/** The path of an example's TypeScript source. */
export function sourcePath(name, program = 'main') {
  return join(repoRoot, 'examples', name, 'src', `${program}.ts`);
}

/**
 * Run an example's compiled program (built by `pnpm build`) with source maps, so stack traces
 * point into the TypeScript sources.
 * @returns {{ status: number, stdout: string, stderr: string }}
 */
export function runProgram(name, program = 'main') {
  const [command, args, options] = programCommand(name, program);
  return run(command, args, { ...options, capture: true });
}

/** `runProgram` without blocking. */
export function runProgramAsync(name, program = 'main') {
  return runAsync(...programCommand(name, program));
}

/** @returns {[string, string[], { cwd: string, env: Record<string, string> }]} */
function programCommand(name, program) {
  return [
    process.execPath,
    ['--enable-source-maps', programPath(name, program)],
    { cwd: join(repoRoot, 'examples', name), env: { NO_COLOR: '1', FORCE_COLOR: '0' } },
  ];
}

/**
 * The uncaught BufferError a program died with, read from its stderr: code, message and the line
 * of the example's source file (`src/<program>.ts`) it was thrown from.
 * @returns {{ code: string, message: string, line: number | undefined } | undefined}
 */
export function uncaughtBufferError(stderr, program = 'bad') {
  const message = /^BufferError: (.*)$/mu.exec(stderr)?.[1];
  const code = /^\s*code: '([A-Z_]+)'/mu.exec(stderr)?.[1];
  if (message === undefined || code === undefined) return undefined;
  // The first stack frame in that file (frames are `path:line:column`; the code excerpt Node
  // prints above the stack names only `path:line`).
  const frame = new RegExp(`/src/${program}\\.ts:(\\d+):\\d+`, 'u').exec(stderr);
  return { code, message, line: frame ? Number(frame[1]) : undefined };
}

/**
 * Lint example sources with eslint-plugin-xorview's `recommended` config (type-aware, through the
 * examples' own tsconfig.json). Bad twins are outside the repo's lint gate, so this is where their
 * diagnostics come from.
 * @param {string[]} files absolute paths
 * @returns {Promise<Map<string, { ruleId: string | null, line: number, column: number, message: string }[]>>}
 *   diagnostics per file, keyed by the path relative to the repo root
 */
export async function lintWithRecommended(files) {
  const [{ ESLint }, { default: plugin }] = await Promise.all([import('eslint'), import('eslint-plugin-xorview')]);
  const recommended = plugin?.configs?.recommended;
  if (!recommended) throw new Error('eslint-plugin-xorview exports no configs.recommended: build it first (pnpm build).');
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      ...(Array.isArray(recommended) ? recommended : [recommended]),
      { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: repoRoot } } },
    ],
  });
  const results = await eslint.lintFiles(files);
  const diagnostics = new Map();
  for (const result of results) {
    diagnostics.set(
      relative(repoRoot, result.filePath),
      result.messages.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })),
    );
  }
  return diagnostics;
}
