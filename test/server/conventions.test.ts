/**
 * Conventions held by the service, through the real `convflux serve` process on SQLite and
 * PostgreSQL: the bundled examples uploaded and checked as `convflux check` checks them, a broken
 * YAML answered at line:column, who may upload and read, sealed versions immutable, diff, HTML
 * and PDF (read back), signature tracking.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, etatV1AvantSignature, repoRoot, runCli } from '../helpers.js';
import { pdfPageTexts } from '../pdf-text.js';
import {
  admin,
  BASES,
  type Client,
  demarrerServeur,
  expectStatus,
  membre,
  nouvelleBase,
  type Serveur,
} from './harness.js';

interface Diags {
  diagnostics: {
    code: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    pointer: string;
    message: string;
  }[];
}
interface Version {
  id: string;
  version: number;
  statut: string;
  scellee: boolean;
  sha256: string;
  fichier: string;
}

const YAML = { 'content-type': 'application/yaml' };
const EXEMPLES = join(repoRoot, 'rules/conventions/93/552046484');
const lire = (res: string, v: number): string =>
  readFileSync(join(EXEMPLES, res, `v${String(v)}.yaml`), 'utf8');

const P12 = join(repoRoot, 'test/fixtures/sign/test-signataire.p12');
const ETAT_V1 = etatV1AvantSignature();

let signeBailleur: Promise<Buffer> | undefined;
/** The État v1 signed elsewhere by the bailleur: made once, for both databases. */
const signeParLeBailleur = (): Promise<Buffer> => (signeBailleur ??= signeAilleurs('bailleur'));

/** `convflux render --sign`: the PDF a party signs elsewhere, with the test-only certificate. */
function signeAilleurs(partie: string): Promise<Buffer> {
  const out = join(mkdtempSync(join(tmpdir(), 'convflux-signe-')), 'signee.pdf');
  const args = ['render', ETAT_V1, '--out', out, '--sign', P12, '--signataire', partie];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { ...process.env, CONVFLUX_SIGN_PASSWORD: 'convflux-test', NO_COLOR: '1' } },
      (error, _stdout, stderr) => {
        if (error) reject(new Error(stderr));
        else resolve(readFileSync(out));
      },
    );
  });
}

/** Headers of a fresh API token of the client (binary downloads go through plain fetch). */
async function jetonDe(c: Client): Promise<Record<string, string>> {
  const j = await c.post<{ jeton: string }>('/api/moi/jetons', { nom: 'téléchargement' });
  expectStatus(j, 201);
  return { authorization: `Bearer ${j.body.jeton}` };
}

/** The Montreuil v2 text sealed by `convflux seal` (v1 beside it, as in the layout). */
function sceller(texte: string): string {
  const dir = join(
    mkdtempSync(join(tmpdir(), 'convflux-sceller-')),
    'conventions/93/552046484/montreuil',
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'v1.yaml'), lire('montreuil', 1));
  writeFileSync(join(dir, 'v2.yaml'), texte);
  const r = runCli(['seal', join(dir, 'v2.yaml')]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return readFileSync(join(dir, 'v2.yaml'), 'utf8');
}

interface Suivi {
  signatures: { partie: string; signataire: string; methode: string; pdf_sha256: string }[];
  a_signer: string[];
  entree_en_vigueur: string | null;
  enregistrees?: { partie: string }[];
}

/** The bundled examples of the 93, État v1 as it was before signature (arretee, sealed). */
function exemples(): { nom: string; yaml: string }[] {
  const out: { nom: string; yaml: string }[] = [];
  for (const res of readdirSync(EXEMPLES).sort())
    for (const f of readdirSync(join(EXEMPLES, res)).sort())
      out.push({
        nom: `${res}/${f}`,
        yaml:
          res === 'etat-93' && f === 'v1.yaml'
            ? readFileSync(ETAT_V1, 'utf8')
            : readFileSync(join(EXEMPLES, res, f), 'utf8'),
      });
  return out;
}

