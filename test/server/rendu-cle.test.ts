/**
 * The HTML print of a version is kept by every input of its render, not by its own text only:
 * the versions of its context (the bailleur × département, which the check and the consolidated
 * text read), the templates, the language. The real `convflux serve --exemple` process says in
 * `Server-Timing` whether an answer rendered the text (`rendu`) or reused a print
 * (`deja-rendu`); an edited draft beside the version must make it render again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membreExemple } from './exemple-comptes.js';
import { type Client, expectStatus, serveurExemple, type Serveur } from './harness.js';

const YAML = { 'content-type': 'application/yaml' };
const ETAT_V2 = '/api/conventions/93-552046484-etat-93/versions/2.html';
const MONTREUIL_V1 = '/api/conventions/93-552046484-montreuil/versions/1';

describe('the kept HTML print of a version', () => {
  let s: Serveur;
  let bailleur: Client;

  beforeAll(async () => {
    s = await serveurExemple('sqlite');
    bailleur = await membreExemple(s, 'bailleur:552046484');
  }, 120_000);

  afterAll(async () => {
    await s.stop();
  });

  /** Whether the answer rendered the text, and the text. */
  async function imprimer(chemin: string, lang = 'fr'): Promise<[string, string]> {
    const r = await bailleur.get<string>(chemin, { 'accept-language': lang });
    expectStatus(r, 200);
    const desc = /desc="([^"]+)"/.exec(r.headers.get('server-timing') ?? '')?.[1] ?? '';
    return [desc, r.body];
  }

  it('is reused while nothing of its render changes, per language', async () => {
    const [premier, texte] = await imprimer(ETAT_V2);
    const [second, meme] = await imprimer(ETAT_V2);
    expect([premier, second]).toEqual(['rendu', 'deja-rendu']);
    expect(meme).toBe(texte);
    expect((await imprimer(ETAT_V2, 'en'))[0]).toBe('rendu');
  }, 60_000);

  it('is rendered again when another draft of its context is edited', async () => {
    expect((await imprimer(ETAT_V2))[0]).toBe('deja-rendu');
    const texte = (await bailleur.get<string>(`${MONTREUIL_V1}.yaml`)).body;
    const put = await bailleur.requete('PUT', MONTREUIL_V1, `${texte}# relu\n`, YAML);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await imprimer(ETAT_V2))[0]).toBe('rendu');
    expect((await imprimer(ETAT_V2))[0]).toBe('deja-rendu');
    // Its own print is rendered again too (its text changed), and then kept.
    expect((await imprimer(`${MONTREUIL_V1}.html`))[0]).toBe('rendu');
    expect((await imprimer(`${MONTREUIL_V1}.html`))[0]).toBe('deja-rendu');
  }, 60_000);
});
