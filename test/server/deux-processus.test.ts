/**
 * Two `convflux serve` processes on one database (SQLite file, PostgreSQL): what one process
 * writes, the other sees at its next request — the live figures after an event recorded through
 * the first one (nothing the second needs lives only in the first one's memory: it caches the
 * figures under a version read at every request), an API token revoked, a permission withdrawn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXEMPLE, importer, monde, SIREN, type Monde } from './flux-outils.js';
import { BASES, Client, demarrerServeur, expectStatus, type Serveur } from './harness.js';

const FIGURES = `/api/bailleurs/${SIREN}/departements/93/figures?annee=2025`;
const EVENEMENTS = `/api/bailleurs/${SIREN}/evenements?confirmer=true`;

describe.each(BASES)('deux processus sur une base (%s)', (nom) => {
  let m: Monde;
  let b: Serveur;
  let jeton: { id: string; jeton: string };
  beforeAll(async () => {
    m = await monde(nom);
    for (const [nature, fichier] of [
      ['parc', 'logements.csv'],
      ['evenements', 'evenements.csv'],
    ] as const)
      expectStatus(
        await importer(
          m.saisie,
          `nature=${nature}&format=csv`,
          readFileSync(join(EXEMPLE, fichier)),
        ),
        201,
      );
    b = await demarrerServeur(nom, m.s.args);
    const j = await m.saisie.post<{ id: string; jeton: string }>('/api/moi/jetons', {
      nom: 'deux processus',
    });
    expectStatus(j, 201);
    jeton = j.body;
  }, 180_000);
  afterAll(async () => {
    await b.stop();
    await m.s.stop();
  });

  it('the figures of the second process show an event recorded through the first at its next request', async () => {
    const parA = new Client(m.s.url, jeton.jeton);
    const parB = new Client(b.url, jeton.jeton);
    const avant = await parB.get(FIGURES);
    expectStatus(avant, 200);
    // Read twice: the second answer is the second process's cached one.
    expect((await parB.get(FIGURES)).body).toEqual(avant.body);
    const e = await parA.post<{ seq: number }>(EVENEMENTS, {
      id: 'DEUX-PROCESSUS-1',
      date: '2025-06-02',
      type: 'liberation',
      logement: '93-552046484-00001',
    });
    expectStatus(e, 201);
    const t0 = performance.now();
    const apres = await parB.get(FIGURES);
    const duree = performance.now() - t0;
    expectStatus(apres, 200);
    // The digest of the data version moved (the bailleur's flux counter, raised by the commit).
    const entete = (r: typeof avant) => r.headers.get('x-convflux-version-donnees');
    expect(entete(apres)).toMatch(/^[\w-]{22}$/);
    expect(entete(apres)).not.toBe(entete(avant));
    expect(apres.body).not.toEqual(avant.body);
    // The same answer as the first process gives (the same library on the same rows).
    expect(apres.body).toEqual((await parA.get(FIGURES)).body);
    console.log(`${nom} : chiffres recalculés par l’autre processus en ${duree.toFixed(0)} ms`);
  });

  it('a token revoked through one process is refused by the other at once', async () => {
    const parB = new Client(b.url, jeton.jeton);
    expectStatus(await parB.get(FIGURES), 200);
    expectStatus(await m.saisie.requete('DELETE', `/api/moi/jetons/${jeton.id}`), 204);
    expectStatus(await parB.get(FIGURES), 401);
  });

  it('a permission withdrawn through one process is enforced by the other at once', async () => {
    const j = await m.saisie.post<{ jeton: string }>('/api/moi/jetons', { nom: 'permission' });
    expectStatus(j, 201);
    const parB = new Client(b.url, j.body.jeton);
    const evenement = (id: string) => ({
      id,
      date: '2025-06-03',
      type: 'liberation',
      logement: '93-552046484-00002',
    });
    expectStatus(await parB.post(EVENEMENTS, evenement('DEUX-PROCESSUS-2')), 201);
    const moi = await m.saisie.get<{ id: string }>('/api/moi');
    expectStatus(moi, 200);
    expectStatus(
      await m.adm.put(`/api/organisations/bailleur:${SIREN}/membres`, {
        compte_id: moi.body.id,
        permissions: ['lire'],
      }),
      200,
    );
    expectStatus(await parB.post(EVENEMENTS, evenement('DEUX-PROCESSUS-3')), 403);
    expectStatus(await parB.get(FIGURES), 200);
  });
});
