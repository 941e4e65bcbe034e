/** The preset derivation, on a synthetic rule map (the real rules are checked in parity.test.ts). */
import { describe, expect, it } from 'vitest';
import { presetRules } from '../src/configs.js';

const rules = {
  'always-on': { meta: { docs: { recommended: 'recommended' as const } } },
  'strict-only': { meta: { docs: { recommended: 'strict' as const } } },
  'stricter-in-strict': { meta: { docs: { recommended: 'recommended' as const, strictOptions: [{ exceptionPaths: true }] as const } } },
};

describe('presetRules', () => {
  it('recommended: the rules marked recommended, with default options', () => {
    expect(presetRules(rules, 'recommended', 'ns')).toEqual({ 'ns/always-on': 'error', 'ns/stricter-in-strict': 'error' });
  });

  it('strict: every rule, with the strict options a rule declares', () => {
    expect(presetRules(rules, 'strict', 'ns')).toEqual({
      'ns/always-on': 'error',
      'ns/strict-only': 'error',
      'ns/stricter-in-strict': ['error', { exceptionPaths: true }],
    });
  });
});
