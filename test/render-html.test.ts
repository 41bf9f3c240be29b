/**
 * `convflux render`, the part without a browser: French typography, the view-model and its
 * defaults (they must say what the flux engine does), the template checks (an unknown field
 * fails at compile time), and golden HTML snapshots of the example conventions
 * (UPDATE_GOLDEN=1 npx vitest run test/render-html.test.ts rewrites them).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Convention } from '../src/convention/convention.js';
import { territoires } from '../src/reference/territoires.js';
import { loadReglementation } from '../src/reglementation/load-reglementation.js';
import { buildConventionView } from '../src/render/build-view.js';
import { TemplateError } from '../src/render/check-template.js';
import { conventionHtml } from '../src/render/html.js';
import { prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates, TEMPLATES_DIR } from '../src/render/templates.js';
import {
  dateLongue,
  enLettres,
  nombre,
  pourcent,
  pourcentEnLettres,
  typographier,
  typographierHtml,
} from '../src/render/typographie.js';
import type { ConventionView } from '../src/render/view-model.js';
import { repoRoot } from './helpers.js';

const FINE = '\u202f';
const NBSP = '\u00a0';
const goldenDir = join(repoRoot, 'test', 'golden-html');
const examplesDir = join(repoRoot, 'rules', 'conventions');

function exampleFiles(dir = examplesDir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...exampleFiles(path));
    else if (entry.name.endsWith('.yaml')) out.push(path);
  }
  return out.sort();
}

/** The visible text of an HTML document (no tags, no style). */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/[ \t\r\n]+/g, ' ');
}

/** The same with no-break spaces as plain spaces, to look for wording. */
function plain(html: string): string {
  return textOf(html).replace(/[\u00a0\u202f]/g, ' ');
}

function view(file: string): { view: ConventionView; html: string } {
  const templates = loadTemplates();
  const bytes = readFileSync(file);
  const { view } = prepareConvention(bytes, relative(repoRoot, file), templates);
  return { view, html: conventionHtml(view, templates, { polices: false }) };
}

describe('French typography', () => {
  it('formats numbers, shares, dates and words', () => {
    expect(nombre(1_300_000)).toBe(`1${FINE}300${FINE}000`);
    expect(nombre(0.5)).toBe('0,5');
    expect(pourcent(0.3)).toBe(`30${FINE}%`);
    expect(pourcent(0.125)).toBe(`12,5${FINE}%`);
    expect(pourcentEnLettres(0.3)).toBe('trente pour cent');
    expect(pourcentEnLettres(0.05)).toBe('cinq pour cent');
    expect(dateLongue('2024-01-01')).toBe(`1er${NBSP}janvier${NBSP}2024`);
    expect(dateLongue('2026-12-31')).toBe(`31${NBSP}décembre${NBSP}2026`);
    expect(
      [1, 15, 21, 71, 80, 81, 91, 99, 100, 200, 201, 1300, 80_000].map((n) => enLettres(n)),
    ).toEqual([
      'un',
      'quinze',
      'vingt et un',
      'soixante et onze',
      'quatre-vingts',
      'quatre-vingt-un',
      'quatre-vingt-onze',
      'quatre-vingt-dix-neuf',
      'cent',
      'deux cents',
      'deux cent un',
      'mille trois cents',
      'quatre-vingt mille',
    ]);
  });

  it('spaces French punctuation, in text only', () => {
    expect(typographier("l'État : « oui » ; 30 %")).toBe(
      `l’État${NBSP}: «${NBSP}oui${NBSP}»${FINE}; 30${FINE}%`,
    );
    expect(typographier(typographier('« a » : b'))).toBe(typographier('« a » : b'));
    const html = typographierHtml(
      '<p class="a:b" style="width: 100%">Vu l&#x27;article L. 441-1 : x</p><style>p{a: b;}</style>',
    );
    expect(html).toBe(
      `<p class="a:b" style="width: 100%">Vu l’article <span class="insecable">L.${NBSP}441-1</span>${NBSP}: x</p><style>p{a: b;}</style>`,
    );
  });
});

