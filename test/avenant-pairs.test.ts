/**
 * B7: the avenant and the consolidated version agree. For every two consecutive versions of a
 * convention in the examples (rules/conventions/**), the CLI prints version n, version n + 1 and
 * the avenant between them (HTML); the avenant's instructions are applied to version n, article
 * by article, as a reader would (test/avenant-applier.ts), and each article must then read
 * exactly as version n + 1 prints it. An article that differs without an instruction, or an
 * instruction that does not give the new wording, fails. The technical annexes (récapitulatif,
 * identification), without contractual value, are printed again with each version, not amended.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparerArticle } from '../src/avenant/compare-article.js';
import { appliquer, lignes, modificationsDe, parties, type Partie } from './avenant-applier.js';
import { repoRoot, runCli } from './helpers.js';

const examples = join(repoRoot, 'rules', 'conventions');

/** Every folder's versions (v1.yaml, v2.yaml …) as consecutive pairs. */
function paires(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const entries = readdirSync(dir);
  const versions = entries
    .map((f) => ({ f, n: /^v(\d+)\.yaml$/.exec(f)?.[1] }))
    .filter((x): x is { f: string; n: string } => x.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n));
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1];
    const b = versions[i];
    if (a && b && Number(b.n) === Number(a.n) + 1) out.push([join(dir, a.f), join(dir, b.f)]);
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...paires(p));
  }
  return out;
}

interface Rendu {
  ancienne: Partie[];
  nouvelle: Partie[];
  avenant: string;
}

