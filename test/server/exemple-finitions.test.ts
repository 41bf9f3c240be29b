/**
 * What the pages need of the API on `convflux serve --exemple`, through the real process on
 * SQLite and PostgreSQL: each convention listed with the version in force (signed by both
 * parties, in effect), not its latest draft, and with the parties' names its text gives — the
 * expected values read here from the bundled YAML files —; the Strasbourg cotation grid loaded
 * for its EPCI; an organisation's last « administrer » member kept (409).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers.js';
import { membreExemple } from './exemple-comptes.js';
import { admin, BASES, serveurExemple, type Serveur } from './harness.js';

const DOSSIER = join(repoRoot, 'rules', 'conventions', '93', '552046484');

interface Texte {
  version: number;
  date_effet: string;
  bailleur: { nom: string };
  reservataire: { nom: string };
  signatures?: { partie: string; date: string }[];
}

/** The bundled versions of a convention, as their YAML says. */
function textes(reservataire: string): Texte[] {
  const dir = join(DOSSIER, reservataire);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8'), { version: '1.2' }) as Texte)
    .sort((a, b) => a.version - b.version);
}

/** The date both parties had signed a text by, from its own `signatures:`; else undefined. */
function signeeLe(t: Texte): string | undefined {
  const s = t.signatures ?? [];
  const parties = new Set(s.map((x) => x.partie));
  if (!parties.has('bailleur') || !parties.has('reservataire')) return undefined;
  return s
    .map((x) => x.date)
    .sort()
    .at(-1);
}

interface Listee {
  id: string;
  bailleur: string;
  reservataire: string;
  bailleur_nom: string | null;
  reservataire_nom: string | null;
  versions: { version: number; statut: string }[];
  en_vigueur: { version: number; entree_en_vigueur: string } | null;
}

