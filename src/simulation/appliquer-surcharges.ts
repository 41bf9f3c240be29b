/**
 * `--set` overrides → one draft per convention named: the version in force at the evaluation
 * date, overrides applied, as version n+1 with `statut: projet`, taking effect on `--date-effet`
 * (default: 1 January of the year, or the convention's start when later). Each draft is checked
 * as a convention is; a finding the overrides brought (absent from the version in force) names
 * the option at fault.
 */
import { isIsoDate } from '../convention/calendar.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import {
  versionAt,
  type ConventionEntry,
  type ConventionIndex,
  type ConventionVersion,
} from '../engine/convention-index.js';
import { cleDe, type Projet, type SurchargeAppliquee } from './projet.js';
import { CLES_PROTEGEES, ecrire, horsListe, pointeurDe, type Surcharge } from './surcharge.js';
import { verifierDonnees } from './verifier-projet.js';

export interface SurchargesOptions {
  annee: number;
  /** The evaluation date: the version in force then is the one overridden. */
  date: string;
  dateEffet?: string;
  lang: Lang;
}

export interface ProjetsConstruits {
  projets: Projet[];
  diagnostics: Diagnostic[];
  /** A mistake of the command line itself (unknown convention, bad date): exit 2. */
  usage: boolean;
}

type Cible = { entry: ConventionEntry } | { code: string; params: Record<string, string> };

function trouver(index: ConventionIndex, s: Surcharge): Cible {
  const exact = index.entries.find((e) => e.id === s.cible);
  if (exact) return { entry: exact };
  const parReservataire = index.entries.filter((e) => e.reservataire === s.cible);
  const [seule] = parReservataire;
  if (parReservataire.length === 1 && seule) return { entry: seule };
  if (parReservataire.length > 1)
    return {
      code: 'SIMULATION_CONVENTION_AMBIGUE',
      params: { id: s.cible, conventions: parReservataire.map((e) => e.id).join(', ') },
    };
  return {
    code: 'SIMULATION_CONVENTION_INCONNUE',
    params: { id: s.cible, connues: index.entries.map((e) => e.id).join(', ') },
  };
}

const related = (a: string, b: string): boolean =>
  a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

const cleDiagnostic = (d: Diagnostic): string => `${d.code}|${d.pointer}|${d.message}`;

export async function construireProjets(
  index: ConventionIndex,
  surcharges: readonly Surcharge[],
  o: SurchargesOptions,
): Promise<ProjetsConstruits> {
  const diagnostics: Diagnostic[] = [];
  const groupes = new Map<ConventionEntry, Surcharge[]>();
  let usage = false;
  for (const s of surcharges) {
    const t = trouver(index, s);
    if ('code' in t) {
      diagnostics.push(
        new FileReport(s.option, o.lang).add(t.code, { option: s.option, ...t.params }),
      );
      usage = true;
    } else if (CLES_PROTEGEES.has(s.chemin[0] ?? '')) {
      diagnostics.push(
        new FileReport(s.option, o.lang).add('SIMULATION_CLE_PROTEGEE', {
          option: s.option,
          cle: cleDe(s),
        }),
      );
      usage = true;
    } else (groupes.get(t.entry) ?? groupes.set(t.entry, []).get(t.entry))?.push(s);
  }
  const projets: Projet[] = [];
  for (const [entry, liste] of groupes) {
    const r = await construireProjet(entry, liste, o);
    diagnostics.push(...r.diagnostics);
    usage ||= r.usage;
    if (r.projet) projets.push(r.projet);
  }
  return { projets, diagnostics, usage };
}

type Construction = { projet?: Projet; diagnostics: Diagnostic[]; usage: boolean };

/** The version overridden and the draft's date_effet, or why there is none (a usage mistake). */
function baseDuProjet(
  entry: ConventionEntry,
  option: string,
  o: SurchargesOptions,
): { v: ConventionVersion; dateEffet: string } | Diagnostic {
  const v = versionAt(entry, o.date);
  if (!v)
    return new FileReport(option, o.lang).add('SIMULATION_SANS_VERSION', {
      option,
      id: entry.id,
      date: o.date,
    });
  const { debut, fin } = v.convention.duree;
  const janvier = `${String(o.annee)}-01-01`;
  const dateEffet = o.dateEffet ?? (debut > janvier ? debut : janvier);
  if (!isIsoDate(dateEffet) || dateEffet < debut || dateEffet > fin)
    return new FileReport('--date-effet', o.lang).add('SIMULATION_DATE_EFFET', {
      date: dateEffet,
      id: entry.id,
      debut,
      fin,
    });
  return { v, dateEffet };
}

