/**
 * An import larger than what is staged in memory (MEMOIRE characters: the rest goes through the
 * temp file) is written whole, in the file's order, on SQLite and PostgreSQL; imported again with
 * other values, every flat’s row is replaced (the upsert’s statement).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMOIRE } from '../../src/server/flux/etape-import.js';
import { importer, monde, SIREN, type ImportJson, type Monde } from './flux-outils.js';
import { BASES } from './harness.js';

/** Fewer characters than a row stages (its JSON `donnees` alone is longer: checked below). */
const PAR_LIGNE = 150;
const N = Math.ceil(MEMOIRE / PAR_LIGNE) + 2_345;
const ENTETE =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const parc = (typologie: string) => {
  const lignes = [ENTETE];
  for (let i = 0; i < N; i++)
    lignes.push(`V-${String(i)},${SIREN},93,93066,200057867,false,${typologie},PLUS,1990,`);
  return lignes.join('\n');
};

interface LogementJson {
  logement: { logement: string; typologie: string };
}

describe.each(BASES)('imports volumineux (%s)', (base) => {
  let m: Monde;
  beforeAll(async () => {
    m = await monde(base);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('writes a parc past the rows held in memory whole, then replaces it whole', async () => {
    for (const typologie of ['T3', 'T5']) {
      const r = await importer(m.saisie, 'nature=parc&format=csv', parc(typologie));
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject<Partial<ImportJson>>({
        statut: 'termine',
        lignes: N,
        acceptees: N,
      });
      for (const i of [0, Math.floor(N / 2), N - 1]) {
        const l = await m.lecteur.get<LogementJson>(
          `/api/bailleurs/${SIREN}/logements/V-${String(i)}`,
        );
        expect(l.status).toBe(200);
        expect(l.body.logement).toMatchObject({ logement: `V-${String(i)}`, typologie });
        expect(JSON.stringify(l.body.logement).length).toBeGreaterThan(PAR_LIGNE);
      }
    }
  }, 300_000);
});
