/**
 * Opt-in leak tracking (Guido's advice on PEP 298): record where each view was acquired and report
 * views that were garbage-collected without being released.
 *
 * Off by default, so the hot path pays one boolean test. On with `XORVIEW_DEBUG=1` in the
 * environment (read once at import, where `process` exists) or `debug(true)`.
 */
import type { AccessMode } from '../semantics.js';
import { withArticle } from './errors.js';

/** A view that was garbage-collected while still held. */
export interface LeakReport {
  readonly mode: AccessMode;
  readonly byteOffset: number;
  readonly byteLength: number;
  /** The stack where it was acquired. */
  readonly site: string | undefined;
}

/** Options of `debug()`. */
export interface DebugOptions {
  /** Called for each leaked view; default: `process.emitWarning` (or `console.warn`). */
  readonly onLeak?: (report: LeakReport) => void;
}

function environmentAsksForDebug(): boolean {
  const environment = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return environment?.XORVIEW_DEBUG === '1';
}

let enabled = environmentAsksForDebug();
let leakHandler: ((report: LeakReport) => void) | undefined;
let leaks: FinalizationRegistry<LeakReport> | undefined;

function defaultLeakHandler(report: LeakReport): void {
  const message =
    `xorview: ${withArticle(report.mode)} view of ${report.byteLength} bytes at offset ${report.byteOffset} was garbage-collected ` +
    `without release; its memory stays locked. Release views (or use \`using\`).${report.site === undefined ? '' : `\n${report.site}`}`;
  const processObject = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process;
  if (typeof processObject?.emitWarning === 'function') processObject.emitWarning(message, 'XorviewLeakWarning');
  else console.warn(message);
}

/**
 * Turn leak tracking on or off (and choose where leaks are reported). Returns whether it is on.
 * Views acquired while it is off are not tracked.
 */
export function debug(on?: boolean | DebugOptions): boolean {
  if (on === undefined) return enabled;
  enabled = on !== false;
  leakHandler = typeof on === 'object' ? on.onLeak : undefined;
  return enabled;
}

/** Whether acquire sites are recorded. */
export function isDebugging(): boolean {
  return enabled;
}

/** The caller's stack, trimmed of xorview's own frames. */
export function captureSite(): string {
  const stack = new Error('acquired here').stack ?? '';
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes('/xorview/dist/runtime/') && !line.includes('/xorview/src/runtime/'))
    .join('\n')
    .trim();
}

/** Watch a view for collection without release. */
export function trackLeak(view: object, report: LeakReport, token: object): void {
  leaks ??= new FinalizationRegistry((leaked) => {
    (leakHandler ?? defaultLeakHandler)(leaked);
  });
  leaks.register(view, report, token);
}

/** The view was released: stop watching it. */
export function untrackLeak(token: object): void {
  leaks?.unregister(token);
}
