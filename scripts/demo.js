// `pnpm demo`: shows what xorview catches. Everything printed is real tool output.
import { join } from 'node:path';
import { bold, dim, green, red, repoRoot, run } from './lib/run.js';

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
  console.log(`   ${bold(label)}: ${errors > 0 ? red(`${errors} errors`) : green('no errors')}`);
  for (const line of diagnostics) console.log(`     ${line.replace(/^.*scripts\/demo\//u, '')}`);
  console.log();
}
