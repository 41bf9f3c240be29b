/**
 * Reflow at 320 CSS pixels (WCAG 1.4.10, RGAA 10.11): every page, opened by the member it is
 * meant for on `convflux serve --exemple`, at 320×640 — the page itself never scrolls sideways
 * (a wide table may scroll inside its `.tableau-defilant` region, which is focusable and
 * labelled), and axe finds no violation at that width.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
import { lancerNavigateur, seConnecter, serveurWeb, violationsAxe } from './navigateur.js';

const REFLOW = { width: 320, height: 640 };
const SIREN = '552046484';
const ETAT = `93-${SIREN}-etat-93`;
const MONTREUIL = `93-${SIREN}-montreuil`;
const LOGEMENT = `93-${SIREN}-00001`;

/** The pages, by the member (as printed by `serve --exemple`, or `admin`) who opens them. */
const PAGES: Record<string, string[]> = {
  [`bailleur:${SIREN}`]: [
    '/',
    `/bailleurs/${SIREN}?annee=2025`,
    `/bailleurs/${SIREN}/logements`,
    `/bailleurs/${SIREN}/logements/${LOGEMENT}?annee=2025`,
    `/bailleurs/${SIREN}/logements/${LOGEMENT}/orientation`,
    `/bailleurs/${SIREN}/saisie`,
    `/bailleurs/${SIREN}/imports`,
    `/bailleurs/${SIREN}/bilans?annee=2025`,
    '/conventions',
    `/conventions/${ETAT}`,
    `/conventions/${ETAT}/versions/1`,
    `/conventions/${ETAT}/diff?de=1&a=2`,
    `/conventions/${ETAT}/avenant?de=1&a=2`,
    `/conventions/nouveau?departement=93&bailleur=${SIREN}&reservataire=bobigny`,
    `/conventions/${MONTREUIL}/brouillon`,
    '/echeancier',
    '/compte',
    '/mot-de-passe',
  ],
  'reservataire:etat-93': ['/reservataires/etat-93', '/conventions', '/bilans?annee=2025'],
  'epci:246700488': ['/epci/246700488/cotation'],
  admin: [
    '/admin',
    '/admin/organisations/nouvelle',
    '/admin/comptes/nouveau',
    `/admin/organisations/${encodeURIComponent(`bailleur:${SIREN}`)}`,
  ],
};

let serveur: Serveur;
let navigateur: Browser;

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

interface Mesure {
  largeur: number;
  fenetre: number;
  /** The elements wider than the window that are not inside a scrolling region. */
  debordent: string[];
  /** Scrolling regions that are not focusable or not labelled. */
  regionsMuettes: string[];
}

function mesurer(page: Page): Promise<Mesure> {
  return page.evaluate(() => {
    const nom = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${[...e.classList].map((c) => `.${c}`).join('')}`;
    const fenetre = window.innerWidth;
    const debordent = [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.tableau-defilant') && !e.closest('[hidden]'))
      .filter((e) => e.getBoundingClientRect().right > fenetre + 0.5)
      .map(nom);
    const regionsMuettes = [...document.querySelectorAll('.tableau-defilant')]
      .filter(
        (r) =>
          r.getAttribute('tabindex') !== '0' ||
          !(r.getAttribute('aria-label') ?? r.getAttribute('aria-labelledby')),
      )
      .map(nom);
    return {
      largeur: document.documentElement.scrollWidth,
      fenetre,
      debordent: [...new Set(debordent)].slice(0, 8),
      regionsMuettes,
    };
  });
}

describe('reflow à 320 px (WCAG 1.4.10, RGAA 10.11)', () => {
  for (const [membre, chemins] of Object.entries(PAGES))
    it(`pages de ${membre}`, async () => {
      const contexte = await navigateur.createBrowserContext();
      try {
        const page = await contexte.newPage();
        page.setDefaultTimeout(90_000);
        await seConnecter(page, serveur, membre);
        await page.setViewport(REFLOW);
        const defauts: Record<string, unknown> = {};
        for (const chemin of chemins) {
          const r = await page.goto(`${serveur.url}${chemin}`);
          expect(r?.status(), chemin).toBe(200);
          const m = await mesurer(page);
          const axe = await violationsAxe(page);
          if (m.largeur > m.fenetre || m.regionsMuettes.length > 0 || axe.length > 0)
            defauts[chemin] = { ...m, axe };
        }
        expect(defauts).toEqual({});
      } finally {
        await contexte.close();
      }
    }, 240_000);

  it('la page de connexion', async () => {
    const contexte = await navigateur.createBrowserContext();
    try {
      const page = await contexte.newPage();
      await page.setViewport(REFLOW);
      await page.goto(`${serveur.url}/connexion`);
      const m = await mesurer(page);
      expect({ ...m, axe: await violationsAxe(page) }).toMatchObject({
        debordent: [],
        regionsMuettes: [],
        axe: [],
      });
      expect(m.largeur).toBeLessThanOrEqual(m.fenetre);
    } finally {
      await contexte.close();
    }
  });
});
