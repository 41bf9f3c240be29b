/**
 * `evaluate --explain`: a step's alerts are named in words, French or English, beside their code
 * (« alerte : Désignation non faite dans le délai (DESIGNATION_HORS_DELAI) »; `libelles_alertes`
 * in `--json`) — it printed the bare code (« alerte DESIGNATION_HORS_DELAI ») in both languages.
 * Several alerts of one code counted together in evaluate's table are named by the same words
 * (« 3 × DESIGNATION_HORS_DELAI (ex. …) — Désignation non faite dans le délai »: the code alone).
 * The words come from the one catalogue the bilan's table of alerts reads, and every alert code
 * the engine can raise has its two labels.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueConversionConsommee } from '../src/diagnostics/catalogue-conversion-consommee.js';
import { catalogueFlux } from '../src/diagnostics/catalogue-flux.js';
import { cataloguePublics } from '../src/diagnostics/catalogue-publics.js';
import { catalogueVieLogement } from '../src/diagnostics/catalogue-vie-logement.js';
import { LIBELLES_ALERTES } from '../src/diagnostics/libelles-alertes.js';
import { ENTREES_EXEMPLE_93, repoRoot, runCli } from './helpers.js';

const EXEMPLE = ['--rules', 'rules/conventions/93', ...ENTREES_EXEMPLE_93, '--workers', '0'];
/** A flat of the example whose designation delay lapses (DESIGNATION_HORS_DELAI). */
const LOGEMENT = '93-552046484-00212';

interface Etape {
  type: string;
  alertes: string[];
  libelles_alertes: Record<string, string>;
}

describe('convflux evaluate --explain: alerts in words', () => {
  it('names a step’s alert by its label and its code, in French and in English', () => {
    const fr = runCli(['evaluate', ...EXEMPLE, '--explain', LOGEMENT]);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain(
      '    alerte : Désignation non faite dans le délai (DESIGNATION_HORS_DELAI)\n',
    );
    expect(fr.stdout).not.toMatch(/^ *alerte [A-Z_]+$/m);
    const en = runCli(['evaluate', ...EXEMPLE, '--explain', LOGEMENT, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(
      '    alert: Designation not made within the delay (DESIGNATION_HORS_DELAI)\n',
    );
    expect(en.stdout).not.toMatch(/^ *alert [A-Z_]+$/m);
  });

  it('gives each step alert’s label beside its code in --json, in the language asked', () => {
    for (const [lang, mots] of [
      ['fr', 'Désignation non faite dans le délai'],
      ['en', 'Designation not made within the delay'],
    ] as const) {
      const run = runCli(['evaluate', ...EXEMPLE, '--explain', LOGEMENT, '--json', '--lang', lang]);
      expect(run.code).toBe(0);
      const etapes = (JSON.parse(run.stdout) as { etapes: Etape[] }).etapes;
      const expiration = etapes.find((e) => e.type === 'expiration');
      expect(expiration?.alertes).toEqual(['DESIGNATION_HORS_DELAI']);
      expect(expiration?.libelles_alertes).toEqual({ DESIGNATION_HORS_DELAI: mots });
      for (const e of etapes) expect(Object.keys(e.libelles_alertes)).toEqual(e.alertes);
    }
  });

  it('names alerts of one code counted together by their label in evaluate’s table', () => {
    for (const [lang, ex, mots] of [
      ['fr', 'ex.', 'Désignation non faite dans le délai'],
      ['en', 'e.g.', 'Designation not made within the delay'],
    ] as const) {
      const run = runCli(['evaluate', ...EXEMPLE, '--lang', lang]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `        3 × DESIGNATION_HORS_DELAI (${ex} test/fixtures/exemple-93/evenements.csv:26) — ${mots}\n`,
      );
      // Every line of the alerts says something beside the code.
      expect(run.stdout).not.toMatch(/^ +\d+ × [A-Z_]+(?: \([^)]*\))?$/m);
    }
  });

  it('has a French and an English label for every alert code the engine can raise', () => {
    const catalogues = [
      catalogueFlux,
      catalogueVieLogement,
      cataloguePublics,
      catalogueConversionConsommee,
    ]
      .flatMap((c) => Object.entries(c))
      .filter(([, e]) => e.severity !== 'error')
      .map(([code]) => code);
    // The codes the engine's source raises by name, whatever catalogue they are written in.
    const dir = join(repoRoot, 'src/engine');
    const source = readdirSync(dir)
      .filter((n) => n.endsWith('.ts'))
      .flatMap((f) =>
        [...readFileSync(join(dir, f), 'utf8').matchAll(/\balert\(\s*'([A-Z_0-9]+)'/g)].map(
          (m) => m[1] ?? '',
        ),
      );
    expect(source.length).toBeGreaterThan(0);
    const codes = [...new Set([...catalogues, ...source])];
    const sansMots = codes.filter((code) => {
      const l = LIBELLES_ALERTES[code];
      return !l || !l.fr.trim() || !l.en.trim() || l.fr === code || l.en === code;
    });
    expect(sansMots).toEqual([]);
    // And no words for a code the engine no longer raises.
    expect(Object.keys(LIBELLES_ALERTES).filter((c) => !codes.includes(c))).toEqual([]);
  });
});
