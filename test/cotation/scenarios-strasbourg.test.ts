/**
 * Scenario tests of the Strasbourg grid (rules/cotation/246700488/v1.yaml) through the real CLI:
 * the seed's worked example, then each criterion met by one request and just missed by another.
 * Each request has 10 whole months of seniority (2024-08-30 → 2025-06-30), so a criterion at
 * 1,3 gives 10 × 1,3 = 13 points and none gives 10.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const GRILLE = 'rules/cotation/246700488/v1.yaml';
const HEADER =
  'numero_unique,date_depot,dates_refus,typologie,communes_souhaitees,commune_actuelle,labellisation_acdi_agi,taux_effort,reste_a_vivre,logement_actuel,motifs,situation_professionnelle,logement_adapte,occupants,pieces_logement_actuel';

/** [numéro, row fields after the numéro and the date, expected score, expected criteria]. */
type Cas = [string, Partial<Record<string, string>>, number, string[]];
const cas: Cas[] = [
  [
    'SEED000001',
    {
      dates_refus: '2025-02-28',
      logement_actuel: 'residence_sociale_foyer',
      situation_professionnelle: 'cdd_stage_interim',
    },
    6.4,
    ['logement_precaire', 'situation_professionnelle_precaire'],
  ],
  ['AUCUN000001', { logement_actuel: 'locataire_hlm', situation_professionnelle: 'cdi' }, 10, []],
  ['ACDI000001', { labellisation_acdi_agi: 'oui' }, 13, ['acdi_agi']],
  ['ACDI000002', { labellisation_acdi_agi: 'non' }, 10, []],
  ['EFFORT0000001', { taux_effort: '"33,5"' }, 13, ['taux_effort']],
  ['EFFORT0000002', { taux_effort: '33' }, 10, []],
  ['RESTE000001', { reste_a_vivre: '9.99' }, 13, ['reste_a_vivre']],
  ['RESTE000002', { reste_a_vivre: '10' }, 10, []],
  ['PRECAIRE000000001', { logement_actuel: 'squat' }, 13, ['logement_precaire']],
  ['PRECAIRE000000002', { motifs: 'demolition' }, 13, ['logement_precaire']],
  [
    'PRECAIRE000000003',
    { logement_actuel: 'hotel', motifs: 'logement_indigne|autre' },
    13,
    ['logement_precaire'],
  ],
  ['PRECAIRE000000004', { logement_actuel: 'locataire_prive', motifs: 'autre' }, 10, []],
  [
    'PRO0000001',
    { situation_professionnelle: 'chomage' },
    13,
    ['situation_professionnelle_precaire'],
  ],
  [
    'PRO0000002',
    { situation_professionnelle: 'agerent' },
    13,
    ['situation_professionnelle_precaire'],
  ],
  ['PRO0000003', { situation_professionnelle: 'retraite' }, 10, []],
  ['HANDI000001', { logement_adapte: 'oui' }, 13, ['handicap']],
  ['OCCUP000001', { occupants: '5', pieces_logement_actuel: '3' }, 13, ['sur_sous_occupation']],
  ['OCCUP000002', { occupants: '1', pieces_logement_actuel: '3' }, 13, ['sur_sous_occupation']],
  ['OCCUP000003', { occupants: '4', pieces_logement_actuel: '3' }, 10, []],
  ['OCCUP000004', { occupants: '4' }, 10, []],
  [
    'MOBIL000001',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '75056' },
    18,
    ['mobilite_professionnelle.hors_epci'],
  ],
  [
    'MOBIL000002',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '67447' },
    13,
    ['mobilite_professionnelle.dans_epci'],
  ],
  [
    'MOBIL000003',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '67482' },
    10,
    ['mobilite_professionnelle.meme_commune'],
  ],
  ['MOBIL000004', { commune_actuelle: '75056' }, 10, []],
  // « Mutation au sein de l'EPCI (commune actuelle faisant partie de l'EPCI demandé) »: the EPCI
  // asked for is the first wished commune's. Living in Strasbourg and wishing Paris first is not
  // a mutation within the EPCI asked for; living in Boulogne-Billancourt and wishing Paris is.
  [
    'MOBIL000005',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '67482', communes_souhaitees: '75056' },
    18,
    ['mobilite_professionnelle.hors_epci'],
  ],
  [
    'MOBIL000006',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '92012', communes_souhaitees: '75056' },
    13,
    ['mobilite_professionnelle.dans_epci'],
  ],
  // An arrondissement municipal is its commune: Paris 11e wishing Paris is the same commune.
  [
    'MOBIL000007',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '75111', communes_souhaitees: '75056' },
    10,
    ['mobilite_professionnelle.meme_commune'],
  ],
  // No commune wished: the EPCI asked for is the grid's.
  [
    'MOBIL000008',
    { motifs: 'mobilite_professionnelle', commune_actuelle: '67447', communes_souhaitees: '' },
    13,
    ['mobilite_professionnelle.dans_epci'],
  ],
  ['DEDOUB0000001', { motifs: 'divorce_separation' }, 13, ['dedoublement']],
  ['DECOHA0000001', { logement_actuel: 'chez_parents_enfants' }, 13, ['decohabitation']],
  ['DECOHA0000002', { motifs: 'decohabitation' }, 13, ['decohabitation']],
  [
    'TOUS000001',
    {
      labellisation_acdi_agi: 'oui',
      taux_effort: '40',
      reste_a_vivre: '2',
      logement_actuel: 'chez_parents_enfants',
      motifs: 'mobilite_professionnelle|divorce_separation',
      commune_actuelle: '75056',
      situation_professionnelle: 'chomage',
      logement_adapte: 'oui',
      occupants: '6',
      pieces_logement_actuel: '1',
    },
    10 * (1 + 0.3 * 8 + 0.8),
    [
      'acdi_agi',
      'taux_effort',
      'reste_a_vivre',
      'situation_professionnelle_precaire',
      'handicap',
      'sur_sous_occupation',
      'mobilite_professionnelle.hors_epci',
      'dedoublement',
      'decohabitation',
    ],
  ],
];

