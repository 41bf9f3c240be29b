/**
 * Live figures, explanation, orientations, bilan and prévisionnel downloads through the real
 * `convflux serve` process, on SQLite and PostgreSQL. The data is put in the database directly
 * (test/server/donnees.ts) and the same data exported as files: the service's answers must be the
 * CLI's (`convflux evaluate --json`, `orient --json`, `bilan`) on those files.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/server/db/open-database.js';
import { pdfPageTexts } from '../pdf-text.js';
import {
  deuxiemeBailleur,
  exemple,
  exporter,
  inserer,
  ouvrirBase,
  type Exemple,
  type Ligne,
} from './donnees.js';
import { ditAuService } from './dit-au-service.js';
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

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'convflux.js');
const SIREN = '552046484';
/** A second bailleur in the 93, with a convention for Saint-Denis (test/server/donnees.ts). */
const AUTRE_SIREN = '353017015';
const FIGURES = `/api/bailleurs/${SIREN}/departements/93/figures`;
const BILAN = `/api/bailleurs/${SIREN}/departements/93/bilan/2025`;
/** The example's data was recorded on 1 February 2026; the bilan was sent on 28 February. */
const ENREGISTRE_LE = '2026-02-01T09:00:00.000Z';
const AU = '2026-02-28T18:00:00Z';

/** `convflux <args> --json` in the export folder (exit 1 is a finding, not a failure). */
async function cli(dir: string, args: string[]): Promise<unknown> {
  // Asynchronous: a blocked event loop would keep the client's idle sockets the server closed.
  const r = await run(process.execPath, [BIN, ...args], dir);
  if (r.code !== 0 && r.code !== 1) throw new Error(r.stderr);
  return args.includes('--json') ? (JSON.parse(r.stdout) as unknown) : undefined;
}

