/**
 * Shared prelude of the flow rules' test cases: the imports and helpers every case may use, so a
 * case shows only what it tests. Case bodies start on line `preludeLines + 1`.
 */
const prelude = [
  "import { acquire, acquireAsync, release, tryAcquire, OwnedBuffer } from 'xorview';",
  "import type { AccessMode, ExclusiveView, ImmutableView, RawView, WebAssemblyMemoryLike } from 'xorview';",
  'declare function tick(): Promise<void>;',
];

export const preludeLines = prelude.length;

/** A case's source: the prelude, then `body` with its common indentation and first newline removed. */
export function withPrelude(body: string): string {
  const lines = body.replace(/^\n/u, '').replace(/\n\s*$/u, '').split('\n');
  const indentation = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */u.exec(line)?.[0].length ?? 0));
  return [...prelude, ...lines.map((line) => line.slice(indentation))].join('\n');
}

/** Line number in the full source of line `bodyLine` (1-based) of a case body. */
export function line(bodyLine: number): number {
  return preludeLines + bodyLine;
}
