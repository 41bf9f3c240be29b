/**
 * The law under each rule: `reference` says whether its text is the article's wording
 * (`nature: citation`, with the source read and the date) or a summary (`nature: resume`), and
 * `convflux check` prints it as such under the diagnostic.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LegalReference } from '../src/diagnostics/diagnostic.js';
import { loadReglementation } from '../src/reglementation/load-reglementation.js';
import { repoRoot, runCli } from './helpers.js';

const parametre =
  'description: x\nreference: { article: A }\nvaleurs:\n  2020-01-01: { valeur: 0.3 }\n';

function ruleWith(reference: unknown): string {
  return JSON.stringify({
    id: 'TEST',
    titre: 't',
    severite: 'erreur',
    portee: { type: 'loi', article: 'A' },
    reference,
    pointeur: '/flux/part',
    conditions: {
      all: [{ fact: 'convention', path: '$.flux.part', operator: 'greaterThan', value: 1 }],
    },
    message: { fr: 'x', en: 'x' },
  });
}

/** Loads a regulation folder holding one rule with this reference; returns codes and rules. */
function load(reference: unknown): { codes: string[]; regles: number } {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-ref-'));
  mkdirSync(join(dir, 'parametres'));
  mkdirSync(join(dir, 'regles'));
  writeFileSync(join(dir, 'parametres', 'p.yaml'), parametre);
  writeFileSync(join(dir, 'regles', 'r.yaml'), ruleWith(reference));
  const r = loadReglementation('fr', dir, { cache: false });
  return {
    codes: r.diagnostics.map((d) => `${d.code} ${d.pointer} ${String(d.params['cle'] ?? '')}`),
    regles: r.regles.length,
  };
}

describe('reference of a rule: the loader stays strict', () => {
  it('accepts a summary and a citation with its source and date', () => {
    expect(load({ article: 'A', texte: 'un résumé', nature: 'resume' })).toEqual({
      codes: [],
      regles: 1,
    });
    expect(
      load({
        article: 'A',
        texte: 'la lettre',
        nature: 'citation',
        source: 'https://exemple.fr/a',
        consulte_le: '2026-12-02',
      }),
    ).toEqual({ codes: [], regles: 1 });
  });

  it('rejects an unknown key', () => {
    const r = load({ article: 'A', texte: 't', nature: 'resume', auteur: 'moi' });
    expect(r.regles).toBe(0);
    expect(r.codes.join('\n')).toMatch(/^SCHEMA_CLE_INCONNUE \/reference\/auteur/m);
  });

  it('requires the nature of a text', () => {
    const r = load({ article: 'A', texte: 'un texte sans nature' });
    expect(r.regles).toBe(0);
    expect(r.codes.join('\n')).toMatch(/^SCHEMA_CLE_MANQUANTE \/reference/m);
  });

  it('requires a source and a date for a citation, and a text for a nature', () => {
    for (const reference of [
      { article: 'A', texte: 'la lettre', nature: 'citation' },
      { article: 'A', texte: 'la lettre', nature: 'citation', source: 'S' },
      { article: 'A', nature: 'resume' },
    ]) {
      const r = load(reference);
      expect(r.regles, JSON.stringify(reference)).toBe(0);
      expect(r.codes.join('\n'), JSON.stringify(reference)).toMatch(/SCHEMA_CLE_MANQUANTE/);
    }
  });

  it('rejects a nature other than citation or resume', () => {
    const r = load({ article: 'A', texte: 't', nature: 'paraphrase' });
    expect(r.regles).toBe(0);
    expect(r.codes.join('\n')).toMatch(/SCHEMA_VALEUR_INCONNUE/);
  });
});

describe('the shipped regulation', () => {
  const r = loadReglementation('fr');
  const references: [string, LegalReference][] = [
    ...r.regles.map((x): [string, LegalReference] => [x.id, x.reference]),
    ...r.parametres
      .names()
      .map((nom): [string, LegalReference] => [
        nom,
        r.parametres.byName.get(nom)?.reference ?? { article: '' },
      ]),
  ];

  it('gives every rule and parameter a text and its nature', () => {
    expect(r.diagnostics).toEqual([]);
    expect(references.length).toBeGreaterThanOrEqual(22);
    for (const [nom, ref] of references) {
      expect(ref.texte, nom).toMatch(/\S/);
      expect(['citation', 'resume'], nom).toContain(ref.nature);
      // the nature is a key, never a parenthesis inside the text
      expect(ref.texte, nom).not.toMatch(/\(résumé/);
    }
  });

  it('has no citation without its source and the date it was read', () => {
    const citations = references.filter(([, ref]) => ref.nature === 'citation');
    expect(citations.length).toBeGreaterThan(0);
    for (const [nom, ref] of citations) {
      expect(ref.source, nom).toMatch(/\S/);
      expect(ref.consulte_le, nom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('quotes R. 441-5-2 II as written: « Sauf stipulation contraire »', () => {
    const hq = r.regles.find((x) => x.id === 'ETAT_HORS_QPV_MIN');
    expect(hq?.reference).toMatchObject({ nature: 'citation', article: 'CCH art. R. 441-5-2 II' });
    expect(hq?.reference.texte).toMatch(/^Sauf stipulation contraire, la part du flux annuel/);
  });
});

describe('convflux check shows the law under the diagnostic', () => {
  it('a citation as « texte cité » between guillemets, a summary as « résumé »', () => {
    const cited = runCli(['check', join(repoRoot, 'test/golden/regle-etat-hors-qpv-min')]);
    expect(cited.stdout).toContain(
      'texte cité (CCH art. R. 441-5-2 II) : «\u00a0Sauf stipulation contraire, la part du flux',
    );
    const summary = runCli(['check', join(repoRoot, 'test/golden/regle-duree-incoherente')]);
    expect(summary.stdout).toContain(
      'résumé (cohérence interne de la convention, vérifiée par convflux) : Règle de cohérence',
    );
    expect(summary.stdout).not.toContain('texte cité');
    const en = runCli([
      'check',
      join(repoRoot, 'test/golden/regle-etat-hors-qpv-min'),
      '--lang',
      'en',
    ]);
    expect(en.stdout).toContain('quoted text (CCH art. R. 441-5-2 II): «');
  });

  it('quotes a text once per command, however many diagnostics cite it', () => {
    const run = runCli(['check', join(repoRoot, 'test/golden/conversion-taux-absent')]);
    expect(run.stdout.match(/CONVERSION_TAUX_ABSENT/g)?.length).toBeGreaterThan(1);
    expect(run.stdout.match(/ résumé \(pratique locale : concertation DRIHL 2021/g)).toHaveLength(
      1,
    );
  });
});
