/**
 * English pages that are English (issue 15): with `?lang=en`, every page family, opened by the
 * member who uses it, says `lang="en"` on its root and shows no French word outside the parts
 * marked `lang="fr"` (the legally French texts: a screen reader reads them in a French voice),
 * with zero axe violations. The words looked for are French-only words of the domain and of
 * French grammar; proper nouns that contain such words are allowed (list below).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
import {
  cliquerEtAttendre,
  coterDemandes,
  lancerNavigateur,
  pageMembre,
  remplir,
  sansViolationAxe,
  serveurWeb,
  textesHorsFrancais,
} from './navigateur.js';

const SIREN = '552046484';
const ETAT = `93-${SIREN}-etat-93`;
const LOGEMENT = `93-${SIREN}-00586`;
const LIBRE = `93-${SIREN}-00001`;
const EPCI = '246700488';

/** Words and phrases that only French says (accents, grammar words, the domain's terms). */
const FRANCAIS = [
  'logements?',
  'réservataires?',
  'bailleurs?',
  'taux',
  'réalisée?s?',
  'dû',
  'alertes?',
  'objectifs?',
  'janvier',
  'février',
  'avril',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
  'janv\\.',
  'févr\\.',
  'avr\\.',
  'juil\\.',
  'déc\\.',
  'mois',
  'année',
  'échéances?',
  'désignations?',
  'décisions?',
  'sans objet',
  'aucune?',
  'télécharger',
  'enregistrer',
  'oui',
  'les',
  'des',
  'pour',
  'avec',
  'dans',
  'une',
  'sont',
  '[ld]’\\p{L}',
  'qu’\\p{L}',
].map((m) => new RegExp(`(?<!\\p{L})${m}(?!\\p{L})`, 'iu'));

/**
 * What is not a French word though it spells one: organisation and commune names (Action
 * Logement Services is a name, as « convflux » is; Les Lilas, Office public de l’habitat…), and
 * codes — e-mail addresses, ids in lower case and hyphens (« action-logement »,
 * « 93-552046484-action-logement »), JSON pointers (« /objectifs/indicatifs/3 ») and YAML keys
 * (« agents_etat ») — which a screen reader spells the same in every language.
 */
const NOMS_PROPRES = [
  /Action Logement( Services)?/g,
  /Les Lilas/g,
  /Office public de l’habitat/gi,
  /[\w.-]+@[\w.-]+/g,
  /(?<![\p{L}\d])[a-z\d]+(?:-[a-z\d]+)+(?![\p{L}\d])/gu,
  /(?:\/[\w-]+)+/g,
  /[a-z\d]+(?:_[a-z\d]+)+/g,
];

const SOUMETTRE = 'form.formulaire button[type=submit]';
const DEMANDES = join(import.meta.dirname, '..', 'fixtures', 'cotation', 'demandes-strasbourg.csv');
const GRILLE = join(import.meta.dirname, '..', '..', 'rules', 'cotation', EPCI, 'v1.yaml');

/** The texts of the page outside `lang="fr"` that say a French word, with the word. */
async function motsFrancais(page: Page): Promise<string[]> {
  const textes = await textesHorsFrancais(page);
  return textes.flatMap((brut) => {
    const t = NOMS_PROPRES.reduce((s, n) => s.replace(n, ''), brut);
    const trouves = FRANCAIS.map((m) => m.exec(t)?.[0]).filter((m) => m !== undefined);
    return trouves.length ? [`${trouves.join('|')} ⟵ ${brut.slice(0, 160)}`] : [];
  });
}

let serveur: Serveur;
let navigateur: Browser;

beforeAll(async () => {
  serveur = await serveurWeb();
  navigateur = await lancerNavigateur();
}, 300_000);

afterAll(async () => {
  // Undefined when the start failed (then only that failure is reported).
  await (navigateur as Browser | undefined)?.close();
  await (serveur as Serveur | undefined)?.stop();
});

/** A member's page, signed in, switched to English. */
async function membre(organisation: string): Promise<Page> {
  // Each member in its own browser context (its own cookies).
  const page = await pageMembre(navigateur, serveur, organisation);
  await page.goto(`${serveur.url}/?lang=en`);
  return page;
}

