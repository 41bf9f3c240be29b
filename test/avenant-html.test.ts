/**
 * `convflux render --avenant`, the part without a browser: the word-level comparison and the
 * amending instructions it words, the example avenant's HTML (which articles, which wording, a
 * golden snapshot: UPDATE_GOLDEN=1 npx vitest run test/avenant-html.test.ts rewrites it), the
 * template checks, and the CLI's diagnostics when two files do not make an avenant.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparerArticle, ordinal } from '../src/avenant/compare-article.js';
import { jetons, marquer, mots, passages } from '../src/avenant/word-diff.js';
import { avenantHtml } from '../src/avenant/render-avenant.js';
import { AVENANT_TEMPLATES_DIR, loadAvenantTemplates } from '../src/avenant/templates.js';
import { buildAvenantView, type AvenantView } from '../src/avenant/view.js';
import { TemplateError } from '../src/render/check-template.js';
import { convfluxVersion, prepareConvention } from '../src/render/render-conventions.js';
import { cliPath, repoRoot, runCli } from './helpers.js';

const NBSP = '\u00a0';
const FINE = '\u202f';
const examplesDir = join(repoRoot, 'rules', 'conventions');
const etatDir = join(examplesDir, '93/552046484/etat-93');
const etatV1 = join(etatDir, 'v1.yaml');
const etatV2 = join(etatDir, 'v2.yaml');
const goldenFile = join(
  repoRoot,
  'test',
  'golden-html',
  'avenant',
  '93-552046484-etat-93-avenant-1.html',
);

/** Visible text, no-break spaces as plain spaces. */
function plain(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

function exampleAvenant(): { view: AvenantView; html: string } {
  const templates = loadAvenantTemplates();
  const prepare = (file: string) =>
    prepareConvention(readFileSync(file), relative(repoRoot, file), templates.convention).view;
  const view = buildAvenantView({
    ancienne: prepare(etatV1),
    nouvelle: prepare(etatV2),
    templates: templates.convention,
    modele: templates.modele,
    generateur: `convflux ${convfluxVersion()}`,
  });
  return { view, html: avenantHtml(view, templates, { polices: false }) };
}

describe('word-level comparison', () => {
  it('finds the changed passage and keeps numbers, elisions and no-break groups whole', () => {
    const a = mots(jetons('un nouveau délai d’un (1) mois pour désigner, soit 0,5 point'));
    const b = mots(jetons('un nouveau délai de quinze (15) jours pour désigner, soit 0,25 point'));
    expect(a.map((w) => w.text)).toContain('0,5');
    expect(a.map((w) => w.text)).toContain('d’un');
    const p = passages(a, b);
    // "d’un (1) mois" → "de quinze (15) jours" is one change (the brackets in between are merged).
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ ancienDebut: 3, ancienFin: 8, nouveauDebut: 3, nouveauFin: 9 });
  });

  it('marks changed words with <del>/<ins> without crossing a tag', () => {
    const t = jetons('pour <strong>0,5 point</strong> ; les points');
    const marked = new Set(
      t.flatMap((x, i) => (x.text === '0,5' || x.text === 'point' ? [i] : [])),
    );
    expect(marquer(t, marked, 'del')).toBe(
      'pour <strong><del>0,5 point</del></strong> ; les points',
    );
    const across = jetons('a <em>b</em> c');
    expect(marquer(across, new Set([0, 3, 6]), 'ins')).toBe(
      '<ins>a</ins> <em><ins>b</ins></em> <ins>c</ins>',
    );
  });

  it('words ordinals as legislative drafting does', () => {
    expect([1, 2, 3, 4, 5, 9, 11, 21].map(ordinal)).toEqual([
      'premier',
      'deuxième',
      'troisième',
      'quatrième',
      'cinquième',
      'neuvième',
      'onzième',
      'vingt et unième',
    ]);
  });
});

