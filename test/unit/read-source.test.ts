import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/source/read-source.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('decodeSource', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    const r = decodeSource(new TextEncoder().encode('\ufeffnom: Épinay'));
    expect(r).toEqual({ ok: true, text: 'nom: Épinay' });
  });
  it('locates an invalid byte (Latin-1 é) by line and column', () => {
    const r = decodeSource(
      Uint8Array.from([...new TextEncoder().encode('a: 1\nnom: caf'), 0xe9, 0x0a]),
    );
    expect(r).toEqual({
      ok: false,
      problem: { code: 'ENCODAGE_INVALIDE', params: { octet: '0xE9' }, line: 2, column: 9 },
    });
  });
  it('recognises UTF-16, binary and empty files', () => {
    expect(decodeSource(bytes(0xff, 0xfe, 0x61, 0x00))).toMatchObject({
      ok: false,
      problem: { code: 'ENCODAGE_UTF16' },
    });
    expect(decodeSource(bytes(0x61, 0x00, 0x62))).toMatchObject({
      ok: false,
      problem: { code: 'FICHIER_BINAIRE', line: 1, column: 2 },
    });
    expect(decodeSource(bytes())).toMatchObject({ ok: false, problem: { code: 'FICHIER_VIDE' } });
  });
});