/**
 * Opens the address and checks the three promises of an English page; `anglais`: a selector of
 * what must be there in English (not all marked French away).
 */
async function verifier(page: Page, chemin: string, anglais?: string): Promise<void> {
  const r = await page.goto(`${serveur.url}${chemin}`);
  if (anglais) expect(await page.$$(anglais), `${chemin} ${anglais}`).not.toEqual([]);
  expect(r?.status(), chemin).toBeLessThan(400);
  expect(await page.evaluate(() => document.documentElement.lang), chemin).toBe('en');
  expect(await motsFrancais(page), chemin).toEqual([]);
  expect(await sansViolationAxe(page), chemin).toEqual([]);
}

/** The three promises of an English page on the page as it stands (after a form was sent). */
async function verifierIci(page: Page, quoi: string, anglais: string): Promise<void> {
  expect(await page.$$(anglais), `${quoi} ${anglais}`).not.toEqual([]);
  expect(await page.evaluate(() => document.documentElement.lang), quoi).toBe('en');
  expect(await motsFrancais(page), quoi).toEqual([]);
  expect(await sansViolationAxe(page), quoi).toEqual([]);
}

describe('un bailleur en anglais', () => {
  let page: Page;
  beforeAll(async () => {
    page = await membre(`bailleur:${SIREN}`);
  }, 120_000);

  it.each([
    // The charts drawn in English; the alerts said again in English.
    [`/bailleurs/${SIREN}`, '#titre-graphiques ~ section svg.graphique[lang="en"]'],
    [`/bailleurs/${SIREN}`, '#tableau-alertes tbody td:last-child:not([lang])'],
    [`/bailleurs/${SIREN}/logements`],
    [`/bailleurs/${SIREN}/logements/${LOGEMENT}?annee=2025`],
    [`/bailleurs/${SIREN}/logements/${LIBRE}/orientation`],
    [`/bailleurs/${SIREN}/saisie`],
    [`/bailleurs/${SIREN}/imports`],
    [`/bailleurs/${SIREN}/bilans`],
    ['/conventions'],
    [`/conventions/${ETAT}`],
    [`/conventions/${ETAT}/diff?de=1&a=2`],
    [`/conventions/${ETAT}/avenant?de=1&a=2`],
    // Deadlines said in English from their fields.
    ['/echeancier', '.phrase-echeance:not([lang])'],
    ['/compte'],
  ] as [string, string?][])('%s', async (chemin, anglais) => {
    await verifier(page, chemin, anglais);
  });

  it('the saisie form’s errors: a date that does not exist, said in English', async () => {
    await page.goto(`${serveur.url}/bailleurs/${SIREN}/saisie?type=refus&logement=${LOGEMENT}`);
    await remplir(page, 'date', '2025-02-30');
    await page.select('#champ-par', 'candidat');
    await page.select('#champ-reservataire', 'etat-93');
    await cliquerEtAttendre(page, SOUMETTRE);
    expect(await page.$$eval('[aria-invalid=true]', (es) => es.map((e) => e.id))).toEqual([
      'champ-date',
    ]);
    await verifierIci(page, 'saisie (erreur)', '#erreurs a');
  });

  it('an import with a rejected row: its line and reason in English', async () => {
    const fichier = join(mkdtempSync(join(tmpdir(), 'convflux-anglais-')), 'evenements.csv');
    const entete = 'id,date,type,logement,reservataire,motif,decision,par,candidats';
    writeFileSync(fichier, `${entete}\nI1,2025-13-02,orientation,${LIBRE},etat-93,,,,\n`);
    await page.setJavaScriptEnabled(false);
    try {
      await page.goto(`${serveur.url}/bailleurs/${SIREN}/imports`);
      await page.select('#champ-nature', 'evenements');
      await (await page.$('input[type=file]'))?.uploadFile(fichier);
      await cliquerEtAttendre(page, SOUMETTRE);
    } finally {
      await page.setJavaScriptEnabled(true);
    }
    expect(await page.$$('table.sai-rejets tbody tr')).toHaveLength(1);
    await verifierIci(page, 'import (rejets)', 'table.sai-rejets');
  });
});

