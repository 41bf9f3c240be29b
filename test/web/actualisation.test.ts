/**
 * Live updates: a dashboard open in Chromium says, within one polling interval, that an event was
 * recorded since it was opened (by another person, here through the API), and its link reloads
 * the page with the new figures.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Serveur } from '../server/harness.js';
import {
  cliquerEtAttendre,
  lancerNavigateur,
  nouvellePage,
  sansViolationAxe,
  seConnecter,
  serveurWeb,
} from './navigateur.js';

let serveur: Serveur;
let navigateur: Browser;
let page: Page;

beforeAll(async () => {
  [serveur, navigateur] = await Promise.all([serveurWeb(), lancerNavigateur()]);
  page = await nouvellePage(navigateur);
  await seConnecter(page, serveur, 'bailleur:552046484');
}, 120_000);

afterAll(async () => {
  await navigateur.close();
  await serveur.stop();
});

const annonceVisible = () =>
  page.$eval('#actualisation', (e) => !(e as HTMLElement).hidden && e.checkVisibility());

describe('tableau de bord vivant', () => {
  it('annonce un événement enregistré après l’ouverture de la page, et se recharge', async () => {
    await page.goto(`${serveur.url}/bailleurs/552046484?annee=2025`);
    expect(await annonceVisible()).toBe(false);
    // Another member records a liberation (the page's own session stands for them).
    const statut = await page.evaluate(async () => {
      const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content');
      const r = await fetch('/api/bailleurs/552046484/evenements?confirmer=true', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
        body: JSON.stringify({
          id: 'VIVANT-1',
          date: '2025-12-01',
          type: 'liberation',
          logement: '93-552046484-00586',
        }),
      });
      return r.status;
    });
    expect(statut).toBe(201);
    await page.waitForFunction(
      () => !(document.getElementById('actualisation') as HTMLElement).hidden,
      { timeout: 40_000 },
    );
    expect(await page.$eval('#actualisation', (e) => e.getAttribute('aria-live'))).toBe('polite');
    expect(await sansViolationAxe(page)).toEqual([]);
    await cliquerEtAttendre(page, '#actualisation a');
    expect(await annonceVisible()).toBe(false);
  }, 90_000);
});
