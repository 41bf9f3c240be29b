import { describe, expect, it } from 'vitest';
import { isValidSiren } from '../../src/reference/siren.js';

describe('SIREN (Luhn)', () => {
  it('accepts valid numbers', () => {
    for (const s of ['552046484', '200057875', '130025265']) expect(isValidSiren(s)).toBe(true);
  });
  it('rejects a wrong check digit and malformed input', () => {
    expect(isValidSiren('552046485')).toBe(false);
    expect(isValidSiren('55204648')).toBe(false);
    expect(isValidSiren('55204648a')).toBe(false);
  });
  it('knows the La Poste exception', () => {
    expect(isValidSiren('356000000')).toBe(true);
  });
});
