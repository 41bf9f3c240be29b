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
