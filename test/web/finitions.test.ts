/**
 * What would embarrass us in front of a préfecture, in Chromium against `convflux serve
 * --exemple`: the conventions list shows the version in force (not the latest draft) and the
 * parties by name; a convention page prints its text once for its contents and its frame; a
 * secret made by a form (API token, one-time password) survives no reload and never re-sends the
 * form; an organisation's last « administrer » member is kept, said beside its row; the example
 * holds the Strasbourg cotation grid. Expected names and versions are read from the bundled YAML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers.js';
import type { Serveur } from '../server/harness.js';
import {
  cliquerEtAttendre,
  contexteWeb,
  type ContexteWeb,
  pageMembre,
  remplir,
  sansViolationAxe,
  texteContenu,
} from './navigateur.js';

const SIREN = '552046484';
const ETAT = `93-${SIREN}-etat-93`;
const DOSSIER = join(repoRoot, 'rules', 'conventions', '93', SIREN);

interface Texte {
  version: number;
  statut: string;
  bailleur: { nom: string };
  reservataire: { nom: string };
}
const lire = (res: string, v: number) =>
  parse(readFileSync(join(DOSSIER, res, `v${String(v)}.yaml`), 'utf8')) as Texte;
const ETAT_V1 = lire('etat-93', 1);
const ETAT_V2 = lire('etat-93', 2);

let ctx: ContexteWeb;
let serveur: Serveur;

beforeAll(async () => {
  ctx = await contexteWeb();
  serveur = ctx.serveur;
}, 120_000);

afterAll(() => ctx.fermer());

/** A page signed in as the member printed for `organisation` (or `admin`), in its own context. */
const membre = (organisation: string): Promise<Page> =>
  pageMembre(ctx.navigateur, serveur, organisation, 60_000);

const ligne = (page: Page, id: string) =>
  page.$eval(`tr[data-convention="${id}"]`, (tr) =>
    [...tr.children].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
  );

