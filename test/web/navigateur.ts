/**
 * Pages are tested the way a person uses them: Debian's Chromium (puppeteer-core) against the real
 * `convflux serve --exemple` process on 127.0.0.1 (SQLite in a temp folder). Accessibility is
 * checked by axe-core (WCAG 2 A and AA rules) in the page itself.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumPath } from '../../src/render/chromium-process.js';
import { comptes } from '../server/exemple-comptes.js';
import {
  demarrerServeur,
  MOT_DE_PASSE,
  nouvelleBase,
  serveurExemple,
  type Serveur,
} from '../server/harness.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'captures');

export const LARGE = { width: 1280, height: 900 };
export const ETROIT = { width: 375, height: 800 };

/** `convflux serve --exemple` on a fresh SQLite folder. */
export function serveurWeb(): Promise<Serveur> {
  return serveurExemple('sqlite');
}

export function lancerNavigateur(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
}

export async function nouvellePage(navigateur: Browser): Promise<Page> {
  const page = await navigateur.newPage();
  await page.setViewport(LARGE);
  page.setDefaultTimeout(30_000);
  return page;
}

/** Fills a field found by its label's text (as a person does), else by its name. */
export async function remplir(page: Page, nom: string, valeur: string): Promise<void> {
  const champ = await page.$(`[name="${nom}"]`);
  if (!champ) throw new Error(`pas de champ ${nom} sur ${page.url()}`);
  await champ.click({ count: 3 });
  await champ.type(valeur);
}

/** Clicks and waits for the page that follows. */
export async function cliquerEtAttendre(page: Page, selecteur: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selecteur)]);
}

/**
 * Signs in through the sign-in page as the account printed for an organisation
 * (`bailleur:552046484`, `reservataire:etat-93`…) or `admin`, and replaces the one-time password
 * through the password page when it is asked for. Returns the password now in force.
 */
export async function seConnecter(
  page: Page,
  serveur: Serveur,
  organisation: string,
  motDePasse?: string,
): Promise<string> {
  const compte =
    organisation === 'admin'
      ? (['admin@convflux.local', serveur.motDePasseAdmin ?? ''] as [string, string])
      : comptes(serveur.sortie()).get(organisation);
  if (!compte) throw new Error(`pas de compte imprimé pour ${organisation}`);
  const [email, provisoire] = compte;
  await page.goto(`${serveur.url}/connexion`);
  await remplir(page, 'email', email);
  await remplir(page, 'mot_de_passe', motDePasse ?? provisoire);
  await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
  if (new URL(page.url()).pathname === '/mot-de-passe') {
    await remplir(page, 'actuel', provisoire);
    await remplir(page, 'nouveau', MOT_DE_PASSE);
    await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
    return MOT_DE_PASSE;
  }
  return motDePasse ?? provisoire;
}

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  cibles: string[];
}

/** axe-core's WCAG 2 A and AA violations on the page as it is now. */
export async function violationsAxe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    interface Resultat {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    }
    const axe = (window as unknown as { axe: { run(o: object): Promise<Resultat> } }).axe;
    const r = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      cibles: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** Zero axe violations at desktop and narrow widths (the viewport is restored afterwards). */
export async function sansViolationAxe(page: Page): Promise<Violation[]> {
  const toutes: Violation[] = [];
  for (const taille of [LARGE, ETROIT]) {
    await page.setViewport(taille);
    toutes.push(...(await violationsAxe(page)));
  }
  await page.setViewport(LARGE);
  return toutes;
}

/**
 * Screenshots of the page at desktop and narrow widths, written to docs/captures/ when
 * UPDATE_CAPTURES=1 (they differ from machine to machine: they are looked at, not compared).
 */
export async function captures(page: Page, nom: string): Promise<void> {
  if (process.env['UPDATE_CAPTURES'] !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  for (const [taille, suffixe] of [
    [LARGE, 'large'],
    [ETROIT, 'etroit'],
  ] as const) {
    await page.setViewport(taille);
    await page.screenshot({ path: join(DOCS, `${nom}-${suffixe}.png`), fullPage: true });
  }
  await page.setViewport(LARGE);
}

/** The visible text of the main content. */
export function texteContenu(page: Page): Promise<string> {
  return page.$eval('main', (m) => m.innerText);
}

/**
 * The texts a reader meets on the page (text nodes, the document's title, and the aria-label,
 * alt, title and placeholder attributes) outside the subtrees marked `lang="fr"` (which a screen
 * reader reads in a French voice); scripts and styles left out.
 */
export function textesHorsFrancais(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const textes: string[] = [];
    const ignores = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);
    const attributs = ['aria-label', 'alt', 'title', 'placeholder'];
    const visiter = (n: Node): void => {
      if (n.nodeType === Node.TEXT_NODE) {
        const t = (n.textContent ?? '').trim();
        if (t) textes.push(t);
        return;
      }
      if (!(n instanceof Element) || ignores.has(n.tagName.toUpperCase())) return;
      const lang = (n.getAttribute('lang') ?? '').toLowerCase();
      if (lang === 'fr' || lang.startsWith('fr-')) return;
      for (const a of attributs) {
        const v = (n.getAttribute(a) ?? '').trim();
        if (v) textes.push(v);
      }
      n.childNodes.forEach(visiter);
    };
    visiter(document.documentElement);
    return textes;
  });
}

