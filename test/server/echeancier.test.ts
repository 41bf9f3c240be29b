/**
 * Échéancier, iCalendar feed, webhooks and EPCI cotation through the real `convflux serve`
 * process, on SQLite and PostgreSQL, with the bundled example put in the database: the same
 * deadlines as `convflux echeancier` on the same files, each seen only by whom the policy allows;
 * webhooks received by a server on 127.0.0.1, signed, retried; cotation equal to the CLI's.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Echeance } from '../../src/echeancier/echeance.js';
import { repoRoot, runCli } from '../helpers.js';
import { chargerExemple93 } from './donnees-exemple.js';
import {
  admin,
  BASES,
  Client,
  demarrerServeur,
  expectStatus,
  membre,
  nouvelleBase,
  type Serveur,
} from './harness.js';

const BAILLEUR = { type: 'bailleur' as const, identifiant: '552046484' };
const DATE = '2025-06-15';
const STRASBOURG = 'rules/cotation/246700488/v1.yaml';
const ORLEANS = 'rules/cotation/244500468/v1.yaml';
const DEMANDES =
  'numero_unique;date_depot;dates_refus;logement_actuel;situation_professionnelle\n' +
  '0671 1190 0000 1;30/08/2024;28/02/2025;residence_sociale_foyer;cdd_stage_interim\n' +
  '0671119000002;2025-01-01;;;\n';

interface Diags {
  diagnostics: { code: string; line: number; message: string }[];
}
interface Reponse {
  date: string;
  echeances: Echeance[];
}

/** What `convflux echeancier` gives on the same files at the date. */
function cli(date: string): Echeance[] {
  const r = runCli([
    'echeancier',
    '--rules',
    'rules/conventions/93',
    '--parc',
    'test/fixtures/exemple-93/logements.csv',
    '--events',
    'test/fixtures/exemple-93/evenements.csv',
    '--date',
    date,
    '--json',
  ]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as Reponse).echeances;
}