function run(cmd: string, args: string[], cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
const ENTREES = ['--rules', 'rules', '--parc', 'logements.ndjson', '--events', 'evenements.ndjson'];
/** The CLI's figures, their messages in the service's words (`ditAuService`). */
const evaluer = async (dir: string, ...plus: string[]) =>
  ditAuService(
    (await cli(dir, ['evaluate', ...ENTREES, '--annee', '2025', ...plus, '--json'])) as Evaluation,
  );

interface Evaluation {
  ok: boolean;
  conventions: { id: string; reservataire: { id: string }; flux_annuel: number }[];
  [k: string]: unknown;
}
interface Diags {
  diagnostics: { code: string; pointer: string; message: string }[];
}
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The raw bytes of a download, through an API token of the client's account. */
const jetons = new WeakMap<Client, string>();
async function octets(c: Client, path: string) {
  let jeton = jetons.get(c);
  if (!jeton) {
    const j = await c.post<{ jeton: string }>('/api/moi/jetons', { nom: 'téléchargements' });
    jeton = j.body.jeton;
    jetons.set(c, jeton);
  }
  const r = await fetch(c.url + path, { headers: { authorization: `Bearer ${jeton}` } });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

/** The flats of the parc that have no event: freeing one moves the year's flux. */
function sansEvenements(ex: Exemple): string[] {
  const vus = new Set(ex.evenements.map((e) => e['logement']));
  return ex.logements
    .filter((x) => !vus.has(x['logement']) && !x['hors_flux'])
    .map((x) => x['logement'] ?? '');
}

function sansEvenement(ex: Exemple): string {
  const [l] = sansEvenements(ex);
  if (!l) throw new Error('aucun logement sans événement');
  return l;
}

/** The two events the freshness test records on a flat without event. */
const nouveauxPour = (logement: string): Ligne[] => [
  { id: 'E99998', date: '2025-12-20', type: 'liberation', logement },
  { id: 'E99999', date: '2025-12-22', type: 'orientation', logement, reservataire: 'etat-93' },
];

describe.each(BASES)('chiffres vivants et documents (%s)', (nom) => {
  let s: Serveur;
  let base: Base;
  let ex: Exemple;
  let dossier: string;
  let second: Exemple;
  let bailleur: Client;
  let etat: Client;
  let saintDenis: Client;
  let autreBailleur: Client;
  let saisie: Client;
  let adm: Client;

  beforeAll(async () => {
    s = await demarrerServeur(nom, await nouvelleBase(nom));
    adm = await admin(s);
    bailleur = await membre(s, adm, { type: 'bailleur', identifiant: SIREN }, ['lire']);
    etat = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, ['lire']);
    saintDenis = await membre(s, adm, { type: 'reservataire', identifiant: 'saint-denis' }, [
      'lire',
    ]);
    autreBailleur = await membre(s, adm, { type: 'bailleur', identifiant: '200000172' }, [
      'lire',
      'administrer',
    ]);
    saisie = await membre(s, adm, { type: 'bailleur', identifiant: SIREN }, ['lire', 'saisir']);
    base = await ouvrirBase(s);
    ex = exemple();
    await inserer(base, ex, { creeLe: '2026-01-15T09:00:00.000Z', enregistreLe: ENREGISTRE_LE });
    dossier = exporter(ex);
    second = deuxiemeBailleur(ex, AUTRE_SIREN);
    await inserer(base, second, {
      creeLe: '2026-01-15T09:00:00.000Z',
      enregistreLe: ENREGISTRE_LE,
    });
  }, 90_000);
  afterAll(async () => {
    await base.close();
    await s.stop();
  });

  it('answers per bailleur × département exactly what convflux evaluate --json gives', async () => {
    const r = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025`);
    expect(r.status).toBe(200);
    const attendu = await evaluer(dossier);
    expect(attendu.conventions.length).toBeGreaterThan(3);
    expect(r.body).toEqual(attendu);
    const d = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025&date=2025-06-30`);
    expect(d.body).toEqual(await evaluer(dossier, '--date', '2025-06-30'));
  });

  it('answers 304 to a client that holds the same figures (If-None-Match), 200 to one that does not', async () => {
    const r = await bailleur.get(`${FIGURES}?annee=2025`);
    const etag = r.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    // As a browser revalidates (fetch itself adds `Cache-Control: no-cache` to a conditional
    // request without one, which asks for the full answer).
    const revalider = { 'cache-control': 'max-age=0' };
    const meme = await bailleur.get(`${FIGURES}?annee=2025`, {
      ...revalider,
      'if-none-match': etag ?? '',
    });
    expect(meme.status).toBe(304);
    const autre = await bailleur.get(`${FIGURES}?annee=2025`, {
      ...revalider,
      'if-none-match': 'W/"autre"',
    });
    expect(autre.status).toBe(200);
    expect(autre.headers.get('etag')).toBe(etag);
  });

  it('gives a réservataire its own conventions only, across bailleurs, nothing flat-level of the others', async () => {
    const attendu = await evaluer(dossier);
    const r = await etat.get<Evaluation>('/api/reservataires/etat-93/figures?annee=2025');
    expect(r.status).toBe(200);
    expect(r.body.conventions).toEqual(
      attendu.conventions.filter((c) => c.reservataire.id === 'etat-93'),
    );
    expect(Object.keys(r.body).sort()).toEqual(['annee', 'conventions', 'date', 'ok']);
    const convention = await etat.get<Evaluation>(
      '/api/conventions/93-552046484-etat-93/figures?annee=2025',
    );
    expect(convention.body.conventions.map((c) => c.id)).toEqual(['93-552046484-etat-93']);
    // Another réservataire's figures, the bailleur's whole figures, flats: not even visible.
    for (const path of [
      '/api/reservataires/saint-denis/figures?annee=2025',
      '/api/conventions/93-552046484-saint-denis/figures?annee=2025',
      `${FIGURES}?annee=2025`,
      `/api/bailleurs/${SIREN}/logements/${ex.logements[0]?.['logement'] ?? ''}/explication?annee=2025`,
      `/api/bailleurs/${SIREN}/orientations`,
    ])
      expect((await etat.get<Diags>(path)).status, path).toBe(404);
    expect((await autreBailleur.get(`${FIGURES}?annee=2025`)).status).toBe(404);
    // Across bailleurs: Saint-Denis's figures at the second bailleur, then at the example's.
    const sd = await saintDenis.get<Evaluation>(
      '/api/reservataires/saint-denis/figures?annee=2025',
    );
    const siens = (e: Evaluation) =>
      e.conventions.filter((c) => c.reservataire.id === 'saint-denis');
    expect(sd.body.conventions).toEqual([
      ...siens(await evaluer(exporter(second))),
      ...siens(attendu),
    ]);
    expect(sd.body.conventions.map((c) => c.id)).toEqual([
      `93-${AUTRE_SIREN}-saint-denis`,
      `93-${SIREN}-saint-denis`,
    ]);
    const sansAnnee = await bailleur.get<Diags>(FIGURES);
    expect(sansAnnee.status).toBe(400);
    expect(sansAnnee.body.diagnostics[0]?.code).toBe('SERVICE_CHAMP_INVALIDE');
    const horsAnnee = await bailleur.get<Diags>(`${FIGURES}?annee=2025&date=2024-06-30`);
    expect(horsAnnee.status).toBe(400);
  });

  it('refuses a day that is not in the calendar in date= and au= (not read as the next month), in the request’s language', async () => {
    // Date.parse reads 2026-02-30T10:00:00Z as 2 March: au= moved silently to another moment.
    for (const q of [
      'date=2025-02-30',
      'au=2026-02-30',
      'au=2026-02-30T10:00:00Z',
      'au=2026-02-28 10:00',
    ]) {
      const r = await bailleur.get<Diags>(`${FIGURES}?annee=2025&${q}`);
      expect(r.status, q).toBe(400);
      expect(
        r.body.diagnostics.map((d) => [d.code, d.pointer]),
        q,
      ).toEqual([['SERVICE_CHAMP_INVALIDE', `/${q.slice(0, q.indexOf('='))}`]]);
    }
    const en = { 'accept-language': 'en' };
    const sansAnnee = await bailleur.get<Diags>(FIGURES, en);
    expect(sansAnnee.body.diagnostics.map((d) => d.message)).toEqual([
      'Field annee: a year YYYY expected.',
    ]);
    const au = await bailleur.get<Diags>(`${FIGURES}?annee=2025&au=hier`, en);
    expect(au.body.diagnostics.map((d) => d.message)).toEqual([
      'Field au: an ISO 8601 instant (YYYY-MM-DDTHH:MM:SSZ) expected.',
    ]);
    // A future au= gave today's figures, and a bilan archived with it recorded a moment to come.
    const demain = new Date(Date.now() + 86_400_000).toISOString();
    for (const q of [`au=2099-01-01`, `au=${demain.slice(0, 10)}`, `au=${demain}`]) {
      for (const chemin of [`${FIGURES}?annee=2025&${q}`, `${BILAN}?format=csv&${q}`]) {
        const r = await bailleur.get<Diags>(chemin);
        expect(r.status, chemin).toBe(400);
        expect(r.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
          ['SERVICE_CHAMP_INVALIDE', '/au'],
        ]);
      }
    }
    const futur = await bailleur.get<Diags>(`${FIGURES}?annee=2025&au=2099-01-01`, en);
    expect(futur.body.diagnostics.map((d) => d.message)).toEqual([
      'Field au: a past moment (at most the server’s current time, or today’s date) expected.',
    ]);
    // Now answers, and today's date is the present: the log as it is at the request (it was read
    // as 23:59:59.999Z, a moment to come); X-Convflux-Au says the moment read.
    const aujourdhui = new Date().toISOString();
    const maintenant = await bailleur.get(`${FIGURES}?annee=2025&au=${aujourdhui}`);
    expect(maintenant.status).toBe(200);
    expect(maintenant.headers.get('x-convflux-au')).toBe(aujourdhui);
    const avantJour = Date.now();
    const jour = await bailleur.get(`${FIGURES}?annee=2025&au=${aujourdhui.slice(0, 10)}`);
    expect(jour.status).toBe(200);
    const lu = Date.parse(jour.headers.get('x-convflux-au') ?? '');
    expect(lu).toBeGreaterThanOrEqual(avantJour - 1000);
    expect(lu).toBeLessThanOrEqual(Date.now());
    expect(jour.body).toEqual((await bailleur.get(`${FIGURES}?annee=2025`)).body);
    // A past day is the end of that day.
    const hier = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const r = await bailleur.get(`${FIGURES}?annee=2025&au=${hier}`);
    expect(r.headers.get('x-convflux-au')).toBe(`${hier}T23:59:59.999Z`);
    const format = await bailleur.get<Diags>(`${BILAN}?format=docx`, en);
    expect(format.status).toBe(400);
    expect(format.body.diagnostics[0]?.message).toBe('Field format: pdf or csv or xlsx expected.');
  });

  it('moves the data version header of the figures an event changes, and of those only', async () => {
    const entete = (r: { headers: Headers }) => r.headers.get('x-convflux-version-donnees');
    const sd = '/api/reservataires/saint-denis/figures?annee=2025';
    const [sdAvant, siennesAvant] = [
      await saintDenis.get(sd),
      await bailleur.get(`${FIGURES}?annee=2025`),
    ];
    const autre = await membre(s, adm, { type: 'bailleur', identifiant: AUTRE_SIREN }, [
      'lire',
      'saisir',
    ]);
    const logement = sansEvenements(second)[5] ?? '';
    const e = { id: 'ENTETE-1', date: '2025-10-02', type: 'liberation', logement };
    expectStatus(
      await autre.post(`/api/bailleurs/${AUTRE_SIREN}/evenements?confirmer=true`, e),
      201,
    );
    // Saint-Denis's figures gather the second bailleur's (first) and the example's: moved.
    expect(entete(await saintDenis.get(sd))).not.toBe(entete(sdAvant));
    // The example bailleur's figures neither changed nor say anything of the other's activity.
    expect(entete(await bailleur.get(`${FIGURES}?annee=2025`))).toBe(entete(siennesAvant));
  });

  it('explains a flat and suggests orientations as the CLI does (bailleur members only)', async () => {
    const logement = ex.evenements.find((e) => e['type'] === 'orientation')?.['logement'] ?? '';
    const x = await bailleur.get(
      `/api/bailleurs/${SIREN}/logements/${logement}/explication?annee=2025`,
    );
    expect(x.status).toBe(200);
    expect(x.body).toEqual(
      await cli(dossier, [
        'evaluate',
        ...ENTREES,
        '--annee',
        '2025',
        '--explain',
        logement,
        '--json',
      ]),
    );
    // In English (Accept-Language) as with --lang en: a flat with an alert, its words in English.
    const evaluation = (await cli(dossier, [
      'evaluate',
      ...ENTREES,
      '--annee',
      '2025',
      '--json',
    ])) as { conventions: { alertes: { code: string; logement: string }[] }[] };
    const alerte = evaluation.conventions
      .flatMap((c) => c.alertes)
      .find((a) => a.code === 'DESIGNATION_HORS_DELAI');
    expect(alerte).toBeDefined();
    const en = await bailleur.get<{ etapes: { libelles_alertes: Record<string, string> }[] }>(
      `/api/bailleurs/${SIREN}/logements/${alerte?.logement ?? ''}/explication?annee=2025`,
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(200);
    expect(en.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(en.body.etapes.map((e) => e.libelles_alertes)).toContainEqual({
      DESIGNATION_HORS_DELAI: 'Designation not made within the delay',
    });
    expect(en.body).toEqual(
      await cli(dossier, [
        'evaluate',
        ...ENTREES,
        '--annee',
        '2025',
        '--explain',
        alerte?.logement ?? '',
        '--json',
        '--lang',
        'en',
      ]),
    );
    const ouverts = await bailleur.get<{ logements: { logement: string }[] }>(
      `/api/bailleurs/${SIREN}/orientations?date=2025-05-15`,
    );
    expect(ouverts.status).toBe(200);
    expect(ouverts.body).toEqual(
      ditAuService(
        await cli(dossier, ['orient', ...ENTREES, '--all-open', '--date', '2025-05-15', '--json']),
      ),
    );
    const premier = ouverts.body.logements[0]?.logement;
    expect(premier).toBeDefined();
    const o = await bailleur.get(
      `/api/bailleurs/${SIREN}/logements/${premier ?? ''}/orientation?date=2025-05-15`,
    );
    expect(o.body).toEqual(
      ditAuService(
        await cli(dossier, [
          'orient',
          ...ENTREES,
          '--logement',
          premier ?? '',
          '--date',
          '2025-05-15',
          '--json',
        ]),
      ),
    );
    expect(
      (await bailleur.get(`/api/bailleurs/${SIREN}/logements/inconnu/orientation`)).status,
    ).toBe(404);
    // A flat of the parc never freed: « not freed », as the CLI says — the service said « not in
    // the parc », its inputs' folder removed before the suggestion read the parc again.
    const jamais = sansEvenements(ex)[12] ?? '';
    const n = await bailleur.get<{ diagnostics: { code: string }[] }>(
      `/api/bailleurs/${SIREN}/logements/${jamais}/orientation?date=2025-05-15`,
    );
    expect(n.body.diagnostics.map((d) => d.code)).toEqual(['ORIENT_LOGEMENT_NON_LIBERE']);
    expect(n.body).toEqual(
      ditAuService(
        await cli(dossier, [
          'orient',
          ...ENTREES,
          '--logement',
          jamais,
          '--date',
          '2025-05-15',
          '--json',
        ]),
      ),
    );
  });

  it('serves bilans by format and addressee, archives each with its SHA-256', async () => {
    const csv = await octets(bailleur, `${BILAN}?format=csv`);
    expect(csv.status).toBe(200);
    const id = csv.headers.get('x-convflux-document') ?? '';
    expect(csv.headers.get('x-convflux-sha256')).toBe(sha(csv.body));
    // The CLI's bilan on the same files: same CSV bytes.
    await cli(dossier, ['bilan', ...ENTREES, '--annee', '2025', '--html', '--out', 'b']);
    const cliCsv = readFileSync(join(dossier, 'b', `93-${SIREN}-bilan-2025.csv`));
    expect(sha(csv.body)).toBe(sha(cliCsv));
    // Per-réservataire aggregates, no flat: visible to every réservataire party there.
    expect(csv.body.toString()).not.toMatch(/93-552046484-\d{5}/);
    const pourEtat = await octets(etat, `${BILAN}?format=csv`);
    expect(pourEtat.status).toBe(200);
    expect(sha(pourEtat.body)).toBe(sha(csv.body));
    // The addressee's copy carries the annex of its flats: for it (and the bailleur) only.
    const sienne = await octets(etat, `${BILAN}?format=xlsx&destinataire=etat-93`);
    expect(sienne.status).toBe(200);
    expect(await texteClasseur(sienne.body)).toMatch(/93-552046484-\d{5}/);
    const commune = await octets(etat, `${BILAN}?format=xlsx`);
    expect(await texteClasseur(commune.body)).not.toMatch(/93-552046484-\d{5}/);
    expect((await octets(etat, `${BILAN}?format=csv&destinataire=saint-denis`)).status).toBe(404);
    expect((await octets(autreBailleur, `${BILAN}?format=csv`)).status).toBe(404);
    const pourSaintDenis = await octets(bailleur, `${BILAN}?format=xlsx&destinataire=saint-denis`);
    expect(pourSaintDenis.status).toBe(200);
    // The archive: the same bytes again, and each party lists what it may see.
    const archive = await octets(bailleur, `/api/documents/${id}`);
    expect(archive.body.equals(csv.body)).toBe(true);
    expect(archive.headers.get('x-convflux-sha256')).toBe(sha(csv.body));
    type Liste = { documents: { id: string; sha256: string; organisation_id: string }[] };
    const tous = await bailleur.get<Liste>('/api/documents');
    expect(tous.body.documents).toHaveLength(5);
    const vusEtat = await etat.get<Liste>('/api/documents');
    // The log's number is the bailleur's to see: it is shared by every bailleur's events.
    const parametres = (l: Liste) =>
      l.documents.map((d) => (d as { parametres?: Record<string, unknown> }).parametres ?? {});
    expect(parametres(tous.body).every((x) => typeof x['dernier_seq'] === 'number')).toBe(true);
    expect(parametres(vusEtat.body).some((x) => 'dernier_seq' in x)).toBe(false);
    expect(parametres(vusEtat.body).every((x) => typeof x['annee'] === 'number')).toBe(true);
    expect(vusEtat.body.documents.map((d) => d.organisation_id).sort()).toEqual([
      `bailleur:${SIREN}`,
      `bailleur:${SIREN}`,
      `bailleur:${SIREN}`,
      'reservataire:etat-93',
    ]);
    const deSaintDenis = tous.body.documents.find(
      (d) => d.organisation_id === 'reservataire:saint-denis',
    );
    expect((await saintDenis.get(`/api/documents/${deSaintDenis?.id ?? ''}`)).status).toBe(200);
    expect((await etat.get(`/api/documents/${deSaintDenis?.id ?? ''}`)).status).toBe(404);
    expect((await autreBailleur.get<Liste>('/api/documents')).body.documents).toEqual([]);
  });

  // One PDF is enough: Chromium's part does not depend on the database (slow under load).
  it.runIf(nom === 'sqlite')(
    'prints one PDF bilan, read back',
    async () => {
      const pdf = await octets(bailleur, `${BILAN}?format=pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = await pdfPageTexts(pdf.body, { joiner: ' ' });
      expect(pages.join(' ')).toMatch(/R\. 441-5-1/);
    },
    180_000,
  );

  it('forecasts from the bailleur’s forecast file (prévisionnel), archived', async () => {
    const prevision = readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'exemple-93', 'previsionnel-2026.yaml'),
      'utf8',
    );
    const chemin = `/api/bailleurs/${SIREN}/departements/93/previsionnel/2026?format=csv`;
    const r = await bailleur.post<string>(chemin, prevision, {
      'content-type': 'application/yaml',
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-convflux-sha256')).toBe(sha(r.body));
    // The CLI's prévisionnel on the same files: the same first CSV.
    const fichier = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1];
    writeFileSync(join(dossier, 'prevision.yaml'), prevision);
    await cli(dossier, [
      'previsionnel',
      '--prevision',
      'prevision.yaml',
      ...ENTREES,
      '--annee',
      '2026',
      '--html',
      '--out',
      'p',
    ]);
    expect(r.body).toBe(readFileSync(join(dossier, 'p', fichier ?? '?'), 'utf8'));
    const pourEtat = await etat.post<Diags>(chemin, prevision, {
      'content-type': 'application/yaml',
    });
    expect(pourEtat.status).toBe(404);
    // No body, or one of another type, was a 500 ERREUR_INTERNE (JSON.stringify(undefined).trim()).
    for (const [type, corps, statut] of [
      ['', undefined, 400],
      ['text/csv', 'annee,logements\n2026,3\n', 415],
      ['application/x-www-form-urlencoded', 'annee=2026', 415],
    ] as const) {
      const refus = await bailleur.post<Diags>(chemin, corps, type ? { 'content-type': type } : {});
      expect(refus.status, type).toBe(statut);
      expect(refus.body.diagnostics.map((d) => d.code)).toEqual(['SERVICE_CORPS_ATTENDU']);
    }
  });

  it('is fresh within a second of a recorded event, and shows the log as it was at any moment', async () => {
    const avant = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025`);
    const bilanAvant = await octets(bailleur, `${BILAN}?format=csv`);
    const nouveaux = nouveauxPour(sansEvenement(ex));
    const t0 = performance.now();
    // Through the route: the figures' version follows the service's writes (the bailleur's flux
    // counter), not rows put in its tables behind its back.
    for (const e of nouveaux)
      expectStatus(await saisie.post(`/api/bailleurs/${SIREN}/evenements?confirmer=true`, e), 201);
    const apres = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025`);
    const delai = performance.now() - t0;
    expect(delai).toBeLessThan(1000);
    const flux = (e: Evaluation) => e.conventions.reduce((n, c) => n + c.flux_annuel, 0);
    expect(flux(apres.body)).toBeGreaterThan(flux(avant.body));
    expect(apres.body).toEqual(
      await evaluer(exporter({ ...ex, evenements: [...ex.evenements, ...nouveaux] })),
    );
    // As of 28 February: the figures and the bilan as they were sent then.
    const auFevrier = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025&au=${AU}`);
    expect(auFevrier.body).toEqual(await evaluer(dossier));
    const bilanFevrier = await octets(bailleur, `${BILAN}?format=csv&au=${AU}`);
    expect(sha(bilanFevrier.body)).toBe(sha(bilanAvant.body));
    const bilanMaintenant = await octets(bailleur, `${BILAN}?format=csv`);
    expect(sha(bilanMaintenant.body)).not.toBe(sha(bilanAvant.body));
    // The conventions uploaded, no event recorded yet: nothing freed.
    const vide = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025&au=2026-01-20`);
    expect(flux(vide.body)).toBe(0);
  });

  it('after a burst of live events recorded together, gives exactly what convflux evaluate gives', async () => {
    const avant = await saisie.get<Evaluation>(`${FIGURES}?annee=2025`);
    expect(avant.status).toBe(200);
    // Flats without event, the first one excepted (the freshness test above recorded on it).
    const logements = sansEvenements(ex).slice(1, 9);
    expect(logements.length).toBe(8);
    const rafale = logements.flatMap((logement, i): Ligne[] => [
      { id: `R${String(i)}L`, date: '2025-11-10', type: 'liberation', logement },
      {
        id: `R${String(i)}O`,
        date: '2025-11-12',
        type: 'orientation',
        logement,
        reservataire: 'etat-93',
      },
    ]);
    const chemin = `/api/bailleurs/${SIREN}/evenements?confirmer=true`;
    // Sent at once (one batch, or a few), the first liberation twice: one is recorded, the other
    // answers what was recorded.
    const reponses = await Promise.all(
      [...rafale, rafale[0] ?? {}].map((e) => saisie.post<{ seq: number }>(chemin, e)),
    );
    expect(reponses.map((r) => r.status).sort()).toEqual([
      200,
      ...Array<number>(rafale.length).fill(201),
    ]);
    const apres = await saisie.get<Evaluation>(`${FIGURES}?annee=2025`);
    const flux = (e: Evaluation) => e.conventions.reduce((n, c) => n + c.flux_annuel, 0);
    expect(flux(apres.body)).toBeGreaterThan(flux(avant.body));
    // The log's order is the order of recording (of arrival), which the lines of evaluate's
    // diagnostics follow: the burst's events in the order of their seq.
    const seq = new Map(reponses.map((r, i) => [i % rafale.length, r.body.seq]));
    const enregistres = rafale
      .map((e, i) => ({ e, seq: seq.get(i) ?? 0 }))
      .sort((a, b) => a.seq - b.seq)
      .map((x) => x.e);
    const evenements = [...ex.evenements, ...nouveauxPour(sansEvenement(ex)), ...enregistres];
    expect(apres.body).toEqual(await evaluer(exporter({ ...ex, evenements })));
  });

  it.runIf(nom === 'postgres')(
    'does not miss a batch that commits after a later batch of another bailleur (PostgreSQL)',
    async () => {
      const chemin = (siren: string) => `/api/bailleurs/${siren}/evenements?confirmer=true`;
      const flux = (e: Evaluation) => e.conventions.reduce((n, c) => n + c.flux_annuel, 0);
      const [l1, l2] = sansEvenements(ex).slice(9, 11);
      if (!l1 || !l2) throw new Error('logements sans événement manquants');
      const libere = (id: string, logement: string) => ({
        id,
        date: '2025-10-01',
        type: 'liberation',
        logement,
      });
      expect((await saisie.post(chemin(SIREN), libere('V1', l1))).status).toBe(201);
      const autre = await membre(s, adm, { type: 'bailleur', identifiant: AUTRE_SIREN }, [
        'lire',
        'saisir',
      ]);
      // This test's transaction holds the bailleur's flux version: the next batch of SIREN
      // inserts its event (its seq taken) and waits there, uncommitted.
      let liberer = () => {};
      const tenue = new Promise<void>((r) => (liberer = r));
      let tenir = () => {};
      const tenu = new Promise<void>((r) => (tenir = r));
      const transaction = base.db.transaction().execute(async (trx) => {
        await trx
          .selectFrom('version_flux')
          .select('version')
          .where('bailleur', '=', SIREN)
          .forUpdate()
          .execute();
        tenir();
        await tenue;
      });
      await tenu;
      const retenu = saisie.post(chemin(SIREN), libere('V2', l2));
      await attendreUnVerrou(base);
      // A batch of another bailleur takes a larger seq and commits first.
      const l3 = sansEvenement(second);
      expect((await autre.post(chemin(AUTRE_SIREN), libere('V3', l3))).status).toBe(201);
      const pendant = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025`);
      liberer();
      await transaction;
      expect((await retenu).status).toBe(201);
      const apres = await bailleur.get<Evaluation>(`${FIGURES}?annee=2025`);
      // V2's flat freed counts in the flux of every convention of its commune.
      expect(flux(apres.body)).toBeGreaterThan(flux(pendant.body));
    },
  );
});

