/**
 * On PostgreSQL several processes share the database: a process that starts while another is
 * importing must not mark that running import `interrompu` (only an import no process holds the
 * lock of is an orphan). Through two real `convflux serve` processes on one database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importer, monde, SIREN, type Monde } from './flux-outils.js';
import { demarrerServeur, type Serveur } from './harness.js';

interface ImportJson {
  id: string;
  statut: string;
  lignes: number;
}

describe('imports interrompus, plusieurs processus (postgres)', () => {
  let m: Monde;
  let second: Serveur | undefined;
  beforeAll(async () => {
    m = await monde('postgres');
  }, 90_000);
  afterAll(async () => {
    await second?.stop();
    await m.s.stop();
  });

  it('leaves alone an import another process is running', async () => {
    const n = 80_000;
    const lignes = [
      'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
    ];
    for (let i = 0; i < n; i++)
      lignes.push(`M-${String(i)},${SIREN},93,93066,200057867,false,T3,PLUS,1990,`);
    const envoi = importer(m.saisie, 'nature=parc&format=csv', lignes.join('\n'));
    const liste = async () =>
      (await m.saisie.get<{ imports: ImportJson[] }>(`/api/bailleurs/${SIREN}/imports`)).body
        .imports;
    let enCours: ImportJson | undefined;
    for (let t = Date.now(); !enCours && Date.now() - t < 30_000;) {
      enCours = (await liste()).find((i) => i.statut === 'en_cours' && i.lignes >= 1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!enCours) throw new Error('import jamais vu en cours');
    // A second process on the same database starts while the import runs.
    second = await demarrerServeur('postgres', m.s.args);
    expect(second.sortie()).not.toMatch(/Imports interrompus/);
    const fin = await envoi;
    expect(fin.status).toBe(201);
    expect((await liste()).find((i) => i.id === enCours.id)?.statut).toBe('termine');
  }, 90_000);
});
