// `pnpm demo`: shows what xorview catches. Everything printed is real tool output.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  lintWithRecommended,
  presentExamples,
  programPath,
  runProgram,
  sourcePath,
  uncaughtBufferError,
} from './lib/examples.js';
import { bold, dim, green, red, repoRoot, run, yellow } from './lib/run.js';

const started = performance.now();
const summary = { compileErrors: [], examples: [] };

console.log(bold('xorview demo: mutable XOR shared for JavaScript binary memory\n'));

console.log(bold('1. Compile time: writes through an ImmutableView (TypeScript 6.0 and 7.0)'));
console.log(dim('   scripts/demo/immutable-writes.ts, lines marked ✗ in the source:\n'));
for (const [label, tsc] of [
  ['TypeScript 6.0', 'node_modules/typescript/bin/tsc'],
  ['TypeScript 7.0 (native)', 'node_modules/typescript-7/bin/tsc'],
]) {
  const result = run(process.execPath, [tsc, '-p', join(repoRoot, 'scripts/demo'), '--pretty', 'false'], { capture: true });
  const diagnostics = (result.stdout + result.stderr).trim().split('\n').filter(Boolean);
  const errors = diagnostics.filter((line) => line.includes(': error TS')).length;
  summary.compileErrors.push(`${label}: ${errors} errors`);
  console.log(`   ${bold(label)}: ${errors > 0 ? red(`${errors} errors`) : green('no errors')}`);
  for (const line of diagnostics) console.log(`     ${line.replace(/^.*scripts\/demo\//u, '')}`);
  console.log();
}

console.log(bold('2. The examples (examples/*/src/main.ts), run for real'));
const examples = presentExamples();
for (const [index, { name, title }] of examples.entries()) {
  console.log(`\n   ${bold(`2.${index + 1} ${name}`)}: ${title}`);
  const entry = { name, ran: false, mainDiagnostics: undefined, badDiagnostics: undefined, badError: undefined };
  summary.examples.push(entry);
  if (!existsSync(programPath(name))) {
    console.log(`   ${red('✖')} examples/${name}/dist/main.js is missing: run pnpm build`);
    continue;
  }
  const { status, stdout, stderr } = runProgram(name);
  for (const line of stdout.trimEnd().split('\n')) console.log(`     ${line}`);
  for (const line of stderr.trimEnd().split('\n').filter(Boolean)) console.log(`     ${red(line)}`);
  entry.ran = status === 0;
  console.log(`   ${entry.ran ? green('✔ exited 0') : red(`✖ exited ${status}`)}`);
}

console.log(bold('\n3. The bad twins (examples/*/src/bad.ts): the bug each example avoids'));
console.log(dim('   lint: eslint-plugin-xorview recommended config, type-aware; run time: the BufferError it raises'));
const twins = summary.examples.filter(({ name }) => existsSync(sourcePath(name, 'bad')));
let lintResults;
try {
  lintResults = await lintWithRecommended(twins.flatMap(({ name }) => [sourcePath(name, 'main'), sourcePath(name, 'bad')]));
} catch (error) {
  console.log(`   ${red('✖ linting failed:')} ${error instanceof Error ? error.message : String(error)}`);
}
for (const entry of twins) {
  const badFile = sourcePath(entry.name, 'bad');
  const sourceLines = readFileSync(badFile, 'utf8').split('\n');
  console.log(`\n   ${bold(relative(repoRoot, badFile))}`);
  entry.mainDiagnostics = lintResults?.get(relative(repoRoot, sourcePath(entry.name, 'main')));
  entry.badDiagnostics = lintResults?.get(relative(repoRoot, badFile));
  for (const { ruleId, line, column, message } of entry.badDiagnostics ?? []) {
    console.log(`     ${yellow(`lint  ${line}:${column}`)}  ${bold(ruleId ?? 'parse error')}  ${message}`);
    console.log(dim(`             ${line} | ${sourceLines[line - 1]?.trim() ?? ''}`));
  }
  if (entry.badDiagnostics?.length === 0) console.log(`     ${dim('lint  no diagnostics')}`);
  const { status, stderr } = runProgram(entry.name, 'bad');
  entry.badError = uncaughtBufferError(stderr);
  if (entry.badError) {
    const { code, message, line } = entry.badError;
    console.log(`     ${red(`run   ${line ?? '?'}`)}    ${bold(`BufferError ${code}`)}  ${message}`);
    if (line) console.log(dim(`             ${line} | ${sourceLines[line - 1]?.trim() ?? ''}`));
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
  console.log(
    `   ${entry.name.padEnd(17)} ${(entry.ran ? green('✔') : red('✖')).padEnd(entry.ran ? 5 + green('').length : 5 + red('').length)} ${lintMain.padEnd(13)} ${lintBad.padEnd(34)} ${runtime}`,
  );
}
const lintCount = summary.examples.reduce((total, entry) => total + (entry.badDiagnostics?.length ?? 0), 0);
const errorCount = summary.examples.filter((entry) => entry.badError).length;
console.log(
  `\n   ${summary.examples.filter((entry) => entry.ran).length}/${summary.examples.length} examples ran, ` +
    `${lintCount} lint diagnostics and ${errorCount} BufferErrors on ${twins.length} bad twins, ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
// The demo fails loudly if an example it is meant to show working did not.
process.exitCode = summary.examples.every((entry) => entry.ran) ? 0 : 1;
