/** `--set ID:cle.sous_cle=valeur` as read by `convflux simulate` (src/simulation/surcharge.ts). */
import { describe, expect, it } from 'vitest';
import { ecrire, horsListe, lireSurcharge } from '../../src/simulation/surcharge.js';

describe('lireSurcharge', () => {
  it.each([
    ['etat-93:flux.part=0.25', 'etat-93', ['flux', 'part'], 0.25],
    ['montreuil:designation.delai=15 jours', 'montreuil', ['designation', 'delai'], '15 jours'],
    [
      'montreuil:refus.candidat.decompte=true',
      'montreuil',
      ['refus', 'candidat', 'decompte'],
      true,
    ],
    [
      'montreuil:reservataire.territoire="93048"',
      'montreuil',
      ['reservataire', 'territoire'],
      '93048',
    ],
    [
      'x:objectifs.indicatifs.0.criteres.typologie=[T1, T2]',
      'x',
      ['objectifs', 'indicatifs', '0', 'criteres', 'typologie'],
      ['T1', 'T2'],
    ],
    ['x:date_fin=2025-07-01', 'x', ['date_fin'], '2025-07-01'],
  ])('%s', (texte, cible, chemin, valeur) => {
    expect(lireSurcharge(texte)).toEqual({ option: `--set ${texte}`, cible, chemin, valeur });
  });

  it.each([
    'montreuil',
    'montreuil:flux.part',
    ':flux.part=1',
    'montreuil:flux..part=1',
    'montreuil:=1',
    'm:a=[1',
  ])('%s is not an override', (texte) => {
    expect(lireSurcharge(texte)).toBeUndefined();
  });
});

describe('ecrire and horsListe', () => {
  it('writes through mappings and list items, creating the missing mappings', () => {
    const data: Record<string, unknown> = {
      flux: { part: 0.15 },
      objectifs: { contractuels: [{ part: 0.15 }] },
    };
    expect(ecrire(data, ['flux', 'part'], 0.2)).toBe(0.15);
    expect(ecrire(data, ['objectifs', 'contractuels', '0', 'part'], 0.2)).toBe(0.15);
    expect(ecrire(data, ['refus', 'candidat', 'delai'], '15 jours')).toBeUndefined();
    expect(data).toEqual({
      flux: { part: 0.2 },
      objectifs: { contractuels: [{ part: 0.2 }] },
      refus: { candidat: { delai: '15 jours' } },
    });
  });

  it('names an index beyond a list', () => {
    const data = { objectifs: { contractuels: [{ part: 0.15 }] } };
    expect(horsListe(data, ['objectifs', 'contractuels', '1', 'part'])).toBeUndefined();
    expect(horsListe(data, ['objectifs', 'contractuels', '2', 'part'])).toEqual({
      liste: 'objectifs.contractuels',
      indice: '2',
      longueur: 1,
    });
    expect(horsListe(data, ['objectifs', 'contractuels', 'part'])?.indice).toBe('part');
  });
});
