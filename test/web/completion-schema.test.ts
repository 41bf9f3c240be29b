/**
 * The editor's completion from the convention's JSON schema (browser code without DOM): the
 * path under the cursor read from the indentation, and the keys and values the schema allows
 * there — compared with the schema file itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contexteYaml } from '../../src/web/client/editeur/contexte-yaml.js';
import {
  clesPossibles,
  valeursPossibles,
  type NoeudSchema,
} from '../../src/web/client/editeur/suggestions-schema.js';
import { repoRoot } from '../helpers.js';

const schema = JSON.parse(
  readFileSync(join(repoRoot, 'schemas/convention.schema.json'), 'utf8'),
) as NoeudSchema & { definitions: Record<string, NoeudSchema> };

describe('completion from the convention schema', () => {
  it('reads the path under the cursor from the indentation', () => {
    expect(contexteYaml('id: x\nbail')).toEqual({ chemin: [], mode: 'cle', prefixe: 'bail' });
    expect(contexteYaml('id: x\nbailleur:\n  siren: "1"\n  no')).toEqual({
      chemin: ['bailleur'],
      mode: 'cle',
      prefixe: 'no',
    });
    expect(contexteYaml('refus:\n  candidat:\n    decompte: ')).toEqual({
      chemin: ['refus', 'candidat', 'decompte'],
      mode: 'valeur',
      prefixe: '',
    });
    const liste = 'objectifs:\n  - commune: "93048"\n    part: 0.1\n  - ';
    expect(contexteYaml(liste)).toEqual({ chemin: ['objectifs', '[]'], mode: 'cle', prefixe: '' });
    expect(contexteYaml(`${liste}commune: "1"\n    pa`)?.chemin).toEqual(['objectifs', '[]']);
    expect(contexteYaml('statut: pro')).toEqual({
      chemin: ['statut'],
      mode: 'valeur',
      prefixe: 'pro',
    });
    expect(contexteYaml('a:\n  typologie: [T1, T')).toEqual({
      chemin: ['a', 'typologie'],
      mode: 'valeur',
      prefixe: 'T',
    });
    expect(contexteYaml('id: "x y z"')).toBeUndefined();
  });

  it('proposes the schema’s keys (required first) and its enum values', () => {
    const racine = clesPossibles(schema, []);
    const proprietes = Object.keys(schema.properties ?? {});
    expect(racine.map((s) => s.libelle).sort()).toEqual([...proprietes].sort());
    const requises = schema.required ?? [];
    expect(
      racine
        .slice(0, requises.length)
        .map((s) => s.libelle)
        .sort(),
    ).toEqual([...requises].sort());
    // Through a $ref: refus.candidat is #/definitions/refus.
    expect(
      clesPossibles(schema, ['refus', 'candidat'])
        .map((s) => s.libelle)
        .sort(),
    ).toEqual(Object.keys(schema.definitions['refus']?.properties ?? {}).sort());
    const statut = schema.properties?.['statut'];
    expect(valeursPossibles(schema, ['statut']).map((s) => s.libelle)).toEqual(
      (statut?.enum ?? []).map(String),
    );
    expect(
      valeursPossibles(schema, ['refus', 'candidat', 'decompte']).map((s) => s.libelle),
    ).toEqual(['true', 'false']);
  });
});
