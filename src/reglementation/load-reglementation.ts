import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine, TopLevelCondition } from 'json-rules-engine';
import type { Diagnostic, Lang, LegalReference } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { packagePath } from '../package-path.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import { isIsoDate } from '../convention/calendar.js';
import { loadYamlBytes, loadYamlKnown } from '../source/load-yaml-file.js';
import { readFileSync } from 'node:fs';
import { Parametres, type ParametreValeur } from './parametres.js';
import type { Portee } from './portee.js';
import { severiteVersSeverity, type Regle } from './regle.js';
import { createEngine, unknownOperators } from './rules-engine.js';
import { reglementationCache, type CacheLookup } from './reglementation-cache.js';
import type { LoadedYaml } from '../source/load-yaml-file.js';

export interface Reglementation {
  parametres: Parametres;
  regles: Regle[];
  /** Rules evaluated once per convention version and date. */
  engine: Engine;
  /** Rules evaluated once per element of a list, by list pointer. */
  elementEngines: Map<string, Engine>;
  /** Problems in the regulation files themselves (reported by every check). */
  diagnostics: Diagnostic[];
}

export const REGLEMENTATION_DIR = packagePath('rules', 'reglementation');

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Where the files come from and where a build collects them (reglementation-cache.ts). */
export interface LoadOptions {
  /** Files parsed and validated at build time (default: the build's cache); false: none. */
  cache?: CacheLookup | false;
  /** Receives every file that parsed and validated without a diagnostic (the build). */
  collect?: { bytes: Uint8Array; schema: string; data: unknown }[];
}

function loadValidated(
  path: string,
  schema: string,
  lang: Lang,
  options: LoadOptions,
): LoadedYaml & { valid: boolean } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    bytes = new Uint8Array();
  }
  const known = options.cache ? options.cache(bytes, schema) : undefined;
  if (known !== undefined)
    return { ...loadYamlKnown(displayPath(path), bytes, lang, known), valid: true };
  const loaded = loadYamlBytes(displayPath(path), bytes, lang);
  if (loaded.data === undefined) return { ...loaded, valid: false };
  const validate = schemaValidator(schema);
  if (validate(loaded.data)) {
    if (!loaded.report.diagnostics.length)
      options.collect?.push({ bytes, schema, data: loaded.data });
    return { ...loaded, valid: true };
  }
  for (const f of schemaFindings(validate.errors ?? [], lang)) {
    loaded.report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
  }
  return { ...loaded, valid: false };
}

/** Parameter names a rule reads through `{ fact: parametres, path: $.name }`. */
function parameterRefs(
  node: unknown,
  out: { name: string; pointer: string }[],
  pointer: string,
): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      parameterRefs(n, out, `${pointer}/${i}`);
    });
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['fact'] === 'parametres' && typeof o['path'] === 'string') {
      out.push({ name: o['path'].replace(/^\$\./, '').split('.')[0] ?? '', pointer });
    }
    for (const [k, v] of Object.entries(o)) parameterRefs(v, out, `${pointer}/${k}`);
  }
}

interface RawParametre {
  description: string;
  reference: LegalReference;
  valeurs: Record<string, { valeur: ParametreValeur; reference?: string }>;
}
interface RawRegle {
  id: string;
  titre: string;
  severite: string;
  portee: Portee;
  reference: LegalReference;
  pour_chaque?: string;
  pointeur: string;
  conditions: TopLevelCondition;
  message_parametres?: Record<string, { fact: string; path?: string }>;
  message: { fr: string; en: string };
}

const cache = new Map<Lang, Reglementation>();

const parametresSeuls = new Map<Lang, Parametres>();

/**
 * The shipped regulation's parameters alone (`evaluate` reads a few dated values): the same
 * values as `loadReglementation(lang).parametres`, without compiling the rules (nor loading
 * json-rules-engine).
 */
export function loadParametres(lang: Lang): Parametres {
  const known = cache.get(lang)?.parametres ?? parametresSeuls.get(lang);
  if (known) return known;
  const parametres = lireParametres(REGLEMENTATION_DIR, lang, { cache: reglementationCache() }, []);
  parametresSeuls.set(lang, parametres);
  return parametres;
}