/** Scores a requests file (CSV text) on the EPCI's cotation page open in `page`, at `date`. */
export async function coterDemandes(page: Page, csv: string, date: string): Promise<void> {
  await page.$eval(
    '#champ-demandes',
    (t, v) => {
      (t as HTMLTextAreaElement).value = v;
    },
    csv,
  );
  await remplir(page, 'date', date);
  await cliquerEtAttendre(page, 'form[action$="/cotation"] button[type=submit]');
}

/** Selects the first occurrence of `cherche` with the editor's search (Ctrl+F), then types. */
export async function remplacerDansEditeur(p: Page, cherche: string, par: string): Promise<void> {
  await p.click('.cm-content');
  await p.keyboard.down('Control');
  await p.keyboard.press('Home');
  await p.keyboard.press('f');
  await p.keyboard.up('Control');
  await p.keyboard.type(cherche);
  await p.keyboard.press('Enter');
  await p.keyboard.press('Escape');
  await p.keyboard.type(par);
}

/** The number in the editor's line-number gutter level with the first error underline. */
export function ligneSoulignee(p: Page): Promise<string | undefined> {
  return p.evaluate(() => {
    const marque = document.querySelector('.cm-lintRange-error');
    if (!marque) return undefined;
    const y = marque.getBoundingClientRect().top + 2;
    const numeros = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
    const n = numeros.find((g) => {
      const r = g.getBoundingClientRect();
      return r.height > 0 && r.top <= y && y < r.bottom;
    });
    return n?.textContent ?? undefined;
  });
}

/**
 * A page of its own browser context (its own cookies) at desktop width, signed in as the member
 * printed for `organisation` (or `admin`): one member per context, several in one browser.
 */
export async function pageMembre(
  navigateur: Browser,
  serveur: Serveur,
  organisation: string,
  delai = 30_000,
): Promise<Page> {
  const contexte = await navigateur.createBrowserContext();
  const page = await contexte.newPage();
  await page.setViewport(LARGE);
  page.setDefaultTimeout(delai);
  await seConnecter(page, serveur, organisation);
  return page;
}

export interface ContexteWeb {
  serveur: Serveur;
  navigateur: Browser;
  page: Page;
  /** Closes the browser, then stops the server. */
  fermer(): Promise<void>;
}

/**
 * The setup of a test file of pages: ONE server (`serve --exemple` by default, or `exemple:
 * false` for an empty data folder) and ONE browser started together, a first page at desktop
 * width, signed in as `organisation`'s printed account (or `admin`) when one is given.
 */
export async function contexteWeb(
  o: { exemple?: boolean; organisation?: string } = {},
): Promise<ContexteWeb> {
  const demarrer = async () =>
    o.exemple === false ? demarrerServeur('sqlite', await nouvelleBase('sqlite')) : serveurWeb();
  const [serveur, navigateur] = await Promise.all([demarrer(), lancerNavigateur()]);
  const page = await nouvellePage(navigateur);
  if (o.organisation) await seConnecter(page, serveur, o.organisation);
  return {
    serveur,
    navigateur,
    page,
    fermer: async () => {
      await navigateur.close();
      await serveur.stop();
    },
  };
}

/**
 * Signs in through the sign-in page with an account's address and its one-time password, and
 * replaces it through the password page (the first sign-in of a member the admin created).
 */
export async function premiereConnexion(
  page: Page,
  serveur: Serveur,
  email: string,
  provisoire: string,
): Promise<void> {
  await page.goto(`${serveur.url}/connexion`);
  await remplir(page, 'email', email);
  await remplir(page, 'mot_de_passe', provisoire);
  await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
  if (new URL(page.url()).pathname !== '/mot-de-passe')
    throw new Error(`${email} : pas de changement du mot de passe à usage unique demandé`);
  await remplir(page, 'actuel', provisoire);
  await remplir(page, 'nouveau', MOT_DE_PASSE);
  await cliquerEtAttendre(page, 'form.formulaire button[type=submit]');
}
