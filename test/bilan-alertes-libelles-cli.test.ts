/**
 * The bilan's table of alerts (section 6) names each kind of alert in words, never by its code:
 * the bilan is the document the bailleur sends to its réservataires. Through the real process on
 * a small input that raises the alerts of the later issues (first letting oriented while the
 * convention keeps it in stock, congé withdrawn after a pre-orientation, droits uniques consumed
 * behind the schedule); then every alert an evaluation can carry has its words.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIBELLES_ALERTES } from '../src/bilan/bilan-view.js';
import { catalogueConversionConsommee } from '../src/diagnostics/catalogue-conversion-consommee.js';
import { catalogueFlux } from '../src/diagnostics/catalogue-flux.js';
import { cataloguePublics } from '../src/diagnostics/catalogue-publics.js';
import { catalogueVieLogement } from '../src/diagnostics/catalogue-vie-logement.js';
import { runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-bilan-alertes-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const PARC = [
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
  'M1,552046484,93,93066,200057867,false,T2,PLUS,1990,',
  'M2,552046484,93,93066,200057867,false,T3,PLAI,1975,',
  'M3,552046484,93,93066,200057867,false,T4,PLAI,2025,',
];
const EVENEMENTS = [
  'id,date,type,logement,reservataire,decision,candidats,date_liberation_prevue',
  'A1,2025-06-10,liberation,M1,,,,',
  'A2,2025-06-20,orientation,M1,etat-93,,,',
  'A3,2025-07-05,designation,M1,etat-93,,3,',
  'A4,2025-07-10,caleol,M1,,attribution,,',
  // M2: oriented during the notice, then the congé is withdrawn (CONGE_RETIRE).
  'B1,2025-09-01,conge,M2,,,,2025-10-31',
  'B2,2025-09-05,orientation,M2,etat-93,,,',
  'B3,2025-09-20,retrait_conge,M2,,,,',
  // M3: oriented at its first letting, which the conventions of the 93 keep in stock.
  'C1,2025-03-01,mise_en_service,M3,,,,',
  'C2,2025-03-02,orientation,M3,etat-93,,,',
];

describe('convflux bilan: the table of alerts', () => {
  it('names every alert in words, none by its code', () => {
    const parc = join(tmp, 'parc.csv');
    const events = join(tmp, 'evenements.csv');
    writeFileSync(parc, PARC.join('\n') + '\n');
    writeFileSync(events, EVENEMENTS.join('\n') + '\n');
    const out = join(tmp, 'bilans');
    const run = runCli([
      'bilan',
      '--rules',
      'rules/conventions/93',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--out',
      out,
      '--html',
      '--workers',
      '0',
    ]);
    expect(run.code).toBe(0);
    const html = readFileSync(join(out, '93-552046484-bilan-2025.html'), 'utf8');
    const debut = html.indexOf('<section class="partie" id="section-6">');
    expect(debut).toBeGreaterThan(0);
    const section = html.slice(debut, html.indexOf('</section>', debut));
    for (const libelle of [
      'Orientation d’un logement mis en service que la convention laisse hors du flux',
      'Congé retiré après une orientation pendant le préavis',
      'Consommation des droits uniques de la conversion en retard d’au moins un logement',
    ])
      expect(section).toContain(libelle);
    expect(section).not.toMatch(/\b[A-Z]{3,}(?:_[A-Z0-9]+)+\b/);
  });

  it('has words for every alert an evaluation can carry', () => {
    const alertes = [
      catalogueFlux,
      catalogueVieLogement,
      cataloguePublics,
      catalogueConversionConsommee,
    ]
      .flatMap((c) => Object.entries(c))
      .filter(([, e]) => e.severity !== 'error')
      .map(([code]) => code);
    expect(alertes.filter((code) => !(code in LIBELLES_ALERTES))).toEqual([]);
  });
});
