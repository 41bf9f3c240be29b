/**
 * The inline inputs of a scenario (`entrees.logements`, `entrees.evenements`), written as real CSV
 * files so that they go through the real readers: shared by `evaluate` and `orient` scenarios.
 * A parc row lists only what differs from a default flat of the example bailleur.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCsv } from '../explain/evaluation-csv.js';
import { EVENEMENT_COLUMNS } from '../input/parse-evenement.js';
import { LOGEMENT_COLUMNS } from '../input/parse-logement.js';
import type { Scenario } from './scenario.js';

const PARC_DEFAUT: Record<string, unknown> = {
  bailleur: '552046484',
  departement: '93',
  commune: '93066',
  epci: '200057867',
  qpv: false,
  typologie: 'T3',
  financement: 'PLUS',
  annee_construction: 1980,
};

type Cell = string | number | boolean | null | undefined;
const asCell = (v: unknown): Cell =>
  v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v)
    ? (v as Cell)
    : JSON.stringify(v);

/** Writes the scenario's inline parc and events as real CSV files in `root`. */
export async function ecrireEntrees(
  s: Scenario,
  root: string,
): Promise<{ parc: string; events: string }> {
  const e = s.entrees;
  const parc = join(root, 'logements.csv');
  const events = join(root, 'evenements.csv');
  const P = LOGEMENT_COLUMNS.allowed;
  const E = EVENEMENT_COLUMNS.allowed;
  await writeFile(
    parc,
    toCsv(
      P,
      (e.logements ?? []).map((l) => P.map((k) => asCell({ ...PARC_DEFAUT, ...l }[k]))),
    ),
  );
  await writeFile(
    events,
    toCsv(
      E,
      (e.evenements ?? []).map((ev, i) =>
        E.map((k) => asCell({ id: `E${String(i + 1)}`, ...ev }[k])),
      ),
    ),
  );
  return { parc, events };
}