describe.each(BASES)('conventions dans le service (%s)', (base) => {
  let s: Serveur;
  let adm: Client;
  let bailleur: Client;
  let lecteur: Client;
  let montreuil: Client;
  let prefecture: Client;
  beforeAll(async () => {
    s = await demarrerServeur(base, await nouvelleBase(base));
    adm = await admin(s);
    const b = { type: 'bailleur', identifiant: '552046484', nom: 'Exemple Habitat' } as const;
    bailleur = await membre(s, adm, b, ['lire', 'rediger', 'signer']);
    lecteur = await membre(s, adm, b, ['lire']);
    montreuil = await membre(s, adm, { type: 'reservataire', identifiant: 'montreuil' }, [
      'lire',
      'rediger',
    ]);
    prefecture = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, [
      'lire',
      'signer',
    ]);
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('uploads the bundled examples, each checked as convflux check does', async () => {
    for (const e of exemples()) {
      const r = await bailleur.post<Version & Diags>('/api/conventions', e.yaml, YAML);
      expect(r.status, `${e.nom} : ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.fichier).toBe(`conventions/93/552046484/${e.nom}`);
      expect(r.body.diagnostics.every((d) => d.severity !== 'error')).toBe(true);
    }
    const liste = await bailleur.get<{ conventions: { id: string; versions: unknown[] }[] }>(
      '/api/conventions?departement=93',
    );
    expectStatus(liste, 200);
    expect(liste.body.conventions.map((c) => c.id)).toEqual([
      '93-552046484-action-logement',
      '93-552046484-est-ensemble',
      '93-552046484-etat-93',
      '93-552046484-montreuil',
      '93-552046484-saint-denis',
    ]);
    expect(
      liste.body.conventions.find((c) => c.id === '93-552046484-etat-93')?.versions,
    ).toHaveLength(2);
    // The same version again: 409, the first is kept.
    const again = await bailleur.post<Diags>('/api/conventions', lire('montreuil', 1), YAML);
    expect(again.status).toBe(409);
    expect(again.body.diagnostics[0]?.code).toBe('SERVICE_CONVENTION_VERSION_EXISTE');
    const yaml = await bailleur.get('/api/conventions/93-552046484-montreuil/versions/1.yaml');
    expect(yaml.body).toBe(lire('montreuil', 1));
  }, 120_000);

  it('refuses a broken YAML with its diagnostics at line:column of its layout path', async () => {
    const texte = lire('montreuil', 1)
      .replace(/^version: 1$/m, 'version: 2')
      .replace(/part: 0\.(\d+)/, 'part: 0,$1');
    const ligne = texte.split('\n').findIndex((l) => /part: 0,/.test(l)) + 1;
    const r = await bailleur.post<Diags>('/api/conventions', texte, YAML);
    expect(r.status).toBe(400);
    const d = r.body.diagnostics.find((x) => x.line === ligne);
    expect(d, JSON.stringify(r.body.diagnostics)).toBeDefined();
    expect(d?.file).toBe('conventions/93/552046484/montreuil/v2.yaml');
    expect(d?.column).toBeGreaterThan(0);
    expect(d?.message).toMatch(/point/);
    const en = await bailleur.post<Diags>('/api/conventions', texte, {
      ...YAML,
      'accept-language': 'en',
    });
    expect(en.body.diagnostics.find((x) => x.line === ligne)?.message).toMatch(/decimal point/);
    // Above the YAML body limit (2 MB): 413 with a diagnostic.
    const gros = await bailleur.post<Diags>(
      '/api/conventions',
      `# ${'x'.repeat(2_200_000)}\n`,
      YAML,
    );
    expect(gros.status).toBe(413);
    expect(gros.body.diagnostics[0]?.code).toBe('SERVICE_CORPS_TROP_GRAND');
    // A body of another type (JSON) answers 415, as on every route (it was a 400); none 400.
    const json = await bailleur.post<Diags>('/api/conventions', { id: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.diagnostics.map((x) => x.message)).toEqual([
      'Corps de requête attendu : le texte YAML de la convention (en-tête Content-Type: application/yaml).',
    ]);
    expect((await bailleur.post<Diags>('/api/conventions')).status).toBe(400);
    // Not YAML at all: still diagnostics with a line, never a crash.
    const casse = await bailleur.post<Diags>('/api/conventions', 'id: [non fermé\n  a: b', YAML);
    expect(casse.status).toBe(400);
    expect(casse.body.diagnostics[0]?.line).toBeGreaterThan(0);
    const rien = await bailleur.get('/api/conventions/93-552046484-montreuil/versions/2');
    expect(rien.status).toBe(404);
  });

  it('lets parties with rediger upload, hides other conventions, forbids lire-only', async () => {
    // A read-only member of the bailleur: 403 (it sees the convention, it may not draft it).
    const v2 = readFileSync(join(repoRoot, 'test/fixtures/exemple-93/projet-montreuil-v2.yaml'));
    const interdit = await lecteur.post<Diags>('/api/conventions', v2.toString('utf8'), YAML);
    expect(interdit.status).toBe(403);
    expect(interdit.body.diagnostics[0]?.code).toBe('SERVICE_INTERDIT');
    // The réservataire of another convention: 404 on the État's, nothing said of it.
    for (const path of [
      '/api/conventions/93-552046484-etat-93',
      '/api/conventions/93-552046484-etat-93/versions/1',
      '/api/conventions/93-552046484-etat-93/versions/1.yaml',
      '/api/conventions/93-552046484-etat-93/diff?de=1&a=2',
    ]) {
      const r = await montreuil.get<Diags>(path);
      expect(r.status, path).toBe(404);
      expect(r.body.diagnostics[0]?.code).toBe('SERVICE_INTROUVABLE');
    }
    const etatV2 = await montreuil.post<Diags>('/api/conventions', lire('etat-93', 2), YAML);
    expect(etatV2.status).toBe(404);
    // Its own convention: listed alone, and it may draft its next version.
    const liste = await montreuil.get<{ conventions: { id: string }[] }>('/api/conventions');
    expect(liste.body.conventions.map((c) => c.id)).toEqual(['93-552046484-montreuil']);
    const ok = await montreuil.post<Version>('/api/conventions', v2.toString('utf8'), YAML);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.statut).toBe('projet');
  }, 60_000);

  it('says a conflict with other parties’ conventions to a réservataire without naming them', async () => {
    // A second État convention for the same bailleur and département, under another id.
    const doublon = lire('etat-93', 2)
      .replace(/^id: 93-552046484-etat-93$/m, 'id: 93-552046484-prefet-93')
      .replace(/^ {2}id: etat-93$/m, '  id: prefet-93')
      .replace(/^version: 2$/m, 'version: 1');
    const prefet = await membre(s, adm, { type: 'reservataire', identifiant: 'prefet-93' }, [
      'rediger',
    ]);
    const vu = await prefet.post<Diags>('/api/conventions', doublon, YAML);
    expect(vu.status).toBe(400);
    const d = vu.body.diagnostics.find((x) => x.code === 'SERVICE_CONTROLE_ENSEMBLE');
    expect(d?.file).toBe('conventions/93/552046484/prefet-93/v1.yaml');
    expect(d?.line).toBeGreaterThan(0);
    expect(JSON.stringify(vu.body)).not.toContain('etat-93');
    const importe = await prefet.post<Diags>('/api/regles', {
      fichiers: { 'conventions/93/552046484/prefet-93/v1.yaml': doublon },
    });
    expect(importe.status).toBe(400);
    expect(importe.body.diagnostics.map((x) => x.code)).toContain('SERVICE_CONTROLE_ENSEMBLE');
    expect(JSON.stringify(importe.body)).not.toContain('etat-93');
    // The bailleur, who sees every convention there, gets the detail.
    const bail = await bailleur.post<Diags>('/api/conventions', doublon, YAML);
    expect(bail.status).toBe(400);
    const detail = bail.body.diagnostics.find((x) => x.code === 'CONVENTION_DOUBLON');
    expect(detail?.message).toContain('93-552046484-etat-93');
    expect(detail?.line).toBe(d?.line);
  }, 60_000);

  it('edits a draft, never a sealed version', async () => {
    const chemin = '/api/conventions/93-552046484-montreuil/versions/2';
    const avant = await bailleur.get<Version>(chemin);
    const texte = (await bailleur.get<string>(`${chemin}.yaml`)).body;
    const edite = texte.replace(/^statut: projet$/m, 'statut: projet # relu');
    const put = await bailleur.requete<Version>('PUT', chemin, edite, YAML);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.sha256).not.toBe(avant.body.sha256);
    expect((await bailleur.get(`${chemin}.yaml`)).body).toBe(edite);
    // Another version's text at this address: 400.
    const autre = await bailleur.requete<Diags>('PUT', chemin, lire('montreuil', 1), YAML);
    expect(autre.status).toBe(400);
    expect(autre.body.diagnostics[0]?.code).toBe('SERVICE_CONVENTION_AUTRE_VERSION');
    // Said before the check: the text of a convention the drafter is not party to answered 404
    // on this very address, and one of a later version that check's complaint about itself.
    const etat = await montreuil.requete<Diags>('PUT', chemin, lire('etat-93', 2), YAML);
    expect(etat.status, JSON.stringify(etat.body)).toBe(400);
    expect(etat.body.diagnostics.map((d) => d.code)).toEqual(['SERVICE_CONVENTION_AUTRE_VERSION']);
    // A text that is not YAML any more: its error at its line, named by the version it replaces
    // (it named conventions/depot.yaml, a file the drafter never sent).
    const casse = edite.replace(/^statut: projet # relu$/m, 'statut: [projet');
    const ligne = casse.split('\n').findIndex((l) => l === 'statut: [projet') + 1;
    const syntaxe = await bailleur.requete<Diags>('PUT', chemin, casse, YAML);
    expect(syntaxe.status).toBe(400);
    expect(syntaxe.body.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['YAML_SYNTAXE', 'conventions/93/552046484/montreuil/v2.yaml'],
    ]);
    expect(syntaxe.body.diagnostics[0]?.line).toBeGreaterThanOrEqual(ligne);
    expect((await bailleur.get(`${chemin}.yaml`)).body).toBe(edite);
    const v3 = edite.replace(/^version: 2$/m, 'version: 3');
    const suivante = await montreuil.requete<Diags>('PUT', chemin, v3, YAML);
    expect(suivante.body.diagnostics.map((d) => d.code)).toEqual([
      'SERVICE_CONVENTION_AUTRE_VERSION',
    ]);
    // The sealed État v1 (arretee, empreinte): 409 with a diagnostic.
    const scelle = await bailleur.requete<Diags>(
      'PUT',
      '/api/conventions/93-552046484-etat-93/versions/1',
      lire('etat-93', 1),
      YAML,
    );
    expect(scelle.status).toBe(409);
    expect(scelle.body.diagnostics[0]?.code).toBe('SERVICE_CONVENTION_SCELLEE');
    // A lire-only member may not edit a draft either.
    const lecture = await lecteur.requete<Diags>('PUT', chemin, edite, YAML);
    expect(lecture.status).toBe(403);
    // Frozen: the text with `statut: arretee`, sealed by `convflux seal`; then it never changes.
    const arretee = sceller(edite.replace(/^statut: projet.*$/m, 'statut: arretee'));
    const gel = await bailleur.requete<Version>('PUT', chemin, arretee, YAML);
    expect(gel.status, JSON.stringify(gel.body)).toBe(200);
    expect(gel.body.statut).toBe('arretee');
    expect(gel.body.scellee).toBe(true);
    const apres = await bailleur.requete<Diags>('PUT', chemin, arretee, YAML);
    expect(apres.status).toBe(409);
    expect(apres.body.diagnostics[0]?.code).toBe('SERVICE_CONVENTION_SCELLEE');
  }, 60_000);

  it('signs a later version as the avenant from the one before, verified against both texts', async () => {
    // Montreuil v2, frozen above: a consolidated text prints without signature fields, so
    // signing it answered 400 SIGNATURE_AUCUN_CHAMP (« certificat n’a aucun champ de signature »).
    const base = '/api/conventions/93-552046484-montreuil/versions/2/signatures';
    const certificat = readFileSync(P12).toString('base64');
    const b = await bailleur.post<Suivi>(base, {
      certificat,
      mot_de_passe: 'convflux-test',
      partie: 'bailleur',
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    expect(b.body.a_signer).toEqual(['reservataire']);
    const pdf = Buffer.from(
      await (
        await fetch(`${s.url}${base}.pdf`, { headers: await jetonDe(bailleur) })
      ).arrayBuffer(),
    );
    // The CLI verifies it as the avenant from v1 to v2, the unsigned revision byte for byte.
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-'));
    const textes = [1, 2].map((v) => join(dir, `v${String(v)}.yaml`));
    for (const [i, f] of textes.entries()) {
      const t = await bailleur.get<string>(
        `/api/conventions/93-552046484-montreuil/versions/${String(i + 1)}.yaml`,
      );
      writeFileSync(f, t.body);
    }
    writeFileSync(join(dir, 'signe.pdf'), pdf);
    const v = runCli([
      'verify',
      join(dir, 'signe.pdf'),
      '--yaml',
      textes[0] ?? '',
      '--yaml',
      textes[1] ?? '',
      '--json',
    ]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const rapport = JSON.parse(v.stdout) as {
      metadata: Record<string, string>;
      yaml?: { render: string };
    };
    expect(rapport.metadata['avenant']).toBe('1');
    expect(rapport.yaml?.render).toBe('identical');
    // Sent back as a PDF signed elsewhere: verified against both texts, nothing new to record.
    const encore = await bailleur.post<Diags>(base, pdf, { 'content-type': 'application/pdf' });
    expect(encore.status, JSON.stringify(encore.body)).toBe(409);
    expect(encore.body.diagnostics[0]?.code).toBe('SERVICE_SIGNATURE_AUCUNE_NOUVELLE');
    const contre = await adm.post<Suivi>(base, {
      certificat,
      mot_de_passe: 'convflux-test',
      partie: 'reservataire',
    });
    expect(contre.status, JSON.stringify(contre.body)).toBe(201);
    expect(contre.body.a_signer).toEqual([]);
  }, 300_000);

  it('compares two versions semantically', async () => {
    const r = await prefecture.get<{
      ok: boolean;
      comparaison: { changements: { pointeur: string }[] };
    }>('/api/conventions/93-552046484-etat-93/diff?de=1&a=2');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const pointeurs = r.body.comparaison.changements.map((c) => c.pointeur);
    expect(pointeurs).toContain('/decompte/ponderation/orientation');
    const mauvais = await prefecture.get<Diags>('/api/conventions/93-552046484-etat-93/diff?de=x');
    expect(mauvais.status).toBe(400);
    // The avenant from v1 to v2, as convflux render --avenant prints it.
    const avenant = await prefecture.get<string>(
      '/api/conventions/93-552046484-etat-93/avenant.html?de=1&a=2',
    );
    expect(avenant.status, avenant.body.slice(0, 500)).toBe(200);
    expect(avenant.body).toMatch(/[Aa]venant/);
    expect(avenant.body).toContain('Préfet de la Seine-Saint-Denis');
    // An avenant amends a version by a later one: the same version twice, or the later one
    // first, is a request to correct (400 at `a`), not a 422 naming files and a CLI command.
    for (const q of ['de=2&a=2', 'de=2&a=1'])
      for (const format of ['html', 'pdf']) {
        const faux = await prefecture.get<Diags>(
          `/api/conventions/93-552046484-etat-93/avenant.${format}?${q}`,
        );
        expect([faux.status, faux.body.diagnostics.map((d) => [d.code, d.pointer])]).toEqual([
          400,
          [['SERVICE_CHAMP_INVALIDE', '/a']],
        ]);
        expect(faux.body.diagnostics[0]?.message).toBe(
          'Champ a : un numéro de version supérieur à de (2) attendu.',
        );
        expect(JSON.stringify(faux.body)).not.toContain('convflux');
      }
    // A diff compares any two versions, as convflux diff does.
    const inverse = await prefecture.get('/api/conventions/93-552046484-etat-93/diff?de=2&a=1');
    expect(inverse.status).toBe(200);
  }, 60_000);

  it('prints a version in HTML with the parties’ names', async () => {
    const r = await montreuil.get<string>(
      '/api/conventions/93-552046484-montreuil/versions/1.html',
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.body).toContain('Exemple Habitat');
    expect(r.body).toMatch(/Montreuil/);
  }, 60_000);

  it('prints a version in PDF (read back), rendered once per text', async () => {
    const chemin = '/api/conventions/93-552046484-etat-93/versions/1.pdf';
    const r = await fetch(s.url + chemin, { headers: await jetonDe(prefecture) });
    expect(r.status).toBe(200);
    const pdf = Buffer.from(await r.arrayBuffer());
    const texte = (await pdfPageTexts(pdf, { joiner: ' ' })).join(' ');
    expect(texte).toContain('Exemple Habitat');
    expect(texte).toContain('Préfet de la Seine-Saint-Denis');
    // Second request: the archived bytes, identical.
    const again = Buffer.from(
      await (await fetch(s.url + chemin, { headers: await jetonDe(prefecture) })).arrayBuffer(),
    );
    expect(again.equals(pdf)).toBe(true);
  }, 180_000);

  it('tracks signatures: a PDF signed elsewhere, verified; a countersignature with a one-time certificate', async () => {
    const base = '/api/conventions/93-552046484-etat-93/versions/1/signatures';
    const avant = await prefecture.get<Suivi>(base);
    expect(avant.body.a_signer).toEqual(['bailleur', 'reservataire']);
    expect(avant.body.entree_en_vigueur).toBeNull();
    const pdf = await signeParLeBailleur();
    // Not a signer of the bailleur: 403; not a party: 404.
    expect((await lecteur.post(base, pdf, { 'content-type': 'application/pdf' })).status).toBe(403);
    expect((await montreuil.post(base, pdf, { 'content-type': 'application/pdf' })).status).toBe(
      404,
    );
    // A byte changed in the signed revision: refused with the verification's diagnostics.
    const altere = Buffer.from(pdf);
    const i = altere.indexOf('Exemple Habitat');
    altere[i] = 'F'.charCodeAt(0);
    const refus = await bailleur.post<Diags>(base, altere, { 'content-type': 'application/pdf' });
    expect(refus.status).toBe(400);
    expect(refus.body.diagnostics[0]?.code).toBe('SERVICE_SIGNATURE_PDF_INVALIDE');
    const ok = await bailleur.post<Suivi>(base, pdf, { 'content-type': 'application/pdf' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.enregistrees?.map((x) => x.partie)).toEqual(['bailleur']);
    expect(ok.body.signatures[0]).toMatchObject({
      partie: 'bailleur',
      signataire: 'Signataire de test convflux',
      methode: 'pdf_depose',
    });
    expect(ok.body.a_signer).toEqual(['reservataire']);
    expect(ok.body.entree_en_vigueur).toBeNull();
    // The same PDF again: nothing new to record.
    const encore = await bailleur.post<Diags>(base, pdf, { 'content-type': 'application/pdf' });
    expect(encore.status).toBe(409);
    // The préfecture countersigns through the service with a certificate for this one request.
    const mauvais = await prefecture.post<Diags>(base, {
      certificat: readFileSync(P12).toString('base64'),
      mot_de_passe: 'faux',
      partie: 'reservataire',
    });
    expect(mauvais.status).toBe(400);
    // In the service's words: it said « vérifiez la variable d’environnement {variable} ».
    expect(mauvais.body.diagnostics.map((d) => d.message)).toEqual([
      'Mot de passe du certificat incorrect (ou fichier .p12 altéré) : vérifiez le champ mot_de_passe.',
    ]);
    const en = await prefecture.post<Diags>(
      base,
      {
        certificat: readFileSync(P12).toString('base64'),
        mot_de_passe: 'faux',
        partie: 'reservataire',
      },
      { 'accept-language': 'en' },
    );
    expect(en.body.diagnostics.map((d) => d.message)).toEqual([
      'Wrong password for the certificate (or the .p12 file is damaged): check the mot_de_passe field.',
    ]);
    const contre = await prefecture.post<Suivi>(base, {
      certificat: readFileSync(P12).toString('base64'),
      mot_de_passe: 'convflux-test',
      partie: 'reservataire',
    });
    expect(contre.status, JSON.stringify(contre.body)).toBe(201);
    expect(contre.body.a_signer).toEqual([]);
    const derniere = contre.body.signatures.map((x) => x.partie);
    expect(derniere).toEqual(['bailleur', 'reservataire']);
    expect(contre.body.entree_en_vigueur).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The countersigned PDF, archived: both signatures verify with the CLI against the text.
    const signe = await fetch(`${s.url}${base}.pdf`, { headers: await jetonDe(prefecture) });
    const bytes = Buffer.from(await signe.arrayBuffer());
    expect(bytes.subarray(0, pdf.length).equals(pdf)).toBe(true);
    // A draft is not signed.
    const projet = await bailleur.post<Diags>(
      '/api/conventions/93-552046484-etat-93/versions/2/signatures',
      pdf,
      { 'content-type': 'application/pdf' },
    );
    expect(projet.status).toBe(409);
    expect(projet.body.diagnostics[0]?.code).toBe('SERVICE_SIGNATURE_NON_SIGNABLE');
  }, 300_000);

  it('imports a rules/ tree all or nothing, and exports it back', async () => {
    const racine = join(repoRoot, 'rules');
    const dossier = 'conventions/35/353017015';
    const fichiers: Record<string, string> = {};
    for (const res of readdirSync(join(racine, dossier)).sort())
      for (const f of readdirSync(join(racine, dossier, res)).sort())
        fichiers[`${dossier}/${res}/${f}`] = readFileSync(join(racine, dossier, res, f), 'utf8');
    const rennes = await membre(s, adm, { type: 'bailleur', identifiant: '353017015' }, [
      'lire',
      'rediger',
    ]);
    // One broken file: every diagnostic, nothing stored.
    const premier = Object.keys(fichiers)[0] ?? '';
    const casse = {
      ...fichiers,
      [premier]: (fichiers[premier] ?? '').replace(/^id: .*$/m, 'id: ['),
    };
    const refus = await rennes.post<Diags>('/api/regles', { fichiers: casse });
    expect(refus.status).toBe(400);
    expect(refus.body.diagnostics.some((d) => d.file === premier && d.line > 0)).toBe(true);
    expect(
      (await rennes.get<{ fichiers: object }>('/api/regles?departement=35')).body.fichiers,
    ).toEqual({});
    // A file out of its place.
    const ailleurs = await rennes.post<Diags>('/api/regles', {
      fichiers: { [`${dossier}/autre/v1.yaml`]: fichiers[premier] },
    });
    expect(ailleurs.status).toBe(400);
    expect(ailleurs.body.diagnostics[0]?.code).toBe('SERVICE_REGLES_PLACE');
    // Another bailleur's tree: not seen, 404.
    expect((await montreuil.post('/api/regles', { fichiers })).status).toBe(404);
    const ok = await rennes.post<{ fichiers: { chemin: string; issue: string }[] }>('/api/regles', {
      fichiers,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.fichiers.map((f) => f.issue)).toEqual(Object.keys(fichiers).map(() => 'cree'));
    const exporte = await rennes.get<{ fichiers: Record<string, string> }>(
      '/api/regles?departement=35',
    );
    expect(exporte.body.fichiers).toEqual(fichiers);
    const encore = await rennes.post<{ fichiers: { issue: string }[] }>('/api/regles', {
      fichiers,
    });
    expect(encore.status).toBe(201);
    expect(encore.body.fichiers.every((f) => f.issue === 'inchange')).toBe(true);
    // The bailleur of the 93 sees nothing of the 35.
    const autre = await bailleur.get<{ fichiers: object }>('/api/regles?departement=35');
    expect(autre.body.fichiers).toEqual({});
  }, 120_000);
});
