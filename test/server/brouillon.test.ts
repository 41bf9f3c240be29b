/**
 * The draft editor's calls, through the real `convflux serve` process on SQLite and PostgreSQL:
 * a draft checked exactly as its upload (diagnostics at line:column, in the request's language,
 * the other parties' conventions masked for a réservataire) and printed as a stored version,
 * nothing stored, and the upload's permission (`rediger` on the parties named in the text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etatV1AvantSignature, repoRoot } from '../helpers.js';
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

interface Diag {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  pointer: string;
  message: string;
}
interface Controle {
  ok: boolean;
  convention: { id: string; version: number; fichier: string } | null;
  diagnostics: Diag[];
}

const YAML = { 'content-type': 'application/yaml' };
const EXEMPLES = join(repoRoot, 'rules/conventions/93/552046484');
const lire = (res: string, v: number): string =>
  readFileSync(join(EXEMPLES, res, `v${String(v)}.yaml`), 'utf8');
const PROJET = readFileSync(
  join(repoRoot, 'test/fixtures/exemple-93/projet-montreuil-v2.yaml'),
  'utf8',
);

/** The v2 draft with a decimal comma on the line of its first `part:` (its 1-based number). */
function projetCasse(): { yaml: string; ligne: number; colonne: number } {
  const lignes = PROJET.split('\n');
  const i = lignes.findIndex((l) => /part: 0\.\d+/.test(l));
  const ligne = lignes[i] ?? '';
  lignes[i] = ligne.replace(/part: 0\.(\d+)/, 'part: 0,$1');
  return { yaml: lignes.join('\n'), ligne: i + 1, colonne: ligne.indexOf('0.') + 1 };
}

