/**
 * The table of CJA art. R. 221-3 (src/reference/tribunaux-administratifs.ts) against the official
 * geography: every département and collectivité of @etalab/decoupage-administratif has its
 * tribunal administratif, and the table names no code the geography does not know.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Convention } from '../../src/convention/convention.js';
import { buildJuridiction } from '../../src/render/view-juridiction.js';
import {
  departementsCouverts,
  tribunalAdministratif,
} from '../../src/reference/tribunaux-administratifs.js';
import { repoRoot } from '../helpers.js';

const require = createRequire(import.meta.url);
const departements = (
  JSON.parse(
    readFileSync(require.resolve('@etalab/decoupage-administratif/data/departements.json'), 'utf8'),
  ) as { code: string; nom: string }[]
).map((d) => d.code);

describe('the tribunaux administratifs of CJA art. R. 221-3', () => {
  it('has an entry for every département code of the official geography', () => {
    expect(departements.length).toBeGreaterThan(100);
    const manquants = departements.filter((code) => tribunalAdministratif(code) === undefined);
    expect(manquants).toEqual([]);
  });

  it('names no code the geography does not know, and each once', () => {
    const couverts = departementsCouverts();
    expect(new Set(couverts).size).toBe(couverts.length);
    expect(couverts.filter((code) => !departements.includes(code))).toEqual([]);
  });

  it('gives the ressorts of the article, overseas names included (R. 221-1)', () => {
    expect(tribunalAdministratif('93')).toBe('tribunal administratif de Montreuil');
    expect(tribunalAdministratif('92')).toBe('tribunal administratif de Cergy-Pontoise');
    expect(tribunalAdministratif('94')).toBe('tribunal administratif de Melun');
    expect(tribunalAdministratif('75')).toBe('tribunal administratif de Paris');
    expect(tribunalAdministratif('84')).toBe('tribunal administratif de Nîmes');
    expect(tribunalAdministratif('83')).toBe('tribunal administratif de Toulon');
    expect(tribunalAdministratif('45')).toBe('tribunal administratif d’Orléans');
    expect(tribunalAdministratif('2B')).toBe('tribunal administratif de Bastia');
    expect(tribunalAdministratif('972')).toBe('tribunal administratif de la Martinique');
    expect(tribunalAdministratif('974')).toBe('tribunal administratif de La Réunion');
    expect(tribunalAdministratif('976')).toBe('tribunal administratif de Mayotte');
    expect(tribunalAdministratif('20')).toBeUndefined();
  });
});

describe('the court of the article « Règlement des différends »', () => {
  const exemple = (nom: string): Convention =>
    parse(
      readFileSync(join(repoRoot, 'rules/conventions/93/552046484', nom, 'v1.yaml'), 'utf8'),
    ) as Convention;

  it('follows the département of the convention, not the 93', () => {
    const c = { ...exemple('etat-93'), departement: '13' };
    expect(buildJuridiction(c, 'des Bouches-du-Rhône (13)').tribunal).toBe(
      'le tribunal administratif de Marseille, dont le ressort comprend le département des Bouches-du-Rhône (code de justice administrative, art. R. 221-3)',
    );
  });

  it('is the one the parties name, in a sentence', () => {
    const c = {
      ...exemple('action-logement'),
      juridiction: { tribunal: 'Tribunal judiciaire de Bobigny' },
    };
    const v = buildJuridiction(c, 'de la Seine-Saint-Denis (93)');
    expect(v.tribunal).toBe(
      'le tribunal judiciaire de Bobigny, juridiction désignée par les parties',
    );
    expect(v.administratif).toBe(false);
    expect(v.reservatairePublic).toBe(false);
  });

  it('is administrative for a public réservataire unless the parties declare a private-law contract', () => {
    const montreuil = exemple('montreuil');
    expect(buildJuridiction(montreuil, 'de la Seine-Saint-Denis (93)').administratif).toBe(true);
    const prive = { ...montreuil, juridiction: { nature_contrat: 'prive' as const } };
    // The siège of the bailleur (format 2) is printed after it, to locate the court.
    expect(buildJuridiction(prive, 'de la Seine-Saint-Denis (93)').tribunal).toBe(
      'le tribunal judiciaire dans le ressort duquel est situé le siège du bailleur (8 rue de l’Exemple, 93100 Montreuil)',
    );
    const sansSiege = { ...prive, bailleur: { ...prive.bailleur, siege: undefined } };
    expect(buildJuridiction(sansSiege, 'de la Seine-Saint-Denis (93)').tribunal).toBe(
      'le tribunal judiciaire dans le ressort duquel est situé le siège du bailleur',
    );
  });
});
