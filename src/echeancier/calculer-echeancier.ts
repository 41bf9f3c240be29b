/**
 * The échéancier at a date: the deadlines that matter — designation delays running, freed flats
 * not yet oriented (from the flux engine's own cycle state, exactly `evaluate`'s run up to the
 * date), the annual bilan of CCH art. R. 441-5-1, the end of prefectoral derogations (arrêtés) and
 * of each convention's term. The date is an input: no wall clock.
 */
import { addDays, daysBetween, isIsoDate } from '../convention/calendar.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { ConventionEntry, ConventionIndex } from '../engine/convention-index.js';
import type { EnCours } from '../engine/en-cours.js';
import { baseOptions, calculerPartie, EvaluateUsageError, lirePartie } from '../engine/evaluate.js';
import { loadConventions } from '../engine/load-conventions.js';
import type { Logement } from '../flux/logement.js';
import type { Echeance } from './echeance.js';
import {
  phraseBilan,
  phraseDerogation,
  phraseDesignation,
  phraseFinConvention,
  phraseOrientation,
} from './phrases.js';

export interface EcheancierOptions {
  rules: readonly string[];
  parc: string;
  evenements: string | readonly string[];
  /** The evaluation date (YYYY-MM-DD). */
  date: string;
  /** Calendar deadlines (bilan, derogation, term) up to this many days ahead (default 365). */
  horizon?: number;
  lang?: Lang;
  cwd?: string;
  signees?: boolean;
}

export interface Echeancier {
  date: string;
  horizon: number;
  echeances: Echeance[];
  diagnostics: Diagnostic[];
}

export const HORIZON_DEFAUT = 365;

/** R. 441-5-1, first sentence, as found (rules/reglementation/textes-trouves.md). */
const R441_5_1 = {
  article: 'CCH art. R. 441-5-1',
  nature: 'citation' as const,
  texte:
    "Avant le 28 février de chaque année, l'organisme bailleur transmet à l'ensemble des réservataires un bilan annuel des logements proposés, ainsi que des logements attribués au cours de l'année précédente, par réservataire et par typologie de logement, type de financement, localisation hors et en quartier politique de la ville, commune et période de construction.",
};

function verifierDate(date: string): void {
  if (!isIsoDate(date)) throw EvaluateUsageError.du('USAGE_DATE_INVALIDE', { date });
}

/** Running delays of each flat at the date, from the engine's own run. */
async function delaisEnCours(
  o: EcheancierOptions,
  lang: Lang,
  cwd: string,
): Promise<{ index: ConventionIndex; flats: [Logement, EnCours][]; diagnostics: Diagnostic[] }> {
  const base = baseOptions({
    parc: o.parc,
    evenements: o.evenements,
    annee: Number(o.date.slice(0, 4)),
    date: o.date,
    moteur: 'compile',
    lang,
    cwd,
  });
  const [lecture, loaded] = await Promise.all([
    lirePartie(base),
    loadConventions(o.rules, { lang, cwd, ...(o.signees ? { signees: true } : {}) }),
  ]);
  const flats: [Logement, EnCours][] = [];
  await calculerPartie(lecture, loaded.index, base, (l, r) => {
    if (r.en_cours) flats.push([l, r.en_cours]);
  });
  return {
    index: loaded.index,
    flats,
    diagnostics: [...loaded.diagnostics, ...lecture.fichiers],
  };
}

function deLogement(l: Logement, e: EnCours, index: ConventionIndex, date: string): Echeance[] {
  const out: Echeance[] = [];
  const d = e.designation;
  const entry = d ? index.entries[d.entry] : undefined;
  if (d && entry) {
    const jours = daysBetween(date, d.echeance);
    out.push({
      id: `delai_designation:${l.bailleur}:${l.logement}:${d.depuis}`,
      date: d.echeance,
      nature: 'delai_designation',
      depasse: d.echeance < date,
      jours_restants: jours,
      bailleur: l.bailleur,
      departement: l.departement,
      convention: entry.id,
      reservataire: d.reservataire,
      logement: l.logement,
      depuis: d.depuis,
      phrase: phraseDesignation(d, l.logement, entry.id, jours),
    });
  }
  const o = e.orientation;
  if (o) {
    const ecoules = daysBetween(o.conge ?? o.depuis, date);
    const x: Echeance = {
      id: `orientation_logement:${l.bailleur}:${l.logement}:${o.depuis}`,
      date: o.echeance,
      nature: 'orientation_logement',
      depasse: o.echeance < date,
      jours_restants: daysBetween(date, o.echeance),
      bailleur: l.bailleur,
      departement: l.departement,
      logement: l.logement,
      depuis: o.depuis,
      jours_ecoules: ecoules,
      phrase: phraseOrientation(o, l.logement, ecoules, o.echeance < date),
    };
    if (o.conge !== undefined) x.conge = o.conge;
    out.push(x);
  }
  return out;
}