describe.each(BASES)('projet de convention vérifié et imprimé sans dépôt (%s)', (base) => {
  let s: Serveur;
  let bailleur: Client;
  let montreuil: Client;
  let montreuilLecteur: Client;
  let etat: Client;
  let adm: Client;
  beforeAll(async () => {
    s = await demarrerServeur(base, await nouvelleBase(base));
    adm = await admin(s);
    const b = { type: 'bailleur', identifiant: '552046484', nom: 'Exemple Habitat' } as const;
    bailleur = await membre(s, adm, b, ['lire', 'rediger']);
    montreuil = await membre(s, adm, { type: 'reservataire', identifiant: 'montreuil' }, [
      'lire',
      'rediger',
    ]);
    montreuilLecteur = await membre(s, adm, { type: 'reservataire', identifiant: 'montreuil' }, [
      'lire',
    ]);
    etat = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, [
      'lire',
      'rediger',
    ]);
    for (const yaml of [lire('montreuil', 1), readFileSync(etatV1AvantSignature(), 'utf8')])
      expectStatus(await bailleur.post('/api/conventions', yaml, YAML), 201);
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('says a draft’s error at its line and column, in the request’s language, storing nothing', async () => {
    const { yaml, ligne, colonne } = projetCasse();
    const r = await montreuil.post<Controle>('/api/conventions/controle', { yaml });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.convention?.fichier).toBe('conventions/93/552046484/montreuil/v2.yaml');
    const d = r.body.diagnostics.find((x) => x.severity === 'error' && x.line === ligne);
    expect(d, JSON.stringify(r.body.diagnostics)).toBeDefined();
    expect(d?.column).toBe(colonne);
    expect(d?.pointer).toMatch(/part$/);
    expect(d?.message).toMatch(/point/);
    // The upload of the same text says the same diagnostic (the same check).
    const depot = await montreuil.post<{ diagnostics: Diag[] }>('/api/conventions', yaml, YAML);
    expect(depot.status).toBe(400);
    expect(depot.body.diagnostics).toEqual(r.body.diagnostics);
    const en = await montreuil.post<Controle>(
      '/api/conventions/controle',
      { yaml },
      { 'accept-language': 'en' },
    );
    expect(en.body.diagnostics.find((x) => x.line === ligne)?.message).toMatch(/decimal point/);
    // The correct draft checks; nothing was stored either way.
    const bon = await montreuil.post<Controle>('/api/conventions/controle', { yaml: PROJET });
    expect(bon.status).toBe(200);
    expect(bon.body.ok, JSON.stringify(bon.body.diagnostics)).toBe(true);
    expect(bon.body.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    expect((await bailleur.get('/api/conventions/93-552046484-montreuil/versions/2')).status).toBe(
      404,
    );
    const versions = await bailleur.get<{ versions: unknown[] }>(
      '/api/conventions/93-552046484-montreuil',
    );
    expect(versions.body.versions).toHaveLength(1);
  }, 60_000);

  it('checks a stored draft’s new text without its stored text (as its PUT would)', async () => {
    const v1 = lire('montreuil', 1).replace(/^statut: projet$/m, 'statut: projet # relu');
    const r = await bailleur.post<Controle>('/api/conventions/controle', { yaml: v1 });
    expect(r.status).toBe(200);
    expect(r.body.ok, JSON.stringify(r.body.diagnostics)).toBe(true);
  });

  it('prints the draft as a stored version is printed, or answers its diagnostics', async () => {
    const r = await montreuil.post<string>('/api/conventions/apercu', { yaml: PROJET });
    expect(r.status, r.body.slice(0, 500)).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.body).toContain('Exemple Habitat');
    // The same render as the stored version 1's HTML, for the stored text.
    const stocke = await montreuil.get<string>(
      '/api/conventions/93-552046484-montreuil/versions/1.html',
    );
    const v1 = await montreuil.post<string>('/api/conventions/apercu', {
      yaml: lire('montreuil', 1),
    });
    expect(v1.status).toBe(200);
    expect(v1.body).toBe(stocke.body);
    const { yaml, ligne } = projetCasse();
    const casse = await montreuil.post<{ diagnostics: Diag[] }>('/api/conventions/apercu', {
      yaml,
    });
    expect(casse.status).toBe(422);
    expect(casse.body.diagnostics.some((x) => x.line === ligne)).toBe(true);
  }, 60_000);

  it('asks the upload’s permission: rediger on the parties the text names', async () => {
    // A member of Montreuil with lire only: 403 (it sees the convention, may not draft it).
    for (const chemin of ['/api/conventions/controle', '/api/conventions/apercu']) {
      const lecteur = await montreuilLecteur.post<{ diagnostics: Diag[] }>(chemin, {
        yaml: PROJET,
      });
      expect(lecteur.status, chemin).toBe(403);
      expect(lecteur.body.diagnostics[0]?.code).toBe('SERVICE_INTERDIT');
      // The État's member: Montreuil's convention is not its own, nothing said of it (404).
      const autre = await etat.post<{ diagnostics: Diag[] }>(chemin, { yaml: PROJET });
      expect(autre.status, chemin).toBe(404);
      expect(autre.body.diagnostics[0]?.code).toBe('SERVICE_INTROUVABLE');
      expect(JSON.stringify(autre.body)).not.toContain('montreuil');
    }
    // Not JSON of the schema: 400 on the field.
    const mauvais = await montreuil.post<{ diagnostics: Diag[] }>('/api/conventions/controle', {
      texte: PROJET,
    });
    expect(mauvais.status).toBe(400);
    expect(mauvais.body.diagnostics.map((d) => d.pointer)).toContain('/yaml');
  });

  it('says a conflict with other parties’ conventions to a réservataire without naming them', async () => {
    const doublon = lire('etat-93', 2)
      .replace(/^id: 93-552046484-etat-93$/m, 'id: 93-552046484-prefet-93')
      .replace(/^ {2}id: etat-93$/m, '  id: prefet-93')
      .replace(/^version: 2$/m, 'version: 1');
    const prefet = await membre(s, adm, { type: 'reservataire', identifiant: 'prefet-93' }, [
      'rediger',
    ]);
    const vu = await prefet.post<Controle>('/api/conventions/controle', { yaml: doublon });
    expect(vu.status).toBe(200);
    const d = vu.body.diagnostics.find((x) => x.code === 'SERVICE_CONTROLE_ENSEMBLE');
    expect(d?.line).toBeGreaterThan(0);
    expect(JSON.stringify(vu.body)).not.toContain('etat-93');
    const apercu = await prefet.post<string>('/api/conventions/apercu', { yaml: doublon });
    expect(apercu.status).toBe(422);
    expect(JSON.stringify(apercu.body)).not.toContain('etat-93');
    const bail = await bailleur.post<Controle>('/api/conventions/controle', { yaml: doublon });
    const detail = bail.body.diagnostics.find((x) => x.code === 'CONVENTION_DOUBLON');
    expect(detail?.message).toContain('93-552046484-etat-93');
    expect(detail?.line).toBe(d?.line);
  }, 60_000);
});
