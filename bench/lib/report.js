// The result convention every benchmark in bench/ follows (see bench/README.md): print a human
// table, and when XORVIEW_BENCH_JSON names a file, write the rows there for bench/run-all.js.
import { writeFileSync } from 'node:fs';

/**
 * @typedef {{ label: string, value: number, unit: string }} Measurement
 * @typedef {{
 *   target: string,
 *   baseline: Measurement | null,
 *   measured: Measurement,
 *   ratio: number | null,
 *   goal: string,
 *   pass: boolean,
 * }} ResultRow
 */

/**
 * One row comparing a measurement with a baseline measured in the same run, where the goal is a
 * bound on `measured / baseline`.
 * @param {{ target: string, baseline: Measurement, measured: Measurement, atMost?: number, atLeast?: number }} row
 * @returns {ResultRow}
 */
export function ratioRow({ target, baseline, measured, atMost, atLeast }) {
  const ratio = measured.value / baseline.value;
  const goal = atMost !== undefined ? `ratio ≤ ${atMost}` : `ratio ≥ ${atLeast}`;
  const pass = atMost !== undefined ? ratio <= atMost : ratio >= (atLeast ?? Number.NaN);
  return { target, baseline, measured, ratio, goal, pass };
}

/**
 * Write the rows where bench/run-all.js asked for them (env XORVIEW_BENCH_JSON); a no-op when a
 * benchmark runs on its own.
 * @param {string} benchmark a short name, e.g. "types"
 * @param {ResultRow[]} rows
 * @param {string[]} [notes] context for the report (versions, corpus sizes, caveats)
 */
export function writeResults(benchmark, rows, notes = []) {
  const file = process.env.XORVIEW_BENCH_JSON;
  if (!file) return;
  writeFileSync(file, `${JSON.stringify({ benchmark, rows, notes }, null, 2)}\n`);
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Format a number for tables: 3 significant digits, no exponent for the ranges we print. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}
