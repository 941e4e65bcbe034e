// `pnpm demo`: shows what xorview catches. Everything printed is real tool output: the compilers,
// the example programs, ESLint with eslint-plugin-xorview, and the BufferErrors the bad twins die
// with. The slow parts (compilers, programs, type-aware lint) run concurrently; output is printed
// in order as each is ready.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  lintWithRecommended,
  presentExamples,
  programPath,
  runProgramAsync,
  sourcePath,
  uncaughtBufferError,
} from './lib/examples.js';
import { bold, dim, green, red, repoRoot, runAsync, yellow } from './lib/run.js';

const started = performance.now();
const compilers = [
  ['TypeScript 6.0', 'node_modules/typescript/bin/tsc'],
  ['TypeScript 7.0 (native)', 'node_modules/typescript-7/bin/tsc'],
];
const examples = presentExamples().map((example) => ({
  ...example,
  built: existsSync(programPath(example.name)),
  hasTwin: existsSync(sourcePath(example.name, 'bad')),
}));
const twins = examples.filter((example) => example.hasTwin);

// Start everything at once.
const typeChecks = compilers.map(([, tsc]) =>
  runAsync(process.execPath, [tsc, '-p', join(repoRoot, 'scripts/demo'), '--pretty', 'false']),
);
const mainRuns = examples.map((example) => (example.built ? runProgramAsync(example.name) : undefined));
const badRuns = twins.map((example) => runProgramAsync(example.name, 'bad'));
const lintRun = lintWithRecommended([
  ...examples.map(({ name }) => sourcePath(name, 'main')),
  ...twins.map(({ name }) => sourcePath(name, 'bad')),
]).then(
  (diagnostics) => ({ diagnostics }),
  (error) => ({ error }),
);

const summary = { compileErrors: [], examples: [] };

console.log(bold('xorview demo: mutable XOR shared for JavaScript binary memory\n'));

console.log(bold('1. Compile time: writes through an ImmutableView (TypeScript 6.0 and 7.0)'));
console.log(dim('   scripts/demo/immutable-writes.ts, lines marked ✗ in the source:\n'));
for (const [index, [label]] of compilers.entries()) {
  const result = await typeChecks[index];
  const diagnostics = (result.stdout + result.stderr).trim().split('\n').filter(Boolean);
  const errors = diagnostics.filter((line) => line.includes(': error TS')).length;
  summary.compileErrors.push(`${label}: ${errors} errors`);
  console.log(`   ${bold(label)}: ${errors > 0 ? red(`${errors} errors`) : green('no errors')}`);
  for (const line of diagnostics) console.log(`     ${line.replace(/^.*scripts\/demo\//u, '')}`);
  console.log();
}

console.log(bold('2. The examples (examples/*/src/main.ts), run for real'));
for (const [index, example] of examples.entries()) {
  console.log(`\n   ${bold(`2.${index + 1} ${example.name}`)}: ${example.title}`);
  const entry = { name: example.name, ran: false, mainDiagnostics: undefined, badDiagnostics: undefined, badError: undefined };
  summary.examples.push(entry);
  const pending = mainRuns[index];
  if (pending === undefined) {
    console.log(`   ${red('✖')} examples/${example.name}/dist/main.js is missing: run pnpm build`);
    continue;
  }
  const { status, stdout, stderr } = await pending;
  for (const line of stdout.trimEnd().split('\n')) console.log(`     ${line}`);
  for (const line of stderr.trimEnd().split('\n').filter(Boolean)) console.log(`     ${red(line)}`);
  entry.ran = status === 0;
  console.log(`   ${entry.ran ? green('✔ exited 0') : red(`✖ exited ${status}`)}`);
}
const lint = await lintRun;
for (const entry of summary.examples) {
  entry.mainDiagnostics = lint.diagnostics?.get(relative(repoRoot, sourcePath(entry.name, 'main')));
}

console.log(bold('\n3. The bad twins (examples/*/src/bad.ts): the bug each example avoids'));
console.log(dim('   lint: eslint-plugin-xorview recommended config, type-aware; run: the BufferError it raises'));
if (lint.error) {
  console.log(`   ${red('✖ linting failed:')} ${lint.error instanceof Error ? lint.error.message : String(lint.error)}`);
}
for (const [index, { name }] of twins.entries()) {
  const entry = summary.examples.find((candidate) => candidate.name === name);
  const badFile = sourcePath(name, 'bad');
  const sourceLines = readFileSync(badFile, 'utf8').split('\n');
  const quote = (line) => dim(`             ${line} | ${sourceLines[line - 1]?.trim() ?? ''}`);
  console.log(`\n   ${bold(relative(repoRoot, badFile))}`);
  entry.badDiagnostics = lint.diagnostics?.get(relative(repoRoot, badFile));
  for (const { ruleId, line, column, message } of entry.badDiagnostics ?? []) {
    console.log(`     ${yellow(`lint  ${line}:${column}`)}  ${bold(ruleId ?? 'parse error')}  ${message}`);
    console.log(quote(line));
  }
  if (entry.badDiagnostics?.length === 0) console.log(`     ${dim('lint  no diagnostics from the rules in this build')}`);
  const { status, stderr } = await badRuns[index];
  entry.badError = uncaughtBufferError(stderr);
  if (entry.badError) {
    const { code, message, line } = entry.badError;
    console.log(`     ${red(`run   ${line ?? '?'}`)}    ${bold(`BufferError ${code}`)}  ${message}`);
    if (line) console.log(quote(line));
  } else {
    console.log(`     ${dim(`run   exited ${status} without a BufferError`)}`);
    for (const line of stderr.trimEnd().split('\n').filter(Boolean).slice(0, 5)) console.log(`           ${dim(line)}`);
  }
}

console.log(bold('\nSummary'));
console.log(`   compile time: ${summary.compileErrors.join(', ')} in scripts/demo/immutable-writes.ts`);
console.log(`   ${'example'.padEnd(17)} ${'runs'.padEnd(5)} ${'lint main.ts'.padEnd(13)} ${'lint bad.ts'.padEnd(34)} bad.ts at run time`);
for (const entry of summary.examples) {
  const lintMain =
    entry.mainDiagnostics === undefined ? '—' : entry.mainDiagnostics.length === 0 ? 'clean' : `${entry.mainDiagnostics.length} problems`;
  const lintBad =
    entry.badDiagnostics === undefined
      ? '—'
      : entry.badDiagnostics.map(({ ruleId, line }) => `${(ruleId ?? 'parse').replace('xorview/', '')}:${line}`).join(' ') || 'none';
  const runtime = entry.badError ? `${entry.badError.code} at line ${entry.badError.line ?? '?'}` : '—';
  const ran = entry.ran ? `${green('✔')}    ` : `${red('✖')}    `;
  console.log(`   ${entry.name.padEnd(17)} ${ran} ${lintMain.padEnd(13)} ${lintBad.padEnd(34)} ${runtime}`);
}
const lintCount = summary.examples.reduce((total, entry) => total + (entry.badDiagnostics?.length ?? 0), 0);
const errorCount = summary.examples.filter((entry) => entry.badError).length;
console.log(
  `\n   ${summary.examples.filter((entry) => entry.ran).length}/${summary.examples.length} examples ran, ` +
    `${lintCount} lint diagnostics and ${errorCount} BufferErrors on ${twins.length} bad twins, ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
// The demo fails loudly if an example it shows working did not work, or lint could not run.
process.exitCode = summary.examples.every((entry) => entry.ran) && !lint.error ? 0 : 1;
