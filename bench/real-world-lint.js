// SPEC §8 "Lint rules never crash on real-world TypeScript and report nothing on code that uses no
// views": lints immer's own TypeScript sources (the `src/` it publishes, ~3.4k lines, a devDependency
// pinned in the catalog) with eslint-plugin-xorview's `strict` preset. Any xorview report, parse
// failure or crash is a failure: printed, recorded as a failed row, and a non-zero exit.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import xorview from '../packages/eslint-plugin-xorview/dist/index.js';
import { writeResults } from './lib/report.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(repoRoot, 'package.json'));
const immerPackage = require.resolve('immer/package.json');
const { version } = JSON.parse(readFileSync(immerPackage, 'utf8'));
// Copied out of node_modules (ESLint ignores it) into the gitignored scratch area.
const workDirectory = join(repoRoot, 'bench/.bench-tmp/real-world/immer');
rmSync(workDirectory, { recursive: true, force: true });
mkdirSync(workDirectory, { recursive: true });
cpSync(join(dirname(immerPackage), 'src'), join(workDirectory, 'src'), { recursive: true });
writeFileSync(
  join(workDirectory, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: { target: 'es2022', lib: ['es2022', 'dom'], module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, types: [] },
    include: ['src'],
  }),
);

const files = listTypeScript(join(workDirectory, 'src'));
const lines = files.reduce((total, file) => total + readFileSync(file, 'utf8').split('\n').length, 0);

const eslint = new ESLint({
  cwd: workDirectory,
  overrideConfigFile: true,
  overrideConfig: [
    {
      ...xorview.configs.strict,
      languageOptions: {
        ...xorview.configs.strict.languageOptions,
        parserOptions: { projectService: true, tsconfigRootDir: workDirectory },
      },
    },
  ],
});

// Prove the rules ran: the preset's rules are on for these files (and, being typed, would throw
// without type information rather than pass silently).
const enabledRules = Object.entries((await eslint.calculateConfigForFile(files[0])).rules ?? {})
  .filter(([id, entry]) => id.startsWith('xorview/') && (Array.isArray(entry) ? entry[0] : entry) !== 0 && (Array.isArray(entry) ? entry[0] : entry) !== 'off')
  .map(([id]) => id);

let crash;
let results = [];
try {
  results = await eslint.lintFiles(['src/**/*.ts']);
} catch (error) {
  crash = error;
}
const problems = results.flatMap((result) =>
  result.messages
    .filter((message) => message.fatal === true || message.ruleId?.startsWith('xorview/'))
    .map((message) => `${relative(workDirectory, result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message}`),
);

console.log(`Real-world lint: immer ${version} src/ (${files.length} files, ${lines} lines) with xorview.configs.strict`);
console.log(`  rules on: ${enabledRules.join(', ')}`);
console.log(`  files linted: ${results.length}; xorview reports and parse failures: ${problems.length}${crash ? '; CRASHED' : ''}`);
for (const problem of problems) console.log(`  ✖ ${problem}`);
if (crash) console.log(`  ✖ ${crash instanceof Error ? crash.stack : String(crash)}`);

const pass = crash === undefined && problems.length === 0 && results.length === files.length && enabledRules.length > 0;
writeResults(
  'real-world-lint',
  [
    {
      target: 'Reliability: lint rules never crash on real-world TypeScript and report nothing on code that uses no views',
      baseline: null,
      measured: { label: `xorview reports + crashes on immer ${version} src/ (${lines} lines)`, value: problems.length + (crash ? 1 : 0), unit: 'problems' },
      ratio: null,
      goal: '0 problems',
      pass,
    },
  ],
  [`immer ${version}: ${files.length} TypeScript files, ${lines} lines, linted with xorview.configs.strict.`],
);
process.exitCode = pass ? 0 : 1;

function listTypeScript(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return listTypeScript(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
