/**
 * The figures' data version (`expressionVersion`), on SQLite and PostgreSQL, on a database
 * opened directly with two bailleurs: it moves with a batch of live events of its bailleur, not
 * with another bailleur's, and so does its `X-Convflux-Version-Donnees` digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/server/db/open-database.js';
import { etiquetteVersions, versionDonnees } from '../../src/server/flux/figures.js';
import { ecrireLot } from '../../src/server/flux/lot-evenements.js';
import { ouvrirBase } from './base-directe.js';
import { deuxiemeBailleur, exemple, inserer, SIREN_EXEMPLE, type Exemple } from './donnees.js';
import { BASES, nouvelleBase } from './harness.js';

const AUTRE = '353017015';
const QUAND = '2026-01-15T09:00:00.000Z';

/** A flat of `ex` without any event (a liberation of it is valid). */
function sansEvenement(ex: Exemple, rang: number): string {
  const avec = new Set(ex.evenements.map((e) => e['logement']));
  const l = ex.logements.map((x) => x['logement'] ?? '').filter((x) => !avec.has(x))[rang];
  if (!l) throw new Error('aucun logement sans événement');
  return l;
}

const liberation = (bailleur: string, id: string, logement: string) => ({
  bailleur,
  ligne: { id, date: '2025-10-01', type: 'liberation', logement },
  confirmer: true,
  qui: 'test-version',
  quand: new Date(),
  lang: 'fr' as const,
  fichier: `POST /api/bailleurs/${bailleur}/evenements`,
});

describe.each(BASES)('version des chiffres (%s)', (nom) => {
  let base: Base;
  let ex: Exemple;
  let second: Exemple;
  beforeAll(async () => {
    base = await ouvrirBase(await nouvelleBase(nom));
    ex = exemple();
    second = deuxiemeBailleur(ex, AUTRE);
    await inserer(base, ex, { creeLe: QUAND, enregistreLe: QUAND });
    await inserer(base, second, { creeLe: QUAND, enregistreLe: QUAND });
  }, 90_000);
  afterAll(async () => {
    await base.close();
  });

  it('moves with a batch of its bailleur only, and its header with it', async () => {
    const d = { bailleur: SIREN_EXEMPLE, departement: '93', annee: 2025 };
    const v0 = await versionDonnees(base.db, d);
    const [autre] = await ecrireLot(base, [liberation(AUTRE, 'V-AUTRE', sansEvenement(second, 0))]);
    expect(autre).toMatchObject({ status: 201 });
    const v1 = await versionDonnees(base.db, d);
    expect(v1).toBe(v0);
    expect(etiquetteVersions([v1])).toBe(etiquetteVersions([v0]));
    const [sien] = await ecrireLot(base, [
      liberation(SIREN_EXEMPLE, 'V-SIEN', sansEvenement(ex, 0)),
    ]);
    expect(sien).toMatchObject({ status: 201 });
    const v2 = await versionDonnees(base.db, d);
    expect(v2).not.toBe(v1);
    expect(etiquetteVersions([v2])).not.toBe(etiquetteVersions([v1]));
    // The digest of several versions moves when any one of them moves.
    const dAutre = { bailleur: AUTRE, departement: '93', annee: 2025 };
    const w = await versionDonnees(base.db, dAutre);
    expect(etiquetteVersions([w, v2])).not.toBe(etiquetteVersions([w, v1]));
    expect(etiquetteVersions([w, v2])).toMatch(/^[\w-]{22}$/);
    // The conventions of the bailleur × département are part of it: a draft edited moves it.
    await base.db
      .updateTable('convention_version')
      .set({ sha256: 'modifiee' })
      .where('bailleur', '=', SIREN_EXEMPLE)
      .where('departement', '=', '93')
      .execute();
    expect(await versionDonnees(base.db, d)).not.toBe(v2);
  });
});
