/**
 * One comparison, two renderings: the articles the avenant amends (judged on the printed wording)
 * agree with the data comparison of src/compare/ (judged key by key), on every pair of consecutive
 * versions of the examples and on hand-made pairs, each changing one thing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confronter, changementsParPartie } from '../src/avenant/articles-donnees.js';
import { loadAvenantTemplates } from '../src/avenant/templates.js';
import { buildAvenantView } from '../src/avenant/view.js';
import { comparerConventions } from '../src/compare/comparer-conventions.js';
import { convfluxVersion, prepareConvention } from '../src/render/render-conventions.js';
import { loadYamlBytes } from '../src/source/load-yaml-file.js';
import { repoRoot } from './helpers.js';

const templates = loadAvenantTemplates();
const etatDir = join(repoRoot, 'rules/conventions/93/552046484/etat-93');

function avenant(v1: string, v2: string, nom = 'v2.yaml') {
  const view = (text: string, file: string) =>
    prepareConvention(Buffer.from(text), file, templates.convention).view;
  const a = join(etatDir, 'v1.yaml');
  const avenantView = buildAvenantView({
    ancienne: view(v1, relative(repoRoot, a)),
    nouvelle: view(v2, relative(repoRoot, join(etatDir, nom))),
    templates: templates.convention,
    modele: templates.modele,
    generateur: `convflux ${convfluxVersion()}`,
  });
  const data = (text: string): unknown => loadYamlBytes('x.yaml', Buffer.from(text), 'fr').data;
  const cmp = comparerConventions(data(v1), data(v2), 'fr');
  return { view: avenantView, cmp, ecarts: confronter(avenantView, cmp) };
}

function paires(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...paires(p));
    const n = /^v(\d+)\.yaml$/.exec(e)?.[1];
    const suivante = n === undefined ? '' : join(dir, `v${String(Number(n) + 1)}.yaml`);
    if (n !== undefined && readdirSync(dir).includes(`v${String(Number(n) + 1)}.yaml`))
      out.push([p, suivante]);
  }
  return out;
}

const V1 = readFileSync(join(etatDir, 'v1.yaml'), 'utf8');
/** v1 as a later draft: version 2, effective on 1 January 2025, not signed. */
const projet = V1.replace(/^version: 1$/m, 'version: 2')
  .replace(/^date_effet: 2024-01-01$/m, 'date_effet: 2025-01-01')
  .replace(/^statut: signee$/m, 'statut: projet')
  .replace(/^empreinte:.*\n/m, '')
  .replace(/^signatures:.*\n(?:[ ]+.*\n)*/m, '');

describe('the avenant’s articles agree with the data comparison', () => {
  for (const [a, b] of paires(join(repoRoot, 'rules', 'conventions')))
    it(`example pair ${relative(repoRoot, b)}`, () => {
      const r = avenant(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
      expect(r.ecarts).toEqual({ articlesSansChangement: [], changementsSansArticle: [] });
      expect(r.view.modifications.length).toBeGreaterThan(0);
    });

  it('the État example: each amended article states the keys that change in it', () => {
    const r = avenant(V1, readFileSync(join(etatDir, 'v2.yaml'), 'utf8'));
    const par = changementsParPartie(r.view, r.cmp);
    expect([...par].map(([p, cs]) => [p, cs.map((c) => c.pointeur)])).toEqual([
      ['articles/objectifs', ['/objectifs/indicatifs/3']],
      ['articles/decompte', ['/decompte/ponderation/orientation']],
      ['articles/refus', ['/refus/candidat/delai']],
      ['annexes/objectifs', ['/objectifs/indicatifs/3']],
    ]);
  });

  it('hand-made pair: an annex deleted (conversion_stock), the others renumbered', () => {
    const saintDenis = readFileSync(
      join(repoRoot, 'rules/conventions/93/552046484/saint-denis/v1.yaml'),
      'utf8',
    ).replace(/\ncontreparties:[\s\S]*?(?=\n[a-z_]+:)/, '');
    const sans = saintDenis
      .replace(/\nconversion_stock:[\s\S]*?(?=\n[a-z_]+:)/, '')
      .replace(/^version: 1$/m, 'version: 2')
      .replace(/^date_effet: 2024-01-01$/m, 'date_effet: 2025-01-01');
    for (const [a, b] of [
      [saintDenis, sans],
      [
        sans.replace(/^version: 2$/m, 'version: 1'),
        saintDenis.replace(/^version: 1$/m, 'version: 2'),
      ],
    ] as const) {
      const r = avenant(a, b);
      expect(r.ecarts).toEqual({ articlesSansChangement: [], changementsSansArticle: [] });
      expect(r.view.modifications.map((m) => m.partiel)).toContain('articles/objet');
    }
  });

  const cas: [string, (t: string) => string, string[]][] = [
    [
      'the share of the flux',
      (t) => t.replace(/^ {2}part: 0\.30.*$/m, '  part: 0.25'),
      ['articles/flux'],
    ],
    [
      'the designation delay',
      (t) => t.replace(/^ {2}delai: 1 mois.*$/m, '  delai: 15 jours'),
      ['articles/designation', 'articles/caleol', 'articles/refus'],
    ],
    [
      'a contractual objective’s share',
      (t) => t.replace(/(territoire: "93010"\n\s+part:) 0\.30/, '$1 0.25'),
      ['articles/objectifs', 'annexes/objectifs'],
    ],
    [
      'the CALEOL information delay (a default written with another value)',
      (t) =>
        t.replace(
          /^objectifs:/m,
          'modalites:\n  information_caleol:\n    delai: 10 jours\n\nobjectifs:',
        ),
      ['articles/caleol'],
    ],
    [
      'a default written with its own value (no article changes)',
      (t) =>
        t.replace(
          /^objectifs:/m,
          'modalites:\n  information_caleol:\n    delai: 8 jours\n\nobjectifs:',
        ),
      [],
    ],
  ];
  for (const [nom, edit, attendues] of cas)
    it(`hand-made pair: ${nom}`, () => {
      const v2 = edit(projet);
      expect(v2).not.toBe(projet);
      const r = avenant(V1, v2);
      expect(r.ecarts).toEqual({ articlesSansChangement: [], changementsSansArticle: [] });
      expect(r.view.modifications.map((m) => m.partiel)).toEqual(attendues);
    });
});
