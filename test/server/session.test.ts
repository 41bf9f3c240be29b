/**
 * Accounts and sessions through the real `convflux serve` process, on SQLite and PostgreSQL:
 * first administrator, one-time password, CSRF, API tokens, membership, login rate limit,
 * errors as diagnostics in French or English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  BASES,
  Client,
  demarrerServeur,
  expectStatus,
  membre,
  MOT_DE_PASSE,
  nouvelleBase,
  type Serveur,
} from './harness.js';

interface Diags {
  diagnostics: { code: string; message: string; pointer: string; file: string }[];
}

describe.each(BASES)('session et comptes (%s)', (base) => {
  let s: Serveur;
  let adm: Client;
  beforeAll(async () => {
    s = await demarrerServeur(base, await nouvelleBase(base));
    adm = await admin(s);
  }, 60_000);
  afterAll(async () => {
    await s.stop();
  });

  it('refuses anonymous calls with a diagnostic, in French or in English', async () => {
    const anon = new Client(s.url);
    const fr = await anon.get<Diags>('/api/organisations');
    expect(fr.status).toBe(401);
    expect(fr.body.diagnostics[0]?.code).toBe('SERVICE_NON_AUTHENTIFIE');
    expect(fr.body.diagnostics[0]?.message).toMatch(/Connexion requise/);
    const en = await anon.get<Diags>('/api/organisations', { 'accept-language': 'en' });
    expect(en.body.diagnostics[0]?.message).toMatch(/Sign-in required/);
  });

  it('makes the first administrator change its one-time password', async () => {
    const t = await demarrerServeur(base, await nouvelleBase(base));
    try {
      const c = new Client(t.url);
      expectStatus(await c.connecter('admin@convflux.local', t.motDePasseAdmin ?? ''), 201);
      const r = await c.get<Diags>('/api/organisations');
      expect(r.status).toBe(403);
      expect(r.body.diagnostics[0]?.code).toBe('SERVICE_MOT_DE_PASSE_A_CHANGER');
      expect((await c.get('/api/moi')).status).toBe(200);
    } finally {
      await t.stop();
    }
    // A second start on the same data creates no second administrator.
    const again = await demarrerServeur(base, t.args);
    expect(again.motDePasseAdmin).toBeUndefined();
    await again.stop();
  });

  it('does not take the one-time password as its own replacement', async () => {
    const email = `provisoire-${Date.now()}@exemple.fr`;
    const c = await adm.post<{ mot_de_passe_provisoire: string }>('/api/comptes', {
      email,
      nom: 'Provisoire',
    });
    expectStatus(c, 201);
    const provisoire = c.body.mot_de_passe_provisoire;
    const u = new Client(s.url);
    expectStatus(await u.connecter(email, provisoire), 201);
    const meme = await u.post<Diags>('/api/moi/mot-de-passe', {
      actuel: provisoire,
      nouveau: provisoire,
    });
    expect(meme.status).toBe(400);
    expect(meme.body.diagnostics.map((d) => [d.code, d.pointer])).toEqual([
      ['SERVICE_MOT_DE_PASSE_INCHANGE', '/nouveau'],
    ]);
    expect(meme.body.diagnostics[0]?.message).toMatch(/^Le nouveau mot de passe est l’actuel/);
    // Still to be changed: the one-time password opens nothing else.
    expect((await u.get<{ doit_changer: boolean }>('/api/moi')).body.doit_changer).toBe(true);
    expect((await u.get<Diags>('/api/organisations')).body.diagnostics[0]?.code).toBe(
      'SERVICE_MOT_DE_PASSE_A_CHANGER',
    );
    const en = await u.post<Diags>(
      '/api/moi/mot-de-passe',
      { actuel: provisoire, nouveau: provisoire },
      { 'accept-language': 'en' },
    );
    expect(en.body.diagnostics[0]?.message).toMatch(/^The new password is the current one/);
    expectStatus(
      await u.post('/api/moi/mot-de-passe', { actuel: provisoire, nouveau: MOT_DE_PASSE }),
      204,
    );
    expect((await u.get<{ doit_changer: boolean }>('/api/moi')).body.doit_changer).toBe(false);
  });

  it('requires the CSRF token on a cookie session, not on an API token', async () => {
    const sansCsrf = await adm.post<Diags>(
      '/api/moi/jetons',
      { nom: 'outil' },
      { 'x-csrf-token': 'faux' },
    );
    expect(sansCsrf.status).toBe(403);
    expect(sansCsrf.body.diagnostics[0]?.code).toBe('SERVICE_CSRF');
    const j = await adm.post<{ id: string; jeton: string }>('/api/moi/jetons', { nom: 'outil' });
    expectStatus(j, 201);
    const outil = new Client(s.url, j.body.jeton);
    expect((await outil.get('/api/organisations')).status).toBe(200);
    expectStatus(await adm.delete(`/api/moi/jetons/${j.body.id}`), 204);
    expect((await outil.get('/api/organisations')).status).toBe(401);
  });

  it('refuses a sign-in posted by a page of another site (login CSRF), as JSON or as a form', async () => {
    const t = await demarrerServeur(base, await nouvelleBase(base));
    try {
      const corps = { email: 'admin@convflux.local', mot_de_passe: t.motDePasseAdmin ?? '' };
      const poster = (type: string, entetes: Record<string, string>) =>
        fetch(`${t.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': type, ...entetes },
          body:
            type === 'application/json'
              ? JSON.stringify(corps)
              : new URLSearchParams(corps).toString(),
        });
      for (const type of ['application/x-www-form-urlencoded', 'application/json'])
        for (const entetes of <Record<string, string>[]>[
          { 'sec-fetch-site': 'cross-site' },
          { origin: 'http://autre-site.example' },
        ]) {
          const r = await poster(type, entetes);
          expect(r.status).toBe(403);
          expect(r.headers.getSetCookie()).toEqual([]);
          const b = (await r.json()) as Diags;
          expect(b.diagnostics[0]?.code).toBe('SERVICE_CSRF');
        }
      // The same from the service's own pages, or from a tool that sends neither header.
      const memeSite = await poster('application/json', { 'sec-fetch-site': 'same-origin' });
      expect(memeSite.status).toBe(201);
      expect((await poster('application/json', {})).status).toBe(201);
    } finally {
      await t.stop();
    }
  });

  it('validates bodies against their schema, each field at its pointer', async () => {
    const r = await adm.post<Diags>('/api/organisations', { type: 'banque', nom: '', autre: 1 });
    expect(r.status).toBe(400);
    const pointers = r.body.diagnostics.map((d) => d.pointer).sort();
    expect(pointers).toEqual(['/autre', '/identifiant', '/nom', '/type']);
    expect(r.body.diagnostics.every((d) => d.file === 'POST /api/organisations')).toBe(true);
  });

  it('says what a missing or wrong field expects in the request’s language, never in ajv’s', async () => {
    const anon = new Client(s.url);
    const fr = await anon.post<Diags>('/api/session', { email: 'x@exemple.fr' });
    expect(fr.body.diagnostics.map((d) => d.message)).toEqual([
      'Champ mot_de_passe : un mot de passe attendu.',
    ]);
    const en = await anon.post<Diags>(
      '/api/session',
      { email: 1, mot_de_passe: 'x' },
      { 'accept-language': 'en' },
    );
    expect(en.body.diagnostics.map((d) => d.message)).toEqual([
      'Field email: an e-mail address expected.',
    ]);
    const corps = await anon.post<Diags>('/api/session', [], { 'accept-language': 'en' });
    expect(corps.body.diagnostics.map((d) => d.message)).toEqual([
      'Field (body): a value of type object expected.',
    ]);
  });

  it('shows members their own organisations only; non-admins cannot create any', async () => {
    const bailleur = await membre(s, adm, { type: 'bailleur', identifiant: '552046484' }, ['lire']);
    await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, ['lire']);
    const r = await bailleur.get<{ organisations: { id: string }[] }>('/api/organisations');
    expect(r.body.organisations.map((o) => o.id)).toEqual(['bailleur:552046484']);
    const cree = await bailleur.post<Diags>('/api/organisations', {
      type: 'epci',
      identifiant: '200054781',
      nom: 'x',
    });
    expect(cree.status).toBe(403);
    // Managing another organisation's members: it is not even visible.
    const autre = await bailleur.put<Diags>('/api/organisations/reservataire:etat-93/membres', {
      compte_id: 'x',
      permissions: ['lire'],
    });
    expect(autre.status).toBe(404);
    const inexistante = await bailleur.put<Diags>(
      '/api/organisations/reservataire:nulle-part/membres',
      {
        compte_id: 'x',
        permissions: ['lire'],
      },
    );
    expect(inexistante.status).toBe(404);
    expect(inexistante.body.diagnostics[0]?.message).toBe(
      autre.body.diagnostics[0]?.message.replace('etat-93', 'nulle-part'),
    );
  });

  it('limits sign-in attempts per address, shared through the database', async () => {
    const email = 'cible@exemple.fr';
    const c = await adm.post<{ id: string }>('/api/comptes', { email, nom: 'Cible' });
    expectStatus(c, 201);
    const statuts: number[] = [];
    for (let i = 0; i < 11; i++)
      statuts.push((await new Client(s.url).connecter(email, `faux-${String(i)}`)).status);
    expect(statuts.slice(0, 10).every((x) => x === 401)).toBe(true);
    expect(statuts[10]).toBe(429);
  });
});
