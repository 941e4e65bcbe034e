import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Coverage } from '../src/runtime/coverage.js';

type Interval = readonly [number, number];

/** How many intervals cover `position` (the brute-force reference). */
function depth(intervals: readonly Interval[], position: number): number {
  return intervals.filter(([start, end]) => start <= position && position < end).length;
}

function anyOverlap(intervals: readonly Interval[], start: number, end: number): boolean {
  return start < end && intervals.some(([first, last]) => first < end && start < last);
}

function checkInvariants(coverage: Coverage, intervals: readonly Interval[], span: number): void {
  const { starts, ends, counts } = coverage;
  for (let index = 0; index < starts.length; index++) {
    expect(starts[index]).toBeLessThan(ends[index] as number);
    expect(counts[index]).toBeGreaterThan(0);
    if (index > 0) {
      expect(ends[index - 1]).toBeLessThanOrEqual(starts[index] as number);
      // Touching neighbours of equal depth are merged, so the list never fragments.
      if (ends[index - 1] === starts[index]) expect(counts[index - 1]).not.toBe(counts[index]);
    }
  }
  for (let position = 0; position < span; position++) {
    const segment = starts.findIndex((start, index) => start <= position && position < (ends[index] as number));
    expect(segment < 0 ? 0 : counts[segment]).toBe(depth(intervals, position));
  }
}

const span = 40;
const interval = fc
  .tuple(fc.nat(span - 1), fc.integer({ min: 1, max: 12 }))
  .map(([start, length]): Interval => [start, Math.min(start + length, span)]);

describe('Coverage: counted disjoint segments', () => {
  it('matches a brute-force depth map under random add/remove sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), interval, fc.nat()), { maxLength: 60 }), fc.array(interval, { maxLength: 10 }), (steps, queries) => {
        const coverage = new Coverage();
        const held: Interval[] = [];
        for (const [adding, range, pick] of steps) {
          if (adding || held.length === 0) {
            coverage.add(range[0], range[1]);
            held.push(range);
          } else {
            const [removed] = held.splice(pick % held.length, 1) as [Interval];
            coverage.remove(removed[0], removed[1]);
          }
          checkInvariants(coverage, held, span);
        }
        for (const [start, end] of queries) {
          const candidate = coverage.candidateBefore(end);
          const found = candidate >= 0 && (coverage.ends[candidate] as number) > start;
          expect(found).toBe(anyOverlap(held, start, end));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('empties completely when every range is removed', () => {
    const coverage = new Coverage();
    coverage.add(0, 10);
    coverage.add(5, 15);
    coverage.add(10, 20);
    coverage.remove(5, 15);
    coverage.remove(0, 10);
    coverage.remove(10, 20);
    expect(coverage.isEmpty).toBe(true);
  });
});
