/**
 * An import of a parc reads a typologie as evaluate does (parseLogement): « t3 », « T 2 »,
 * « T6 et plus », « T6+ » are their codes (the flats are stored as T3, T2, T6) where the import
 * was refused row by row (LIGNE_VALEUR_INCONNUE); « T5 et plus », « 5 pièces et plus », « 6 et
 * + » are T5 (convflux's reading: the smallest it names) and T6 since 5 December 2026 (they were
 * refused); « T4 et plus », naming no one code, is still refused with the list of the codes.
 * Through the real `convflux serve` process on both databases; evaluate on the same spellings:
 * parc-typologies-cli.test.ts, parc-financements-cli.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer, monde, SIREN, type ImportJson, type Monde } from './flux-outils.js';
import { BASES } from './harness.js';

const ENTETE =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const ligne = (n: number, typologie: string) =>
  `93-${SIREN}-0000${String(n)},${SIREN},93,93066,200057867,false,${typologie},PLUS,1990,`;

interface LogementJson {
  logement: { logement: string; typologie: string };
}
interface Rejet {
  code: string;
  line: number;
  message: string;
}

describe.each(BASES)('imports : typologies du parc (%s)', (base) => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde(base);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('reads « t3 », « T 2 », « T6 et plus », « T6+ » as their codes', async () => {
    const graphies = ['t3', 'T 2', 'T6 et plus', 'T6 ET PLUS', 'T6+', 'T4'];
    const corps = [ENTETE, ...graphies.map((t, i) => ligne(i + 1, t))].join('\n');
    const r = await importer(m.saisie, 'nature=parc&format=csv', corps);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject<Partial<ImportJson>>({ lignes: 6, acceptees: 6 });
    const lues: string[] = [];
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const l = await m.lecteur.get<LogementJson>(
        `/api/bailleurs/${SIREN}/logements/93-${SIREN}-0000${String(n)}`,
      );
      expect(l.status).toBe(200);
      lues.push(l.body.logement.typologie);
    }
    expect(lues).toEqual(['T3', 'T2', 'T6', 'T6', 'T6', 'T4']);
  });

  it('reads « T5 et plus », « T5+ », « 5 pièces et plus » as T5 and « 6 et + » as T6', async () => {
    const graphies = ['T5 et plus', 'T5+', '5 pièces et plus', '5 et +', '6 et +'];
    const corps = [ENTETE, ...graphies.map((t, i) => ligne(i + 11, t))].join('\n');
    const r = await importer(m.saisie, 'nature=parc&format=csv', corps);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject<Partial<ImportJson>>({ lignes: 5, acceptees: 5 });
    const lues: string[] = [];
    for (const n of [11, 12, 13, 14, 15]) {
      const l = await m.lecteur.get<LogementJson>(
        `/api/bailleurs/${SIREN}/logements/93-${SIREN}-0000${String(n)}`,
      );
      expect(l.status).toBe(200);
      lues.push(l.body.logement.typologie);
    }
    expect(lues).toEqual(['T5', 'T5', 'T5', 'T5', 'T6']);
  });

  it('still refuses « T4 et plus », with the list of the codes', async () => {
    const corps = [ENTETE, ligne(7, 'T3'), ligne(8, 'T4 et plus')].join('\n');
    const r = await importer(m.saisie, 'nature=parc&format=csv', corps);
    expect(r.status).toBe(422);
    expect(
      (r.body as ImportJson & { rejets: Rejet[] }).rejets.map((d) => [d.line, d.code, d.message]),
    ).toEqual([
      [
        3,
        'LIGNE_VALEUR_INCONNUE',
        'Valeur "T4 et plus" inconnue pour « typologie ». Valeurs permises : T1, T2, T3, T4, T5, T6.',
      ],
    ]);
  });
});
