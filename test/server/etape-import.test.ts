/**
 * An import's staged rows: held in memory, past the limit (characters of text) written to the
 * temp file, read back whole and in the order added, in lots of the size asked; the file removed
 * at the end.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caracteres, Etape, type Tuple } from '../../src/server/flux/etape-import.js';

const dossier = mkdtempSync(join(tmpdir(), 'convflux-etape-'));
afterAll(() => {
  rmSync(dossier, { recursive: true, force: true });
});

const lignes = (n: number): Tuple[] =>
  Array.from({ length: n }, (_, i) => [`L-${String(i)}`, i, i % 3 ? null : '{"a":"x\\ny"}']);

function relire(e: Etape, taille: number): Tuple[][] {
  return [...e.lots(taille)];
}

describe('étape d’un import', () => {
  it.each([
    [10, 20, 4],
    [10, 1_000, 4],
    [7, 7, 7],
    [0, 3, 4],
    [25, 40, 6],
  ])('%i rows, %i characters in memory, lots of %i: all, in order', (n, memoire, taille) => {
    const fichier = join(dossier, `etape-${String(n)}-${String(memoire)}-${String(taille)}`);
    const e = new Etape(fichier, memoire);
    const attendu = lignes(n);
    for (const t of attendu) e.ajouter(t);
    e.fermer();
    expect(e.lignes).toBe(n);
    // Past the limit the rows went to the file; under it, nothing was written.
    const total = attendu.reduce((s, t) => s + caracteres(t), 0);
    expect(existsSync(fichier)).toBe(total >= memoire);
    const lots = relire(e, taille);
    expect(lots.flat()).toEqual(attendu);
    expect(lots.map((l) => l.length)).toEqual(
      Array.from({ length: Math.ceil(n / taille) }, (_, i) => Math.min(taille, n - i * taille)),
    );
    e.supprimer();
    expect(existsSync(fichier)).toBe(false);
  });

  it('gives back every value as it was: separators, digits, empty, lone surrogates, astral, across blocks', () => {
    const fichier = join(dossier, 'etape-valeurs');
    const e = new Etape(fichier, 3);
    const grand = `${'é|:;s9:'.repeat(200_000)}\ud800`;
    const attendu: Tuple[] = [
      ['', 's3:abc', '2|', 'n', 'd1;'],
      ['\ud83d\ude00 😀', '\udc00', '\u2028\u0000\n\r', -1.5, 0, null],
      [],
      [grand, 'fin'],
      ...Array.from({ length: 5_001 }, (_, i): Tuple => [
        `é${String(i)}`,
        i % 7 ? `x${'€'.repeat(i % 13)}` : null,
      ]),
    ];
    for (const t of attendu) e.ajouter(t);
    e.fermer();
    expect(existsSync(fichier)).toBe(true);
    expect(relire(e, 1_000).flat()).toEqual(attendu);
    e.supprimer();
  });
});