describe('the view of a convention', () => {
  const minimal: Convention = {
    id: '93-552046484-bondy',
    version: 1,
    date_effet: '2024-03-15',
    statut: 'projet',
    departement: '93',
    bailleur: { siren: '552046484', nom: 'Exemple Habitat' },
    reservataire: { id: 'bondy', type: 'commune', nom: 'Commune de Bondy', territoire: '93010' },
    duree: { debut: '2024-03-15', fin: '2027-03-14' },
    flux: { part: 0.1 },
    decompte: { fait_generateur: 'attribution' },
    designation: { delai: '15 jours' },
    refus: { candidat: { decompte: true, nouvelle_designation: false } },
  };
  const build = (c: Convention): ConventionView =>
    buildConventionView(c, {
      parametres: loadReglementation('fr').parametres,
      territoires: territoires(),
      yamlSha256: '0'.repeat(64),
      empreinte: `sha256:${'a'.repeat(64)}`,
      fichier: 'bondy.yaml',
      modele: { nom: 'convention', version: '1', empreinte: 'test' },
      generateur: 'convflux test',
    });

  it('prints the flux engine defaults when a key is absent', () => {
    const v = build(minimal);
    // ponderation: orientation 0, attribution 1
    expect(v.decompte.orientationNulle).toBe(true);
    expect(v.decompte.pointsAttribution).toBe(`1${NBSP}point`);
    expect(v.decompte.ponderationParDefaut).toBe(true);
    // a_expiration: reprise_pour_un_tour true, decompte false
    expect(v.designation).toMatchObject({ reprise: true, repriseDecompte: false });
    expect(v.designation.expirationParDefaut).toBe(true);
    // a missing refus party: a new designation is owed, within the designation delay, no count
    const [candidat, caleol, reservataire, bailleur] = v.refus;
    expect(candidat).toMatchObject({ stipule: true, nouvelleDesignation: false, decompte: true });
    for (const r of [caleol, reservataire, bailleur])
      expect(r).toMatchObject({
        stipule: false,
        nouvelleDesignation: true,
        decompte: false,
        delaiGeneral: true,
      });
    expect(bailleur?.delai.texte).toBe('quinze (15) jours');
    // application: globale for a commune
    expect(v.flux.uniformeParCommune).toBe(false);
    // assiette: the five categories of CCH art. R. 441-5 I are deducted, as the engine does
    expect(v.assiette.aucune).toBe(false);
    expect(v.assiette.exclusions).toHaveLength(5);
    const text = plain(conventionHtml(v, loadTemplates(), { polices: false }));
    expect(text).toContain('n’est pas décompté.');
    expect(text).toContain(
      'le bailleur reprend le logement pour un tour : il désigne lui-même les candidats',
    );
    expect(text).toContain('Le logement ainsi repris n’est pas décompté');
    expect(text).toContain(
      'Dossier incomplet Le bailleur ne peut écarter, en dehors de la commission d’attribution, une candidature complète désignée par le réservataire',
    );
    // A convflux default is printed as a plain stipulation, never as a rule of law (I18).
    expect(text).not.toMatch(/à défaut de stipulation/i);
    expect(text).not.toContain('refuse la candidature, complète et conforme');
    expect(text).toContain(
      'Le logement est néanmoins décompté au titre des droits du réservataire (1 point)',
    );
    // A draft without signatories: blanks to fill in, one signature block per party.
    expect(v.signatures.blocs.map((b) => b.aCompleter)).toEqual([true, true]);
    expect(text).toContain('représentée par ……………………………………');
    // The first bilan of a term starting in March.
    expect(text).toContain(
      'Le premier bilan porte sur la période du 15 mars 2024 au 31 décembre 2024 ; il est transmis avant le 28 février 2025.',
    );
    expect(text).toContain('sur le territoire de la commune de Bondy (93010)');
  });

  it('words the État convention with the regulation parameters', () => {
    const etat = build({
      ...minimal,
      id: '93-552046484-etat-93',
      reservataire: { id: 'etat-93', type: 'etat', nom: 'Préfet de la Seine-Saint-Denis' },
      flux: { part: 0.25 },
    });
    expect(etat.flux.etatPlafond).toBe(`30${FINE}%`);
    expect(etat.flux.uniformeParCommune).toBe(true);
    expect(etat.flux.applicationParDefaut).toBe(true);
    expect(etat.flux.horsQpv).toMatchObject({ present: true, parDefaut: true });
    const text = plain(conventionHtml(etat, loadTemplates(), { polices: false }));
    expect(text).toContain(
      'La part des logements réservés par le préfet s’applique uniformément dans chacune des communes',
    );
    expect(text).not.toContain('à défaut de stipulation contraire');
    expect(text).toContain(
      'Aucune part n’en est réservée au bénéfice des agents civils et militaires de l’État.',
    );
    expect(text).toContain('R. 441-5 à R. 441-5-4, en particulier son article R. 441-5-2');
    expect(text).toContain(
      'après une mise en demeure restée sans suite pendant un délai de deux (2) mois, résilier la présente convention',
    );
  });
});

