import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { isIsoDate } from '../convention/calendar.js';
import { contentHash } from '../convention/content-hash.js';
import type { ArreteConnu } from '../convention/arrete.js';
import type { VersionDeGrille } from './grille/versions-grille.js';
import { checkParties } from './parties-checks.js';
import type { Convention } from '../convention/convention.js';
import type { Reglementation } from '../reglementation/load-reglementation.js';
import { appliquerPortee } from '../reglementation/portee.js';
import type { Regle } from '../reglementation/regle.js';
import { runEngine, type FiredRule } from '../reglementation/rules-engine.js';
import { isValidSiren } from '../reference/siren.js';
import { compiledRegles, fire } from './compiled-regles.js';
import type { Territoires } from '../reference/territoires.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import { parsePointer } from '../source/json-pointer.js';
import type { LoadedYaml } from '../source/load-yaml-file.js';
import { DERIVE_INPUTS, derivedFacts } from './derived-facts.js';
import type { LayoutPath } from './layout.js';
import { checkConversion } from './conversion-checks.js';
import { checkJuridiction } from './juridiction-checks.js';
import { checkAvenantEffet } from './avenant-effet-checks.js';
import { checkActionLogementIdentification } from './action-logement-checks.js';
import { checkVisasLocaux } from './visas-locaux-checks.js';
import { checkModalites } from './modalites-checks.js';
import { checkReferences } from './reference-checks.js';
import { checkCauseEtSubstitution } from './cause-checks.js';

/** What the cross-file checks need to know of one convention file. */
export interface CheckedFile {
  file: string;
  absolutePath: string;
  /** Explicitly asked for (false: read as context, e.g. a sibling version). */
  requested: boolean;
  /** The convention when it passed the schema (cross-file checks only use valid ones). */
  convention?: Convention;
  /** A prefectoral arrêté file (rules/arretes/<dép>/…) that passed its checks. */
  arrete?: ArreteConnu;
  /** A cotation grid in its place (rules/cotation/<SIREN>/v<N>.yaml) that passed its checks. */
  grille?: VersionDeGrille;
  diagnostics: Diagnostic[];
}

export interface CheckContext {
  lang: Lang;
  reglementation: Reglementation;
  territoires: Territoires;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const segment of parsePointer(pointer)) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

/** JSON pointers of the convention values a rule reads (through its facts). */
function ruleInputs(regle: Regle): string[] {
  const inputs: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const path = typeof o['path'] === 'string' ? o['path'].replace(/^\$\.?/, '') : '';
      if (o['fact'] === 'convention') inputs.push(path ? `/${path.split('.').join('/')}` : '');
      else if (o['fact'] === 'derive')
        inputs.push(...(DERIVE_INPUTS[path.split('.')[0] ?? ''] ?? ['']));
      else if (o['fact'] === 'element' || o['fact'] === 'index')
        inputs.push(regle.pourChaque ?? '');
      Object.values(o).forEach(visit);
    }
  };
  visit(regle.conditions);
  visit(regle.params);
  return inputs;
}

const related = (a: string, b: string): boolean =>
  a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

function addRule(
  report: FileReport,
  regle: Regle,
  params: Diagnostic['params'],
  pointer: string,
  departement: unknown,
): void {
  // A local practice keeps its severity in its own départements only (src/reglementation/portee.ts).
  const applique = appliquerPortee(regle, departement);
  report.add(regle.id, { ...params, ...applique.params }, pointer, {
    severity: applique.severity,
    messages: applique.messages,
    reference: regle.reference,
    rule: regle.id,
  });
}

/** Runs the regulation rules at each date where the convention or a parameter changes. */
async function checkRules(
  report: FileReport,
  data: Partial<Convention>,
  ctx: CheckContext,
  invalid: readonly string[],
): Promise<void> {
  const { reglementation, territoires } = ctx;
  // A rule whose inputs failed the schema would only echo that error: it stays silent.
  const silenced = (regle: Regle): boolean =>
    ruleInputs(regle).some((i) => invalid.some((v) => related(i, v)));
  const byId = new Map(reglementation.regles.map((r) => [r.id, r]));
  const start =
    typeof data.date_effet === 'string' && isIsoDate(data.date_effet) ? data.date_effet : undefined;
  if (!start) return;
  const end =
    typeof data.duree?.fin === 'string' && isIsoDate(data.duree.fin) ? data.duree.fin : start;
  const dates = [start, ...reglementation.parametres.changesBetween(start, end)];
  const derive = derivedFacts(data, territoires);
  // Compiled rules when they all compile (always, for the shipped regulation), else the engine.
  const compiled = compiledRegles(reglementation);
  const runGlobal = async (facts: Record<string, unknown>): Promise<FiredRule[]> =>
    compiled ? fire(compiled.global, facts) : runEngine(reglementation.engine, facts);
  const elementRules = compiled
    ? [...compiled.elements].map(([list, rules]) => ({
        list,
        run: (facts: Record<string, unknown>) => Promise.resolve(fire(rules, facts)),
      }))
    : [...reglementation.elementEngines].map(([list, engine]) => ({
        list,
        run: (facts: Record<string, unknown>) => runEngine(engine, facts),
      }));
  const seen = new Set<string>();
  const missing = new Set<string>();
  for (const date of dates) {
    const parametres = reglementation.parametres.snapshot(date);
    const absent = reglementation.parametres
      .names()
      .filter((nom) => !(nom in parametres) && !missing.has(nom));
    if (absent.length) {
      absent.forEach((nom) => missing.add(nom));
      report.add('REGLES_NON_VERIFIEES', { noms: absent.join(', '), date }, '/date_effet');
    }
    const facts = { convention: data, parametres, derive };
    for (const fired of await runGlobal(facts)) {
      const regle = byId.get(fired.id);
      if (!regle || seen.has(regle.id) || silenced(regle)) continue;
      seen.add(regle.id);
      addRule(report, regle, { ...fired.params, date }, regle.pointeur, data.departement);
    }
    for (const { list, run } of elementRules) {
      const items = valueAt(data, list);
      if (!Array.isArray(items)) continue;
      for (let index = 0; index < items.length; index++) {
        const element: unknown = items[index];
        for (const fired of await run({ ...facts, element, index })) {
          const regle = byId.get(fired.id);
          if (!regle || silenced(regle)) continue;
          const pointer = `${list}/${index}${regle.pointeur ? `/${regle.pointeur}` : ''}`;
          const key = `${regle.id}${pointer}`;
          if (seen.has(key)) continue;
          seen.add(key);
          addRule(report, regle, { ...fired.params, index, date }, pointer, data.departement);
        }
      }
    }
  }
}

