import { describe, expect, it } from 'vitest';
import { accessModes, coexists, coexistsAt, modeIndex } from '../src/semantics.js';

// The hot paths read SPEC §2's conflict table through modeIndex/coexistsAt: they must say exactly
// what accessModes and coexists say.
describe('semantics: the flat conflict table', () => {
  it('modeIndex is each mode’s position in accessModes', () => {
    expect(accessModes.map(modeIndex)).toEqual([0, 1, 2]);
  });

  it('coexistsAt[held * 3 + requested] is coexists[held][requested]', () => {
    for (const held of accessModes) {
      for (const requested of accessModes) {
        expect(coexistsAt[modeIndex(held) * 3 + modeIndex(requested)]).toBe(coexists[held][requested]);
      }
    }
    expect(coexistsAt).toHaveLength(9);
  });
});
