/**
 * The loan-guarantee cap (review I9), as convflux reads it: on the guarantee-based share
 * (`flux.part_garantie_emprunt`, else the whole part), and « globalement »: the shares of all
 * guaranteeing collectivités of one bailleur × département added up commune by commune, over
 * each period where the same conventions are in force. The cap is the dated parameter shipped in
 * rules/reglementation/parametres/, labelled as convflux's reading.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Convention } from '../../src/convention/convention.js';
import { garantieDeCollectivite, partGarantie } from '../../src/check/contreparties-checks.js';
import {
  checkGarantiesGlobales,
  type PeriodeGarantie,
} from '../../src/check/garantie-corpus-checks.js';
import type { DiagnosticParams } from '../../src/diagnostics/diagnostic.js';
import { loadReglementation } from '../../src/reglementation/load-reglementation.js';
import { territoires } from '../../src/reference/territoires.js';
import { repoRoot } from '../helpers.js';

const t = territoires();
const { parametres } = loadReglementation('fr');
const saintDenis = parse(
  readFileSync(join(repoRoot, 'rules/conventions/93/552046484/saint-denis/v1.yaml'), 'utf8'),
) as Convention;

function convention(
  id: string,
  type: Convention['reservataire']['type'],
  territoire: string | undefined,
  part: number,
  fondee?: number,
): Convention {
  const c = structuredClone(saintDenis);
  c.id = `93-552046484-${id}`;
  c.reservataire = { id, type, nom: id, garantie_emprunt: true };
  if (territoire) c.reservataire.territoire = territoire;
  c.flux = { part };
  if (fondee !== undefined) c.flux.part_garantie_emprunt = fondee;
  return c;
}

function periode(c: Convention, from = '2024-01-01', to = '2026-12-31'): PeriodeGarantie {
  return {
    file: {
      file: `${c.id}.yaml`,
      absolutePath: '',
      requested: true,
      diagnostics: [],
      convention: c,
    },
    from,
    to,
  };
}

function globales(periods: PeriodeGarantie[]): { file: string; params: DiagnosticParams }[] {
  const out: { file: string; params: DiagnosticParams }[] = [];
  checkGarantiesGlobales(
    periods,
    t,
    (target, code, params) => {
      expect(code).toBe('GARANTIE_EMPRUNT_GLOBALE');
      out.push({ file: target.file, params });
    },
    parametres,
  );
  return out;
}

describe('the guarantee-based share', () => {
  it('is flux.part_garantie_emprunt, else the whole part', () => {
    expect(partGarantie(convention('a', 'commune', '93066', 0.3, 0.12))).toBe(0.12);
    expect(partGarantie(convention('a', 'commune', '93066', 0.3))).toBe(0.3);
  });

  it('is capped for collectivités only', () => {
    expect(garantieDeCollectivite(convention('a', 'commune', '93066', 0.2))).toBe(true);
    expect(garantieDeCollectivite(convention('a', 'departement', undefined, 0.2))).toBe(true);
    expect(garantieDeCollectivite(convention('a', 'action_logement', undefined, 0.2))).toBe(false);
  });

  it('is capped at the dated parameter, 20 % from the décret n° 2020-145, our reading', () => {
    expect(parametres.valueAt('garantie_emprunt_part_max', '2024-01-01')).toBe(0.2);
    expect(parametres.valueAt('garantie_emprunt_assiette', '2024-01-01')).toBe('flux');
    const texte = readFileSync(
      join(repoRoot, 'rules/reglementation/parametres/garantie_emprunt_part_max.yaml'),
      'utf8',
    );
    expect(texte).toContain('Lecture retenue par convflux');
    // The rule as written (a citation), whatever the line folding of the YAML.
    const reference = (parse(texte) as { reference: { texte: string; nature: string } }).reference;
    expect(reference.nature).toBe('citation');
    expect(reference.texte.replace(/\s+/g, ' ')).toContain(
      'plus de 20 % des logements de chaque programme',
    );
  });
});

describe('« globalement »: all guaranteeing collectivités of one bailleur, commune by commune', () => {
  it('adds the commune, its EPT and the département on the communes they share', () => {
    const commune = convention('saint-denis', 'commune', '93066', 0.2, 0.1);
    const ept = convention('plaine-commune', 'ept', '200057867', 0.1, 0.06);
    const departement = convention('departement-93', 'departement', undefined, 0.1, 0.05);
    const [d, ...rest] = globales([periode(commune), periode(ept), periode(departement)]);
    expect(rest).toEqual([]);
    expect(d?.params).toMatchObject({ du: '2024-01-01', au: '2026-12-31', limite: 0.2 });
    // 10 + 6 + 5 = 21 % in Saint-Denis; 11 % elsewhere in Plaine Commune; 5 % elsewhere.
    expect(d?.params['total']).toBeCloseTo(0.21, 10);
    expect(d?.params['communes']).toBe('Saint-Denis');
  });

  it('stays silent at exactly 20 %, and for shares on communes that do not overlap', () => {
    const commune = convention('saint-denis', 'commune', '93066', 0.2, 0.14);
    const ept = convention('plaine-commune', 'ept', '200057867', 0.1, 0.06);
    expect(globales([periode(commune), periode(ept)])).toEqual([]);
    const montreuil = convention('montreuil', 'commune', '93048', 0.2, 0.2);
    expect(
      globales([periode(convention('sd', 'commune', '93066', 0.2, 0.2)), periode(montreuil)]),
    ).toEqual([]);
  });

  it('only counts the conventions in force together', () => {
    const commune = convention('saint-denis', 'commune', '93066', 0.2, 0.15);
    const ept = convention('plaine-commune', 'ept', '200057867', 0.1, 0.1);
    const found = globales([
      periode(commune, '2024-01-01', '2024-12-31'),
      periode(ept, '2024-07-01', '2026-12-31'),
    ]);
    expect(found.map((f) => [f.params['du'], f.params['au']])).toEqual([
      ['2024-07-01', '2024-12-31'],
    ]);
    expect(found[0]?.params['total']).toBeCloseTo(0.25, 10);
  });

  it('ignores réservataires that are not collectivités, and other bailleurs', () => {
    const commune = convention('saint-denis', 'commune', '93066', 0.2, 0.15);
    const al = convention('action-logement', 'action_logement', undefined, 0.25);
    const autre = convention('plaine-commune', 'ept', '200057867', 0.1, 0.1);
    autre.bailleur = { siren: '775671356', nom: 'Autre bailleur' };
    expect(globales([periode(commune), periode(al), periode(autre)])).toEqual([]);
  });
});