function rendre(v1: string, v2: string): Rendu {
  const out = mkdtempSync(join(tmpdir(), 'convflux-paire-'));
  const html = (args: string[], file: string): string => {
    const r = runCli(['render', ...args, '--html', '--out', join(out, file)]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return readFileSync(join(out, file), 'utf8');
  };
  return {
    ancienne: parties(html([v1], 'v1.html')),
    nouvelle: parties(html([v2], 'v2.html')),
    avenant: html(['--avenant', v1, v2], 'avenant.html'),
  };
}

/** Each contractual article or annex of the new version, from the old one and the instructions. */
function verifier(r: Rendu, avenantHtml: string): string[] {
  const modifications = modificationsDe(avenantHtml);
  const problemes: string[] = [];
  const contractuelles = (ps: Partie[]): Partie[] => ps.filter((p) => !p.technique);
  const anciennes = new Map(contractuelles(r.ancienne).map((p) => [p.reference, p]));
  const nouvelles = contractuelles(r.nouvelle);
  for (const nouvelle of nouvelles) {
    const ancienne = anciennes.get(nouvelle.reference);
    if (!ancienne) {
      problemes.push(`${nouvelle.reference} n’existe pas dans l’ancienne version`);
      continue;
    }
    const instructions = modifications
      .filter((m) => m.cible === nouvelle.reference)
      .flatMap((m) => m.instructions);
    let obtenu: string[];
    try {
      obtenu = lignes(appliquer(ancienne, instructions));
    } catch (e) {
      problemes.push(`${nouvelle.reference} : ${(e as Error).message}`);
      continue;
    }
    const attendu = lignes(nouvelle.blocs);
    if (JSON.stringify(obtenu) !== JSON.stringify(attendu)) {
      const k = attendu.findIndex((l, i) => obtenu[i] !== l);
      problemes.push(
        `${nouvelle.reference} : ${instructions.length ? 'les instructions ne donnent pas' : 'aucune instruction, mais la nouvelle version diffère de'} la nouvelle rédaction\n  attendu : ${attendu[k] ?? '(rien)'}\n  obtenu  : ${obtenu[k] ?? '(rien)'}`,
      );
    }
  }
  for (const ancienne of anciennes.keys())
    if (!nouvelles.some((p) => p.reference === ancienne))
      problemes.push(`${ancienne} n’existe plus dans la nouvelle version`);
  for (const m of modifications)
    if (!nouvelles.some((p) => p.reference === m.cible))
      problemes.push(`l’avenant modifie ${m.cible}, absent de la nouvelle version`);
  return problemes;
}

const PAIRES = paires(examples);
const nom = ([a, b]: [string, string]): string =>
  `${relative(examples, a)} → ${relative(examples, b)}`;

describe('avenant and consolidated version agree (B7)', () => {
  it('the examples have at least one pair of consecutive versions', () => {
    expect(PAIRES.length).toBeGreaterThan(0);
  });

  for (const paire of PAIRES) {
    it(`${nom(paire)}: version n + the avenant's instructions = version n + 1, article by article`, () => {
      const r = rendre(paire[0], paire[1]);
      expect(verifier(r, r.avenant)).toEqual([]);
      // Article 1 of the avenant names every part it modifies, and only those.
      const cibles = modificationsDe(r.avenant).map((m) => m.cible);
      const objet =
        /Il (?:modifie|supprime|insère)[^<]*\./.exec(r.avenant.replace(/\s+/g, ' '))?.[0] ?? '';
      const articles = cibles.filter((c) => c.startsWith('Article')).map((c) => c.slice(8));
      const annexes = cibles.filter((c) => c.startsWith('Annexe')).map((c) => c.slice(7));
      for (const n of [...articles, ...annexes]) expect(objet).toMatch(new RegExp(`\\b${n}\\b`));
      expect((objet.match(/\d+/g) ?? []).length).toBe(articles.length + annexes.length);
    }, 120_000);
  }

  it('fails when an instruction is missing or wrong (the check can fail)', () => {
    const paire = PAIRES[0];
    if (!paire) throw new Error('no pair');
    const r = rendre(paire[0], paire[1]);
    const modifications = modificationsDe(r.avenant);
    const premiere = modifications[0];
    if (!premiere) throw new Error('the example avenant modifies nothing');
    // The avenant without its first modification article.
    const sans = r.avenant.replace(/<section class="article modification"[\s\S]*?<\/section>/, '');
    const manquante = verifier(r, sans);
    expect(manquante.join('\n')).toContain(`${premiere.cible} : aucune instruction`);
    // An instruction with another figure than the new version's.
    const faussee = r.avenant.replace(/0,25(?=\u00a0point\u00a0»)/, '0,3');
    expect(faussee).not.toBe(r.avenant);
    expect(verifier(r, faussee).join('\n')).toContain('les instructions ne donnent pas');
  }, 120_000);
});

describe('the applier follows every instruction form the avenant writes', () => {
  const cible = { nom: 'l’article 5', feminin: false };
  const article = (...body: string[]): string =>
    `<section class="article"><h2><span class="numero">Article 5</span> – Décompte</h2>${body.join('\n')}</section>`;
  const sous = (titre: string, ...body: string[]): string =>
    `<section class="sous-article"><h3>${titre}</h3>${body.join('\n')}</section>`;
  const table = (...rows: string[]): string =>
    `<table class="tableau t"><thead><tr><th>N°</th><th>Objectif</th><th>Part</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const row = (n: number, label: string, part: string): string =>
    `<tr><td>${String(n)}</td><td>${label}</td><td>${part}</td></tr>`;
  const partie = (html: string): Partie => {
    const [p] = parties(html);
    if (!p) throw new Error('no part');
    return p;
  };
  const old = article(
    '<p>Il compte pour 0,5 point ; au plus un.</p>',
    '<p>B b b b.</p>',
    sous('5.1 Refus', '<p>Un délai d’un (1) mois, puis un mois encore.</p>'),
    sous(
      '5.2 Objectifs indicatifs',
      '<p>Les objectifs suivants :</p>',
      table(
        row(1, 'Petits logements', '40\u202f%'),
        row(2, 'Grands logements', '10\u202f%'),
        row(3, 'Logements anciens', '5\u202f%'),
      ),
    ),
  );
  const cases: [string, string][] = [
    [
      'words replaced, alinéa deleted, alinéa inserted, sub-article alinéa changed',
      article(
        '<p>Il compte pour 0,25 point ; au plus un.</p>',
        '<p>Z z z z.</p>',
        sous('5.1 Refus', '<p>Un délai de quinze (15) jours, puis deux mois encore.</p>'),
        sous(
          '5.2 Objectifs indicatifs',
          '<p>Les objectifs suivants :</p>',
          table(
            row(1, 'Petits logements', '40\u202f%'),
            row(2, 'Grands logements', '10\u202f%'),
            row(3, 'Logements anciens', '5\u202f%'),
          ),
        ),
      ),
    ],
    [
      'rows changed, inserted, deleted and renumbered; an alinéa added at the end',
      article(
        '<p>Il compte pour 0,5 point ; au plus un.</p>',
        '<p>B b b b.</p>',
        sous('5.1 Refus', '<p>Un délai d’un (1) mois, puis un mois encore.</p>'),
        sous(
          '5.2 Objectifs indicatifs',
          '<p>Les objectifs suivants :</p>',
          table(
            row(1, 'Petits logements', '35\u202f%'),
            row(2, 'Logements récents', '15\u202f%'),
            row(3, 'Grands logements', '10\u202f%'),
          ),
          '<p>Les critères figurent à l’annexe 1.</p>',
        ),
        '<p>D d d d.</p>',
      ),
    ],
    [
      'an alinéa inserted between two, another deleted',
      article(
        '<p>Il compte pour 0,5 point ; au plus un.</p>',
        '<p>Y y y y, tout à fait nouveau.</p>',
        '<p>B b b b.</p>',
        sous('5.1 Refus', '<p>Un délai d’un (1) mois, puis un mois encore.</p>'),
        sous(
          '5.2 Objectifs indicatifs',
          table(
            row(1, 'Petits logements', '40\u202f%'),
            row(2, 'Grands logements', '10\u202f%'),
            row(3, 'Logements anciens', '5\u202f%'),
          ),
        ),
      ),
    ],
  ];
  for (const [titre, nouveau] of cases)
    it(titre, () => {
      const { instructions } = comparerArticle(old, nouveau, cible);
      expect(instructions.length).toBeGreaterThan(1);
      expect(lignes(appliquer(partie(old), instructions))).toEqual(lignes(partie(nouveau).blocs));
      // Without its last instruction, the old article does not become the new one.
      expect(lignes(appliquer(partie(old), instructions.slice(0, -1)))).not.toEqual(
        lignes(partie(nouveau).blocs),
      );
    });
});