function indicesHorsListe(
  v: ConventionVersion,
  liste: readonly Surcharge[],
  lang: Lang,
): Diagnostic[] {
  return liste.flatMap((s) => {
    const h = horsListe(v.convention, s.chemin);
    if (!h) return [];
    const params = { option: s.option, ...h, dernier: h.longueur - 1 };
    return [new FileReport(s.option, lang).add('SIMULATION_INDICE_HORS_LISTE', params)];
  });
}

async function construireProjet(
  entry: ConventionEntry,
  liste: readonly Surcharge[],
  o: SurchargesOptions,
): Promise<Construction> {
  const base = baseDuProjet(entry, liste[0]?.option ?? '--set', o);
  if ('code' in base) return { diagnostics: [base], usage: true };
  const { v, dateEffet } = base;
  const horsListes = indicesHorsListe(v, liste, o.lang);
  if (horsListes.length) return { diagnostics: horsListes, usage: false };
  const derniere = Math.max(...entry.versions.map((x) => x.convention.version));
  const identite = (): Record<string, unknown> => {
    const data = structuredClone(v.convention) as unknown as Record<string, unknown>;
    delete data['empreinte'];
    return { ...data, version: derniere + 1, statut: 'projet', date_effet: dateEffet };
  };
  const label = liste.map((s) => s.option).join(' ');
  const avant = await verifierDonnees(identite(), label, o.lang);
  const data = identite();
  const surcharges: SurchargeAppliquee[] = liste.map((s) => {
    const ancien = ecrire(data, s.chemin, structuredClone(s.valeur));
    const cle = cleDe(s);
    return {
      option: s.option,
      cle,
      ...(ancien !== undefined ? { avant: ancien } : {}),
      apres: s.valeur,
    };
  });
  const apres = await verifierDonnees(data, label, o.lang);
  const diagnostics = nouveaux(avant.diagnostics, apres.diagnostics, liste, o.lang);
  if (!apres.convention || diagnostics.some((d) => d.severity === 'error'))
    return { diagnostics, usage: false };
  const projet: Projet = {
    convention: apres.convention,
    fichier: label,
    absolutePath: v.absolutePath,
    base_version: v.convention.version,
    surcharges,
  };
  return { projet, diagnostics, usage: false };
}

/** The draft's findings the version in force has not, said of the options (once each). */
function nouveaux(
  avant: readonly Diagnostic[],
  apres: readonly Diagnostic[],
  liste: readonly Surcharge[],
  lang: Lang,
): Diagnostic[] {
  const connus = new Set(avant.map(cleDiagnostic));
  const vus = new Set<string>();
  return apres
    .filter((d) => !connus.has(cleDiagnostic(d)))
    .flatMap((d) => attribuer(d, liste, lang))
    .filter((d) => !vus.has(`${d.file}|${d.message}`) && vus.add(`${d.file}|${d.message}`));
}

/** A finding of the draft, said of the override(s) whose key it concerns (all, when none). */
function attribuer(d: Diagnostic, liste: readonly Surcharge[], lang: Lang): Diagnostic[] {
  const en = liste.filter((s) => related(pointeurDe(s), d.pointer));
  return (en.length ? en : liste).map((s) => {
    const report = new FileReport(s.option, lang);
    const opts = {
      ...(d.reference ? { reference: d.reference } : {}),
      ...(d.rule ? { rule: d.rule } : {}),
    };
    if (d.code === 'SCHEMA_CLE_INCONNUE')
      return report.add(
        'SIMULATION_CLE_INCONNUE',
        { option: s.option, cle: cleDe(s), detail: d.message },
        d.pointer,
        opts,
      );
    const code =
      d.severity === 'error' ? 'SIMULATION_VALEUR_REFUSEE' : 'SIMULATION_SURCHARGE_AVERTISSEMENT';
    const severity = d.severity === 'error' ? {} : { severity: d.severity };
    return report.add(code, { option: s.option, cause: d.code, detail: d.message }, d.pointer, {
      ...opts,
      ...severity,
    });
  });
}
