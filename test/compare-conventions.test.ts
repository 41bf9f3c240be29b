/**
 * The key-by-key comparison behind `convflux diff` and the avenant, on hand-made pairs: the État
 * example's version 1 and a copy changed by hand, one point at a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enEffet, type Changement } from '../src/compare/changement.js';
import { comparerConventions } from '../src/compare/comparer-conventions.js';
import { ligneChangement, lignesDiff } from '../src/compare/lignes-diff.js';
import { loadYamlBytes } from '../src/source/load-yaml-file.js';
import { repoRoot } from './helpers.js';

type Data = Record<string, unknown> & {
  flux: Record<string, unknown>;
  designation: Record<string, unknown>;
  refus: Record<string, Record<string, unknown>>;
  objectifs: { contractuels: Record<string, unknown>[]; indicatifs: Record<string, unknown>[] };
  signataires: Record<string, unknown>[];
};

const FICHIER = join(repoRoot, 'rules/conventions/93/552046484/etat-93/v1.yaml');
const v1 = (): Data => loadYamlBytes('v1.yaml', readFileSync(FICHIER), 'fr').data as Data;

/** v1, and v1 changed by `edit` (a later version unless the edit says otherwise). */
function paire(edit: (d: Data) => void): { a: Data; b: Data } {
  const a = v1();
  const b = v1();
  b['version'] = 2;
  b['date_effet'] = '2025-01-01';
  b['statut'] = 'projet';
  delete b['signatures'];
  delete b['empreinte'];
  edit(b);
  return { a, b };
}

const changements = (edit: (d: Data) => void): Changement[] => {
  const { a, b } = paire(edit);
  return comparerConventions(a, b, 'fr').changements;
};
const lignes = (edit: (d: Data) => void): string[] =>
  changements(edit).map((c) => ligneChangement(c, 'fr'));

const NBSP = '\u00a0';
const FINE = '\u202f';
const AU_1ER_JANVIER_2025 = `à compter du 1er${NBSP}janvier${NBSP}2025`;