interface Json {
  ok: boolean;
  cotations: {
    numero_unique: string;
    score: number;
    criteres: { critere: string; valeur?: { id: string } }[];
    anciennete: { mois: number; depuis: string };
  }[];
}

let out: Json;
beforeAll(() => {
  const columns = HEADER.split(',');
  const rows = cas.map(([numero, fields]) => {
    const row: Record<string, string> = {
      numero_unique: numero,
      date_depot: '2024-08-30',
      typologie: 't3',
      communes_souhaitees: '67482',
      ...fields,
    };
    return columns.map((c) => row[c] ?? '').join(',');
  });
  const dir = mkdtempSync(join(tmpdir(), 'cotation-scen-'));
  writeFileSync(join(dir, 'demandes.csv'), [HEADER, ...rows].join('\n') + '\n');
  const r = runCli([
    'cotation',
    '--json',
    '--grille',
    GRILLE,
    '--demandes',
    join(dir, 'demandes.csv'),
    '--date',
    '2025-06-30',
  ]);
  expect(r.stderr).toBe('');
  out = JSON.parse(r.stdout) as Json;
}, 60_000);

describe('the Strasbourg grid, criterion by criterion', () => {
  it('scores every request, none rejected', () => {
    expect(out.ok).toBe(true);
    expect(out.cotations).toHaveLength(cas.length);
  });
  it('the seed’s worked example: 10 months, a refusal at month 6 → 4 points; two criteria at 1,3 → 4 × 1,6 = 6,4', () => {
    const c = out.cotations.find((x) => x.numero_unique === 'SEED000001');
    expect(c?.anciennete).toMatchObject({ mois: 4, depuis: '2025-02-28' });
    expect(c?.score).toBe(6.4);
  });
  it.each(cas)('%s', (numero, _fields, score, criteres) => {
    const c = out.cotations.find((x) => x.numero_unique === numero);
    expect(c?.criteres.map((k) => (k.valeur ? `${k.critere}.${k.valeur.id}` : k.critere))).toEqual(
      criteres,
    );
    expect(c?.score).toBeCloseTo(score, 9);
  });
});
