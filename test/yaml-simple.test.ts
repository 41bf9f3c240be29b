import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT } from '../src/source/parse-yaml.js';
import { parseCleanDataLibrary } from '../src/source/unique-keys.js';
import { parseSimpleYaml } from '../src/source/yaml-simple.js';
import { repoRoot } from './helpers.js';

const library = (text: string): unknown => parseCleanDataLibrary(text, MAX_ALIAS_COUNT);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

describe('parseSimpleYaml (the fast reader of plain conventions)', () => {
  it('reads every bundled YAML file as the yaml library does, or leaves it to the library', () => {
    const files = [...yamlFiles(join(repoRoot, 'rules')), ...yamlFiles(join(repoRoot, 'test'))];
    let lus = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const simple = parseSimpleYaml(text);
      if (simple === undefined) continue;
      lus++;
      expect(simple, file).toStrictEqual(library(text));
    }
    // The bundled conventions are plain YAML: the fast reader takes most of them.
    expect(lus).toBeGreaterThan(files.length / 2);
  });

  it('reads a convention-like document: maps, sequences, compact maps, flow, quotes, comments', () => {
    const text = [
      '# en-tête',
      'id: 93-552046484-etat-93',
      'version: 2',
      'departement: "83"',
      'part: 0.25',
      'vide:',
      'signee: true',
      'rien: ~',
      "nom: 'Office #1' # commentaire",
      'lien: http://exemple.fr/a#b',
      'duree: { debut: 2024-07-01, fin: 2027-06-30 }',
      'communes: ["83047", 83062, x]',
      'vides: []',
      'objectifs:',
      '  - libelle: Var',
      '    criteres:',
      '      financement: [PLAI]',
      '',
      '  -   libelle: autre',
      'exclusions:',
      '- a',
      '- b',
      'fin: 3 semaines',
    ].join('\n');
    const data = parseSimpleYaml(text);
    expect(data).toStrictEqual(library(text));
    expect(data).toMatchObject({ departement: '83', part: 0.25, vide: null, rien: null });
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a kept block scalar', 'a: |+\n  texte\n'],
    ['a block scalar with an indentation indicator', 'a: >2\n   texte\n'],
    ['a block scalar with a comment on its header', 'a: > # c\n  texte\n'],
    ['a blank line in a block scalar', 'a: >\n  un\n\n  deux\n'],
    ['a deeper line in a block scalar', 'a: >\n  un\n    deux\n'],
    ['a comment-like line in a block scalar', 'a: >-\n  un\n  # deux\nb: 1\n'],
    ['a comment-like line after a block scalar', 'a: >-\n  un\n   # deux\nb: 1\n'],
    ['a trailing space in a block scalar', 'a: >-\n  un \n  deux\n'],
    ['a clipped block scalar at the end without a line break', 'a: >\n  un'],
    ['a plain scalar on two lines', 'a: un\n  deux\n'],
    ['a quoted scalar on two lines', 'a: "un\n  deux"\n'],
    ['an escape', 'a: "\\u00e9"\n'],
    ['a doubled single quote', "a: 'l''eau'\n"],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a hexadecimal number', 'a: 0x1f\n'],
    ['a number with a plus sign', 'a: +1\n'],
    ['a negative zero', 'a: -0\n'],
    ['a negative decimal zero', 'a: -0.0\n'],
    ['a number with leading zeros', 'a: 083\n'],
    ['an exponent', 'a: 1e3\n'],
    ['a key read as a boolean', 'true: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a document marker', '---\na: 1\n'],
    ['a flow collection nested too deep', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['a flow collection left open', 'a: { b: [c }\n'],
    ['a trailing comma in a nested flow collection', 'a: { b: [c, ] }\n'],
    ['a quoted key in a flow map', 'a: { "b": 1 }\n'],
    ['a mapping value in a plain scalar', 'a: b: c\n'],
    ['a sequence at the root', '- a\n'],
    ['a scalar at the root', 'texte\n'],
    ['an unexpected indentation', 'a: 1\n  b: 2\n'],
  ])('leaves %s to the yaml library', (_, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it('reads folded and literal block scalars, clipped or stripped, as the library does', () => {
    const text = [
      'note: >-',
      '  « phase expérimentale » : le texte, mot pour mot;',
      '  sur deux lignes.',
      '',
      'texte: |',
      '  un',
      '  deux',
      'refs:',
      '  - >',
      '    L. 441-2-8',
      '  - titre: >-',
      '      Décret n° 2019-1378',
      '    lu: true',
      'fin: |-',
      '  x',
    ].join('\n');
    const data = parseSimpleYaml(text);
    expect(data).toStrictEqual(library(text));
    expect(data).toMatchObject({ texte: 'un\ndeux\n', fin: 'x' });
  });

  it('never disagrees with the yaml library on generated documents', () => {
    const cle = fc.constantFrom('a', 'b', 'id', 'x_y', 'k-1', 'yes', 'null', 'é', 'a b', '_');
    const scalaire = fc.constantFrom(
      ...['x', '1', '0', '01', '-1', '1.5', '1.', '.5', '1e3', '0x1f', '.inf', '~', 'null'],
      ...['true', 'False', 'yes', '2024-07-01', '3 semaines', 'a: b', 'a:b', 'a #c', 'a#c'],
      ...['"q"', "'s'", "'l''e'", '"e\\n"', '"a, b"', '[a, b]', '[]', '{}', '{ a: 1 }'],
      ...['{a: 1, a: 2}', '[a, [b]]', '[ "83", x ]', '[a, ]', '|', '&a x', '*a', '-x', 'x:'],
      ...['a ]', '"a" # c', '"a"b', '1.50', 'a\u00a0', '-', '---', 'x # c', '12345678901234567'],
      ...['{ a: { b: true } }', '[a, [b]]', '{ a: [b, "c"] }', '[{ a: 1 }, {b: 2}]', '[[]]'],
      ...['{ a: { a: 1, a: 2 } }', '{ a: {} }', '[ a , [ b ] ]', '{a: [b}', '[a#b, {c: d}]'],
      ...["{ si: { dans: ['x', y] } } # c", '{ a: { b: 1 }}x', '[1, 1.5, 083, -1, ~, null]'],
      ...['-100000', '-1.5', '-0', '-0.0', '-0.05', '+1', '-1e3', '-01', '-1.', '{ a: -2 }'],
    );
    const ligne = fc.tuple(
      fc.constantFrom(0, 0, 1, 2, 2, 4, 6),
      fc.constantFrom(
        ...['cle:', 'cle: v', '- v', '- cle: v', '-', '# c', '', 'v', 'cle: v # c', 'v ', '# v'],
        ...['cle: >-', 'cle: >', 'cle: |', 'cle: |-', '- >-', '- |', '- cle: >', 'cle: |+', ' '],
      ),
      cle,
      scalaire,
    );
    fc.assert(
      fc.property(fc.array(ligne, { minLength: 1, maxLength: 10 }), (lignes) => {
        const text = lignes
          .map(
            ([indent, forme, k, v]) =>
              ' '.repeat(indent) + forme.replace('cle', k).replace(/\bv\b/, v),
          )
          .join('\n');
        const simple = parseSimpleYaml(text);
        if (simple !== undefined) expect(simple).toStrictEqual(library(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('never disagrees with the yaml library on generated block scalars, and reads many of them', () => {
    const valeur = fc.constantFrom(
      ...['x', 'un deux', '# c', 'a: b', '- x', '"q"', "l'eau", '1', 'true', 'é « » ;', '|', '>'],
      ...['{ a: { b: x } }', '[a, [b]]'],
    );
    const ligne = fc.tuple(
      fc.constantFrom(0, 0, 1, 2, 2, 3, 4, 6),
      fc.constantFrom(
        ...['cle: >-', 'cle: >', 'cle: |', 'cle: |-', '- >-', '- |', '- cle: >'],
        ...['v', 'v', 'v', '', 'cle: v', '- v'],
      ),
      fc.constantFrom('a', 'b', 'x_y'),
      valeur,
    );
    let lus = 0;
    fc.assert(
      fc.property(fc.array(ligne, { minLength: 1, maxLength: 8 }), fc.boolean(), (lignes, fin) => {
        const text =
          lignes
            .map(
              ([indent, forme, k, v]) =>
                ' '.repeat(indent) + forme.replace('cle', k).replace(/\bv\b/, v),
            )
            .join('\n') + (fin ? '\n' : '');
        const simple = parseSimpleYaml(text);
        if (simple === undefined) return;
        if (/^ *(?:- )?(?:[a-z_]+: )?[>|]-?$/m.test(text)) lus++;
        expect(simple).toStrictEqual(library(text));
      }),
      { numRuns: 30_000 },
    );
    // Not vacuous: a share of the generated block scalars goes through the fast reader.
    expect(lus).toBeGreaterThan(100);
  });
});