/** The parameter files of `dir`, checked (their problems pushed to `diagnostics`). */
function lireParametres(
  dir: string,
  lang: Lang,
  options: LoadOptions,
  diagnostics: Diagnostic[],
): Parametres {
  const parametres = new Parametres();
  for (const path of yamlFiles(join(dir, 'parametres'))) {
    const loaded = loadValidated(path, 'parametre.schema.json', lang, options);
    const nom = path.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, '');
    if (loaded.valid) {
      const raw = loaded.data as RawParametre;
      const valeurs = Object.entries(raw.valeurs)
        .map(([date, v]) => ({ date, ...v }))
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      for (const v of valeurs) {
        if (!isIsoDate(v.date)) {
          loaded.report.add('SCHEMA_DATE_INVALIDE', { valeur: v.date }, `/valeurs/${v.date}`, {
            atKey: true,
          });
        }
      }
      parametres.add({
        nom,
        description: raw.description,
        reference: raw.reference,
        valeurs,
        file: loaded.report.file,
      });
    }
    diagnostics.push(...loaded.report.diagnostics);
  }
  return parametres;
}

/** Loads and checks the shipped regulation (once per process and language). Never throws. */
export function loadReglementation(
  lang: Lang,
  dir = REGLEMENTATION_DIR,
  options: LoadOptions = { cache: reglementationCache() },
): Reglementation {
  const cached = dir === REGLEMENTATION_DIR ? cache.get(lang) : undefined;
  if (cached) return cached;
  const diagnostics: Diagnostic[] = [];
  const parametres = lireParametres(dir, lang, options, diagnostics);

  const regles: Regle[] = [];
  const ids = new Map<string, string>();
  for (const path of yamlFiles(join(dir, 'regles'))) {
    const loaded = loadValidated(path, 'regle.schema.json', lang, options);
    if (loaded.valid) {
      const raw = loaded.data as RawRegle;
      const refs: { name: string; pointer: string }[] = [];
      parameterRefs(raw.conditions, refs, '/conditions');
      parameterRefs(raw.message_parametres, refs, '/message_parametres');
      let ok = true;
      for (const ref of refs) {
        if (!parametres.byName.has(ref.name)) {
          loaded.report.add(
            'PARAMETRE_INCONNU',
            { nom: ref.name, permis: parametres.names().join(', ') },
            ref.pointer,
          );
          ok = false;
        }
      }
      for (const op of unknownOperators(raw.conditions)) {
        loaded.report.add(
          'REGLEMENTATION_INVALIDE',
          { detail: `opérateur inconnu « ${op} »` },
          '/conditions',
        );
        ok = false;
      }
      const previous = ids.get(raw.id);
      if (previous) {
        loaded.report.add(
          'REGLEMENTATION_INVALIDE',
          { detail: `identifiant ${raw.id} déjà utilisé par ${previous}` },
          '/id',
        );
        ok = false;
      }
      ids.set(raw.id, loaded.report.file);
      if (ok) {
        const regle: Regle = {
          id: raw.id,
          titre: raw.titre,
          severity: severiteVersSeverity[raw.severite] ?? 'error',
          portee: raw.portee,
          reference: raw.reference,
          pointeur: raw.pointeur,
          conditions: raw.conditions,
          params: raw.message_parametres ?? {},
          messages: raw.message,
          file: loaded.report.file,
        };
        if (raw.pour_chaque) regle.pourChaque = raw.pour_chaque;
        regles.push(regle);
      }
    }
    diagnostics.push(...loaded.report.diagnostics);
  }

  const build = (list: Regle[]): Engine => {
    try {
      return createEngine(list);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const id = message.split(':')[0];
      const bad = list.find((r) => r.id === id);
      diagnostics.push({
        code: 'REGLEMENTATION_INVALIDE',
        severity: 'error',
        file: bad?.file ?? displayPath(dir),
        line: 0,
        column: 0,
        pointer: '/conditions',
        message: `${lang === 'fr' ? 'Réglementation invalide' : 'Invalid regulation file'} : ${message}`,
        params: { detail: message },
      });
      return createEngine(list.filter((r) => r !== bad));
    }
  };
  const engine = build(regles.filter((r) => !r.pourChaque));
  const elementEngines = new Map<string, Engine>();
  const lists = new Set(regles.flatMap((r) => (r.pourChaque ? [r.pourChaque] : [])));
  for (const list of lists)
    elementEngines.set(list, build(regles.filter((r) => r.pourChaque === list)));

  const result: Reglementation = { parametres, regles, engine, elementEngines, diagnostics };
  if (dir === REGLEMENTATION_DIR) cache.set(lang, result);
  return result;
}
