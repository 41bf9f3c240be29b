/**
 * The service's security through the real process, on SQLite and PostgreSQL: helmet's headers,
 * body size limit, malformed JSON, unknown routes (diagnostics, in English on request), CSRF on
 * cookie sessions but not on API tokens, sign-out, session expiry, revoked tokens; two processes
 * on one PostgreSQL database share sessions and the sign-in rate limit; no error body holds a
 * stack trace or SQL, and the server's output holds no address, name or password of an account.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  principalJetonGroupe,
  principalSessionGroupe,
} from '../../src/server/auth/principaux-groupes.js';
import { catalogueService } from '../../src/diagnostics/catalogue-service.js';
import { createAjv } from '../../src/schema/load-schemas.js';
import { repoRoot } from '../helpers.js';
import { ouvrirBase } from './base-directe.js';
import {
  admin,
  BASES,
  Client,
  demarrerServeur,
  expectStatus,
  MOT_DE_PASSE,
  nouvelleBase,
  type NomBase,
  type Serveur,
} from './harness.js';

interface Diag {
  code: string;
  message: string;
}
interface Diags {
  diagnostics: Diag[];
}
interface Brute {
  status: number;
  headers: Headers;
  texte: string;
  diagnostics: Diag[];
}

/** The error shape of the OpenAPI document: `{ diagnostics: [Diagnostic] }`. */
const erreurValide = createAjv().compile({
  type: 'object',
  required: ['diagnostics'],
  properties: {
    diagnostics: {
      type: 'array',
      minItems: 1,
      items: JSON.parse(
        readFileSync(join(repoRoot, 'schemas/service/diagnostic.schema.json'), 'utf8'),
      ) as object,
    },
  },
});

/** Every error body the tests received: none may hold a stack trace or SQL. */
const erreurs: string[] = [];

