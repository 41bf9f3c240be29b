/**
 * The secrets a form shows once (Post/Redirect/Get) live in the database, not in one process:
 * two `convflux serve` processes on ONE database, as behind a load balancer. The POST goes to
 * one, the page it redirects to is asked of the other: the secret is there once, a reload shows
 * it no more. The secret read is checked by using it (the token opens the API, the password
 * signs in, the calendar address answers iCalendar), not by comparing it with itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/server/db/open-database.js';
import { ouvrirBase } from '../server/base-directe.js';
import {
  admin,
  BASES,
  Client,
  demarrerServeur,
  expectStatus,
  MOT_DE_PASSE,
  nouvelleBase,
  type Serveur,
} from '../server/harness.js';

const FORMULAIRE = { 'content-type': 'application/x-www-form-urlencoded' };

/** The value of the read-only field `id` of a page, if the page has it. */
function champ(html: unknown, id: string): string | undefined {
  const m = new RegExp(`id="${id}"[^>]*value="([^"]+)"`).exec(String(html));
  return m?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
}

describe.each(BASES)('two server processes on one %s database', (base) => {
  let un: Serveur;
  let deux: Serveur;
  /** The administrator's session, on the first process and the same session on the second. */
  let surUn: Client;
  let surDeux: Client;
  let args: string[];

  beforeAll(async () => {
    args = await nouvelleBase(base);
    un = await demarrerServeur(base, args);
    deux = await demarrerServeur(base, args);
    surUn = await admin(un);
    surUn.suivreRedirections = false;
    surDeux = surUn.ailleurs(deux.url);
  }, 200_000);

  afterAll(async () => {
    await Promise.all([un.stop(), deux.stop()]);
  });

  it('the API token made on one process is shown once by the other, and opens the API', async () => {
    const post = await surUn.post('/compte/jetons', 'nom=outil-de-test', FORMULAIRE);
    expect(post.status).toBe(303);
    const suite = post.headers.get('location') ?? '';
    expect(suite).toMatch(/^\/compte/);
    const page = await surDeux.get(suite);
    expect(page.status).toBe(200);
    const jeton = champ(page.body, 'nouveau-jeton');
    expect(jeton).toBeDefined();
    const outil = new Client(deux.url, jeton);
    expect((await outil.get('/api/moi')).status).toBe(200);
    const rechargee = await surDeux.get(suite);
    expect(rechargee.status).toBe(200);
    expect(champ(rechargee.body, 'nouveau-jeton')).toBeUndefined();
    expect(String(rechargee.body)).not.toContain(jeton);
    // Nor on the first process: it was read once, wherever.
    expect(champ((await surUn.get(suite)).body, 'nouveau-jeton')).toBeUndefined();
  });

  it('the one-time password of an account made on one process signs in, shown once', async () => {
    const email = `flash-${base}@exemple.fr`;
    const corps = `email=${encodeURIComponent(email)}&nom=Flash`;
    const post = await surDeux.post('/admin/comptes/nouveau', corps, FORMULAIRE);
    expect(post.status).toBe(303);
    const suite = post.headers.get('location') ?? '';
    const page = await surUn.get(suite);
    const provisoire = champ(page.body, 'mot-de-passe-provisoire');
    expect(provisoire).toBeDefined();
    expect((await new Client(un.url).connecter(email, provisoire ?? '')).status).toBe(201);
    const rechargee = await surUn.get(suite);
    expect(champ(rechargee.body, 'mot-de-passe-provisoire')).toBeUndefined();
  });

  it('the calendar link made on /echeancier is Post/Redirect/Get, shown once elsewhere', async () => {
    const post = await surUn.post('/echeancier/calendrier', '', FORMULAIRE);
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/echeancier');
    const page = await surDeux.get('/echeancier');
    expect(page.status).toBe(200);
    const adresse = champ(page.body, 'adresse-calendrier');
    expect(adresse).toBeDefined();
    const flux = await fetch(adresse ?? '');
    expect(flux.status).toBe(200);
    expect(flux.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(champ((await surDeux.get('/echeancier')).body, 'adresse-calendrier')).toBeUndefined();
  });

  it('another session of the same account does not read a secret left for this one', async () => {
    const post = await surUn.post('/compte/jetons', 'nom=autre-session', FORMULAIRE);
    expect(post.status).toBe(303);
    const suite = post.headers.get('location') ?? '';
    const autre = new Client(deux.url);
    expectStatus(await autre.connecter('admin@convflux.local', MOT_DE_PASSE), 201);
    expect(champ((await autre.get(suite)).body, 'nouveau-jeton')).toBeUndefined();
    expect(champ((await surDeux.get(suite)).body, 'nouveau-jeton')).toBeDefined();
  });

  it('signing out deletes the values left for the session’s next page, not only at their expiry', async () => {
    const c = new Client(deux.url);
    c.suivreRedirections = false;
    expectStatus(await c.connecter('admin@convflux.local', MOT_DE_PASSE), 201);
    const b: Base = await ouvrirBase(args);
    try {
      const lignes = async () => (await b.db.selectFrom('flash').select('nom').execute()).length;
      const avant = await lignes();
      expect((await c.post('/compte/jetons', 'nom=jamais-lu', FORMULAIRE)).status).toBe(303);
      expect(await lignes()).toBe(avant + 1);
      // Signed out on the other process, the secret never read: its row goes with the session.
      expectStatus(await c.ailleurs(un.url).delete('/api/session'), 204);
      expect(await lignes()).toBe(avant);
    } finally {
      await b.close();
    }
  });
});