describe('amending instructions', () => {
  const cible = { nom: 'l’article 5', feminin: false };
  const article = (...body: string[]): string =>
    `<section class="article"><h2><span class="numero">Article 5</span> – Décompte</h2>${body.join('\n')}</section>`;

  it('replaces words in an alinéa, named by its rank', () => {
    const r = comparerArticle(
      article('<p>Premier alinéa.</p>', '<p>Il compte pour 0,5 point ; au plus un.</p>'),
      article('<p>Premier alinéa.</p>', '<p>Il compte pour 0,25 point ; au plus un.</p>'),
      cible,
    );
    expect(r.changed).toBe(true);
    expect(r.instructions).toEqual([
      `Au deuxième alinéa, le nombre «${NBSP}0,5${NBSP}» est remplacé par le nombre «${NBSP}0,25${NBSP}»`,
    ]);
    expect(r.lignes.map((l) => l.etat)).toEqual(['inchange', 'modifie']);
    expect(r.lignes[1]?.ancien).toContain('<del>0,5</del>');
    expect(r.lignes[1]?.nouveau).toContain('<ins>0,25</ins>');
  });

  it('never stops a quotation inside brackets', () => {
    const r = comparerArticle(
      article('<p>Le bailleur réserve 15 % (quinze pour cent) du flux.</p>'),
      article('<p>Le bailleur réserve 12 % (douze pour cent) du flux.</p>'),
      cible,
    );
    expect(r.instructions).toEqual([
      `Les mots «${NBSP}15 % (quinze pour cent)${NBSP}» sont remplacés par les mots «${NBSP}12 % (douze pour cent)${NBSP}»`,
    ]);
  });

  it('widens a replaced word until it is found once in the alinéa', () => {
    const r = comparerArticle(
      article('<p>Un délai d’un mois, puis un mois encore.</p>'),
      article('<p>Un délai d’un mois, puis deux mois encore.</p>'),
      cible,
    );
    // "un" appears twice (as « Un » too): the instruction quotes "puis un" instead.
    expect(r.instructions).toEqual([
      `Les mots «${NBSP}puis un${NBSP}» sont remplacés par les mots «${NBSP}puis deux${NBSP}»`,
    ]);
  });

  it('adds, removes and rewrites alinéas, and says when nothing changes', () => {
    const old = article('<p>A a a a.</p>', '<p>B b b b.</p>', '<p>C c c c.</p>');
    expect(comparerArticle(old, old, cible)).toEqual({
      changed: false,
      instructions: [],
      lignes: [],
    });
    const added = comparerArticle(
      old,
      article('<p>A a a a.</p>', '<p>B b b b.</p>', '<p>C c c c.</p>', '<p>D d d d.</p>'),
      cible,
    );
    expect(added.instructions).toEqual([
      `L’article est complété par un alinéa ainsi rédigé : «${NBSP}D d d d.${NBSP}»`,
    ]);
    const removed = comparerArticle(old, article('<p>A a a a.</p>', '<p>C c c c.</p>'), cible);
    expect(removed.instructions).toEqual(['Le deuxième alinéa est supprimé']);
    expect(removed.lignes[1]).toMatchObject({
      etat: 'supprime',
      nouveau: '<p class="absent">(alinéa supprimé)</p>',
    });
    const inserted = comparerArticle(
      old,
      article('<p>A a a a.</p>', '<p>Z z z z.</p>', '<p>B b b b.</p>', '<p>C c c c.</p>'),
      cible,
    );
    expect(inserted.instructions).toEqual([
      `Après le premier alinéa, il est inséré un alinéa ainsi rédigé : «${NBSP}Z z z z.${NBSP}»`,
    ]);
    const rewritten = comparerArticle(
      old,
      article('<p>A a a a.</p>', '<p>Tout autre chose ici.</p>', '<p>C c c c.</p>'),
      cible,
    );
    expect(rewritten.instructions).toEqual([
      `Le deuxième alinéa est ainsi rédigé : «${NBSP}Tout autre chose ici.${NBSP}»`,
    ]);
    expect(rewritten.lignes[1]).toMatchObject({ etat: 'modifie' });
    expect(rewritten.lignes[1]?.ancien).toBe('<p><del>B b b b</del>.</p>');
  });

  it('names sub-articles and table rows, and renumbers before inserting', () => {
    const table = (...rows: string[]): string =>
      `<h3>4.2 Objectifs indicatifs</h3><table class="tableau t"><thead><tr><th>N°</th><th>Objectif</th><th>Part</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const row = (n: number, label: string, part: string): string =>
      `<tr><td>${String(n)}</td><td>${label}</td><td>${part}</td></tr>`;
    const r = comparerArticle(
      article(
        table(row(1, 'Petits logements', '40\u202f%'), row(2, 'Grands logements', '10\u202f%')),
      ),
      article(
        table(
          row(1, 'Petits logements', '35\u202f%'),
          row(2, 'Logements récents', '15\u202f%'),
          row(3, 'Grands logements', '10\u202f%'),
        ),
      ),
      cible,
    );
    expect(r.instructions).toEqual([
      `Au tableau du 4.2, à la ligne n°${NBSP}1, dans la colonne «${NBSP}Part${NBSP}», le taux «${NBSP}40${FINE}%${NBSP}» est remplacé par le taux «${NBSP}35${FINE}%${NBSP}»`,
      `Au tableau du 4.2, la ligne n°${NBSP}2 devient la ligne n°${NBSP}3`,
      `Au tableau du 4.2, après la ligne n°${NBSP}1, est insérée la ligne suivante : «${NBSP}N° : 2 ; Objectif : Logements récents ; Part : 15${FINE}%${NBSP}»`,
    ]);
  });
});

describe('the example avenant (etat-93 v1 → v2)', () => {
  const { view, html } = exampleAvenant();
  const text = plain(html);

  it('amends exactly the articles and annexes whose wording changes', () => {
    expect(view.modifications.map((m) => `${m.reference} – ${m.intitule}`)).toEqual([
      'Article 5 – Objectifs contractuels et indicatifs',
      'Article 6 – Décompte et pondération',
      'Article 9 – Refus',
      'Annexe 1 – Objectifs contractuels et indicatifs',
    ]);
    const amended = [
      ...text.matchAll(/Article \d+ – Modification de l’(article|annexe) (\d+)/g),
    ].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`);
    // The technical annexes (récapitulatif, identification) are printed again, never amended.
    expect(amended).toEqual(['article 5', 'article 6', 'article 9', 'annexe 1']);
    // Unchanged articles are not quoted (their headings never appear in the comparison).
    for (const titre of [
      'Part du flux réservée',
      'Assiette du flux',
      'Durée, entrée en vigueur et prise d’effet',
    ])
      expect(text, titre).not.toContain(titre);
  });

  it('has the legal frame: title, parties, visas, object, date d’effet, other stipulations', () => {
    expect(text).toContain(
      'Avenant n° 1 à la convention de réservation de logements locatifs sociaux en flux',
    );
    expect(text).toContain(
      'Entre les soussignés : Exemple Habitat, société anonyme d’habitations à loyer modéré',
    );
    expect(text).toContain('Vu le décret n° 2020-145 du 20 février 2020');
    expect(text).toContain(
      'Vu la convention de réservation de logements locatifs sociaux en flux conclue entre Exemple Habitat et l’État, référence 93-552046484-etat-93, dans sa version n° 1 prenant effet le 1er janvier 2024',
    );
    expect(text).toContain('Article 1 – Objet de l’avenant');
    expect(text).toContain(
      'Il modifie les articles 5, 6 et 9 de la convention, ainsi que son annexe 1.',
    );
    expect(text).toContain(
      'Article 6 – Entrée en vigueur et prise d’effet Le présent avenant entre en vigueur à la date de sa signature par la dernière des parties. Il prend effet le 1er juillet 2025 ou, si elle est postérieure, à la date de son entrée en vigueur',
    );
    expect(text).toContain('Les autres stipulations de la convention demeurent inchangées');
    expect(html).toContain(`1<sup>er</sup>${NBSP}juillet${NBSP}2025`);
  });

  it('words each change as an amendment, old and new wording side by side', () => {
    expect(text).toContain(
      'L’article 6 de la convention, « Décompte et pondération », est ainsi modifié : au deuxième alinéa, les mots « 0,5 point » sont remplacés par les mots « 0,25 point ».',
    );
    expect(text).toContain(
      'L’article 9 de la convention, « Refus », est ainsi modifié : au deuxième alinéa du 9.1, les mots « d’un (1) mois » sont remplacés par les mots « de quinze (15) jours ».',
    );
    expect(text).toContain(
      '2° Au tableau du 5.2, après la ligne n° 3, est insérée la ligne suivante : « N° : 4 ; Objectif : Logements récents hors QPV ; Part souhaitée : 15 % ».',
    );
    expect(text).toContain('Ancienne rédaction (version n° 1)');
    expect(text).toContain('Nouvelle rédaction (version n° 2)');
    expect(html).toContain(`<del>0,5${NBSP}point</del>`);
    expect(html).toContain(`<ins>0,25${NBSP}point</ins>`);
    expect(html).toContain('<del>d’un (1) mois</del>');
    expect(html).toContain('<ins>de quinze (15) jours</ins>');
  });

  it('has one signature block per signatory of the new version, and both hashes', () => {
    expect(view.convention.signatures.blocs.map((b) => b.nom)).toEqual([
      'Mme Claire Martin',
      'Mme Sophie Bernard',
    ]);
    expect(html.match(/<a class="zone-lien" href="#signature-\d"/g)).toHaveLength(2);
    expect(text).toContain(view.ancienne.yamlSha256);
    expect(text).toContain(view.nouvelle.yamlSha256);
    expect(text).toContain(view.ancienne.empreinte);
    expect(html).not.toMatch(/https?:\/\//);
    // French typography in the avenant's own text and in the quotations.
    const visible = html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');
    expect(visible).not.toMatch(/'/);
    expect(visible).not.toMatch(/ [:;»%]|« /);
  });

  it('matches the golden snapshot (UPDATE_GOLDEN=1 rewrites it)', () => {
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(join(goldenFile, '..'), { recursive: true });
      writeFileSync(goldenFile, html);
    }
    expect(html, `${goldenFile} (UPDATE_GOLDEN=1 pour le réécrire)`).toBe(
      readFileSync(goldenFile, 'utf8'),
    );
  });
});

