/**
 * The codes of a parc row checked like a convention's (src/check/reference-checks.ts): the
 * bailleur's SIREN check digit (Luhn), the département, the commune (in force, in that
 * département) and the EPCI/EPT (in force, with the commune among its members), against the
 * official geography. O(1) per row: the geography is read once per process, the members of
 * every EPCI/EPT are sets.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isValidSiren } from '../reference/siren.js';
import { territoires, type Territoires } from '../reference/territoires.js';
import {
  MembresGroupements,
  problemeCommune,
  problemeDepartement,
  type ProblemeTerritoire,
} from '../reference/verifier-territoire.js';
import { schemaJson } from '../schema/load-schemas.js';
import { tableDiagnostic } from './line-reader.js';
import type { RowContext } from './read-table.js';

interface References {
  t: Territoires;
  membres: MembresGroupements;
}

let references: References | undefined;

function refs(): References {
  if (!references) {
    const t = territoires();
    references = { t, membres: new MembresGroupements(t) };
  }
  return references;
}

type Properties = Record<string, { pattern?: string } | undefined>;
const properties = (schemaJson('logement.schema.json') as { properties: Properties }).properties;
const pattern = (field: string): RegExp => new RegExp(properties[field]?.pattern ?? '^$');
/** The schema's forms: a field of another form was reported by the schema check. */
const FORMES = {
  bailleur: pattern('bailleur'),
  departement: pattern('departement'),
  commune: pattern('commune'),
  epci: pattern('epci'),
};

/** The value of `field` when it is text of the schema's form (always so when `conforme`). */
function code(
  row: Record<string, unknown>,
  field: keyof typeof FORMES,
  conforme: boolean,
): string | undefined {
  const value = row[field];
  if (typeof value !== 'string') return undefined;
  return conforme || FORMES[field].test(value) ? value : undefined;
}

/**
 * The codes of the last row found valid: parcs are exported by programme (a residence, one
 * commune), so most rows repeat them and are checked with four string comparisons.
 */
const dernier = { bailleur: '', departement: '', commune: '', epci: '' as string | undefined };

/**
 * The diagnostics of the codes of a parc row, or undefined when they are all right.
 * `conforme`: the row passed its schema (every field has its form); else only the fields of
 * the right form are checked, so that one row lists all its problems at once.
 */
export function verifierCodesLogement(
  row: Record<string, unknown>,
  ctx: RowContext,
  conforme: boolean,
): Diagnostic[] | undefined {
  if (
    conforme &&
    row['bailleur'] === dernier.bailleur &&
    row['commune'] === dernier.commune &&
    row['departement'] === dernier.departement &&
    row['epci'] === dernier.epci
  )
    return undefined;
  const { t, membres } = refs();
  let out: Diagnostic[] | undefined;
  const report = (field: string, p: ProblemeTerritoire | { code: string; params: object }) => {
    const column = ctx.position ? ctx.position.column(field) : 0;
    (out ??= []).push(
      tableDiagnostic(
        ctx.file,
        ctx.lang,
        `PARC_${p.code}`,
        { champ: field, ...(p.params as Record<string, string>) },
        ctx.line,
        column,
        `/${field}`,
      ),
    );
  };

  const bailleur = code(row, 'bailleur', conforme);
  if (bailleur !== undefined && !isValidSiren(bailleur))
    report('bailleur', { code: 'SIREN_INVALIDE', params: { siren: bailleur } });

  let departement = code(row, 'departement', conforme);
  if (departement !== undefined) {
    const p = problemeDepartement(t, departement);
    if (p) {
      report('departement', p);
      departement = undefined;
    }
  }
  let commune = code(row, 'commune', conforme);
  if (commune !== undefined) {
    const p = problemeCommune(t, commune, departement);
    if (p) {
      report('commune', p);
      if (p.code !== 'COMMUNE_HORS_DEPARTEMENT') commune = undefined;
    }
  }
  const epci = code(row, 'epci', conforme);
  if (epci !== undefined) {
    const p = membres.probleme(epci, commune);
    if (p) report('epci', p);
  }
  if (!out && conforme && bailleur !== undefined && departement !== undefined && commune) {
    dernier.bailleur = bailleur;
    dernier.departement = departement;
    dernier.commune = commune;
    dernier.epci = epci;
  }
  return out;
}
