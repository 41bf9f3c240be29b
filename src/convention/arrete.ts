/**
 * Arrêtés préfectoraux de dérogation (CCH art. R. 441-5-2 I, second alinéa): « afin de permettre
 * le logement des personnels chargés de mission de sécurité publique ou pour répondre à des
 * besoins d'ordre économique, un arrêté du préfet peut, à titre exceptionnel, déroger à ces
 * limites, pour une durée déterminée qui ne peut excéder un an ».
 *
 * One YAML file per arrêté, beside the conventions: rules/arretes/<département>/<id>.yaml
 * (schemas/arrete.schema.json). `check` validates them and lets an État part above the caps pass
 * while arrêtés cover the version's period; `render` prints those taken by the version's date
 * d'effet; `evaluate` uses the arrêté's part for the dû of the flats freed in its period
 * (lecture retenue par convflux: the arrêté sets the préfet's part for its duration, « de plein
 * droit »).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { addDays, addMonths } from './calendar.js';
import type { Convention } from './convention.js';

export type MotifArrete = 'securite_publique' | 'besoins_economiques';

export interface Arrete {
  id: string;
  departement: string;
  numero: string;
  /** Date of signature. */
  date: string;
  /** First and last day (inclusive) of the derogation. */
  debut: string;
  fin: string;
  motif: MotifArrete;
  /** The préfet's part of the flux the arrêté sets for its duration. */
  part_max: number;
  /** The agents' part it allows. */
  dont_agents_max: number;
  /** SIREN of the bailleurs it names; absent: every bailleur of the département. */
  bailleurs?: string[];
}

/** An arrêté as the engine and the printed text use it (a valid file, with its name). */
export interface ArreteConnu extends Arrete {
  file: string;
}

/** rules/arretes/<département>/<id>.yaml, read from the end of the path. */
const LAYOUT = /^(.*)[\\/]arretes[\\/]([0-9]{2}|2A|2B|97[1-6])[\\/]([^\\/]+)\.[yY][aA]?[mM][lL]$/;

export interface ArreteLayout {
  departement: string;
  /** File name without extension (the arrêté's id). */
  nom: string;
}

export function parseArreteLayout(absolutePath: string): ArreteLayout | undefined {
  const m = LAYOUT.exec(absolutePath);
  if (!m) return undefined;
  return { departement: m[2] ?? '', nom: m[3] ?? '' };
}

/**
 * The arrêtés folder of a département, from the conventions root of the layout
 * (<root>/<dép>/<SIREN>/…): <parent of root>/arretes/<dép>, i.e. rules/arretes/93 beside
 * rules/conventions/93.
 */
export function arretesDirFor(conventionsRoot: string, departement: string): string {
  return join(dirname(conventionsRoot), 'arretes', departement);
}

/** Last day a derogation starting on `debut` may run: one year, less a day. */
export function finMaximale(debut: string): string {
  return addDays(addMonths(debut, 12), -1);
}

/** Does the arrêté apply to this bailleur? */
export function viseBailleur(a: Arrete, siren: string): boolean {
  return a.bailleurs === undefined || a.bailleurs.includes(siren);
}

/** The arrêtés of the département that apply to the convention's bailleur, by start date. */
export function arretesDe<T extends Arrete>(arretes: readonly T[], c: Convention): T[] {
  return arretes
    .filter((a) => a.departement === c.departement && viseBailleur(a, c.bailleur.siren))
    .sort((a, b) => (a.debut < b.debut ? -1 : a.debut > b.debut ? 1 : 0));
}

/** The arrêté in force on `date` (the latest started, when two overlap). */
export function arreteEnVigueur<T extends Arrete>(
  arretes: readonly T[],
  date: string,
): T | undefined {
  let found: T | undefined;
  for (const a of arretes) if (a.debut <= date && date <= a.fin) found = a;
  return found;
}

/**
 * The days of [debut, fin] not covered by an arrêté that allows `accepte` (its first gap, or
 * undefined when every day is covered).
 */
export function premiereLacune(
  arretes: readonly Arrete[],
  debut: string,
  fin: string,
  accepte: (a: Arrete) => boolean,
): { debut: string; fin: string } | undefined {
  let jour = debut;
  while (jour <= fin) {
    const couvrant = arretes.filter((a) => accepte(a) && a.debut <= jour && jour <= a.fin);
    if (!couvrant.length) {
      const suivant = arretes
        .filter((a) => accepte(a) && a.debut > jour && a.debut <= fin)
        .map((a) => a.debut)
        .sort()[0];
      return { debut: jour, fin: suivant ? addDays(suivant, -1) : fin };
    }
    const finCouverte =
      couvrant
        .map((a) => a.fin)
        .sort()
        .at(-1) ?? fin;
    jour = addDays(finCouverte, 1);
  }
  return undefined;
}

/** Minimal shape test for files read without `check` (render, evaluate): check reports the rest. */
export function estArrete(data: unknown): data is Arrete {
  if (!data || typeof data !== 'object') return false;
  const a = data as Record<string, unknown>;
  const dates = ['date', 'debut', 'fin'].every(
    (k) => typeof a[k] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a[k]),
  );
  return (
    dates &&
    String(a['debut']) <= String(a['fin']) &&
    String(a['fin']) <= finMaximale(String(a['debut'])) &&
    ['id', 'departement', 'numero'].every((k) => typeof a[k] === 'string') &&
    (a['motif'] === 'securite_publique' || a['motif'] === 'besoins_economiques') &&
    typeof a['part_max'] === 'number' &&
    typeof a['dont_agents_max'] === 'number' &&
    (a['bailleurs'] === undefined ||
      (Array.isArray(a['bailleurs']) && a['bailleurs'].every((s) => typeof s === 'string')))
  );
}

/**
 * The arrêtés of one folder (rules/arretes/<dép>), read synchronously for the printed text.
 * A file that cannot be read or is not an arrêté is left out: `convflux check` reports it, and
 * `render` checks first.
 */
export function lireArretesDossier(dir: string, parse: (text: string) => unknown): ArreteConnu[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'));
  } catch {
    return [];
  }
  const out: ArreteConnu[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    try {
      const data = parse(readFileSync(file, 'utf8'));
      if (estArrete(data) && data.departement === basename(dir)) out.push({ ...data, file });
    } catch {
      // reported by check
    }
  }
  return out;
}
