/**
 * Housekeeping a reader notices at once: links that go nowhere, and the README's two set-up
 * commands, which must stay exactly as CI and new users run them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, userDocs } from './markdown.js';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/gu, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = /^#{1,6}\s+(.*)$/u.exec(line);
    if (!inFence && heading?.[1] !== undefined) anchors.add(anchorOf(heading[1]));
  }
  return anchors;
}

function linksOf(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/gu, '').replace(/`[^`\n]*`/gu, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/gu)].map((match) => match[1] ?? '');
}

describe('links in the user docs', () => {
  for (const doc of userDocs()) {
    const markdown = readFileSync(doc, 'utf8');
    const local = linksOf(markdown).filter((link) => !/^[a-z]+:/u.test(link));
    it(`${relative(repoRoot, doc)}: every local link and anchor resolves`, () => {
      const broken: string[] = [];
      for (const link of local) {
        const [path = '', anchor] = link.split('#');
        const target = path === '' ? doc : join(dirname(doc), path);
        if (!existsSync(target)) broken.push(link);
        else if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(link);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('reads anchors as GitHub makes them', () => {
    expect(anchorOf('`acquire(exporter, mode, options?)`')).toBe('acquireexporter-mode-options');
    expect(anchorOf('Locks & release')).toBe('locks--release');
  });
});

describe('README set-up commands', () => {
  it('are exactly the two commands CI and new users run', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const commands = readme.split('\n').filter((line) => line.startsWith('npx -y pnpm@'));
    expect(commands).toEqual([
      'npx -y pnpm@12.21.0 install && npx -y pnpm@12.21.0 demo',
      'npx -y pnpm@12.21.0 install && npx -y pnpm@12.21.0 test',
    ]);
  });
});

describe('shell blocks', () => {
  // The set-up commands run in CI; the install commands cannot run here (nothing is published
  // from this checkout), so they are held to naming only packages a user needs: the workspace's
  // own, and the plugin's peer dependencies.
  const plugin = JSON.parse(readFileSync(join(repoRoot, 'packages/eslint-plugin-xorview/package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  };
  const installable = new Set(['xorview', 'eslint-plugin-xorview', ...Object.keys(plugin.peerDependencies)]);
  for (const doc of userDocs()) {
    const lines = [...readFileSync(doc, 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gmu)].flatMap((match) => (match[1] ?? '').trim().split('\n'));
    if (lines.length === 0) continue;
    it(`${relative(repoRoot, doc)}: every shell line is a set-up command or installs real packages`, () => {
      for (const line of lines) {
        if (line.startsWith('npx -y pnpm@')) continue;
        const install = /^npm install (?:--save-dev )?(.+)$/u.exec(line);
        expect(install, line).not.toBeNull();
        for (const name of install?.[1]?.split(' ') ?? []) expect(installable, line).toContain(name);
      }
    });
  }
});