describe('comparerConventions', () => {
  it('sees nothing when only the version’s metadata changes (version, statut, signatures, date d’effet)', () => {
    expect(changements(() => undefined)).toEqual([]);
  });

  it('says a share as percentages, with the date the change takes effect', () => {
    const cs = changements((d) => {
      d.flux['part'] = 0.25;
      d.flux['dont_agents_etat'] = 0.04;
    });
    expect(cs.map((c) => [c.pointeur, c.nature, c.ancien, c.nouveau, c.date_effet])).toEqual([
      ['/flux/part', 'modifie', 0.3, 0.25, '2025-01-01'],
      ['/flux/dont_agents_etat', 'modifie', 0.05, 0.04, '2025-01-01'],
    ]);
    expect(cs[0]?.parties).toEqual(['articles/flux']);
    expect(ligneChangement(cs[0] as Changement, 'fr')).toBe(
      `Part du flux : 30${FINE}% → 25${FINE}% ${AU_1ER_JANVIER_2025}`,
    );
  });

  it('names a delay by its label, and the refusal delays that follow it by default change with it', () => {
    const { a, b } = paire((d) => {
      d.designation['delai'] = '15 jours';
      delete d.refus['caleol']?.['delai'];
    });
    delete a.refus['caleol']?.['delai'];
    const cs = comparerConventions(a, b, 'fr').changements;
    expect(cs.map((c) => ligneChangement(c, 'fr'))).toEqual([
      `Délai de désignation : 1 mois → 15 jours ${AU_1ER_JANVIER_2025}`,
      // Unwritten on both sides: the designation delay, by default (the réservataire's refusal,
      // with no new designation, has no delay).
      `Délai de nouvelle désignation après refus de la CALEOL : 1 mois (par défaut) → 15 jours (par défaut) ${AU_1ER_JANVIER_2025}`,
    ]);
    expect(cs.every(enEffet)).toBe(true);
  });

  it('matches objectives by identity: a reordered list is no change, a changed share is one', () => {
    expect(changements((d) => d.objectifs.contractuels.reverse())).toEqual([]);
    const cs = changements((d) => {
      d.objectifs.contractuels.reverse();
      const bondy = d.objectifs.contractuels.find((o) => o['territoire'] === '93010');
      if (bondy) bondy['part'] = 0.25;
    });
    expect(cs).toHaveLength(1);
    expect(cs[0]?.pointeur).toBe('/objectifs/contractuels/0/part');
    expect(ligneChangement(cs[0] as Changement, 'fr')).toBe(
      `Objectif contractuel, part (Bondy) : 30${FINE}% → 25${FINE}% ${AU_1ER_JANVIER_2025}`,
    );
    expect(cs[0]?.parties).toEqual(['articles/objectifs', 'annexes/objectifs']);
  });

  it('says an indicative objective added or removed whole, with its criteria and share', () => {
    expect(
      lignes((d) => {
        d.objectifs.indicatifs.shift();
        d.objectifs.indicatifs.push({
          libelle: 'Grands logements',
          criteres: { typologie: ['T5', 'T6'], qpv: false },
          part: 0.1,
        });
      }),
    ).toEqual([
      `Objectif indicatif ajouté : Grands logements (T5, T6 ; hors QPV), part 10${FINE}% ${AU_1ER_JANVIER_2025}`,
      `Objectif indicatif supprimé : Petits logements pour les ménages prioritaires (DALO, SYPLO) (T1, T2), part 40${FINE}% ${AU_1ER_JANVIER_2025}`,
    ]);
  });

  it('keeps an indicative objective whose criteria change as the same objective (by its label)', () => {
    const cs = changements((d) => {
      const o = d.objectifs.indicatifs[0];
      if (o) o['criteres'] = { typologie: ['T1', 'T2', 'T3'] };
    });
    expect(cs.map((c) => [c.pointeur, c.nature, c.element])).toEqual([
      [
        '/objectifs/indicatifs/0/criteres/typologie',
        'modifie',
        'Petits logements pour les ménages prioritaires (DALO, SYPLO)',
      ],
    ]);
  });

  it('compares signatories by party', () => {
    const cs = changements((d) => {
      d.signataires.reverse();
      const r = d.signataires.find((s) => s['partie'] === 'reservataire');
      if (r) r['nom'] = 'M. Paul Durand';
    });
    expect(cs.map((c) => ligneChangement(c, 'fr'))).toEqual([
      `Signataire, nom (partie réservataire) : Mme Sophie Bernard → M. Paul Durand ${AU_1ER_JANVIER_2025}`,
    ]);
  });

  it('a default written where it already applied is no change in effect; another value is', () => {
    const ponderation = (d: Data): Record<string, unknown> =>
      (d['decompte'] as { ponderation: Record<string, unknown> }).ponderation;
    const explicite = changements((d) => {
      ponderation(d)['provisoire_sans_suite'] = 'retire';
    });
    expect(explicite.map((c) => [c.nature, c.ancien, c.nouveau, enEffet(c)])).toEqual([
      ['defaut_explicite', 'retire', 'retire', false],
    ]);
    expect(ligneChangement(explicite[0] as Changement, 'fr')).toBe(
      'Points provisoires sans suite : inchangé (valeur par défaut explicitée : retirés)',
    );
    const autre = changements((d) => {
      ponderation(d)['provisoire_sans_suite'] = 'acquis';
    });
    expect(autre.map((c) => [c.nature, c.ancien, c.ancien_par_defaut, c.nouveau])).toEqual([
      ['modifie', 'retire', true, 'acquis'],
    ]);
    expect(ligneChangement(autre[0] as Changement, 'fr')).toBe(
      `Points provisoires sans suite : retirés (par défaut) → acquis ${AU_1ER_JANVIER_2025}`,
    );
  });

  it('a written default removed is no change in effect either', () => {
    const cs = changements((d) => {
      delete (d['assiette'] as Record<string, unknown>)['exclusions'];
    });
    expect(cs.map((c) => [c.pointeur, c.nature])).toEqual([
      ['/assiette/exclusions', 'defaut_implicite'],
    ]);
  });

  it('a whole block of defaults written at once is one line without effect', () => {
    const { a, b } = paire((d) => {
      d['modalites'] = {
        information_caleol: { delai: '8 jours' },
        dossiers: { delai_completude: '8 jours' },
      };
    });
    const cmp = comparerConventions(a, b, 'fr');
    expect(cmp.changements.map((c) => [c.pointeur, c.nature])).toEqual([
      ['/modalites', 'defaut_explicite'],
    ]);
    expect(lignesDiff(cmp, 'fr').slice(1)).toEqual([
      'Aucun changement en effet.',
      'Sans effet (valeurs par défaut écrites ou retirées) :',
      '  Modalités d’échange et de mise en œuvre : inchangé (valeurs par défaut explicitées)',
    ]);
  });

  it('a block mixing a default and a new value says each key', () => {
    const cs = changements((d) => {
      d['modalites'] = {
        information_caleol: { delai: '10 jours' },
        dossiers: { delai_completude: '8 jours' },
      };
    });
    expect(cs.map((c) => [c.pointeur, c.nature, c.ancien, c.nouveau])).toEqual([
      ['/modalites/information_caleol/delai', 'modifie', '8 jours', '10 jours'],
      ['/modalites/dossiers/delai_completude', 'defaut_explicite', '8 jours', '8 jours'],
    ]);
  });

  it('says in its heading which versions it compares', () => {
    const { a, b } = paire(() => undefined);
    expect(lignesDiff(comparerConventions(a, b, 'fr'), 'fr')).toEqual([
      `Convention 93-552046484-etat-93 : version 1 (signée, effet au 1er${NBSP}janvier${NBSP}2024) → version 2 (projet, effet au 1er${NBSP}janvier${NBSP}2025)`,
      'Aucun changement en effet.',
    ]);
  });
});