/** One request with exactly the headers given (no cookie jar, no CSRF added). */
async function brut(
  url: string,
  method: string,
  path: string,
  o: {
    cookie?: string;
    csrf?: string;
    bearer?: string;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Brute> {
  const h: Record<string, string> = { ...o.headers };
  if (o.cookie) h['cookie'] = o.cookie;
  if (o.csrf) h['x-csrf-token'] = o.csrf;
  if (o.bearer) h['authorization'] = `Bearer ${o.bearer}`;
  if (o.body !== undefined) h['content-type'] ??= 'application/json';
  const res = await fetch(url + path, {
    method,
    headers: h,
    ...(o.body !== undefined ? { body: o.body } : {}),
  });
  const texte = await res.text();
  if (res.status >= 400) erreurs.push(texte);
  if (res.status >= 400) expect(erreurValide(JSON.parse(texte)), texte).toBe(true);
  const json: unknown = res.headers.get('content-type')?.includes('json') ? JSON.parse(texte) : {};
  const diagnostics = (json as { diagnostics?: Diag[] }).diagnostics ?? [];
  return { status: res.status, headers: res.headers, texte, diagnostics };
}

/** Signs in; the session's cookie (name=value) and CSRF token. */
async function connexion(url: string, email: string, motDePasse = MOT_DE_PASSE) {
  const r = await brut(url, 'POST', '/api/session', {
    body: JSON.stringify({ email, mot_de_passe: motDePasse }),
  });
  expect(r.status, r.texte).toBe(201);
  const setCookie = r.headers.get('set-cookie') ?? '';
  return {
    cookie: setCookie.split(';')[0] ?? '',
    setCookie,
    csrf: (JSON.parse(r.texte) as { csrf: string }).csrf,
  };
}

/** An account (signed-in once to change its one-time password) with a personal-looking name. */
async function compte(s: Serveur, adm: Client, email: string, nom: string) {
  const c = await adm.post<{ id: string; mot_de_passe_provisoire: string }>('/api/comptes', {
    email,
    nom,
  });
  expectStatus(c, 201);
  const client = new Client(s.url);
  expectStatus(await client.connecter(email, c.body.mot_de_passe_provisoire), 201);
  expectStatus(
    await client.post('/api/moi/mot-de-passe', {
      actuel: c.body.mot_de_passe_provisoire,
      nouveau: MOT_DE_PASSE,
    }),
    204,
  );
  return { id: c.body.id, provisoire: c.body.mot_de_passe_provisoire };
}

/** Ages every session of an account past its expiry, straight in the database. */
async function expirerSessions(base: NomBase, args: string[], compteId: string): Promise<void> {
  const passe = '2000-01-01T00:00:00.000Z';
  const i = args.indexOf('--database');
  if (base === 'postgres') {
    const c = new pg.Client(args[i + 1]);
    await c.connect();
    await c.query('update session set expire_le = $1 where compte_id = $2', [passe, compteId]);
    await c.end();
    return;
  }
  const db = new Database(join(args[args.indexOf('--data') + 1] ?? '', 'convflux.sqlite'));
  db.pragma('busy_timeout = 10000');
  db.prepare('update session set expire_le = ? where compte_id = ?').run(passe, compteId);
  db.close();
}

const FUITES = [
  /\bat [\w.<>]+ \(/, // stack frame
  /node_modules|\.ts:\d+|\.js:\d+/,
  /\b(select|insert|update|delete)\b[\s\S]*\b(from|into|set)\b/i,
  /sqlite|postgres|kysely|syntax error|constraint/i,
];

describe.each(BASES)('sécurité du service (%s)', (base) => {
  let s: Serveur;
  let adm: Client;
  const email = `claire.martin-${randomBytes(3).toString('hex')}@exemple.fr`;
  const nom = 'Claire Martin';
  let id = '';
  const secrets: string[] = [MOT_DE_PASSE, email, nom];

  beforeAll(async () => {
    s = await demarrerServeur(base, await nouvelleBase(base));
    adm = await admin(s);
    const c = await compte(s, adm, email, nom);
    id = c.id;
    secrets.push(c.provisoire);
  }, 60_000);
  afterAll(async () => {
    await s.stop();
  });

  it('sends helmet’s headers and no X-Powered-By, on answers and on errors', async () => {
    for (const path of ['/api/openapi.json', '/api/nulle-part', '/api/moi']) {
      const r = await brut(s.url, 'GET', path);
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(r.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('refuses a JSON body over 1 MB (413), reads one just below', async () => {
    const c = await connexion(s.url, email);
    const gros = JSON.stringify({ nom: 'x'.repeat(1024 * 1024 + 10) });
    const r = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: gros });
    expect(r.status).toBe(413);
    expect(r.diagnostics[0]?.code).toBe('SERVICE_CORPS_TROP_GRAND');
    const moins = JSON.stringify({ nom: 'x'.repeat(1000 * 1000) });
    const lu = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: moins });
    expect(lu.status).toBe(400);
    expect(lu.diagnostics[0]?.code).toBe('SERVICE_CHAMP_INVALIDE');
  });

  it('answers malformed JSON and unknown routes with diagnostics, in English on request', async () => {
    const c = await connexion(s.url, email);
    const fr = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: '{"nom": ' });
    expect(fr.status).toBe(400);
    expect(fr.diagnostics[0]?.code).toBe('SERVICE_JSON_INVALIDE');
    expect(fr.diagnostics[0]?.message).toBe(catalogueService['SERVICE_JSON_INVALIDE']?.fr);
    const en = await brut(s.url, 'POST', '/api/moi/jetons', {
      ...c,
      body: '{"nom": ',
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.diagnostics[0]?.message).toBe(catalogueService['SERVICE_JSON_INVALIDE']?.en);
    for (const [lang, texte] of [
      ['fr', 'Ressource introuvable'],
      ['en', 'Resource not found'],
    ] as const) {
      const r = await brut(s.url, 'GET', '/api/rien/ici', { headers: { 'accept-language': lang } });
      expect(r.status).toBe(404);
      expect(r.diagnostics[0]?.code).toBe('SERVICE_INTROUVABLE');
      expect(r.diagnostics[0]?.message).toBe(
        `${texte}: /api/rien/ici.`.replace(':', lang === 'fr' ? ' :' : ':'),
      );
    }
  });

  it('answers a declared address asked with another method 405 with its methods, not 404', async () => {
    const c = await connexion(s.url, email);
    const r = await brut(s.url, 'DELETE', '/api/conventions', c);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'Méthode DELETE non permise à cette adresse (méthodes permises : GET, HEAD, POST).',
    ]);
    // Route-level: the same answer whatever the id, and without an account.
    const id = await brut(s.url, 'PATCH', '/api/imports/nimporte', {
      headers: { 'accept-language': 'en' },
    });
    expect(id.status).toBe(405);
    expect(id.diagnostics.map((d) => d.message)).toEqual([
      'Method PATCH is not allowed at this address (allowed methods: GET, HEAD).',
    ]);
    const options = await fetch(`${s.url}/api/conventions`, { method: 'OPTIONS' });
    expect(options.status).toBe(200); // express answers OPTIONS itself
    expect(options.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await brut(s.url, 'GET', '/api/rien/ici')).status).toBe(404);
  });

  it('says a JSON body is expected when one of another type, or none, is sent', async () => {
    const c = await connexion(s.url, email);
    // Before: « Champ (corps) : une valeur de type object attendu. », whatever was sent.
    const texte = await brut(s.url, 'POST', '/api/moi/jetons', {
      ...c,
      body: '{"nom": "outil"}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(texte.status).toBe(415);
    expect(texte.diagnostics.map((d) => d.code)).toEqual(['SERVICE_CORPS_ATTENDU']);
    expect(texte.diagnostics[0]?.message).toBe(
      'Corps de requête attendu : un objet JSON (en-tête Content-Type: application/json).',
    );
    const rien = await brut(s.url, 'POST', '/api/moi/jetons', {
      ...c,
      headers: { 'accept-language': 'en' },
    });
    expect(rien.status).toBe(400);
    expect(rien.diagnostics[0]?.message).toBe(
      'Request body expected: a JSON object (Content-Type: application/json header).',
    );
  });

  it('answers a charset or compression it cannot read 415, and a badly encoded address 400, not 500', async () => {
    const c = await connexion(s.url, email);
    // A charset body-parser does not read was a 500 ERREUR_INTERNE (its 415 was not handled).
    const latin = await brut(s.url, 'POST', '/api/moi/jetons', {
      ...c,
      body: '{"nom": "outil"}',
      headers: { 'content-type': 'application/json; charset=latin9' },
    });
    expect(latin.status).toBe(415);
    expect(latin.diagnostics.map((d) => d.message)).toEqual([
      'Encodage du corps de requête non pris en charge (« latin9 ») : envoyez-le en UTF-8, non compressé ou compressé en gzip.',
    ]);
    // A gzip body that does not inflate was « pas un JSON valide », on a YAML route too.
    for (const [chemin, type] of [
      ['/api/moi/jetons', 'application/json'],
      ['/api/conventions', 'application/yaml'],
    ] as const) {
      const gzip = await brut(s.url, 'POST', chemin, {
        ...c,
        body: 'pas du gzip',
        headers: { 'content-type': type, 'content-encoding': 'gzip' },
      });
      expect(gzip.status, gzip.texte).toBe(400);
      expect(gzip.diagnostics.map((d) => d.code)).toEqual(['SERVICE_CORPS_ILLISIBLE']);
    }
    const gzipEn = await brut(s.url, 'POST', '/api/moi/jetons', {
      ...c,
      body: 'pas du gzip',
      headers: { 'content-encoding': 'gzip', 'accept-language': 'en' },
    });
    expect(gzipEn.diagnostics.map((d) => d.message)).toEqual([
      'The request body could not be read: its compression (Content-Encoding header) does not decompress, or it arrived incomplete.',
    ]);
    // A %XX that does not decode was « Le corps de la requête n’est pas un JSON valide ».
    const adresse = await brut(s.url, 'GET', '/api/imports/%ZZ', {
      ...c,
      headers: { 'accept-language': 'en' },
    });
    expect(adresse.status).toBe(400);
    expect(adresse.diagnostics.map((d) => d.message)).toEqual([
      'Badly encoded request address: a %XX sequence does not decode as UTF-8.',
    ]);
  });

  it('requires the CSRF token of a cookie session on unsafe calls, not of an API token', async () => {
    const c = await connexion(s.url, email);
    const corps = JSON.stringify({ nom: 'outil' });
    const sans = await brut(s.url, 'POST', '/api/moi/jetons', { cookie: c.cookie, body: corps });
    expect(sans.status).toBe(403);
    expect(sans.diagnostics[0]?.code).toBe('SERVICE_CSRF');
    const formulaire = await brut(s.url, 'POST', '/api/moi/jetons', {
      cookie: c.cookie,
      body: 'nom=outil&_csrf=autre',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(formulaire.status).toBe(403);
    // A form carrying its session's token in `_csrf` is served: the field is not one of the route's.
    const avecChamp = await brut(s.url, 'POST', '/api/moi/jetons', {
      cookie: c.cookie,
      body: `nom=outil&_csrf=${encodeURIComponent(c.csrf)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(avecChamp.status, avecChamp.texte).toBe(201);
    secrets.push((JSON.parse(avecChamp.texte) as { jeton: string }).jeton);
    // DELETE too: signing out without the token does not sign out.
    const sortie = await brut(s.url, 'DELETE', '/api/session', { cookie: c.cookie });
    expect(sortie.status).toBe(403);
    expect((await brut(s.url, 'GET', '/api/moi', c)).status).toBe(200);
    const avec = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: corps });
    expect(avec.status).toBe(201);
    const jeton = (JSON.parse(avec.texte) as { jeton: string }).jeton;
    secrets.push(jeton);
    const outil = await brut(s.url, 'POST', '/api/moi/jetons', { bearer: jeton, body: corps });
    expect(outil.status).toBe(201);
  });

  it('ends the account’s other sessions when its password changes, not the one changing it', async () => {
    const ici = await connexion(s.url, email);
    const ailleurs = await connexion(s.url, email);
    const j = await brut(s.url, 'POST', '/api/moi/jetons', { ...ici, body: '{"nom":"outil"}' });
    const jeton = (JSON.parse(j.texte) as { jeton: string }).jeton;
    secrets.push(ici.cookie.split('=')[1] ?? '', ailleurs.cookie.split('=')[1] ?? '', jeton);
    const changer = (de: string, vers: string) =>
      brut(s.url, 'POST', '/api/moi/mot-de-passe', {
        ...ici,
        body: JSON.stringify({ actuel: de, nouveau: vers }),
      });
    expect((await changer(MOT_DE_PASSE, 'un tout autre mot de passe')).status).toBe(204);
    // The other session was still open for its 12 hours with the old password.
    expect((await brut(s.url, 'GET', '/api/moi', ailleurs)).status).toBe(401);
    expect((await brut(s.url, 'GET', '/api/moi', ici)).status).toBe(200);
    expect((await brut(s.url, 'GET', '/api/moi', { bearer: jeton })).status).toBe(200);
    expect((await changer('un tout autre mot de passe', MOT_DE_PASSE)).status).toBe(204);
  });

  it('ends a session at sign-out and at expiry, and a token at revocation', async () => {
    const a = await connexion(s.url, email);
    expect(a.setCookie).toMatch(/HttpOnly/i);
    expect(a.setCookie).toMatch(/SameSite=Lax/i);
    expect(a.setCookie).toMatch(/Max-Age=43200/);
    secrets.push(a.cookie.split('=')[1] ?? '');
    expect((await brut(s.url, 'GET', '/api/moi', a)).status).toBe(200);
    expect((await brut(s.url, 'DELETE', '/api/session', a)).status).toBe(204);
    const apres = await brut(s.url, 'GET', '/api/moi', a);
    expect(apres.status).toBe(401);
    expect(apres.diagnostics[0]?.code).toBe('SERVICE_NON_AUTHENTIFIE');

    const b = await connexion(s.url, email);
    expect((await brut(s.url, 'GET', '/api/moi', b)).status).toBe(200);
    await expirerSessions(base, s.args, id);
    expect((await brut(s.url, 'GET', '/api/moi', b)).status).toBe(401);

    const c = await connexion(s.url, email);
    const j = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: '{"nom":"t"}' });
    const { id: jid, jeton } = JSON.parse(j.texte) as { id: string; jeton: string };
    secrets.push(jeton);
    expect((await brut(s.url, 'GET', '/api/moi', { bearer: jeton })).status).toBe(200);
    expect((await brut(s.url, 'DELETE', `/api/moi/jetons/${jid}`, c)).status).toBe(204);
    const revoque = await brut(s.url, 'GET', '/api/moi', { bearer: jeton });
    expect(revoque.status).toBe(401);
    expect(revoque.diagnostics[0]?.code).toBe('SERVICE_NON_AUTHENTIFIE');
  });

  it('tells apart the callers of requests sent together (read by one query on PostgreSQL)', async () => {
    const autre = `paul.durand-${randomBytes(3).toString('hex')}@exemple.fr`;
    secrets.push(autre, (await compte(s, adm, autre, 'Paul Durand')).provisoire);
    const jetonDe = async (e: string) => {
      const c = await connexion(s.url, e);
      const j = await brut(s.url, 'POST', '/api/moi/jetons', { ...c, body: '{"nom":"t"}' });
      const r = JSON.parse(j.texte) as { id: string; jeton: string };
      secrets.push(c.cookie.split('=')[1] ?? '', r.jeton);
      return { c, ...r };
    };
    const [a, b, r] = [await jetonDe(email), await jetonDe(autre), await jetonDe(autre)];
    expect((await brut(s.url, 'DELETE', `/api/moi/jetons/${r.id}`, r.c)).status).toBe(204);
    const appels: [Parameters<typeof brut>[3], number, string?][] = [
      [{ bearer: a.jeton }, 200, email],
      [{ bearer: b.jeton }, 200, autre],
      [{ bearer: r.jeton }, 401],
      [{ bearer: 'inconnu' }, 401],
      [a.c, 200, email],
      [b.c, 200, autre],
      [{ cookie: 'convflux_session=inconnue' }, 401],
    ];
    const tous = [...appels, ...appels, ...appels];
    const reponses = await Promise.all(tous.map(([o]) => brut(s.url, 'GET', '/api/moi', o)));
    reponses.forEach((rep, i) => {
      const [, status, qui] = tous[i] ?? [];
      expect(rep.status).toBe(status);
      if (qui) expect((JSON.parse(rep.texte) as { email: string }).email).toBe(qui);
    });
    if (base !== 'postgres') return;
    // The same lookups asked in one turn of the event loop: one query answers them all.
    const directe = await ouvrirBase(s.args);
    try {
      const lus = await Promise.all(
        tous.map(([o]) =>
          o?.bearer !== undefined
            ? principalJetonGroupe(directe.db, o.bearer)
            : principalSessionGroupe(directe.db, o?.cookie?.split('=')[1] ?? '', new Date()),
        ),
      );
      expect(lus.map((p) => p?.email)).toEqual(tous.map(([, , qui]) => qui));
    } finally {
      await directe.close();
    }
  });

  it('refuses the NUL character in a body or an address with 400 on both databases (it was a 500 on PostgreSQL)', async () => {
    const corps = await brut(s.url, 'POST', '/api/session', {
      body: JSON.stringify({ email: 'a\u0000b@exemple.fr', mot_de_passe: 'x' }),
    });
    const adresse = await brut(s.url, 'GET', '/api/conventions/abc%00def');
    const anglais = await brut(s.url, 'POST', '/api/session', {
      body: JSON.stringify({ email: 'a@exemple.fr', mot_de_passe: ['x', { y: 'z\u0000' }] }),
      headers: { 'accept-language': 'en' },
    });
    for (const r of [corps, adresse, anglais]) {
      expect(r.status).toBe(400);
      expect(r.diagnostics[0]?.code).toBe('SERVICE_CARACTERE_NUL');
    }
    expect(corps.diagnostics[0]?.message).toContain('caractère nul');
    expect(anglais.diagnostics[0]?.message).toContain('NUL character');
    // A web form says it as a page, not as JSON.
    const page = await fetch(`${s.url}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%00b&mot_de_passe=x',
    });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('caractère nul (U+0000)');
  });

  it('answers a failure of the database as a 500 that holds none of its error', async () => {
    // A table gone from under the server (renamed for the time of one request).
    const directe = await ouvrirBase(s.args);
    try {
      await sql`alter table webhook rename to webhook_cache`.execute(directe.db);
      const r = await adm.get<Diags>('/api/webhooks');
      await sql`alter table webhook_cache rename to webhook`.execute(directe.db);
      expect(r.status).toBe(500);
      expect(r.body.diagnostics[0]?.code).toBe('ERREUR_INTERNE');
      erreurs.push(JSON.stringify(r.body));
    } finally {
      await directe.close();
    }
  });

  it('answers a race on one address with one 201 and conflicts, and logs no address', async () => {
    const double = `paul.durand-${randomBytes(3).toString('hex')}@exemple.fr`;
    secrets.push(double);
    const corps = { email: double, nom: 'Paul Durand' };
    const r = await Promise.all([1, 2, 3, 4].map(() => adm.post<Diags>('/api/comptes', corps)));
    expect(r.map((x) => x.status).sort()).toEqual([201, 409, 409, 409]);
    for (const x of r.filter((y) => y.status === 409)) {
      expect(['SERVICE_EXISTE_DEJA', 'SERVICE_CONFLIT']).toContain(x.body.diagnostics[0]?.code);
      erreurs.push(JSON.stringify(x.body));
    }
  });

  it('puts no stack trace or SQL in any error body, and no personal data in its output', () => {
    expect(erreurs.length).toBeGreaterThan(10);
    for (const e of erreurs) for (const f of FUITES) expect(e).not.toMatch(f);
    const sortie = s.sortie();
    expect(sortie).toMatch(/convflux serve : http/);
    // The 500s are logged by class, code and place (the missing table above), never the message.
    expect(sortie).toMatch(/erreur interne : \w+( \w+)?\n\s+at /);
    expect(sortie).not.toContain('webhook_cache');
    for (const x of secrets) expect(sortie).not.toContain(x);
  });
});

describe('deux processus sur une même base PostgreSQL', () => {
  let s1: Serveur;
  let s2: Serveur;
  let adm: Client;
  const email = `jean.dupont-${randomBytes(3).toString('hex')}@exemple.fr`;

  beforeAll(async () => {
    s1 = await demarrerServeur('postgres', await nouvelleBase('postgres'));
    s2 = await demarrerServeur('postgres', s1.args);
    adm = await admin(s1);
    await compte(s1, adm, email, 'Jean Dupont');
  }, 60_000);
  afterAll(async () => {
    await Promise.all([s1.stop(), s2.stop()]);
  });

  it('shares sessions: signed in on one, served and signed out by the other', async () => {
    expect(s1.url).not.toBe(s2.url);
    const c = await connexion(s1.url, email);
    expect((await brut(s2.url, 'GET', '/api/moi', c)).status).toBe(200);
    const j = await brut(s2.url, 'POST', '/api/moi/jetons', { ...c, body: '{"nom":"t"}' });
    expect(j.status).toBe(201);
    expect((await brut(s2.url, 'DELETE', '/api/session', c)).status).toBe(204);
    expect((await brut(s1.url, 'GET', '/api/moi', c)).status).toBe(401);
  });

  it('counts sign-in attempts of both processes together', async () => {
    const essai = (url: string, adresse = email) =>
      brut(url, 'POST', '/api/session', {
        body: JSON.stringify({ email: adresse, mot_de_passe: 'pas le bon mot de passe' }),
      });
    const statuts: number[] = [];
    for (let i = 0; i < 5; i++) statuts.push((await essai(s1.url)).status);
    for (let i = 0; i < 5; i++) statuts.push((await essai(s2.url)).status);
    expect(statuts).toEqual(Array<number>(10).fill(401));
    const bloque = await essai(s1.url);
    expect(bloque.status).toBe(429);
    expect(bloque.diagnostics[0]?.code).toBe('SERVICE_TROP_DE_TENTATIVES');
    expect((await essai(s2.url)).status).toBe(429);
    // Even the right password waits; another address does not.
    expect(
      (
        await brut(s2.url, 'POST', '/api/session', {
          body: JSON.stringify({ email, mot_de_passe: MOT_DE_PASSE }),
        })
      ).status,
    ).toBe(429);
    expect((await essai(s2.url, 'autre@exemple.fr')).status).toBe(401);
  });

  it('writes no address, name or password in either process’s output', () => {
    for (const sortie of [s1.sortie(), s2.sortie()])
      for (const x of [
        email,
        'Jean Dupont',
        MOT_DE_PASSE,
        'pas le bon mot de passe',
        'autre@exemple.fr',
      ])
        expect(sortie).not.toContain(x);
  });
});
