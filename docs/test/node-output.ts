/**
 * What Node prints, made stable enough to show in a doc: the source excerpt Node prints above an
 * uncaught error, stack frames (collapsed to one `at …` line), the scratch directory's path and
 * the trailing `Node.js vX` line are the parts that change between machines and runs.
 */
export function normalizeNodeOutput(output: string, directory: string): string {
  const lines = output.replaceAll(directory, '.').split('\n');
  // "file:///…/x.js:9" + source line + caret + blank line, printed before an uncaught error.
  const excerpt = /^(?:file:\/\/)?\S+\.[cm]?js:\d+$/u;
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (excerpt.test(line)) {
      while (index < lines.length && (lines[index] ?? '') !== '') index++;
      continue;
    }
    if (/^\s+at /u.test(line)) {
      const previous = kept.at(-1) ?? '';
      const collapsed = `    at …${line.trimEnd().endsWith(' {') ? ' {' : ''}`;
      if (previous.startsWith('    at …')) kept[kept.length - 1] = collapsed;
      else kept.push(collapsed);
      continue;
    }
    if (/^Node\.js v\d+/u.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}
