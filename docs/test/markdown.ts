/**
 * Reads the code blocks of the user docs (README.md and docs/*.md) and the HTML-comment
 * annotations that say what to do with them:
 *
 * - `<!-- file: name.ts -->` names a block (its file name in diagnostics and output blocks);
 * - `<!-- run -->` runs a block on Node (it must exit 0 unless an output block says otherwise);
 * - `<!-- output: tsc|eslint|node [name.ts] -->` before a ```text block: the exact output that
 *   tool gives for the named block (default: the closest code block above).
 *
 * A block whose info string is `ts skip-check <reason>` is not type-checked; the reason is
 * required.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const docsDirectory = join(repoRoot, 'docs');

/** The markdown files a user reads: the README, then every docs/*.md. */
export function userDocs(): string[] {
  const pages = readdirSync(docsDirectory)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => join(docsDirectory, file));
  return [join(repoRoot, 'README.md'), ...pages];
}

export type OutputTool = 'tsc' | 'eslint' | 'node';

export interface CodeBlock {
  /** The markdown file, relative to the repository root. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The language: the first word of the info string. */
  readonly language: string;
  /** The rest of the info string, e.g. `skip-check <reason>`. */
  readonly flags: string;
  readonly code: string;
  /** The file name the block is written to: from `<!-- file: … -->`, or derived from its place. */
  readonly fileName: string;
  readonly named: boolean;
  readonly run: boolean;
  /** Expected outputs declared for this block, by tool. */
  readonly outputs: Partial<Record<OutputTool, ExpectedOutput>>;
}

export interface ExpectedOutput {
  readonly text: string;
  readonly line: number;
}

const annotationPattern = /^<!--\s*(file|run|output)\b:?\s*(.*?)\s*-->$/u;
const extensionOf: Record<string, string> = { ts: '.ts', typescript: '.ts', js: '.js', javascript: '.js' };

interface RawFence {
  line: number;
  language: string;
  flags: string;
  code: string;
  annotations: { kind: string; argument: string }[];
}

function fencesOf(markdown: string): RawFence[] {
  const lines = markdown.split('\n');
  const fences: RawFence[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = /^```(\S*)\s*(.*)$/u.exec(lines[index] ?? '');
    if (opening === null) continue;
    const annotations: RawFence['annotations'] = [];
    for (let above = index - 1; above >= 0; above--) {
      const match = annotationPattern.exec((lines[above] ?? '').trim());
      if (match === null) break;
      annotations.unshift({ kind: match[1] ?? '', argument: match[2] ?? '' });
    }
    let end = index + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    if (end === lines.length) throw new Error(`Unclosed code fence at line ${String(index + 1)}`);
    fences.push({
      line: index + 1,
      language: opening[1] ?? '',
      flags: opening[2] ?? '',
      code: `${lines.slice(index + 1, end).join('\n')}\n`,
      annotations,
    });
    index = end;
  }
  return fences;
}

/** Every ```ts / ```js block of one markdown file, with its annotations and expected outputs. */
export function codeBlocksOf(path: string): CodeBlock[] {
  const doc = relative(repoRoot, path);
  const stem = basename(path, '.md').toLowerCase();
  const blocks: (CodeBlock & { outputs: Partial<Record<OutputTool, ExpectedOutput>> })[] = [];
  for (const fence of fencesOf(readFileSync(path, 'utf8'))) {
    const output = fence.annotations.find((annotation) => annotation.kind === 'output');
    if (output !== undefined) {
      const [tool, target] = output.argument.split(/\s+/u);
      if (tool !== 'tsc' && tool !== 'eslint' && tool !== 'node') {
        throw new Error(`${doc}:${String(fence.line)}: unknown output tool "${String(tool)}"`);
      }
      const owner = target === undefined ? blocks.at(-1) : blocks.find((block) => block.fileName === target);
      if (owner === undefined) throw new Error(`${doc}:${String(fence.line)}: no code block "${target ?? '(above)'}" for this output`);
      owner.outputs[tool] = { text: fence.code, line: fence.line };
      continue;
    }
    const extension = extensionOf[fence.language];
    if (extension === undefined) continue;
    const name = fence.annotations.find((annotation) => annotation.kind === 'file')?.argument;
    blocks.push({
      doc,
      line: fence.line,
      language: extension === '.ts' ? 'ts' : 'js',
      flags: fence.flags,
      code: fence.code,
      fileName: name ?? `${stem}-${String(fence.line)}${extension}`,
      named: name !== undefined,
      run: fence.annotations.some((annotation) => annotation.kind === 'run'),
      outputs: {},
    });
  }
  return blocks;
}

/** Every code block of every user doc. */
export function allCodeBlocks(): CodeBlock[] {
  return userDocs().flatMap((path) => codeBlocksOf(path));
}

/** `skip-check <reason>` in the info string: the reason, or undefined when the block is checked. */
export function skipCheckReason(block: CodeBlock): string | undefined {
  const match = /^skip-check\b\s*(.*)$/u.exec(block.flags);
  return match === null ? undefined : match[1] ?? '';
}

/** A readable test title: `README.md:42 (pool.ts)`. */
export function titleOf(block: CodeBlock): string {
  return `${block.doc}:${String(block.line)}${block.named ? ` (${block.fileName})` : ''}`;
}