describe.each(BASES)('serve --exemple, ce que les pages lisent (%s)', (nom) => {
  let s: Serveur;
  beforeAll(async () => {
    s = await serveurExemple(nom);
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('lists each convention with its version in force and the parties’ names of its text', async () => {
    const c = await membreExemple(s, 'reservataire:etat-93');
    const r = await c.get<{ conventions: Listee[] }>('/api/conventions');
    expect(r.status).toBe(200);
    const etat = textes('etat-93');
    const signees = etat.filter((t) => signeeLe(t) !== undefined);
    // The example's point: the latest version is a draft, an earlier one is signed.
    expect(etat.at(-1)?.version).toBeGreaterThan(signees.at(-1)?.version ?? Infinity);
    const enVigueur = signees.at(-1);
    expect(r.body.conventions).toEqual([
      expect.objectContaining({
        id: '93-552046484-etat-93',
        bailleur_nom: etat.at(-1)?.bailleur.nom,
        reservataire_nom: etat.at(-1)?.reservataire.nom,
        en_vigueur: {
          version: enVigueur?.version,
          entree_en_vigueur: enVigueur && signeeLe(enVigueur),
          date_effet: enVigueur?.date_effet,
        },
      }),
    ]);
    expect(r.body.conventions[0]?.versions.map((v) => v.version)).toEqual(
      etat.map((t) => t.version),
    );
    const une = await c.get<Listee>('/api/conventions/93-552046484-etat-93');
    expect(une.body).toMatchObject({
      bailleur_nom: etat.at(-1)?.bailleur.nom,
      en_vigueur: { version: enVigueur?.version },
    });
  });

  it('holds the bundled Strasbourg cotation grid for its EPCI’s member', async () => {
    const c = await membreExemple(s, 'epci:246700488');
    const texte = readFileSync(join(repoRoot, 'rules', 'cotation', '246700488', 'v1.yaml'), 'utf8');
    const r = await c.get<{ grilles: { nom: string; sha256: string }[] }>(
      '/api/epci/246700488/grilles',
    );
    expect(r.status).toBe(200);
    expect(r.body.grilles).toEqual([
      expect.objectContaining({
        nom: 'v1',
        sha256: createHash('sha256').update(texte).digest('hex'),
      }),
    ]);
  });

  it('keeps an organisation’s last « administrer » member: 409 with the diagnostic, in French or English', async () => {
    const c = await membreExemple(s, 'bailleur:552046484');
    const org = encodeURIComponent('bailleur:552046484');
    const m = await c.get<{ membres: { compte_id: string; permissions: string[] }[] }>(
      `/api/organisations/${org}/membres`,
    );
    expect(m.status).toBe(200);
    const [seul] = m.body.membres;
    expect(m.body.membres).toHaveLength(1);
    expect(seul?.permissions).toContain('administrer');
    const sansAdministrer = seul?.permissions.filter((p) => p !== 'administrer') ?? [];
    const put = await c.put<{ diagnostics: { code: string; message: string }[] }>(
      `/api/organisations/${org}/membres`,
      { compte_id: seul?.compte_id, permissions: sansAdministrer },
    );
    expect(put.status).toBe(409);
    expect(put.body.diagnostics[0]?.code).toBe('SERVICE_DERNIER_ADMINISTRATEUR');
    expect(put.body.diagnostics[0]?.message).toMatch(/dernier membre de bailleur:552046484/);
    const del = await c.requete<{ diagnostics: { code: string; message: string }[] }>(
      'DELETE',
      `/api/organisations/${org}/membres/${seul?.compte_id ?? ''}`,
      undefined,
      { 'accept-language': 'en' },
    );
    expect(del.status).toBe(409);
    expect(del.body.diagnostics[0]?.message).toMatch(/last member of bailleur:552046484/);
    // Nothing changed.
    const apres = await c.get<{ membres: { permissions: string[] }[] }>(
      `/api/organisations/${org}/membres`,
    );
    expect(apres.body.membres).toEqual([
      expect.objectContaining({ permissions: seul?.permissions }),
    ]);
    // With a second administrer member, the first may step down.
    const adm = await admin(s);
    const autre = await adm.post<{ id: string }>('/api/comptes', {
      email: `deuxieme-${nom}@exemple.fr`,
      nom: 'Deuxième',
    });
    expect(autre.status).toBe(201);
    const ajout = await c.put(`/api/organisations/${org}/membres`, {
      compte_id: autre.body.id,
      permissions: ['lire', 'administrer'],
    });
    expect(ajout.status).toBe(200);
    const cede = await c.put(`/api/organisations/${org}/membres`, {
      compte_id: seul?.compte_id,
      permissions: sansAdministrer,
    });
    expect(cede.status).toBe(200);
  });

  it('says no version is in force for a convention whose only version is a draft', async () => {
    const c = await membreExemple(s, 'reservataire:montreuil');
    const r = await c.get<{ conventions: Listee[] }>('/api/conventions');
    const montreuil = textes('montreuil');
    expect(montreuil.every((t) => signeeLe(t) === undefined)).toBe(true);
    expect(r.body.conventions).toEqual([
      expect.objectContaining({
        id: '93-552046484-montreuil',
        en_vigueur: null,
        reservataire_nom: montreuil.at(-1)?.reservataire.nom,
      }),
    ]);
  });

  it('answers a request’s validation errors wholly in English with Accept-Language: en', async () => {
    // What each error expects was written in French into the English sentence (« Field a: un
    // numéro de version expected. »).
    const b = await membreExemple(s, 'bailleur:353017015');
    const epci = await membreExemple(s, 'epci:244500468');
    const en = { 'accept-language': 'en' };
    const cas: [Promise<{ body: unknown }>, string][] = [
      [
        b.get('/api/conventions/35-353017015-etat-35/diff?de=1&a=x', en),
        'Field a: a version number expected.',
      ],
      [
        // JSON where the YAML text is expected: 415, said like the grids' route below.
        b.post('/api/conventions', {}, en),
        'Request body expected: the convention’s YAML text (Content-Type: application/yaml header).',
      ],
      [
        b.post('/api/bailleurs/353017015/imports?nature=evenements&format=rpls', 'a', {
          ...en,
          'content-type': 'text/csv',
        }),
        'Invalid format parameter: csv, ndjson, xlsx (rpls: a parc) expected.',
      ],
      [
        b.get('/api/echeancier?horizon=x', en),
        'Parameter horizon: an integer from 0 to 3660 expected.',
      ],
      [
        epci.post('/api/epci/244500468/cotation', 'a', { ...en, 'content-type': 'text/csv' }),
        'Parameter date: a date YYYY-MM-DD expected.',
      ],
      [
        epci.post('/api/epci/244500468/cotation/releve?date=2025-01-01', 'a', {
          ...en,
          'content-type': 'text/csv',
        }),
        'Parameter numero: the request’s numéro unique expected.',
      ],
      [
        epci.post('/api/epci/244500468/grilles', ' ', {
          ...en,
          'content-type': 'application/yaml',
        }),
        'Request body expected: a YAML cotation grid (Content-Type: application/yaml header).',
      ],
    ];
    for (const [reponse, message] of cas) {
      const r = (await reponse) as { body: { diagnostics: { message: string }[] } };
      expect(r.body.diagnostics.map((d) => d.message)).toEqual([message]);
    }
  });
});
