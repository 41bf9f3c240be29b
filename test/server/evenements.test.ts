/**
 * Live recording of events through the real `convflux serve` process, on SQLite and PostgreSQL:
 * classification by the library (valid, anomalous to confirm, invalid), idempotence by id,
 * annulation, permissions, concurrent writers on one flat, and kill -9 during a burst.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXEMPLE, importer, monde, SIREN, type Monde } from './flux-outils.js';
import { BASES, Client, demarrerServeur, expectStatus, MOT_DE_PASSE } from './harness.js';

interface Saisie {
  classement?: string;
  id?: string;
  seq?: number;
  deja_enregistre?: boolean;
  diagnostics: { code: string; pointer: string; line: number; message: string }[];
}
interface Liste {
  evenements: { id: string; seq: number; classement: string; type: string }[];
}

const URL = `/api/bailleurs/${SIREN}/evenements`;
const L = (n: number) => `93-552046484-${String(n).padStart(5, '0')}`;

describe.each(BASES)('saisie des événements en direct (%s)', (base) => {
  let m: Monde;
  const poster = (corps: unknown, query = '') => m.saisie.post<Saisie>(URL + query, corps);
  const historique = async (logement: string) =>
    (await m.lecteur.get<Liste>(`${URL}?logement=${logement}`)).body.evenements;
  beforeAll(async () => {
    m = await monde(base);
    const parc = await importer(
      m.saisie,
      'nature=parc&format=csv',
      readFileSync(join(EXEMPLE, 'logements.csv')),
    );
    expectStatus(parc, 201);
  }, 90_000);
  afterAll(async () => {
    await m.s.stop();
  });

  it('records a valid event, then answers the same event again as already recorded', async () => {
    const e = { id: 'V1', date: '2025-03-01', type: 'liberation', logement: L(1) };
    const r = await poster(e);
    expect(r.status).toBe(201);
    expect(r.body.classement).toBe('valide');
    const encore = await poster(e);
    expect(encore.status).toBe(200);
    expect(encore.body).toMatchObject({
      classement: 'valide',
      deja_enregistre: true,
      seq: r.body.seq,
    });
    const autre = await poster({ ...e, date: '2025-03-02' });
    expect(autre.status).toBe(409);
    expect(autre.body.diagnostics[0]?.code).toBe('SAISIE_ID_DEJA_PRIS');
    expect((await historique(L(1))).map((x) => x.id)).toEqual(['V1']);
  });

  it('asks to confirm an anomalous event, then records it with its alert', async () => {
    const e = {
      id: 'A1',
      date: '2025-03-03',
      type: 'designation',
      logement: L(2),
      reservataire: 'etat-93',
      candidats: 3,
    };
    const r = await poster(e);
    expect(r.status).toBe(409);
    expect(r.body.classement).toBe('anomalie');
    expect(r.body.diagnostics.map((d) => d.code)).toEqual([
      'DESIGNATION_HORS_CYCLE',
      'SAISIE_CONFIRMATION_REQUISE',
    ]);
    expect(await historique(L(2))).toHaveLength(0);
    const ok = await poster(e, '?confirmer=true');
    expect(ok.status).toBe(201);
    expect(ok.body.classement).toBe('anomalie');
    expect((await historique(L(2)))[0]?.classement).toBe('anomalie');
  });

  it('refuses a malformed parameter instead of reading it as false or as no filter', async () => {
    const e = {
      id: 'P1',
      date: '2025-03-03',
      type: 'designation',
      logement: L(3),
      reservataire: 'etat-93',
      candidats: 3,
    };
    // confirmer=oui was read as « not confirmed », tolerant=oui as « all or nothing »: 400 now.
    const oui = await poster(e, '?confirmer=oui');
    expect(oui.status).toBe(400);
    expect(oui.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['SAISIE_PARAMETRE_INVALIDE', ''],
    ]);
    const csv = `id,date,type,logement\nP2,2025-03-01,liberation,${L(3)}\n`;
    const tolerant = await importer(m.saisie, 'nature=evenements&format=csv&tolerant=oui', csv);
    expect(tolerant.status).toBe(400);
    expect(await historique(L(3))).toHaveLength(0);
    // apres=abc returned every event, depuis=2025-02-30 compared as text: both 400 now.
    for (const q of [
      'apres=abc',
      'apres=-1',
      'depuis=2025-02-30',
      'depuis=hier',
      'logement=a&logement=b',
    ]) {
      const r = await m.lecteur.get<Saisie>(`${URL}?${q}`, { 'accept-language': 'en' });
      expect(r.status, q).toBe(400);
      expect(r.body.diagnostics[0]?.code, q).toMatch(/^(SAISIE_PARAMETRE|SERVICE_DATE)_INVALIDE$/);
    }
    expect((await m.lecteur.get<Liste>(`${URL}?apres=0&depuis=2025-01-01`)).status).toBe(200);
  });

  it('refuses an invalid event with the reason, writing nothing', async () => {
    const mauvaise = await poster({
      id: 'I1',
      date: '2025-02-30',
      type: 'liberation',
      logement: L(3),
    });
    expect(mauvaise.status).toBe(400);
    expect(mauvaise.body.classement).toBe('invalide');
    expect(mauvaise.body.diagnostics[0]?.pointer).toBe('/date');
    const inconnu = await poster({
      id: 'I2',
      date: '2025-02-01',
      type: 'liberation',
      logement: 'nulle-part',
    });
    expect(inconnu.body.diagnostics[0]?.code).toBe('LOGEMENT_INCONNU');
    const sansConvention = await poster({
      id: 'I3',
      date: '2025-02-01',
      type: 'orientation',
      logement: L(3),
      reservataire: 'personne',
    });
    expect(sansConvention.status).toBe(400);
    // The field to correct is the réservataire (it pointed at the whole event, "").
    expect(sansConvention.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['RESERVATAIRE_INCONNU', '/reservataire'],
    ]);
    const horsSchema = await m.saisie.post<Saisie>(URL, { id: 'I4' });
    expect(horsSchema.status).toBe(400);
    // A posted body has no line: each diagnostic points into it by its JSON pointer alone (they
    // carried the flat's rank in the log, a line of a history file the caller never saw).
    const champ = await poster({
      id: 'I5',
      date: '2025-02-01',
      type: 'orientation',
      logement: L(3),
    });
    expect(champ.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['LIGNE_CHAMP_REQUIS_POUR_TYPE', '/reservataire'],
    ]);
    // A date outside the years convflux evaluates is refused as the CLI rejects its row.
    const an1 = await poster({ id: 'I6', date: '0001-02-03', type: 'liberation', logement: L(3) });
    expect(an1.status).toBe(400);
    expect(an1.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['LIGNE_DATE_HORS_ANNEES', '/date'],
    ]);
    const an2 = await m.saisie.post<Saisie>(URL, {
      id: 'I7',
      date: '2025-02-01',
      type: 'conge',
      logement: L(3),
      date_liberation_prevue: '2205-05-01',
    });
    expect(an2.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['LIGNE_DATE_HORS_ANNEES', '/date_liberation_prevue'],
    ]);
    const en = await m.saisie.post<Saisie>(
      URL,
      { id: 'I8', date: '0001-02-03', type: 'liberation', logement: L(3) },
      { 'accept-language': 'en' },
    );
    expect(en.body.diagnostics[0]?.message).toMatch(/^Implausible date 0001-02-03 in "date"/);
    for (const r of [mauvaise, inconnu, sansConvention, horsSchema, champ, an1, an2])
      expect(r.body.diagnostics.map((d) => d.line)).toEqual(r.body.diagnostics.map(() => 0));
    expect(await historique(L(3))).toHaveLength(0);
  });

  it('corrects by annulation: the cancelled event stays in the log, an unknown id is refused', async () => {
    expectStatus(
      await poster({ id: 'C1', date: '2025-04-01', type: 'liberation', logement: L(4) }),
      201,
    );
    expectStatus(
      await poster({
        id: 'C2',
        date: '2025-04-02',
        type: 'orientation',
        logement: L(4),
        reservataire: 'etat-93',
      }),
      201,
    );
    const a = await poster({
      id: 'C3',
      date: '2025-04-03',
      type: 'annulation',
      logement: L(4),
      annule: 'C2',
    });
    expect(a.status).toBe(201);
    expect(a.body.classement).toBe('valide');
    // The orientation is cancelled: orienting the flat again is no double orientation.
    const b = await poster({
      id: 'C4',
      date: '2025-04-04',
      type: 'orientation',
      logement: L(4),
      reservataire: 'etat-93',
    });
    expect(b.status).toBe(201);
    expect(b.body.classement).toBe('valide');
    const inconnue = await poster({
      id: 'C5',
      date: '2025-04-05',
      type: 'annulation',
      logement: L(4),
      annule: 'ZZZ',
    });
    expect(inconnue.status).toBe(400);
    expect(inconnue.body.diagnostics[0]?.code).toBe('ANNULATION_INCONNUE');
    const double = await poster({
      id: 'C6',
      date: '2025-04-05',
      type: 'annulation',
      logement: L(4),
      annule: 'C3',
    });
    expect(double.body.diagnostics[0]?.code).toBe('ANNULATION_D_ANNULATION');
    // A second annulation names the first one by its id: « (ligne 3) » was its rank in the log.
    const encore = await poster({
      id: 'C7',
      date: '2025-04-06',
      type: 'annulation',
      logement: L(4),
      annule: 'C2',
    });
    expect(encore.status).toBe(400);
    expect(encore.body.diagnostics).toMatchObject([
      {
        code: 'ANNULATION_EN_DOUBLE',
        line: 0,
        pointer: '/annule',
        message: 'L’événement « C2 » est déjà annulé par l’événement « C3 ».',
      },
    ]);
    const h = await historique(L(4));
    expect(h.map((x) => x.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    const suite = await m.lecteur.get<Liste>(`${URL}?logement=${L(4)}&apres=${String(h[1]?.seq)}`);
    expect(suite.body.evenements.map((x) => x.id)).toEqual(['C3', 'C4']);
  });

  it('lets only the bailleur’s recording members record; réservataires never see events', async () => {
    const e = { id: 'P1', date: '2025-05-01', type: 'liberation', logement: L(5) };
    expect((await m.lecteur.post(URL, e)).status).toBe(403);
    expect((await m.reservataire.post(URL, e)).status).toBe(404);
    expect((await m.reservataire.get(URL)).status).toBe(404);
    expect((await m.reservataire.get(`/api/bailleurs/${SIREN}/logements/${L(5)}`)).status).toBe(
      404,
    );
    expect((await new Client(m.s.url).post(URL, e)).status).toBe(401);
    expect((await m.lecteur.get(`/api/bailleurs/${SIREN}/logements/${L(5)}`)).status).toBe(200);
  });

  it('serialises 20 concurrent writers on one flat: one orientation counted, no id twice', async () => {
    expectStatus(
      await poster({ id: 'K0', date: '2025-06-01', type: 'liberation', logement: L(6) }),
      201,
    );
    // Ten different orientations at once (only the first can be valid: the others orient an
    // oriented flat), each sent twice at once (idempotence under concurrency).
    const corps = Array.from({ length: 10 }, (_, i) => ({
      id: `K${String(i + 1)}`,
      date: '2025-06-02',
      type: 'orientation',
      logement: L(6),
      reservataire: 'etat-93',
    }));
    const r = await Promise.all([...corps, ...corps].map((c) => poster(c)));
    const statuts = r.map((x) => x.status);
    expect(statuts.filter((s) => s === 201)).toHaveLength(1);
    expect(statuts.every((s) => s === 201 || s === 409 || s === 200)).toBe(true);
    const h = await historique(L(6));
    expect(h.map((x) => x.type)).toEqual(['liberation', 'orientation']);
    const valides = r.filter((x) => x.status === 201).map((x) => x.body.id);
    expect(h[1]?.id).toBe(valides[0]);
    // The same 20 again, confirmed: each id recorded once, whatever the interleaving.
    const c = await Promise.all([...corps, ...corps].map((x) => poster(x, '?confirmer=true')));
    expect(c.every((x) => x.status === 200 || x.status === 201)).toBe(true);
    const ids = (await historique(L(6))).map((x) => x.id);
    expect(ids).toHaveLength(11);
    expect(new Set(ids).size).toBe(11);
  });

  it('kill -9 during a burst: every acknowledged event is there after restart', async () => {
    const acquittes: string[] = [];
    const envois: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      const e = {
        id: `B${String(i)}`,
        date: '2025-07-01',
        type: 'liberation',
        logement: L(100 + i),
      };
      envois.push(
        poster(e)
          .then((r) => {
            if (r.status === 201) acquittes.push(e.id);
          })
          .catch(() => undefined),
      );
      if (i === 30) await new Promise((r) => setTimeout(r, 30));
    }
    while (acquittes.length < 5) await new Promise((r) => setTimeout(r, 5));
    await m.s.tuer();
    await Promise.all(envois);
    expect(acquittes.length).toBeGreaterThan(0);
    m.s = await demarrerServeur(base, m.s.args);
    m.saisie = new Client(m.s.url);
    expectStatus(await m.saisie.connecter(m.emailSaisie, MOT_DE_PASSE), 201);
    const tous = (await m.saisie.get<Liste>(`${URL}?depuis=2025-07-01`)).body.evenements;
    const ids = new Set(tous.map((x) => x.id));
    for (const id of acquittes) expect(ids.has(id)).toBe(true);
  }, 60_000);
});
