/**
 * Group commit of live events, on SQLite and PostgreSQL: a batch written by one transaction
 * (`ecrireLot`, on the test server's database opened directly) commits its valid events, answers
 * an invalid one alone with its diagnostic, classifies each event against the events ahead of it
 * in the batch, and writes an audit row per event; through the real server, a burst with one
 * invalid event records every other one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/server/db/open-database.js';
import { ecrireLot, type Issue } from '../../src/server/flux/lot-evenements.js';
import type { Reponse, Saisie } from '../../src/server/flux/saisie-evenement.js';
import { ouvrirBase } from './base-directe.js';
import { EXEMPLE, importer, monde, SIREN, type Monde } from './flux-outils.js';
import { BASES, expectStatus } from './harness.js';

interface Liste {
  evenements: { id: string; seq: number; classement: string; type: string }[];
}
interface Corps {
  classement?: string;
  id?: string;
  seq?: number;
  diagnostics: { code: string; pointer: string }[];
}

const URL = `/api/bailleurs/${SIREN}/evenements`;
const L = (n: number) => `93-552046484-${String(n).padStart(5, '0')}`;

const saisie = (ligne: Record<string, unknown>, confirmer = false): Saisie => ({
  bailleur: SIREN,
  ligne,
  confirmer,
  qui: 'test-lot',
  quand: new Date('2026-12-03T08:00:00Z'),
  lang: 'fr',
  fichier: `POST ${URL}`,
});

function reponse(i: Issue | undefined): Reponse {
  if (i === undefined || i === 'reporte' || 'erreur' in i)
    throw new Error(`pas une réponse : ${JSON.stringify(i)}`);
  return i;
}

describe.each(BASES)('saisie groupée (%s)', (nom) => {
  let m: Monde;
  let base: Base;
  const historique = async (logement: string) =>
    (await m.lecteur.get<Liste>(`${URL}?logement=${logement}`)).body.evenements;
  beforeAll(async () => {
    m = await monde(nom);
    const parc = await importer(
      m.saisie,
      'nature=parc&format=csv',
      readFileSync(join(EXEMPLE, 'logements.csv')),
    );
    expectStatus(parc, 201);
    base = await ouvrirBase(m.s.args);
  }, 90_000);
  afterAll(async () => {
    await base.close();
    await m.s.stop();
  });

  it('commits a batch whose one event is invalid, answering that one with its diagnostic', async () => {
    const orientation = {
      id: 'G2',
      date: '2025-05-02',
      type: 'orientation',
      logement: L(20),
      reservataire: 'etat-93',
    };
    // On a flat with no event, an orientation is valid (the control: flat 23)…
    const seule = reponse(
      (await ecrireLot(base, [saisie({ ...orientation, id: 'G0', logement: L(23) })]))[0],
    );
    expect(seule.status).toBe(201);
    // …but a second orientation behind one in the same batch orients an oriented flat.
    const issues = await ecrireLot(base, [
      saisie({ id: 'G1', date: '2025-05-01', type: 'liberation', logement: L(20) }),
      saisie({ id: 'G9', date: '2025-05-01', type: 'liberation', logement: 'nulle-part' }),
      saisie(orientation),
      saisie({ id: 'G3', date: '2025-05-01', type: 'liberation', logement: L(21) }),
      saisie({ ...orientation, id: 'G4' }),
    ]);
    const g4 = reponse(issues[4]);
    expect(g4.status).toBe(409);
    expect(g4.body.classement).toBe('anomalie');
    expect(g4.body.diagnostics.at(-1)?.code).toBe('SAISIE_CONFIRMATION_REQUISE');
    const [g1, g9, g2, g3] = issues.map(reponse);
    expect(g9?.status).toBe(400);
    expect(g9?.body.classement).toBe('invalide');
    expect(g9?.body.diagnostics.map((d) => d.code)).toEqual(['LOGEMENT_INCONNU']);
    for (const r of [g1, g2, g3]) {
      expect(r?.status).toBe(201);
      expect(r?.body.classement).toBe('valide');
    }
    const h = await historique(L(20));
    expect(h.map((e) => [e.id, e.seq])).toEqual([
      ['G1', g1?.body.seq],
      ['G2', g2?.body.seq],
    ]);
    expect((await historique(L(21))).map((e) => [e.id, e.seq])).toEqual([['G3', g3?.body.seq]]);
    expect(await historique('nulle-part')).toEqual([]);

    const audit = await base.db
      .selectFrom('audit')
      .select(['quand', 'action', 'objet', 'details'])
      .where('qui', '=', 'test-lot')
      .where('objet', 'not like', '%:G0')
      .orderBy('seq')
      .execute();
    const attendus: [string, string, Reponse | undefined][] = [
      ['G1', 'liberation', g1],
      ['G2', 'orientation', g2],
      ['G3', 'liberation', g3],
    ];
    expect(audit).toEqual(
      attendus.map(([id, type, r]) => ({
        quand: '2026-12-03T08:00:00.000Z',
        action: 'evenement.enregistre',
        objet: `bailleur:${SIREN}/evenement:${id}`,
        details: JSON.stringify({ type, classement: 'valide', seq: r?.body.seq }),
      })),
    );
  });

  it('answers an id sent twice in one batch once recorded, the second as already recorded', async () => {
    const e = { id: 'D1', date: '2025-05-03', type: 'liberation', logement: L(22) };
    const [a, b, c] = (
      await ecrireLot(base, [saisie(e), saisie(e), saisie({ ...e, date: '2025-05-04' })])
    ).map((i) => (i === 'reporte' ? i : reponse(i)));
    expect(a === 'reporte' ? a : a?.status).toBe(201);
    // The batch leaves the repeats to the next batch, which finds the id recorded.
    expect([b, c]).toEqual(['reporte', 'reporte']);
  });

  it('a burst with one invalid event through the server: every other one recorded', async () => {
    const corps = Array.from({ length: 16 }, (_, i) => ({
      id: `R${String(i)}`,
      date: '2025-05-10',
      type: 'liberation',
      logement: i === 7 ? 'nulle-part' : L(30 + i),
    }));
    const r = await Promise.all(corps.map((c) => m.saisie.post<Corps>(URL, c)));
    r.forEach((x, i) => {
      if (i === 7) {
        expect(x.status).toBe(400);
        expect(x.body.diagnostics[0]?.code).toBe('LOGEMENT_INCONNU');
        expect(x.body.diagnostics[0]?.pointer).toBe('/logement');
      } else {
        expect(x.status).toBe(201);
        expect(x.body.id).toBe(corps[i]?.id);
      }
    });
    const tous = (await m.lecteur.get<Liste>(`${URL}?depuis=2025-05-10`)).body.evenements;
    expect(tous.map((e) => e.id).sort()).toEqual(
      corps
        .filter((_, i) => i !== 7)
        .map((c) => c.id)
        .sort(),
    );
    const seqs = r.filter((x) => x.status === 201).map((x) => x.body.seq);
    expect(new Set(seqs).size).toBe(15);
    // The same burst again: every one already recorded (200), the invalid one still refused.
    const encore = await Promise.all(corps.map((c) => m.saisie.post<Corps>(URL, c)));
    expect(encore.map((x) => x.status)).toEqual(corps.map((_, i) => (i === 7 ? 400 : 200)));
  });
});
