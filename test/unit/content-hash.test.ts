import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/convention/content-hash.js';

describe('content hash', () => {
  it('ignores key order and the empreinte key itself', () => {
    const a = contentHash({ id: 'x', flux: { part: 0.3, application: 'globale' } });
    const b = contentHash({
      flux: { application: 'globale', part: 0.3 },
      id: 'x',
      empreinte: 'sha256:0',
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
  it('changes with any value', () => {
    expect(contentHash({ flux: { part: 0.3 } })).not.toBe(contentHash({ flux: { part: 0.31 } }));
  });
  it('is canonical JSON', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":2,"d":1}]}',
    );
  });
});