describe('an avenant that inserts or deletes an annex (conversion_stock), renumbering the others', () => {
  const saintDenis = join(examplesDir, '93/552046484/saint-denis/v1.yaml');
  // Without its contreparties (annex 2 otherwise), so that the conversion annex is annex 2.
  const avec = readFileSync(saintDenis, 'utf8').replace(
    /\ncontreparties:[\s\S]*?(?=\n[a-z_]+:)/,
    '',
  );
  expect(avec).not.toContain('\ncontreparties:');
  expect(avec).toContain('\nconversion_stock:');
  // The same convention without its conversion section (the next top-level key ends it).
  const sans = avec.replace(/\nconversion_stock:[\s\S]*?(?=\n[a-z_]+:)/, '');
  expect(sans).not.toContain('conversion_stock');
  const suivante = (yaml: string): string =>
    yaml
      .replace(/^version: 1$/m, 'version: 2')
      .replace(/^date_effet: 2024-01-01$/m, 'date_effet: 2025-01-01');
  const templates = loadAvenantTemplates();
  const avenant = (ancienne: string, nouvelle: string): { view: AvenantView; text: string } => {
    const prepare = (yaml: string, name: string) =>
      prepareConvention(Buffer.from(yaml), name, templates.convention).view;
    const view = buildAvenantView({
      ancienne: prepare(ancienne, 'saint-denis/v1.yaml'),
      nouvelle: prepare(suivante(nouvelle), 'saint-denis/v2.yaml'),
      templates: templates.convention,
      modele: templates.modele,
      generateur: 'convflux test',
    });
    return { view, text: plain(avenantHtml(view, templates, { polices: false })) };
  };

  it('deletes the annex, then renumbers the following ones, then amends by the new numbers', () => {
    const { view, text } = avenant(avec, sans);
    expect(view.modifications.map((m) => [m.operation, m.reference])).toEqual([
      ['suppression', 'Annexe 2'],
      ['renumerotation', 'Annexe 2'],
      ['modification', 'Article 1'],
      ['modification', 'Article 3'],
    ]);
    expect(text).toContain(
      'Article 2 – Suppression de l’annexe 2 de la convention L’annexe 2 de la convention, « État des lieux des réservations et conversion des droits de suite », est supprimée.',
    );
    expect(text).toContain(
      'Les annexes 3 et 4 de la convention, « Récapitulatif des stipulations » et « Identification du document », deviennent respectivement les annexes 2 et 3 ; les renvois à ces annexes sont modifiés en conséquence.',
    );
    expect(view.avenant.cibles).toBe(
      'supprime l’annexe 2 de la convention, modifie les articles 1 et 3 de la convention et renumérote en conséquence les annexes qui suivent',
    );
    // Article 1 names the contractual annexes: the deleted one leaves it.
    expect(text).toContain(
      'au sixième alinéa, les mots « Les annexes 1 et 2 font » sont remplacés par les mots « L’annexe 1 fait » et les mots « 3 et 4 » sont remplacés par les mots « 2 et 3 »',
    );
    expect(view.renumerotations).toEqual(['Annexe 3 → Annexe 2', 'Annexe 4 → Annexe 3']);
    // Never a partial's file name, never an empty title.
    expect(text).not.toMatch(/annexes\/|« »/);
  });

  it('inserts the annex after the renumbering, quoted in full width, and groups inserted rows', () => {
    const { view, text } = avenant(sans, avec);
    expect(view.modifications.map((m) => [m.operation, m.reference])).toEqual([
      ['renumerotation', 'Annexe 3'],
      ['modification', 'Article 1'],
      ['modification', 'Article 3'],
      ['insertion', 'Annexe 2'],
    ]);
    const insertion = view.modifications.find((m) => m.operation === 'insertion');
    expect(insertion?.chapeau).toBe(
      'Il est inséré dans la convention une annexe 2, « État des lieux des réservations et conversion des droits de suite », dont la rédaction figure ci-après',
    );
    expect(insertion?.tableau).toBe(false);
    // Quoted: its headings are paragraphs (the avenant's outline stays its own), no anchors.
    expect(insertion?.redactionHtml).toContain('<p class="cite-titre">');
    expect(insertion?.redactionHtml).not.toMatch(/<h[1-6]\b| id="/);
    expect(plain(insertion?.redactionHtml ?? '')).toContain('Taux de rotation');
    expect(text).toContain(
      'au sixième alinéa, les mots « L’annexe 1 fait » sont remplacés par les mots « Les annexes 1 et 2 font »',
    );
    expect(text).toContain('Les annexes 2 et 3 de la convention');
    expect(text).toContain('deviennent respectivement les annexes 3 et 4');
  });

  it('the CLI lists what the avenant deletes, renumbers, amends and inserts (--json)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-annexe-'));
    const d = join(dir, 'conventions/93/552046484/saint-denis');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'v1.yaml'), sans);
    writeFileSync(join(d, 'v2.yaml'), suivante(avec));
    const r = runCli([
      'render',
      '--avenant',
      join(d, 'v1.yaml'),
      join(d, 'v2.yaml'),
      '--html',
      '--json',
      '--out',
      join(dir, 'out/'),
    ]);
    expect(r.code).toBe(0);
    const [doc] = (
      JSON.parse(r.stdout) as {
        documents: {
          modifications: string[];
          insertions: string[];
          suppressions: string[];
          renumerotations: string[];
        }[];
      }
    ).documents;
    expect(doc?.insertions).toEqual([
      'Annexe 2 – État des lieux des réservations et conversion des droits de suite',
    ]);
    expect(doc?.suppressions).toEqual([]);
    expect(doc?.renumerotations).toEqual(['Annexe 2 → Annexe 3', 'Annexe 3 → Annexe 4']);
    expect(doc?.modifications).toEqual([
      'Article 1 – Objet et périmètre',
      'Article 3 – Part du flux réservée',
    ]);
  });
});