describe.each(BASES)('chiffres vivants après un import du parc (%s)', (nom) => {
  let s: Serveur;
  let base: Base;
  let ex: Exemple;
  let saisie: Client;

  beforeAll(async () => {
    s = await demarrerServeur(nom, await nouvelleBase(nom));
    const adm = await admin(s);
    saisie = await membre(s, adm, { type: 'bailleur', identifiant: SIREN }, ['lire', 'saisir']);
    base = await ouvrirBase(s);
    ex = exemple();
    await inserer(base, ex, { creeLe: '2026-01-15T09:00:00.000Z', enregistreLe: ENREGISTRE_LE });
  }, 90_000);
  afterAll(async () => {
    await base.close();
    await s.stop();
  });

  // The service keeps the parc it wrote between evaluations: an import must replace it.
  it('gives what convflux evaluate gives on the new parc, then after one more event', async () => {
    const avant = await saisie.get<Evaluation>(`${FIGURES}?annee=2025`);
    expect(avant.body).toEqual(await evaluer(exporter(ex)));
    const libere = new Set(
      ex.evenements.filter((e) => e['type'] === 'liberation').map((e) => e['logement']),
    );
    const cible = ex.logements.find((l) => libere.has(l['logement']) && !l['hors_flux']);
    if (!cible) throw new Error('aucun logement libéré hors stock');
    const change: Ligne = { ...cible, commune: cible['commune'] === '93001' ? '93066' : '93001' };
    const entete = Object.keys(cible);
    const csv = [entete.join(','), entete.map((k) => change[k] ?? '').join(',')].join('\n');
    const imp = await saisie.post<{ statut: string }>(
      `/api/bailleurs/${SIREN}/imports?nature=parc&format=csv`,
      csv,
      { 'content-type': 'text/csv' },
    );
    expect(imp.status).toBe(201);
    expect(imp.body.statut).toBe('termine');
    const logements = ex.logements.map((l) => (l === cible ? change : l));
    const apres = await saisie.get<Evaluation>(`${FIGURES}?annee=2025`);
    expect(apres.body).not.toEqual(avant.body);
    expect(apres.body).toEqual(await evaluer(exporter({ ...ex, logements })));
    // A page following these figures is told: the finished import moved their data version.
    const versionDe = (r: typeof avant) => r.headers.get('x-convflux-version-donnees');
    expect(versionDe(apres)).toMatch(/^[\w-]{22}$/);
    expect(versionDe(apres)).not.toBe(versionDe(avant));
    const nouveaux = nouveauxPour(sansEvenement(ex));
    for (const e of nouveaux)
      expectStatus(await saisie.post(`/api/bailleurs/${SIREN}/evenements?confirmer=true`, e), 201);
    const encore = await saisie.get<Evaluation>(`${FIGURES}?annee=2025`);
    const evenements = [...ex.evenements, ...nouveaux];
    expect(encore.body).toEqual(await evaluer(exporter({ ...ex, logements, evenements })));
  });
});

/** Waits until a backend of the database waits on a lock (the held batch). */
async function attendreUnVerrou(base: Base): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`.execute(
      base.db,
    );
    if ((r.rows[0]?.n ?? 0) > 0) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('aucun lot en attente du verrou après 5 s');
}

async function texteClasseur(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cellules: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((c) => cellules.push(c.text));
    });
  });
  return cellules.join('\n');
}
