/**
 * `convflux init TYPE`, through the CLI: for every réservataire type, the skeleton's blanks are
 * filled programmatically (each value marked « À REMPLIR » / « TO FILL IN ») and `check` passes;
 * left unfilled, `check` reports each blank, without a crash. Its comments give the defaults of
 * the registry.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAUTS } from '../src/convention/defauts.js';
import { TYPES_RESERVATAIRE } from '../src/convention/squelette.js';
import { runCli } from './helpers.js';

/** What a draft lacks to be frozen for signature (src/check/parties-checks.ts). */
const PRETS_A_SIGNER = new Set([
  'PARTIE_FORME_JURIDIQUE_ABSENTE',
  'PARTIE_SIEGE_ABSENT',
  'PARTIE_SIGNATAIRE_ABSENT',
  // What the visas and Action Logement's identification need (acts and SIREN to fill in).
  'VISA_LOCAL_SANS_ACTE',
  'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE',
]);

const DEPARTEMENT: Record<string, string> = { epci: '45', employeur: '69', region: '75' };
const TERRITOIRE: Record<string, string> = {
  commune: '93048',
  ept: '200057875',
  epci: '244500468',
};

/** The blanks of a skeleton: the paths of the values marked to fill in. */
function blancs(doc: Document): string[][] {
  const out: string[][] = [];
  const visit = (node: unknown, path: string[]): void => {
    if (isSeq(node))
      node.items.forEach((item, i) => {
        visit(item, [...path, String(i)]);
      });
    else if (node && typeof node === 'object' && 'items' in node && Array.isArray(node.items))
      for (const pair of node.items as { key: unknown; value: unknown }[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value;
        if (
          isScalar(value) &&
          value.value === '' &&
          /À REMPLIR|TO FILL IN/.test(value.comment ?? '')
        )
          out.push([...path, key]);
        else visit(value, [...path, key]);
      }
  };
  visit(doc.contents, []);
  return out;
}

function valeur(type: string, path: string[], dep: string, doc: Document): unknown {
  const cle = path.join('.');
  switch (cle) {
    case 'departement':
      return dep;
    case 'date_effet':
    case 'duree.debut':
      return '2025-01-01';
    case 'duree.fin':
      return '2027-12-31';
    case 'bailleur.siren':
      return '552046484';
    case 'bailleur.nom':
    case 'reservataire.nom':
      return 'Nom à compléter';
    case 'reservataire.id':
      return `res-${type.replace(/_/g, '-')}`;
    case 'reservataire.territoire':
      return TERRITOIRE[type];
    case 'flux.part':
      return 0.2;
    case 'decompte.fait_generateur':
      return 'attribution';
    case 'designation.delai':
      return '1 mois';
    case 'contreparties.0.objet':
      return 'la résidence à compléter';
    case 'contreparties.0.acte.date':
      return '2020-06-30';
    case 'id':
      return `${dep}-552046484-${String(doc.getIn(['reservataire', 'id']))}`;
    default:
      throw new Error(`blanc inattendu : ${cle}`);
  }
}

/** Fills every blank (the id last: it is made of the others). */
function remplir(text: string, type: string, dep: string): string {
  const doc = parseDocument(text);
  const all = blancs(doc);
  const paths = [
    ...all.filter((p) => p.join('.') !== 'id'),
    ...all.filter((p) => p.join('.') === 'id'),
  ];
  expect(paths.length).toBeGreaterThan(5);
  for (const path of paths)
    doc.setIn(
      path.map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
      valeur(type, path, dep, doc),
    );
  return doc.toString();
}

describe('convflux init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-init-'));

  it.each(TYPES_RESERVATAIRE.map((t) => [t]))(
    'writes a %s skeleton that passes check once its blanks are filled',
    (type) => {
      const dep = DEPARTEMENT[type] ?? '93';
      const lang = type === 'employeur' ? 'en' : 'fr';
      const init = runCli(['init', type, '--departement', dep, '--lang', lang]);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain(lang === 'fr' ? '# À REMPLIR' : '# TO FILL IN');
      // The comments give the registry's defaults.
      expect(init.stdout).toContain(
        lang === 'fr'
          ? 'par défaut (loi, CCH art. R. 441-5 I)'
          : 'default (law, CCH art. R. 441-5 I)',
      );
      const filled = remplir(init.stdout, type, dep);
      const resid = parseDocument(filled).getIn(['reservataire', 'id']) as string;
      const folder = join(dir, type, dep, '552046484', resid);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, 'v1.yaml');
      writeFileSync(file, filled);
      const check = runCli(['check', file, '--json']);
      const result = JSON.parse(check.stdout) as {
        diagnostics: { code: string; message: string; severity: string }[];
      };
      // A format-2 draft without its parties' identification and signatories: only the
      // warnings that say what a frozen text will need (errors once statut is arretee).
      const autres = result.diagnostics.filter((d) => d.code !== 'HORS_ARBORESCENCE');
      expect(autres.filter((d) => !PRETS_A_SIGNER.has(d.code))).toEqual([]);
      expect(autres.every((d) => d.severity === 'warning')).toBe(true);
      expect(autres.map((d) => d.code)).toContain('PARTIE_SIGNATAIRE_ABSENT');
      expect(check.code).toBe(0);
    },
  );

  it('comments out every default of the registry that applies to the État', () => {
    const init = runCli(['init', 'etat']);
    for (const d of DEFAUTS) {
      const nom = d.cle.replace(/^.*\//, '');
      expect(init.stdout, d.cle).toMatch(new RegExp(`#\\s+${nom}:.*par défaut`));
    }
  });

  it('left unfilled, the skeleton gives one clear error per blank, not a crash', () => {
    const init = runCli(['init', 'commune', '--out', join(dir, 'vide.yaml')]);
    expect(init.code).toBe(0);
    const check = runCli(['check', join(dir, 'vide.yaml'), '--json']);
    expect(check.code).toBe(1);
    const result = JSON.parse(check.stdout) as {
      diagnostics: { code: string; line: number; severity: string }[];
    };
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.every((d) => d.code.startsWith('SCHEMA_'))).toBe(true);
    const text = runCli(['init', 'commune']).stdout.split('\n');
    const marked = text.flatMap((l, i) => (l.includes('# À REMPLIR') ? [i + 1] : []));
    // The file has no schema line shift: init --out writes the same lines as stdout.
    for (const line of marked) expect(errors.map((d) => d.line)).toContain(line);
  });
});