describe('avenant templates', () => {
  it('fail at compile time when a template reads an unknown field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-templates-'));
    cpSync(AVENANT_TEMPLATES_DIR, dir, { recursive: true });
    const file = join(dir, 'articles', 'date-effet.hbs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{{avenant.dateEffet}}', '{{avenant.dateEfet}}'),
    );
    expect(() => loadAvenantTemplates(dir)).toThrow(TemplateError);
    expect(() => loadAvenantTemplates(dir)).toThrow(
      /articles\/date-effet\.hbs:\d+:\d+ : champ inconnu « avenant\.dateEfet »/,
    );
  });
});

describe('convflux render --avenant (CLI, without a browser)', () => {
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-'));
    cpSync(examplesDir, join(dir, 'conventions'), { recursive: true });
    return dir;
  }
  const noBrowser = (args: string[]) =>
    spawnSync(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CONVFLUX_CHROMIUM: '/nonexistent/chromium', NO_COLOR: '1' },
    });

  it('writes the HTML with --html, with no browser installed', () => {
    const dir = tree();
    const r = noBrowser([
      'render',
      '--avenant',
      etatV1,
      etatV2,
      '--html',
      '--out',
      join(dir, 'out/'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Avenant n° 1 \(93-552046484-etat-93, version 1 → 2\) → .*93-552046484-etat-93-avenant-1\.html/,
    );
    expect(r.stdout).toContain('modifie Article 6 – Décompte et pondération');
    const html = readFileSync(join(dir, 'out', '93-552046484-etat-93-avenant-1.html'), 'utf8');
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).toContain('<ins>de quinze (15) jours</ins>');
  });

  it('refuses two different conventions: diagnostic on the id, exit 1, nothing written', () => {
    const dir = tree();
    const montreuil = join(examplesDir, '93/552046484/montreuil/v1.yaml');
    const r = runCli([
      'render',
      '--avenant',
      etatV1,
      montreuil,
      '--html',
      '--out',
      join(dir, 'x.html'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /montreuil\/v1\.yaml:\d+:\d+ {2}erreur AVENANT_CONVENTIONS_DIFFERENTES {2}« 93-552046484-montreuil » \(.*\) n’est pas la convention « 93-552046484-etat-93 »/,
    );
    expect(r.stdout).toContain('pointeur : /id');
    expect(r.stdout).toContain('Avenant non rendu');
    const json = runCli(['render', '--avenant', etatV1, montreuil, '--html', '--json']);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as { ok: boolean; diagnostics: { code: string }[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['AVENANT_CONVENTIONS_DIFFERENTES']);
  });

  it('counts the same file given twice as one file in the summary line', () => {
    const relatif = relative(repoRoot, etatV1);
    for (const [a, b] of [
      [etatV1, etatV1],
      [etatV1, `./${relatif}`],
    ] as const) {
      const r = runCli(['render', '--avenant', a, b, '--html']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('erreur AVENANT_MEME_FICHIER');
      expect(r.stdout).toContain('1 erreur, 0 avertissement dans 1 fichier.');
    }
    const en = runCli(['render', '--avenant', etatV1, etatV1, '--html', '--lang', 'en']);
    expect(en.stdout).toContain('1 error, 0 warnings in 1 file.');
  });

  it('refuses a new version that is not later than the old one (exit 1)', () => {
    // Files given in the wrong order: version 1 after version 2.
    const swapped = runCli(['render', '--avenant', etatV2, etatV1, '--html', '--json']);
    expect(swapped.code).toBe(1);
    const out = JSON.parse(swapped.stdout) as { diagnostics: { code: string; message: string }[] };
    expect(out.diagnostics.map((d) => d.code)).toEqual([
      'AVENANT_VERSION_ORDRE',
      'AVENANT_DATE_EFFET_ORDRE',
    ]);
    expect(out.diagnostics[1]?.message).toBe(
      'La version 1 prend effet le 2024-01-01, pas après la version 2 qu’elle modifie (2025-07-01) : la date d’effet de l’avenant doit suivre celle de la version modifiée.',
    );
    // A version 2 that takes effect before version 1, outside the conventions layout.
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-dates-'));
    writeFileSync(join(dir, 'ancienne.yaml'), readFileSync(etatV1));
    const nouvelle = readFileSync(etatV2, 'utf8').replace(
      'date_effet: 2025-07-01',
      'date_effet: 2024-01-01',
    );
    writeFileSync(join(dir, 'nouvelle.yaml'), nouvelle);
    const ligne = nouvelle.split('\n').findIndex((l) => l.startsWith('date_effet:')) + 1;
    const older = runCli(['render', '--avenant', 'ancienne.yaml', 'nouvelle.yaml', '--html'], dir);
    expect(older.code).toBe(1);
    // The check of the two files already sees it (same id, version 2 not after version 1).
    expect(older.stdout).toContain(
      `nouvelle.yaml:${String(ligne)}:13  erreur VERSION_DATE_EFFET_ORDRE`,
    );
    expect(older.stdout).toContain('Avenant non rendu');
  });

  it('checks both files like render does, and wants exactly two files', () => {
    const dir = tree();
    const v2 = join(dir, 'conventions/93/552046484/etat-93/v2.yaml');
    writeFileSync(v2, readFileSync(v2, 'utf8').replace('orientation: 0.25', 'orientation: 2'));
    const r = runCli([
      'render',
      '--avenant',
      join(dir, 'conventions/93/552046484/etat-93/v1.yaml'),
      v2,
      '--html',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/v2\.yaml:\d+:\d+ {2}erreur /);
    expect(r.stdout).toContain('Avenant non rendu');
    const usage = runCli(['render', '--avenant', etatV1]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('render --avenant attend deux fichiers');
  });
});

describe('the avenant’s entry into force and date d’effet (CLI)', () => {
  /** The example tree, État v2 frozen and signed on `signe` (after its 1 July 2025 effect). */
  function signee(signe: string, stipule: boolean): { dir: string; v2: string } {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-effet-'));
    cpSync(examplesDir, join(dir, 'conventions'), { recursive: true });
    const v2 = join(dir, 'conventions/93/552046484/etat-93/v2.yaml');
    const yaml = readFileSync(v2, 'utf8').replace(
      /^statut: projet$/m,
      [
        'statut: arretee',
        ...(stipule ? ['effet_avant_signature: true'] : []),
        'signatures:',
        '  - partie: bailleur',
        '    date: 2025-06-20',
        '  - partie: reservataire',
        `    date: ${signe}`,
      ].join('\n'),
    );
    writeFileSync(v2, yaml);
    // A frozen text is sealed (its statut and signatures stay outside the seal).
    expect(runCli(['seal', v2], dir).code).toBe(0);
    return { dir, v2 };
  }
  const codes = (dir: string, file: string): { code: string; line: number }[] => {
    const r = runCli(['check', file, '--json'], dir);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; line: number }[] };
    return out.diagnostics;
  };

  it('warns when the last signature follows the date d’effet without the parties’ stipulation', () => {
    const { dir, v2 } = signee('2025-07-15', false);
    const found = codes(dir, v2).filter((d) => d.code === 'AVENANT_EFFET_AVANT_SIGNATURE');
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(
      readFileSync(v2, 'utf8').split('\n').indexOf('date_effet: 2025-07-01') + 1,
    );
    // Signed before its date d'effet, or the stipulation written: nothing to say.
    for (const [signe, stipule] of [
      ['2025-06-25', false],
      ['2025-07-15', true],
    ] as const) {
      const other = signee(signe, stipule);
      expect(codes(other.dir, other.v2).map((d) => d.code)).not.toContain(
        'AVENANT_EFFET_AVANT_SIGNATURE',
      );
    }
  });

  it('prints the parties’ stipulation when the date d’effet may precede the signature', () => {
    const { dir, v2 } = signee('2025-07-15', true);
    const v1 = join(dir, 'conventions/93/552046484/etat-93/v1.yaml');
    const r = runCli(['render', '--avenant', v1, v2, '--html', '--out', join(dir, 'out/')], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const text = plain(
      readFileSync(join(dir, 'out', '93-552046484-etat-93-avenant-1.html'), 'utf8'),
    );
    expect(text).toContain(
      'Le présent avenant entre en vigueur à la date de sa signature par la dernière des parties. Il prend effet le 1er juillet 2025. Les parties conviennent que cette date peut précéder celle de son entrée en vigueur',
    );
    expect(text).toContain(
      'y compris ceux intervenus entre cette date et l’entrée en vigueur du présent avenant',
    );
    expect(text).not.toContain('si elle est postérieure');
  });
});