/** A webhook receiver: records every POST; answers 500 to the first attempt of each delivery. */
interface Recu {
  type: string;
  livraison: string;
  signature: string;
  corps: string;
}
function recepteur(): Promise<{
  server: Server;
  url: string;
  recus: Recu[];
  tentatives: string[];
}> {
  const recus: Recu[] = [];
  const tentatives: string[] = [];
  const server = createServer((req, res) => {
    let corps = '';
    req.on('data', (b: Buffer) => (corps += b.toString()));
    req.on('end', () => {
      const livraison = String(req.headers['x-convflux-livraison']);
      const premiere = !tentatives.includes(livraison);
      tentatives.push(livraison);
      if (premiere) {
        // Failing (slowly for `test`): the request that queued it must not wait for this.
        const lent = req.headers['x-convflux-evenement'] === 'test' ? 2000 : 0;
        setTimeout(() => res.writeHead(500).end(), lent);
        return;
      }
      recus.push({
        type: String(req.headers['x-convflux-evenement']),
        livraison,
        signature: String(req.headers['x-convflux-signature']),
        corps,
      });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${String(port)}/hook`, recus, tentatives });
    });
  });
}

async function attendre(
  cond: () => boolean,
  ms = 15_000,
  avant?: () => Promise<void>,
): Promise<void> {
  const fin = Date.now() + ms;
  while ((await avant?.(), !cond())) {
    if (Date.now() > fin) throw new Error('attente dépassée');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ids = (es: readonly Echeance[]) => es.map((e) => e.id);

describe.each(BASES)('échéancier, webhooks et cotation (%s)', (base) => {
  let s: Serveur;
  let adm: Client;
  let bailleurLit: Client;
  let bailleurAdm: Client;
  let montreuil: Client;
  let etat: Client;
  let rennes: Client;
  let attendu: Echeance[];
  beforeAll(async () => {
    const args = await nouvelleBase(base);
    s = await demarrerServeur(base, args, {
      CONVFLUX_WEBHOOK_BACKOFF_MS: '150',
      CONVFLUX_WEBHOOK_BALAYAGE_MS: '300',
    });
    await chargerExemple93(args);
    adm = await admin(s);
    bailleurLit = await membre(s, adm, BAILLEUR, ['lire']);
    bailleurAdm = await membre(s, adm, BAILLEUR, ['administrer']);
    montreuil = await membre(s, adm, { type: 'reservataire', identifiant: 'montreuil' }, ['lire']);
    etat = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, ['lire']);
    rennes = await membre(s, adm, { type: 'reservataire', identifiant: 'rennes' }, ['administrer']);
    attendu = cli(DATE);
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('gives the bailleur the same deadlines as convflux echeancier on the same data', async () => {
    const r = await bailleurLit.get<Reponse>(`/api/echeancier?date=${DATE}`);
    expectStatus(r, 200);
    expect(r.body.echeances).toEqual(attendu);
    expect(new Set(attendu.map((e) => e.nature))).toEqual(
      new Set(['delai_designation', 'orientation_logement', 'bilan_annuel']),
    );
  }, 60_000);

  it('shows a réservataire its own cycles and the bilan, never another’s nor unoriented flats', async () => {
    const propres = (rid: string) =>
      attendu.filter(
        (e) =>
          (e.nature !== 'orientation_logement' && e.reservataire === rid) ||
          (e.nature === 'bilan_annuel' && e.reservataires?.includes(rid)),
      );
    const m = await montreuil.get<Reponse>(`/api/echeancier?date=${DATE}`);
    expect(ids(m.body.echeances)).toEqual(ids(propres('montreuil')));
    expect(m.body.echeances.some((e) => e.logement === '93-552046484-00438')).toBe(true);
    const e = await etat.get<Reponse>(`/api/echeancier?date=${DATE}`);
    expect(ids(e.body.echeances)).toEqual(ids(propres('etat-93')));
    expect(e.body.echeances.some((x) => x.logement === '93-552046484-00438')).toBe(false);
    expect(e.body.echeances.some((x) => x.nature === 'orientation_logement')).toBe(false);
    expect((await rennes.get<Reponse>(`/api/echeancier?date=${DATE}`)).body.echeances).toEqual([]);
  }, 60_000);

  it('refuses a bad date and anonymous calls', async () => {
    const r = await bailleurLit.get<Diags>('/api/echeancier?date=15-06-2025');
    expect(r.status).toBe(400);
    expect(r.body.diagnostics[0]?.code).toBe('SERVICE_DATE_INVALIDE');
    expect((await new Client(s.url).get('/api/echeancier')).status).toBe(401);
    // A real date the library does not evaluate (year outside 2000–2100): its refusal, not a 500.
    for (const date of ['0001-01-01', '9999-12-31']) {
      const hors = await bailleurLit.get<Diags>(`/api/echeancier?date=${date}`);
      expect(hors.status, JSON.stringify(hors.body)).toBe(400);
      expect(hors.body.diagnostics[0]?.code).toBe('SERVICE_DEMANDE_REFUSEE');
      expect(hors.body.diagnostics[0]?.message).toMatch(/^Demande refusée : .*2000 à 2100/);
    }
    const en = await bailleurLit.get<Diags>('/api/echeancier?date=0001-01-01', {
      'accept-language': 'en',
    });
    expect(en.status).toBe(400);
    expect(en.body.diagnostics[0]?.message).toMatch(/^Request refused: .*2000/);
    const t = await bailleurLit.post<{ chemin: string }>('/api/moi/calendrier');
    expectStatus(t, 201);
    const ics = await new Client(s.url).get<Diags>(`${t.body.chemin}&date=9999-12-31`);
    expect(ics.status).toBe(400);
    expect(ics.body.diagnostics[0]?.code).toBe('SERVICE_DEMANDE_REFUSEE');
  });

  it('serves each account’s iCalendar feed with a read-only calendar token in the URL', async () => {
    const t = await montreuil.post<{ id: string; chemin: string; jeton: string }>(
      '/api/moi/calendrier',
    );
    expectStatus(t, 201);
    const agenda = new Client(s.url); // no cookie, no header: as a calendar app
    const ics = await agenda.get<string>(`${t.body.chemin}&date=${DATE}`);
    expectStatus(ics, 200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const uids = [...ics.body.matchAll(/^UID:(.+)$/gm)].map((x) => x[1]?.trim());
    const json = await montreuil.get<Reponse>(`/api/echeancier?date=${DATE}`);
    expect(uids).toEqual(json.body.echeances.map((e) => `${e.id}@convflux`));
    expect(uids.length).toBeGreaterThan(0);
    // The calendar token opens nothing else.
    expect((await new Client(s.url, t.body.jeton).get('/api/moi')).status).toBe(401);
    expect((await agenda.get('/api/echeancier.ics?jeton=faux')).status).toBe(401);
    expect((await etat.delete(`/api/moi/calendrier/${t.body.id}`)).status).toBe(404);
    expectStatus(await montreuil.delete(`/api/moi/calendrier/${t.body.id}`), 204);
    const apres = await agenda.get<Diags>(t.body.chemin);
    expect(apres.status).toBe(401);
    expect(apres.body.diagnostics[0]?.code).toBe('SERVICE_JETON_CALENDRIER_INVALIDE');
  }, 60_000);

  it('delivers signed webhooks without blocking the request, retrying after a failure', async () => {
    const rec = await recepteur();
    try {
      const org = 'bailleur:552046484';
      expect(
        (await bailleurLit.post('/api/webhooks', { organisation: org, url: rec.url })).status,
      ).toBe(403);
      expect(
        (await montreuil.post('/api/webhooks', { organisation: org, url: rec.url })).status,
      ).toBe(404);
      const mauvais = await bailleurAdm.post<Diags>('/api/webhooks', {
        organisation: org,
        url: 'ftp://x',
      });
      expect(mauvais.status).toBe(400);
      const w = await bailleurAdm.post<{ id: string; secret: string }>('/api/webhooks', {
        organisation: org,
        url: rec.url,
      });
      expectStatus(w, 201);
      const liste = await bailleurAdm.get<{ webhooks: Record<string, unknown>[] }>('/api/webhooks');
      expect(liste.body.webhooks).toHaveLength(1);
      expect(liste.body.webhooks[0]).not.toHaveProperty('secret');
      expect((await bailleurLit.get('/api/webhooks')).status).toBe(403);
      expect((await montreuil.post(`/api/webhooks/${w.body.id}/test`)).status).toBe(404);

      const t0 = Date.now();
      expectStatus(await bailleurAdm.post(`/api/webhooks/${w.body.id}/test`), 202);
      expect(Date.now() - t0).toBeLessThan(1500); // the receiver takes 2 s to fail
      await attendre(() => rec.recus.some((x) => x.type === 'test'));
      const test = rec.recus.find((x) => x.type === 'test');
      expect(test?.signature).toBe(
        `sha256=${createHmac('sha256', w.body.secret)
          .update(test?.corps ?? '')
          .digest('hex')}`,
      );
      expect(rec.tentatives.filter((x) => x === test?.livraison)).toHaveLength(2);
      let livraisons: { type: string; statut: string; tentatives: number }[] = [];
      await attendre(
        () => livraisons[0]?.statut === 'livre',
        15_000,
        async () => {
          const l = await bailleurAdm.get<{ livraisons: typeof livraisons }>(
            `/api/webhooks/${w.body.id}/livraisons`,
          );
          livraisons = l.body.livraisons;
        },
      );
      expect(livraisons).toMatchObject([{ type: 'test', statut: 'livre', tentatives: 2 }]);

      // Each deadline the bailleur may see is announced once.
      const a = await bailleurAdm.post<{ annoncees: number }>(
        `/api/webhooks/echeances?date=${DATE}`,
      );
      expectStatus(a, 202);
      expect(a.body.annoncees).toBe(attendu.length);
      await attendre(
        () => rec.recus.filter((x) => x.type === 'echeance.nouvelle').length === attendu.length,
      );
      const annonces = rec.recus
        .filter((x) => x.type === 'echeance.nouvelle')
        .map(
          (x) => (JSON.parse(x.corps) as { donnees: { echeance: Echeance } }).donnees.echeance.id,
        );
      expect(annonces.sort()).toEqual(ids(attendu).sort());
      const encore = await bailleurAdm.post<{ annoncees: number }>(
        `/api/webhooks/echeances?date=${DATE}`,
      );
      expect(encore.body.annoncees).toBe(0);
      expect((await bailleurLit.post(`/api/webhooks/echeances?date=${DATE}`)).status).toBe(403);

      // A réservataire's webhooks are told only the deadlines it may see.
      const montreuilAdm = await membre(
        s,
        adm,
        { type: 'reservataire', identifiant: 'montreuil' },
        ['administrer'],
      );
      const wm = await montreuilAdm.post<{ id: string }>('/api/webhooks', {
        organisation: 'reservataire:montreuil',
        url: rec.url,
      });
      expectStatus(wm, 201);
      const am = await montreuilAdm.post<{ annoncees: number }>(
        `/api/webhooks/echeances?date=${DATE}`,
      );
      const visibles = (await montreuil.get<Reponse>(`/api/echeancier?date=${DATE}`)).body
        .echeances;
      expect(am.body.annoncees).toBe(visibles.length);
      const pourMontreuil = () =>
        rec.recus
          .map(
            (x) =>
              JSON.parse(x.corps) as { organisation: string; donnees: { echeance?: Echeance } },
          )
          .filter((x) => x.organisation === 'reservataire:montreuil');
      await attendre(() => pourMontreuil().length === visibles.length);
      expect(
        pourMontreuil()
          .map((x) => x.donnees.echeance?.id)
          .sort(),
      ).toEqual(ids(visibles).sort());
      expect(
        pourMontreuil().some((x) => x.donnees.echeance?.nature === 'orientation_logement'),
      ).toBe(false);
      expectStatus(await montreuilAdm.delete(`/api/webhooks/${wm.body.id}`), 204);

      expect((await montreuil.delete(`/api/webhooks/${w.body.id}`)).status).toBe(404);
      expectStatus(await bailleurAdm.delete(`/api/webhooks/${w.body.id}`), 204);
      expect(
        (await bailleurAdm.get<{ webhooks: unknown[] }>('/api/webhooks')).body.webhooks,
      ).toEqual([]);
    } finally {
      rec.server.close();
    }
  }, 60_000);

  it('lets an EPCI’s members upload grids and score demandes as convflux cotation does', async () => {
    const strasbourg = { type: 'epci' as const, identifiant: '246700488' };
    const redacteur = await membre(s, adm, strasbourg, ['rediger']);
    const lecteur = await membre(s, adm, strasbourg, ['lire']);
    const autre = await membre(s, adm, { type: 'epci', identifiant: '244500468' }, ['administrer']);
    const yaml = readFileSync(join(repoRoot, STRASBOURG), 'utf8');
    const type = { 'content-type': 'application/yaml' };
    expect((await lecteur.post('/api/epci/246700488/grilles', yaml, type)).status).toBe(403);
    expect((await autre.post('/api/epci/246700488/grilles', yaml, type)).status).toBe(404);
    // A body of another type (JSON) answers 415 (it was a 400), none 400.
    const grilleJson = await redacteur.post<Diags>('/api/epci/246700488/grilles', { cotation: 1 });
    expect(grilleJson.status).toBe(415);
    expect(grilleJson.body.diagnostics[0]?.code).toBe('SERVICE_CORPS_ATTENDU');
    expect((await redacteur.post('/api/epci/246700488/grilles')).status).toBe(400);
    const faux = await redacteur.post<Diags>(
      '/api/epci/246700488/grilles',
      yaml.replace(/^cotation: 1$/m, 'cotation: 1\ncle_inconnue: 3'),
      type,
    );
    expect(faux.status).toBe(400);
    expect(faux.body.diagnostics.some((d) => d.line > 0)).toBe(true);
    const orleans = await redacteur.post<Diags>(
      '/api/epci/246700488/grilles',
      readFileSync(join(repoRoot, ORLEANS), 'utf8'),
      type,
    );
    expect(orleans.body.diagnostics[0]?.code).toBe('COTATION_SIREN_INCOHERENT');
    expectStatus(await redacteur.post('/api/epci/246700488/grilles', yaml, type), 201);
    const demandesJson = await lecteur.post('/api/epci/246700488/cotation?date=2025-06-15', {});
    expect(demandesJson.status).toBe(415);
    expect((await redacteur.post('/api/epci/246700488/grilles', yaml, type)).status).toBe(409);
    const liste = await lecteur.get<{ grilles: { nom: string }[] }>('/api/epci/246700488/grilles');
    expect(liste.body.grilles.map((g) => g.nom)).toEqual(['v1']);
    expect((await autre.get('/api/epci/246700488/grilles')).status).toBe(404);
    expect((await lecteur.get<string>('/api/epci/246700488/grilles/v1')).body).toBe(yaml);

    const dir = mkdtempSync(join(tmpdir(), 'convflux-cotation-serve-'));
    writeFileSync(join(dir, 'd.csv'), DEMANDES);
    const r = runCli([
      'cotation',
      '--grille',
      STRASBOURG,
      '--demandes',
      join(dir, 'd.csv'),
      '--date',
      '2025-06-30',
      '--csv',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const csv = await lecteur.post<string>(
      '/api/epci/246700488/cotation?date=2025-06-30',
      DEMANDES,
      { 'content-type': 'text/csv', accept: 'text/csv' },
    );
    expectStatus(csv, 200);
    expect(csv.body).toBe(r.stdout);
    const json = await lecteur.post<{
      entrees: { cotees: number };
      cotations: { prioritaire: boolean | null }[];
    }>('/api/epci/246700488/cotation?date=2025-06-30&grille=v1', DEMANDES, {
      'content-type': 'text/csv',
    });
    expect(json.body.entrees.cotees).toBe(2);
    // No prioritaire_l441_1 column: the priority is not given (null), not false — as the CLI.
    expect(json.body.cotations.map((c) => c.prioritaire)).toEqual([null, null]);
    // The column given but its cell empty for a request: not given either (it answered false),
    // in JSON and in CSV.
    const vide =
      'numero_unique,date_depot,prioritaire_l441_1\n' +
      'A000000001,2024-08-30,non\nA000000002,2024-08-30,\nA000000003,2024-08-30,oui\n';
    const videJson = await lecteur.post<{ cotations: { prioritaire: boolean | null }[] }>(
      '/api/epci/246700488/cotation?date=2025-06-30',
      vide,
      { 'content-type': 'text/csv' },
    );
    expect(videJson.body.cotations.map((c) => c.prioritaire)).toEqual([false, null, true]);
    const videCsv = await lecteur.post<string>(
      '/api/epci/246700488/cotation?date=2025-06-30',
      vide,
      {
        'content-type': 'text/csv',
        accept: 'text/csv',
      },
    );
    expect(
      videCsv.body
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').at(-1)),
    ).toEqual(['non', 'non_renseigne', 'oui']);
    expect(
      (
        await autre.post('/api/epci/246700488/cotation?date=2025-06-30', DEMANDES, {
          'content-type': 'text/csv',
        })
      ).status,
    ).toBe(404);
    const sansDate = await lecteur.post<Diags>('/api/epci/246700488/cotation', DEMANDES, {
      'content-type': 'text/csv',
    });
    expect(sansDate.status).toBe(400);
    const releve = await lecteur.post<string>(
      '/api/epci/246700488/cotation/releve?date=2025-06-30&numero=0671119000001',
      DEMANDES,
      { 'content-type': 'text/csv' },
    );
    expectStatus(releve, 200);
    expect(releve.headers.get('content-type')).toMatch(/^text\/html/);
    expect(releve.body).toContain('Relevé de cotation');
    // A name asked for as a numéro is not written back (it was, in capitals: « Aucune demande
    // JEANNESENTINELLE »).
    const nom = await lecteur.post<Diags>(
      '/api/epci/246700488/cotation/releve?date=2025-06-30&numero=Jeanne%20Sentinelle',
      DEMANDES,
      { 'content-type': 'text/csv' },
    );
    expect(nom.status).toBe(400);
    expect(nom.body.diagnostics.map((d) => d.code)).toContain('COTATION_NUMERO_DEMANDE_INVALIDE');
    expect(JSON.stringify(nom.body).toLowerCase()).not.toContain('sentinelle');
  }, 60_000);

  it('scores with the grid version in force on the date asked, when no version is named', async () => {
    const epci = { type: 'epci' as const, identifiant: '244500468' };
    const redacteur = await membre(s, adm, epci, ['rediger', 'lire']);
    const v1 = readFileSync(join(repoRoot, 'rules/cotation/244500468/v1.yaml'), 'utf8');
    const v2 = v1
      .replace(/^version: 1$/m, 'version: 2')
      .replace(/^en_vigueur_le: '2025-01-01'$/m, "en_vigueur_le: '2026-01-01'");
    expect(v2).not.toBe(v1);
    const type = { 'content-type': 'application/yaml' };
    expectStatus(await redacteur.post('/api/epci/244500468/grilles', v1, type), 201);
    expectStatus(await redacteur.post('/api/epci/244500468/grilles', v2, type), 201);
    const demandes = 'numero_unique;date_depot\n0671119000001;2024-08-30\n';
    const coter = (date: string) =>
      redacteur.post<{ ok: boolean; grille: string; diagnostics?: { code: string }[] }>(
        `/api/epci/244500468/cotation?date=${date}`,
        demandes,
        { 'content-type': 'text/csv' },
      );
    // v2 is the last filed, but applies from 2026: in 2025, v1 scores (it answered v2, refused).
    const en2025 = await coter('2025-06-30');
    expectStatus(en2025, 200);
    expect([en2025.body.grille, en2025.body.ok]).toEqual(['v1', true]);
    const en2026 = await coter('2026-03-01');
    expect([en2026.body.grille, en2026.body.ok]).toEqual(['v2', true]);
    // Before any version applies: the last filed, which says from when it applies.
    const en2024 = await coter('2024-06-30');
    expect(en2024.body.ok).toBe(false);
    expect(JSON.stringify(en2024.body)).toContain('COTATION_GRILLE_PAS_EN_VIGUEUR');
    const releve = await redacteur.post<string>(
      '/api/epci/244500468/cotation/releve?date=2025-06-30&numero=0671119000001',
      demandes,
      { 'content-type': 'text/csv' },
    );
    expectStatus(releve, 200);
    expect(releve.body).toContain('Relevé de cotation');
  }, 60_000);
});
