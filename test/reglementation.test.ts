import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadReglementation } from '../src/reglementation/load-reglementation.js';
import { repoRoot } from './helpers.js';

describe('shipped regulation', () => {
  const reglementation = loadReglementation('fr');

  it('loads without diagnostics', () => {
    expect(reglementation.diagnostics).toEqual([]);
    expect(reglementation.regles.length).toBeGreaterThanOrEqual(15);
  });

  it('every rule carries a legal reference and is exercised by a scenario', () => {
    const scenarioText = readdirSync(join(repoRoot, 'test/scenarios'), {
      recursive: true,
      encoding: 'utf8',
    })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(join(repoRoot, 'test/scenarios', f), 'utf8'))
      .join('\n');
    for (const regle of reglementation.regles) {
      expect(regle.reference.article, regle.id).toMatch(/\S/);
      expect(scenarioText, `no scenario expects ${regle.id}`).toContain(`code: ${regle.id}`);
    }
  });

  it('parameters are dated, with the value in force at a date', () => {
    const p = reglementation.parametres;
    expect(p.valueAt('etat_part_max', '2024-01-01')).toBe(0.3);
    expect(p.valueAt('etat_part_max', '2019-12-31')).toBeUndefined();
  });
});

describe('a broken regulation folder', () => {
  it('gives positioned diagnostics, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-regl-'));
    mkdirSync(join(dir, 'parametres'));
    mkdirSync(join(dir, 'regles'));
    writeFileSync(
      join(dir, 'parametres', 'plafond.yaml'),
      'description: x\nreference: { article: A }\nvaleurs:\n  2020-01-01: { valeur: 0.3 }\n',
    );
    const rule = {
      id: 'TEST',
      titre: 't',
      severite: 'erreur',
      portee: { type: 'loi', article: 'A' },
      reference: { article: 'A' },
      pointeur: '/flux/part',
      conditions: {
        all: [
          {
            fact: 'convention',
            path: '$.flux.part',
            operator: 'plusGrandQue',
            value: { fact: 'parametres', path: '$.inconnu' },
          },
        ],
      },
      message: { fr: 'x', en: 'x' },
    };
    const text = JSON.stringify(rule, null, 1);
    writeFileSync(join(dir, 'regles', 'test.yaml'), text);
    const lineOf = (needle: string): number =>
      text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    writeFileSync(join(dir, 'regles', 'cle.yaml'), 'id: X\nidd: Y\n');
    const r = loadReglementation('fr', dir);
    const codes = r.diagnostics.map((d) => `${d.code}@${d.line}`);
    expect(codes).toContain(`PARAMETRE_INCONNU@${lineOf('"value": {')}`);
    expect(codes).toContain(`REGLEMENTATION_INVALIDE@${lineOf('"conditions": {')}`);
    expect(codes).toContain('SCHEMA_CLE_INCONNUE@2');
    expect(r.regles).toEqual([]);
    expect(parse(readFileSync(join(dir, 'regles', 'test.yaml'), 'utf8'))).toBeTruthy();
  });
});

describe('the scope of the rules (portee)', () => {
  it('every rule declares it; the Île-de-France orientation-points rule is a local practice there', () => {
    const r = loadReglementation('fr');
    expect(r.diagnostics).toEqual([]);
    for (const regle of r.regles)
      expect(['loi', 'coherence', 'pratique_locale']).toContain(regle.portee.type);
    const ponderation = r.regles.find((x) => x.id === 'PONDERATION_ORIENTATION_SUPERIEURE');
    expect(ponderation?.portee).toMatchObject({
      type: 'pratique_locale',
      territoire: 'Île-de-France',
      departements: ['75', '77', '78', '91', '92', '93', '94', '95'],
    });
  });

  it('rejects a local practice without its départements, and a law without its article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-portee-'));
    mkdirSync(join(dir, 'parametres'));
    mkdirSync(join(dir, 'regles'));
    const rule = (portee: unknown): string =>
      JSON.stringify({
        id: 'TEST',
        titre: 't',
        severite: 'erreur',
        portee,
        reference: { article: 'A' },
        pointeur: '/flux/part',
        conditions: {
          all: [{ fact: 'convention', path: '$.flux.part', operator: 'greaterThan', value: 1 }],
        },
        message: { fr: 'x', en: 'x' },
      });
    writeFileSync(
      join(dir, 'regles', 'a.yaml'),
      rule({ type: 'pratique_locale', territoire: 'X', source: 'S' }),
    );
    writeFileSync(join(dir, 'regles', 'b.yaml'), rule({ type: 'loi' }));
    writeFileSync(join(dir, 'regles', 'c.yaml'), rule({ type: 'coutume' }));
    const r = loadReglementation('fr', dir);
    expect(r.regles).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.file.replace(/^.*[\\/]/, '')} ${d.code}`)).toEqual(
      expect.arrayContaining([
        'a.yaml SCHEMA_CLE_MANQUANTE',
        'b.yaml SCHEMA_CLE_MANQUANTE',
        'c.yaml SCHEMA_VALEUR_INCONNUE',
      ]),
    );
  });
});
