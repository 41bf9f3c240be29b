/**
 * Two evaluations of the same year, side by side: per convention (dû, réalisé, taux), per
 * objective (statut that flips), and the alerts that appear or vanish (by code, flat and
 * convention). `CONVENTION_NON_SIGNEE` is left out: a draft is unsigned by construction.
 */
import type {
  Alerte,
  ConventionResultat,
  Evaluation,
  ObjectifResultat,
} from '../engine/evaluation.js';
import { libelleAlerte } from '../diagnostics/libelles-alertes.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import type {
  AlerteComparee,
  AlertesComparees,
  ChiffresConvention,
  ComparaisonConvention,
  ComparaisonObjectif,
} from './resultat-simulation.js';

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

function chiffres(c: ConventionResultat): ChiffresConvention {
  return {
    version: c.version,
    versions: c.versions,
    part: c.part,
    flux_annuel: c.flux_annuel,
    du: c.du,
    realise: c.realise,
    taux: c.taux,
    alertes: c.alertes.filter((a) => a.code !== 'CONVENTION_NON_SIGNEE').length,
  };
}

const cleObjectif = (o: ObjectifResultat): string =>
  [
    o.nature,
    o.echelle ?? '',
    o.territoire ?? '',
    o.libelle ?? '',
    JSON.stringify(o.criteres ?? {}),
  ].join('|');

function objectifs(
  a: readonly ObjectifResultat[],
  b: readonly ObjectifResultat[],
): ComparaisonObjectif[] {
  const restants = new Map<string, ObjectifResultat[]>();
  for (const o of b)
    (restants.get(cleObjectif(o)) ?? restants.set(cleObjectif(o), []).get(cleObjectif(o)))?.push(o);
  const out: ComparaisonObjectif[] = [];
  const ligne = (x: ObjectifResultat | undefined, y: ObjectifResultat | undefined): void => {
    const ref = x ?? y;
    if (!ref) return;
    const side = (o: ObjectifResultat | undefined) =>
      o ? { cible: o.cible, realise: o.realise, statut: o.statut } : null;
    out.push({
      nature: ref.nature,
      ...(ref.libelle !== undefined ? { libelle: ref.libelle } : {}),
      ...(ref.territoire !== undefined ? { territoire: ref.territoire } : {}),
      en_vigueur: side(x),
      projet: side(y),
      bascule: x?.statut !== y?.statut,
    });
  };
  for (const x of a) ligne(x, restants.get(cleObjectif(x))?.shift());
  for (const reste of restants.values()) for (const y of reste) ligne(undefined, y);
  return out;
}

export function comparerConventions(
  avant: Evaluation,
  apres: Evaluation,
  avecProjet: ReadonlySet<string>,
): ComparaisonConvention[] {
  const parId = new Map(apres.conventions.map((c) => [c.id, c]));
  return avant.conventions.flatMap((a) => {
    const b = parId.get(a.id);
    if (!b) return [];
    return [
      {
        id: a.id,
        reservataire: { id: a.reservataire.id, nom: a.reservataire.nom },
        bailleur: a.bailleur.siren,
        departement: a.departement,
        avec_projet: avecProjet.has(a.id),
        en_vigueur: chiffres(a),
        projet: chiffres(b),
        ecart: { du: round(b.du - a.du), realise: round(b.realise - a.realise) },
        objectifs: objectifs(a.objectifs, b.objectifs),
      },
    ];
  });
}

function alertes(e: Evaluation): { cle: string; a: AlerteComparee }[] {
  const out: { cle: string; a: AlerteComparee }[] = [];
  const add = (convention: string, x: Alerte): void => {
    if (x.code === 'CONVENTION_NON_SIGNEE') return;
    const a: AlerteComparee = {
      code: x.code,
      convention,
      logement: x.logement,
      date: x.date,
      message: x.message,
      file: x.file,
      line: x.line,
    };
    out.push({ cle: `${x.code}|${convention}|${x.logement}`, a });
  };
  for (const c of e.conventions) for (const x of c.alertes) add(c.id, x);
  for (const x of e.alertes) add('', x);
  return out;
}

/** Alerts of one side that the other has not (as a multiset: a flat may have two). */
export function comparerAlertes(
  avant: Evaluation,
  apres: Evaluation,
  lang: Lang,
): AlertesComparees {
  const moins = (
    xs: { cle: string; a: AlerteComparee }[],
    ys: { cle: string }[],
  ): AlerteComparee[] => {
    const compte = new Map<string, number>();
    for (const y of ys) compte.set(y.cle, (compte.get(y.cle) ?? 0) + 1);
    return xs.flatMap((x) => {
      const n = compte.get(x.cle) ?? 0;
      if (n > 0) {
        compte.set(x.cle, n - 1);
        return [];
      }
      return [x.a];
    });
  };
  const a = alertes(avant);
  const b = alertes(apres);
  const apparues = moins(b, a);
  const disparues = moins(a, b);
  return {
    apparues,
    disparues,
    libelles_alertes: libellesAlertes([...apparues, ...disparues], lang),
  };
}

/** Each code's words, by code in code order (the same JSON whatever order the alerts come in). */
export function libellesAlertes(
  alertes: readonly { code: string }[],
  lang: Lang,
): Record<string, string> {
  const codes = [...new Set(alertes.map((a) => a.code))].sort();
  return Object.fromEntries(codes.map((c) => [c, libelleAlerte(c, lang)]));
}