/**
 * The id expected from the département, SIREN and réservataire. A SIREN that fails its check
 * digit (SIREN_INVALIDE) is not suggested: the id's own SIREN part is kept, since it is as
 * likely to be the right one.
 */
function expectedIdOf(c: Convention): string {
  const siren = c.bailleur.siren;
  if (isValidSiren(siren)) return `${c.departement}-${siren}-${c.reservataire.id}`;
  const ownSiren = /^[0-9AB]{2,3}-([0-9]{9})-/.exec(c.id)?.[1] ?? siren;
  return `${c.departement}-${ownSiren}-${c.reservataire.id}`;
}

function checkIdentity(report: FileReport, c: Convention, layout: LayoutPath | undefined): void {
  const expectedId = expectedIdOf(c);
  if (c.id !== expectedId) report.add('ID_INCOHERENT', { id: c.id, attendu: expectedId }, '/id');
  if (layout) {
    const pairs: [string, string, string, string][] = [
      ['departement', layout.departement, c.departement, '/departement'],
      ['bailleur.siren', layout.siren, c.bailleur.siren, '/bailleur/siren'],
      ['reservataire.id', layout.reservataire, c.reservataire.id, '/reservataire/id'],
      ['version', String(layout.version), String(c.version), '/version'],
    ];
    for (const [cle, chemin, valeur, pointer] of pairs) {
      if (chemin !== valeur) report.add('CHEMIN_INCOHERENT', { cle, chemin, valeur }, pointer);
    }
  }
}

function checkSeal(report: FileReport, c: Convention, data: Record<string, unknown>): void {
  if (c.statut === 'signee' || c.statut === 'arretee') {
    const signee = c.statut === 'signee';
    if (!c.empreinte) {
      report.add(
        signee ? 'SIGNEE_SANS_EMPREINTE' : 'ARRETEE_SANS_EMPREINTE',
        { fichier: report.file },
        '/statut',
      );
    } else {
      const actual = contentHash(data);
      if (actual !== c.empreinte) {
        report.add(
          signee ? 'SIGNEE_MODIFIEE' : 'ARRETEE_MODIFIEE',
          {
            attendue: c.empreinte.slice(0, 19),
            actuelle: actual.slice(0, 19),
            ...(signee ? { suivante: c.version + 1 } : {}),
          },
          '/empreinte',
        );
      }
    }
  }
  if (c.statut === 'signee') {
    const parties = new Set((c.signataires ?? []).map((s) => s.partie));
    const missing = (['bailleur', 'reservataire'] as const).filter((p) => !parties.has(p));
    if (missing.length && c.format !== 2)
      report.add(
        'SIGNATAIRES_MANQUANTS',
        { parties: missing.join(', ') },
        c.signataires ? '/signataires' : '/statut',
      );
  } else if (c.statut === 'projet' && c.empreinte) {
    report.add('EMPREINTE_SUR_PROJET', {}, '/empreinte');
  }
  checkParties(report, c);
}

/** Every single-file check of one convention version: schema, references, identity, seal, law. */
export async function checkConvention(
  loaded: LoadedYaml,
  ctx: CheckContext,
  layout: LayoutPath | undefined,
): Promise<Convention | undefined> {
  const { report, data } = loaded;
  if (data === undefined) return undefined;
  const validate = schemaValidator('convention.schema.json');
  const valid = validate(data);
  const invalid: string[] = [];
  if (!valid) {
    for (const f of schemaFindings(validate.errors ?? [], ctx.lang)) {
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
      // An unknown key invalidates no other value; a missing one is the value at its own pointer.
      if (f.code === 'SCHEMA_CLE_MANQUANTE')
        invalid.push(`${f.pointer}/${String(f.params['cle'])}`);
      else if (f.code !== 'SCHEMA_CLE_INCONNUE') invalid.push(f.pointer);
    }
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  try {
    checkReferences(report, record, ctx.territoires);
    await checkRules(report, record, ctx, invalid);
    // The conversion checks need the section, the term and the territory as the schema wants them.
    const conversion = (data as Partial<Convention>).conversion_stock;
    if (
      conversion &&
      !invalid.some((p) =>
        ['/conversion_stock', '/duree', '/departement'].some((q) => related(p, q)),
      )
    )
      checkConversion(
        report,
        { ...(data as Convention), conversion_stock: conversion },
        ctx.territoires,
      );
    if (valid) {
      const c = data as Convention;
      checkIdentity(report, c, layout);
      checkSeal(report, c, record);
      checkJuridiction(report, c);
      checkAvenantEffet(report, c);
      checkActionLogementIdentification(report, c);
      checkVisasLocaux(report, c);
      checkModalites(report, c);
      checkCauseEtSubstitution(report, c, ctx.reglementation.parametres);
      return c;
    }
  } catch (error) {
    report.add('ERREUR_INTERNE', {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  return undefined;
}