/**
 * The home page's table of organisations: its headers and the permissions in the page's language
 * (it said « Identifiant » and the permissions' codes « lire, saisir, rediger… » in English).
 */
async function accueilEnAnglais(page: Page): Promise<void> {
  await verifier(page, '/');
  const tableau = await page.$eval('main table', (t) => t.textContent ?? '');
  for (const mot of ['Identifiant', 'lire', 'saisir', 'rediger', 'administrer'])
    expect(tableau).not.toContain(mot);
  expect(tableau).toContain('Identifier');
  expect(tableau).toContain('Read, Record, Draft, Sign, Administer');
}

describe('un réservataire en anglais', () => {
  let page: Page;
  beforeAll(async () => {
    page = await membre('reservataire:etat-93');
  }, 120_000);

  it('sa vue', async () => {
    await verifier(page, '/reservataires/etat-93');
  });

  it.each([
    ['/echeancier'],
    ['/bilans'],
    ['/conventions'],
    [`/conventions/${ETAT}`],
    ['/conventions/nouveau'],
    ['/compte'],
  ] as [string][])('%s', async (chemin) => {
    await verifier(page, chemin);
  });

  it('l’éditeur dit « agreement » comme les autres pages anglaises (il disait « convention »)', async () => {
    await page.goto(`${serveur.url}/conventions/${ETAT}/brouillon`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe(`Draft agreement ${ETAT}`);
    expect(await page.$eval('#editeur-libelle', (l) => l.textContent)).toBe(
      'The agreement’s YAML text',
    );
    await page.goto(`${serveur.url}/conventions/nouveau`);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('New draft agreement');
  });

  it('l’accueil : ses organisations et leurs permissions', async () => {
    await accueilEnAnglais(page);
  });

  it('le jeton d’API créé : son nom entre guillemets anglais', async () => {
    await page.goto(`${serveur.url}/compte`);
    await remplir(page, 'nom', 'tableur');
    await cliquerEtAttendre(page, '#formulaire-jeton button[type=submit]');
    expect(await page.$eval('#titre-nouveau-jeton', (h) => h.textContent)).toBe(
      'Your new token “tableur”',
    );
    await verifierIci(page, 'compte (jeton créé)', '#titre-nouveau-jeton');
  });
});

describe('un EPCI en anglais', () => {
  let page: Page;
  beforeAll(async () => {
    page = await membre(`epci:${EPCI}`);
  }, 120_000);

  it('la cotation, et l’explication des scores des demandes', async () => {
    await accueilEnAnglais(page);
    await verifier(page, `/epci/${EPCI}/cotation/grilles/v1`);
    await verifier(page, `/epci/${EPCI}/cotation`);
    await coterDemandes(page, readFileSync(DEMANDES, 'utf8'), '2025-06-30');
    await verifierIci(page, 'cotation (explications)', '#resultats .explication');
  });

  it('une grille vérifiée sans être déposée : ses diagnostics, et son texte gardé (en français)', async () => {
    await page.goto(`${serveur.url}/epci/${EPCI}/cotation`);
    const grille = readFileSync(GRILLE, 'utf8').replace(
      'combinaison: multiplicative',
      'combinaison: mutliplicative',
    );
    await page.$eval(
      '#champ-yaml',
      (t, v) => {
        (t as HTMLTextAreaElement).value = v;
      },
      grille,
    );
    await cliquerEtAttendre(page, 'button[value=verifier]');
    expect(await page.$eval('#champ-yaml', (t) => (t as HTMLTextAreaElement).value)).toBe(grille);
    await verifierIci(page, 'cotation (grille vérifiée)', '#diagnostics-grille');
  });
});

describe('l’administration en anglais', () => {
  it('les membres et les organisations', async () => {
    const page = await membre('admin');
    await verifier(page, '/admin');
    await verifier(page, `/admin/organisations/${encodeURIComponent(`bailleur:${SIREN}`)}`);
  });
});
