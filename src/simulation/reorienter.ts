/**
 * `convflux simulate --reorienter` as a library function (mode `reorientation`): the year is
 * evaluated as observed; its liberations are re-oriented by the orientation aid under the drafts'
 * parts (`--projet`/`--set`; with neither, the versions in force); each re-oriented cycle's events
 * (orientation, designation, CALEOL, refusals, bail) are replayed as observed for the new
 * réservataire, and the year is counted again. The answer puts the observed year and the
 * re-oriented one side by side.
 */
import type { ConventionIndex } from '../engine/convention-index.js';
import { checkDates, aggregationOptions, Simulation } from '../engine/evaluate.js';
import type { EvenementLu } from '../engine/cycle.js';
import { AnneeOrientation } from '../orientation/annee-orientation.js';
import { BAILLEUR } from '../orientation/classement.js';
import { indexAvecProjets } from './index-avec-projets.js';
import { collecteur, planifier, type Liberation } from './plan-reorientation.js';
import type { LogementReoriente } from './resultat-simulation.js';
import {
  chargerProjets,
  comparaison,
  restreindreAuxDemandes,
  simulationVide,
  unSeulMoyen,
  type SimulateOptions,
  type SimulateResult,
} from './simuler.js';

/** A re-oriented cycle of a flat: [debut, fin) goes to `vers`. */
interface CycleReoriente {
  debut: string;
  fin: string;
  vers: string;
}

/** The cycles whose réservataire changed, by flat. */
function cyclesChanges(
  liberations: readonly Liberation[],
  plan: readonly LogementReoriente[],
): Map<string, CycleReoriente[]> {
  const fins = new Map(liberations.map((l) => [`${l.logement.logement}|${l.date}`, l.fin]));
  const out = new Map<string, CycleReoriente[]>();
  for (const p of plan) {
    if (p.observe === null || p.reoriente === null || p.reoriente === p.observe) continue;
    const fin = fins.get(`${p.logement}|${p.liberation}`) ?? '9999-12-31';
    const liste = out.get(p.logement) ?? [];
    liste.push({ debut: p.liberation, fin, vers: p.reoriente });
    out.set(p.logement, liste);
  }
  return out;
}

/**
 * The re-oriented cycles whose réservataire changed to or from one of `rapportees` (the
 * conventions reported: a named file's, not its siblings read as context), as the flat's
 * convention with that réservataire at the liberation.
 */
function changementsVers(
  rapportees: ReadonlySet<string>,
  index: ConventionIndex,
  liberations: readonly Liberation[],
  plan: readonly LogementReoriente[],
): number {
  const logements = new Map(liberations.map((l) => [l.logement.logement, l.logement]));
  const rapportee = (p: LogementReoriente, reservataire: string): boolean => {
    const l = logements.get(p.logement);
    if (!l || reservataire === BAILLEUR) return false;
    const id = index.find(l, reservataire, p.liberation).entry?.id;
    return id !== undefined && rapportees.has(id);
  };
  return plan.filter(
    (p) =>
      p.observe !== null &&
      p.reoriente !== null &&
      p.reoriente !== p.observe &&
      (rapportee(p, p.observe) || rapportee(p, p.reoriente)),
  ).length;
}

/** Events that only a réservataire's turn has: gone when the cycle goes to the bailleur. */
const tourReservataire = (e: EvenementLu): boolean =>
  e.type === 'orientation' ||
  e.type === 'designation' ||
  e.type === 'reprise' ||
  (e.type === 'refus' && e.par === 'reservataire');

/**
 * Where a cycle's events start: after the previous tenant's bail or the previous liberation, so
 * that an orientation « dès le congé », before the liberation, belongs to it.
 */
function depuis(events: readonly EvenementLu[], c: CycleReoriente): string {
  let d = '';
  for (const e of events)
    if ((e.type === 'bail_signe' || e.type === 'liberation') && e.date < c.debut && e.date > d)
      d = e.date;
  return d;
}

/**
 * A flat's events with each changed cycle's réservataire replaced; a cycle re-oriented to the
 * bailleur loses the réservataire's turn (orientation, designations, its refusal, the reprise):
 * the CALEOL and the bail stay, its own letting.
 */
function reecrireEvenements(
  cycles: ReadonlyMap<string, CycleReoriente[]>,
): (logement: string, events: EvenementLu[]) => EvenementLu[] {
  return (logement, events) => {
    const liste = cycles.get(logement)?.map((c) => ({ ...c, depuis: depuis(events, c) }));
    if (!liste) return events;
    return events.flatMap((e) => {
      const c = liste.find((x) => e.date > x.depuis && e.date < x.fin);
      if (!c || (e.date < c.debut && e.reservataire === undefined)) return [e];
      if (c.vers === BAILLEUR && tourReservataire(e)) return [];
      if (e.reservataire === undefined) return [e];
      // The contingent (agents de l’État) was the observed réservataire's.
      const reste: EvenementLu = { ...e };
      delete reste.reservataire;
      delete reste.contingent;
      return [c.vers === BAILLEUR ? reste : { ...reste, reservataire: c.vers }];
    });
  };
}

export async function reorienter(options: SimulateOptions): Promise<SimulateResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  unSeulMoyen(options.projets ?? [], options.surcharges ?? [], false);
  const date = checkDates(options.annee, options.date);
  const construits = await chargerProjets(options, date);
  const { loaded } = construits;
  if (construits.usage || construits.diagnostics.some((d) => d.severity === 'error'))
    return simulationVide(
      'reorientation',
      options,
      date,
      [...(construits.usage ? [] : loaded.diagnostics), ...construits.diagnostics],
      construits.usage,
    );
  const simulation = await Simulation.ouvrir({
    parc: options.parc,
    evenements: options.evenements,
    annee: options.annee,
    date,
    lang,
    cwd,
  });
  const debut = `${String(options.annee)}-01-01`;
  const collecte = collecteur(loaded.index, debut, date);
  const avant = (await simulation.evaluer(loaded, collecte.observer)).evaluation;
  const index = indexAvecProjets(loaded.index, construits.projets);
  const annee = new AnneeOrientation(index, {
    debut,
    date,
    horsQpvMin: simulation.options.horsQpvMin,
    territoires: aggregationOptions(simulation.options).territoires,
  });
  const plan = planifier(annee, collecte.liberations);
  const cycles = cyclesChanges(collecte.liberations, plan);
  const rejouee = simulation.reecrire(reecrireEvenements(cycles));
  const apres = (await rejouee.evaluer({ ...loaded, index })).evaluation;
  restreindreAuxDemandes(loaded, construits.projets, [avant, apres], lang);
  const tous = [...cycles.values()].reduce((n, l) => n + l.length, 0);
  // A named file's siblings are context: the changes counted are those the table shows.
  const rapportees = avant.conventions_contexte
    ? new Set(apres.conventions.map((c) => c.id))
    : undefined;
  return {
    simulation: {
      ...comparaison('reorientation', options.annee, date, construits, avant, apres, lang),
      reorientation: rapportees
        ? {
            changements: changementsVers(rapportees, index, collecte.liberations, plan),
            changements_contexte_inclus: tous,
            logements: plan,
          }
        : { changements: tous, logements: plan },
    },
    evaluations: { en_vigueur: avant, projet: apres },
    usage: false,
  };
}