describe('finitions des pages', () => {
  let bailleur: Page;
  beforeAll(async () => {
    bailleur = await membre(`bailleur:${SIREN}`);
  }, 120_000);

  it('liste la version en vigueur, la version en préparation en second, les parties par leur nom', async () => {
    // The example's point, read from its files: v1 signed, v2 a draft.
    expect([ETAT_V1.statut, ETAT_V2.statut]).toEqual(['signee', 'projet']);
    await bailleur.goto(`${serveur.url}/conventions`);
    const [, , cBailleur, cReservataire, cVersion, cStatut] = await ligne(bailleur, ETAT);
    expect(cVersion).toBe('v1 v2 en préparation (Projet)');
    expect(cStatut).toBe('Signée');
    expect(cBailleur).toBe(`${ETAT_V1.bailleur.nom} ${SIREN}`);
    expect(cReservataire).toBe(`${ETAT_V2.reservataire.nom} etat-93`);
    const montreuil = lire('montreuil', 1);
    expect(montreuil.statut).toBe('projet');
    const [, , , , mVersion] = await ligne(bailleur, `93-${SIREN}-montreuil`);
    expect(mVersion).toBe('aucune v1 en préparation (Projet)');
    const filtre = await bailleur.$$eval('#filtre-reservataire option', (os) =>
      os.map((o) => o.textContent),
    );
    expect(filtre).toContain(`${ETAT_V2.reservataire.nom} (etat-93)`);
    expect(await sansViolationAxe(bailleur)).toEqual([]);
  });

  it('ouvre une convention sur sa version en vigueur, parties nommées, texte rendu une fois', async () => {
    const cadres: { chemin: string; minutage: string | undefined }[] = [];
    const noter = (r: { url(): string; headers(): Record<string, string> }) => {
      const chemin = new URL(r.url()).pathname;
      if (chemin.endsWith('/texte'))
        cadres.push({ chemin, minutage: r.headers()['server-timing'] });
    };
    bailleur.on('response', noter);
    await bailleur.goto(`${serveur.url}/conventions/${ETAT}`, { waitUntil: 'load' });
    bailleur.off('response', noter);
    expect(await bailleur.$eval('h1', (h) => h.textContent)).toContain('version 1');
    const resume = await bailleur.$eval('dl.cv-resume', (d) => d.textContent);
    expect(resume).toContain(ETAT_V1.bailleur.nom);
    expect(resume).toContain(ETAT_V1.reservataire.nom);
    // The frame's text is the print the page already made for its contents: not rendered again.
    expect(cadres).toEqual([
      {
        chemin: `/conventions/${ETAT}/versions/1/texte`,
        minutage: expect.stringContaining('desc="deja-rendu"') as unknown,
      },
    ]);
  });

  it('montre le jeton d’API une fois, après redirection ; recharger ne renvoie pas le formulaire', async () => {
    await bailleur.goto(`${serveur.url}/compte`);
    await remplir(bailleur, 'nom', 'tableur');
    const soumis: string[] = [];
    const noter = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST') soumis.push(new URL(r.url()).pathname);
    };
    bailleur.on('request', noter);
    await cliquerEtAttendre(bailleur, '#formulaire-jeton button[type=submit]');
    expect(new URL(bailleur.url()).pathname).toBe('/compte');
    const jeton = await bailleur.$eval('#nouveau-jeton', (i) => (i as HTMLInputElement).value);
    expect(jeton.length).toBeGreaterThan(20);
    expect(bailleur.url()).not.toContain(jeton);
    await bailleur.reload();
    bailleur.off('request', noter);
    expect(soumis).toEqual(['/compte/jetons']);
    expect(await bailleur.$('#nouveau-jeton')).toBeNull();
    expect(await bailleur.content()).not.toContain(jeton);
    const jetons = await bailleur.$$eval('table.jetons tbody th', (ths) =>
      ths.map((t) => t.textContent),
    );
    expect(jetons).toEqual(['tableur']);
  });

  it('garde le dernier membre « administrer » : le refus est dit à côté de sa ligne', async () => {
    const org = `/admin/organisations/${encodeURIComponent(`bailleur:${SIREN}`)}`;
    await bailleur.goto(`${serveur.url}${org}`);
    const lignes = await bailleur.$$('table.membres tbody tr');
    expect(lignes).toHaveLength(1);
    await bailleur.click('table.membres tbody input[value=administrer]');
    await cliquerEtAttendre(bailleur, 'table.membres tbody form:not([action$=retrait]) button');
    const erreur = () =>
      bailleur.$eval('table.membres tbody tr.ligne-en-erreur .erreur-champ', (e) => e.textContent);
    expect(await erreur()).toContain('dernier membre');
    expect(await sansViolationAxe(bailleur)).toEqual([]);
    await cliquerEtAttendre(bailleur, 'table.membres tbody form[action$=retrait] button');
    expect(await erreur()).toContain('dernier membre');
    await bailleur.goto(`${serveur.url}${org}`);
    const coche = await bailleur.$eval(
      'table.membres tbody input[value=administrer]',
      (i) => i.checked,
    );
    expect(coche).toBe(true);
  });

  it('montre le mot de passe à usage unique d’un compte créé une fois, après redirection', async () => {
    const admin = await membre('admin');
    await admin.goto(`${serveur.url}/admin/comptes/nouveau`);
    await remplir(admin, 'email', 'prg@exemple.fr');
    await remplir(admin, 'nom', 'Après Redirection');
    await cliquerEtAttendre(admin, 'form.formulaire button[type=submit]');
    expect(new URL(admin.url()).pathname).toBe('/admin/comptes/nouveau');
    const provisoire = await admin.$eval(
      '#mot-de-passe-provisoire',
      (i) => (i as HTMLInputElement).value,
    );
    expect(provisoire.length).toBeGreaterThanOrEqual(12);
    expect(admin.url()).not.toContain(provisoire);
    const r = await admin.reload();
    expect(r?.request().method()).toBe('GET');
    expect(await admin.content()).not.toContain(provisoire);
    expect(await admin.$('#champ-email')).not.toBeNull();
    await admin.goto(`${serveur.url}/admin`);
    const comptes = await texteContenu(admin);
    expect(comptes.split('prg@exemple.fr').length - 1).toBe(1);
  });

  it('donne à l’EPCI de Strasbourg sa grille de cotation', async () => {
    const epci = await membre('epci:246700488');
    await epci.goto(`${serveur.url}/epci/246700488/cotation`);
    const grilles = await epci.$$eval('table tbody th a', (as) =>
      as.map((a) => a.getAttribute('href')),
    );
    expect(grilles).toEqual(['/epci/246700488/cotation/grilles/v1']);
    expect(await epci.$('form[action="/epci/246700488/cotation"]')).not.toBeNull();
    // Its heading names it as its grid does, its SIREN after the name.
    const grille = parse(
      readFileSync(join(repoRoot, 'rules', 'cotation', '246700488', 'v1.yaml'), 'utf8'),
    ) as { epci: { nom: string } };
    expect(await epci.$eval('h1', (h) => h.textContent)).toContain(
      `${grille.epci.nom} (246700488)`,
    );
  });

  it('nomme les organisations par leur nom dans la navigation et l’accueil, le SIREN en second', async () => {
    await bailleur.goto(`${serveur.url}/`);
    const nomme = (selecteur: string) =>
      bailleur.$$eval(selecteur, (es) =>
        es.map((e) => ({
          nom: e.firstChild?.textContent?.trim(),
          secondaire: e.querySelector('.identifiant-secondaire')?.textContent,
        })),
      );
    const attendu = { nom: `Bailleur ${ETAT_V1.bailleur.nom}`, secondaire: SIREN };
    expect(await nomme('.navigation .nav-groupe')).toContainEqual(attendu);
    expect(await nomme('.carte h3')).toContainEqual(attendu);
    expect(await sansViolationAxe(bailleur)).toEqual([]);
  });
});