describe('templates', () => {
  /** A copy of templates/ where one file is changed. */
  function brokenTemplates(file: string, edit: (source: string) => string): string {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-templates-'));
    cpSync(join(TEMPLATES_DIR, '..'), dir, { recursive: true });
    const path = join(dir, 'convention', file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return join(dir, 'convention');
  }

  it('fail at compile time when a template reads an unknown field', () => {
    const dir = brokenTemplates('articles/flux.hbs', (s) =>
      s.replace('{{flux.partEnLettres}}', '{{flux.partEnLetres}}'),
    );
    let error: unknown;
    try {
      loadTemplates(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    const message = (error as Error).message;
    expect(message).toMatch(/articles\/flux\.hbs:\d+:\d+ : champ inconnu « flux\.partEnLetres »/);
    expect(message).toContain('partEnLettres');
  });

  it('fail on an unknown helper, a loop over a value, an unknown partial, a wrong context', () => {
    const cases: [string, (s: string) => string, RegExp][] = [
      [
        'articles/objet.hbs',
        (s) => `${s}{{majuscules bailleur.nom}}`,
        /assistant inconnu « majuscules »/,
      ],
      [
        'articles/objet.hbs',
        (s) => `${s}{{#each flux.part}}x{{/each}}`,
        /« #each flux\.part » : le champ est une valeur/,
      ],
      [
        'document.hbs',
        (s) => `${s}{{> articles/inexistant}}`,
        /modèle partiel inconnu « articles\/inexistant »/,
      ],
      [
        'articles/refus.hbs',
        (s) => s.replace('{{titre}}', '{{document.titre}}'),
        /champ inconnu « document\.titre »/,
      ],
      ['articles/objet.hbs', (s) => `${s}{{bailleur}}`, /« bailleur » est un objet/],
      ['articles/objet.hbs', (s) => `${s}{{#unless}}x{{/unless}}`, /attend exactement un champ/],
    ];
    for (const [file, edit, expected] of cases)
      expect(() => loadTemplates(brokenTemplates(file, edit)), String(expected)).toThrow(expected);
  });

  it('are strict at render time too (a field missing from the data throws)', () => {
    const templates = loadTemplates();
    const { view: v } = view(join(examplesDir, '93/552046484/etat-93/v1.yaml'));
    const broken: Partial<ConventionView['flux']> = { ...v.flux };
    delete broken.partEnLettres;
    expect(() => templates.document({ ...v, flux: broken } as ConventionView)).toThrow(
      /rendu impossible .*"partEnLettres" not defined/,
    );
  });
});

describe('HTML of the example conventions', () => {
  const files = exampleFiles();

  it('has every article, numbered in order, and French typography', () => {
    for (const file of files) {
      const { html, view: v } = view(file);
      const text = textOf(html);
      const numbers = [...text.matchAll(/Article (\d+) – /g)].map((m) => Number(m[1]));
      expect(numbers, file).toEqual(
        Array.from({ length: Object.keys(v.articles).length }, (_, i) => i + 1),
      );
      expect(text, file).toContain(`${v.flux.part} (`);
      expect(text, file).toMatch(/\d\u202f%/);
      expect(text, file).not.toMatch(/\d[ \u00a0]?%/);
      expect(text, file).toContain(`«${NBSP}le bailleur${NBSP}»`);
      expect(text, file).not.toMatch(/ [:;!?»%]|« /);
      expect(text, file).not.toMatch(/'/);
      // Every example's term starts on 1 January (of its own year: the 35's is not the 93's).
      const debut = /^ {2}debut: (\d{4})-01-01$/m.exec(readFileSync(file, 'utf8'))?.[1];
      expect(debut, file).toBeDefined();
      expect(text, file).toContain(`1er${NBSP}janvier${NBSP}${debut ?? ''}`);
      for (const visa of [
        'L. 441-1',
        'R. 441-5 à R. 441-5-4',
        'loi n° 2018-1021 du 23 novembre 2018',
        'son article 114',
        'décret n° 2020-145 du 20 février 2020',
      ])
        expect(text.replace(/\u00a0/g, ' '), `${file}: ${visa}`).toContain(visa);
      expect(html, file).not.toMatch(/https?:\/\//);
    }
  });

  it('matches the golden snapshots (UPDATE_GOLDEN=1 rewrites them)', () => {
    const update = process.env['UPDATE_GOLDEN'] === '1';
    for (const file of files) {
      const { html, view: v } = view(file);
      const golden = join(goldenDir, `${v.document.id}-v${String(v.document.version)}.html`);
      if (update) writeFileSync(golden, html);
      expect(html, `${golden} (UPDATE_GOLDEN=1 pour le réécrire)`).toBe(
        readFileSync(golden, 'utf8'),
      );
    }
  });
});

describe('the annex of the stock conversion', () => {
  const decimal = (s: string): number =>
    Number(s.replace(/[\u202f\u00a0 ]/g, '').replace(',', '.'));
  /** The cells of the rows of one table (by its class), header and footer apart. */
  function rows(html: string, classe: string): { body: string[][]; foot: string[][] } {
    const table =
      new RegExp(`<table class="tableau ${classe}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
    const cells = (part: string): string[][] =>
      [...part.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
        [...(r[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) =>
          (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
        ),
      );
    return {
      body: cells(/<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? ''),
      foot: cells(/<tfoot>([\s\S]*?)<\/tfoot>/.exec(table)?.[1] ?? ''),
    };
  }

  it('is absent without conversion_stock, and the annexes keep their numbers 1 to 3', () => {
    // The État has neither contreparties nor conversion: objectives, summary, identification.
    const { html, view: v } = view(join(examplesDir, '93/552046484/etat-93/v1.yaml'));
    const text = plain(html);
    expect(v.conversion.presente).toBe(false);
    expect(v.annexes.numeros).toEqual({
      objectifs: 1,
      conversion: 0,
      recapitulatif: 2,
      identification: 3,
    });
    expect([...text.matchAll(/Annexe (\d+) –/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    expect(text).not.toContain('droits de suite');
    expect(text).not.toContain('conversion_stock');
    expect(text).toContain('Les critères de chaque objectif sont détaillés à l’annexe 1.');
  });

  it('is annex 3 of Saint-Denis after its contreparties, referred to by the flux article, the others renumbered', () => {
    const file = join(examplesDir, '93/552046484/saint-denis/v1.yaml');
    const { html, view: v } = view(file);
    const text = plain(html);
    expect(
      [...text.matchAll(/Annexe (\d+) – (\S+)/g)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`),
    ).toEqual(['1 Objectifs', '2 Contreparties', '3 État', '4 Récapitulatif', '5 Identification']);
    expect(text).toContain(
      'Annexe 3 – État des lieux des réservations et conversion des droits de suite',
    );
    expect(html).toContain('id="annexe-5"');
    expect(text).toContain('Les critères de chaque objectif sont détaillés à l’annexe 1.');
    const flux = /Article 3 – Part du flux réservée([\s\S]*?)Article 4 –/.exec(text)?.[1] ?? '';
    expect(flux).toContain(
      `sont convertis, au 1er janvier 2024, en un volume de ${v.conversion.total} droits uniques, sur la base de l’état des lieux de cinq (5) logements figurant à l’annexe 3`,
    );
    expect(text).toContain('La dernière attribution n’est pas prise en compte');

    // One row per flat of the YAML, with its parc id (column « Logement »: no real RPLS id,
    // review C10), commune name and long dates (C6).
    const source = parse(readFileSync(file, 'utf8')) as Convention;
    const etat = source.conversion_stock?.etat_des_lieux ?? [];
    const detail = rows(html, 'etat-des-lieux');
    expect(detail.body.map((r) => r[0])).toEqual(etat.map((l) => l.logement));
    expect(html).toMatch(/<th scope="col">Logement<\/th><th scope="col">Adresse/);
    expect(detail.body.every((r) => r[2] === 'Saint-Denis' && r.length === 10)).toBe(true);
    expect(detail.body[0]?.[6]).toBe('31\u00a0décembre\u00a02031');
    expect(detail.body[1]?.slice(7)).toEqual(['5,5', `9${FINE}%`, '0,50']);
    // Printed totals add up: flats = communes = schedule = the total of the flux article.
    const total = decimal(v.conversion.total);
    const sum = (xs: string[]): number => Math.round(xs.reduce((a, x) => a + decimal(x) * 100, 0));
    expect(sum(detail.body.map((r) => r[9] ?? ''))).toBe(Math.round(total * 100));
    expect(detail.foot[0]?.at(-1)).toBe(v.conversion.total);
    const communes = rows(html, 'conversion-communes');
    expect(communes.body).toEqual([['Saint-Denis', '93066', '5', v.conversion.total]]);
    expect(v.conversion.total).toBe('3,49');
    const echeancier = rows(html, 'conversion-echeancier');
    expect(echeancier.body.map((r) => r[0])).toEqual(['2024', '2025', '2026']);
    expect(sum(echeancier.body.map((r) => r[1] ?? ''))).toBe(Math.round(total * 100));
    // The rates as agreed, the summary of stipulations with their keys.
    expect(rows(html, 'conversion-taux').body.map((r) => r[1])).toEqual([
      'Tout le périmètre',
      'Saint-Denis (93066)',
      `Plaine Commune (200${FINE}057${FINE}867)`,
    ]);
    expect(text).toContain('/conversion_stock/date_conversion');
  });

  it('aggregates per commune and prints the rest of a fixed annual volume', () => {
    const source = parse(
      readFileSync(join(examplesDir, '93/552046484/est-ensemble/v1.yaml'), 'utf8'),
    ) as Convention;
    const flat = (rpls: string, commune: string, fin_droits: string) => ({
      rpls,
      adresse: '1 rue de Paris',
      commune,
      typologie: 'T3' as const,
      financement: 'PLUS' as const,
      convention_origine: 'Convention de 1995',
      fin_droits,
    });
    const c: Convention = {
      ...source,
      conversion_stock: {
        date_conversion: source.duree.debut,
        taux_rotation: [{ taux: 0.1 }],
        consommation: { mode: 'volume_annuel', volume_annuel: 1 },
        etat_des_lieux: [
          flat('M1', '93048', '2043-12-31'), // 20 years: 2,00
          flat('B1', '93006', '2033-12-31'), // 10 years: 1,00
          flat('M2', '93048', '2028-12-31'), // 5 years: 0,50
        ],
      },
    };
    const { view: v } = view(join(examplesDir, '93/552046484/est-ensemble/v1.yaml'));
    const built = buildConventionView(c, {
      parametres: loadReglementation('fr').parametres,
      territoires: territoires(),
      yamlSha256: v.document.yamlSha256,
      empreinte: v.document.empreinte,
      fichier: v.document.fichier,
      modele: v.modele,
      generateur: 'convflux test',
    });
    const html = conventionHtml(built, loadTemplates(), { polices: false });
    expect(rows(html, 'conversion-communes').body).toEqual([
      ['Bagnolet', '93006', '1', '1,00'],
      ['Montreuil', '93048', '2', '2,50'],
    ]);
    const echeancier = rows(html, 'conversion-echeancier');
    expect(echeancier.body).toEqual([
      ['2024', '1,00'],
      ['2025', '1,00'],
      ['2026', '1,00'],
    ]);
    expect(echeancier.foot).toEqual([
      ['Reste à consommer au terme de la convention', '0,50'],
      ['Total', '3,50'],
    ]);
    expect(plain(html)).toContain('à raison de 1 droit unique par an');
    expect(plain(html)).toContain('en un volume de 3,50 droits uniques');
  });
});