const terme = (e: ConventionEntry): string =>
  e.versions.at(-1)?.convention.duree.fin ?? '0000-01-01';
const debut = (e: ConventionEntry): string => e.versions[0]?.convention.duree.debut ?? '9999-12-31';

/** The next « avant le 28 février » after the date: the 27th (lecture retenue par convflux). */
function bilans(index: ConventionIndex, date: string): Echeance[] {
  const an = Number(date.slice(0, 4));
  const limite = date <= `${String(an)}-02-27` ? an : an + 1;
  const annee = limite - 1;
  const paires = new Map<string, ConventionEntry[]>();
  for (const e of index.entries) {
    if (debut(e) > `${String(annee)}-12-31` || terme(e) < `${String(annee)}-01-01`) continue;
    const k = `${e.bailleur}|${e.departement}`;
    paires.set(k, [...(paires.get(k) ?? []), e]);
  }
  const jour = `${String(limite)}-02-27`;
  return [...paires.values()].map((es) => {
    const { bailleur, departement } = es[0] as ConventionEntry;
    const reservataires = [...new Set(es.map((e) => e.reservataire))].sort();
    return {
      id: `bilan_annuel:${bailleur}:${departement}:${String(annee)}`,
      date: jour,
      nature: 'bilan_annuel',
      depasse: false,
      jours_restants: daysBetween(date, jour),
      bailleur,
      departement,
      reservataires,
      phrase: phraseBilan(annee, bailleur, departement, reservataires),
      reference: R441_5_1,
    };
  });
}

function calendrier(e: ConventionEntry, date: string, jusque: string): Echeance[] {
  const out: Echeance[] = [];
  const fin = terme(e);
  const commun = { bailleur: e.bailleur, departement: e.departement, convention: e.id };
  if (fin >= date && fin <= jusque)
    out.push({
      id: `fin_convention:${e.id}:${fin}`,
      date: fin,
      nature: 'fin_convention',
      depasse: false,
      jours_restants: daysBetween(date, fin),
      ...commun,
      reservataire: e.reservataire,
      phrase: phraseFinConvention(e.id, e.reservataire, e.bailleur, fin),
    });
  for (const a of e.arretes ?? [])
    if (a.fin >= date && a.fin <= jusque)
      out.push({
        id: `fin_derogation:${a.id}:${e.id}`,
        date: a.fin,
        nature: 'fin_derogation',
        depasse: false,
        jours_restants: daysBetween(date, a.fin),
        ...commun,
        reservataire: e.reservataire,
        phrase: phraseDerogation(a.numero, a.date, a.fin, a.part_max, e.id),
        reference: {
          article: 'CCH art. R. 441-5-2 I',
          nature: 'citation',
          texte: 'pour une durée déterminée qui ne peut excéder un an',
        },
      });
  return out;
}

/** The deadlines at `o.date`, by date then kind then id. Throws EvaluateUsageError on a bad date. */
export async function calculerEcheancier(o: EcheancierOptions): Promise<Echeancier> {
  verifierDate(o.date);
  const lang = o.lang ?? 'fr';
  const cwd = o.cwd ?? process.cwd();
  const horizon = o.horizon ?? HORIZON_DEFAUT;
  const { index, flats, diagnostics } = await delaisEnCours(o, lang, cwd);
  const jusque = addDays(o.date, horizon);
  const echeances = [
    ...flats.flatMap(([l, e]) => deLogement(l, e, index, o.date)),
    ...bilans(index, o.date).filter((b) => b.date <= jusque),
    ...index.entries.flatMap((e) => calendrier(e, o.date, jusque)),
  ].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.nature.localeCompare(b.nature) || a.id.localeCompare(b.id),
  );
  return { date: o.date, horizon, echeances, diagnostics };
}
