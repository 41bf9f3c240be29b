/**
 * Live figures of one bailleur × département: the library's `evaluate` on the inputs written from
 * the log (`ecrireEntrees`), so that they are the `convflux evaluate --json` answer on the same
 * data. The evaluation is cached in this process per (bailleur, département, année, date, moment
 * of the log), under a version of the data read from the database at every request — the
 * bailleur's flux counter, the conventions' SHA-256s, the parc's finished imports —: an event
 * recorded for the bailleur moves the version and the next request recomputes. The conventions
 * and the parc written for an evaluation are kept while their part of the version does not move
 * (`EntreesGardees`): a recomputation after an event rewrites only the events. No other process
 * needs the cache (it is rebuilt from the database), so several server processes stay consistent.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { direAuService, traduireAuService } from '../../diagnostics/dire-au-service.js';
import { evaluate, type Evaluation } from '../../index.js';
import type { Database } from '../db/schema.js';
import { EntreesGardees, type Entrees, type Perimetre } from './entrees.js';

export interface DemandeFigures {
  bailleur: string;
  departement: string;
  annee: number;
  /** Evaluation date (default: 31 December of the year, as the CLI). */
  date?: string;
  /** The log as it was at this moment (ISO timestamp). */
  au?: string;
}

/**
 * The `evaluate --json` body: `ok` as the CLI computes it without `--tolerant`; its diagnostics
 * in the service's words (`direAuService`: « absent du parc du bailleur », not « (--parc) »), in
 * French as the evaluation is computed (`corpsEnLangue` for English).
 */
export type CorpsEvaluation = { ok: boolean } & Evaluation;

export function corpsEvaluation(e: Evaluation): CorpsEvaluation {
  const ok = !e.diagnostics.some((d) => d.severity === 'error') && e.rejets.length === 0;
  return { ok, ...diagnosticsDits(e, (d) => direAuService(d, 'fr')) };
}

/** The evaluation with each of its diagnostics (alerts, rejected rows, files') said by `dire`. */
function diagnosticsDits<E extends Evaluation>(e: E, dire: <D extends Diagnostic>(d: D) => D): E {
  return {
    ...e,
    conventions: e.conventions.map((c) => ({ ...c, alertes: c.alertes.map(dire) })),
    alertes: e.alertes.map(dire),
    rejets: e.rejets.map(dire),
    diagnostics: e.diagnostics.map(dire),
  };
}

/**
 * The figures' body in the request's language: computed and kept in French, said again in
 * English from the catalogue (`traduireAuService`, as `evaluate --lang en` says them), the same
 * object in French.
 */
export function corpsEnLangue(corps: CorpsEvaluation, lang: Lang): CorpsEvaluation {
  return lang === 'fr' ? corps : diagnosticsDits(corps, (d) => traduireAuService(d, lang));
}

/** Relative paths in the evaluation's folder, as `convflux evaluate` run in that folder names them. */
export const CHEMINS = {
  rules: 'rules',
  parc: 'logements.ndjson',
  evenements: 'evenements.ndjson',
} as const;

/** Evaluates the inputs written in `entrees.dossier` (named relative to it, as the CLI run there). */
export async function evaluerEntrees(
  entrees: Entrees,
  o: { annee: number; date?: string; explain?: string },
) {
  return evaluate({
    rules: [CHEMINS.rules],
    parc: entrees.parc,
    evenements: [entrees.evenements],
    annee: o.annee,
    cwd: entrees.dossier,
    lang: 'fr',
    workers: 0,
    ...(o.date !== undefined ? { date: o.date } : {}),
    ...(o.explain !== undefined ? { explain: o.explain } : {}),
  });
}

/**
 * What the figures depend on, as one SQL text expression (scalar subqueries: it goes in the
 * select list of any statement, the principal's included — one round trip for both):
 * `flux|conventions|imports` — the bailleur's flux version (raised by every committed batch of
 * its live events, in the batch's transaction: migration 0007), the convention versions of the
 * bailleur × département (id:SHA-256, by id), and its finished imports (count and last, an import
 * committing its rows and its `termine` together). Nothing of another bailleur is in it: an event
 * recorded elsewhere neither recomputes these figures nor moves their `X-Convflux-Version-Donnees`.
 * Read before the inputs (`ecrireEntrees`, later statements): a commit in between makes the
 * figures newer than their version, never older, and moves the version for the next request.
 */
export function expressionVersion(
  db: Kysely<Database>,
  d: Pick<DemandeFigures, 'bailleur' | 'departement' | 'au'>,
): RawBuilder<string> {
  const vf = db.selectFrom('version_flux').select('version').where('bailleur', '=', d.bailleur);
  let cv = db
    .selectFrom('convention_version')
    .select(sql<string | null>`string_agg(id || ':' || sha256, ',' order by id)`.as('c'))
    .where('bailleur', '=', d.bailleur)
    .where('departement', '=', d.departement);
  if (d.au !== undefined) cv = cv.where('cree_le', '<=', d.au);
  const im = db
    .selectFrom('import')
    .select(sql<string>`count(*) || ':' || coalesce(max(cree_le), '')`.as('i'))
    .where('bailleur', '=', d.bailleur)
    .where('statut', '=', sql.lit('termine'));
  return sql<string>`coalesce(${vf}, 0) || '|' || coalesce(${cv}, '') || '|' || ${im}`;
}

/**
 * The part of a `versionDonnees` that the conventions and the parc depend on (conventions and
 * finished imports: the parc changes only by an import), not the events' part before the first
 * `|`: the kept inputs are rewritten when it moves (`EntreesGardees`).
 */
export const partieFixe = (version: string): string => version.slice(version.indexOf('|') + 1);

/** The figures' data version alone (one query), for the routes that do not read it with the principal. */
export async function versionDonnees(db: Kysely<Database>, d: DemandeFigures): Promise<string> {
  const r = await db.selectNoFrom(expressionVersion(db, d).as('version')).executeTakeFirstOrThrow();
  return r.version;
}

/**
 * The `X-Convflux-Version-Donnees` of figures read under these data versions (one per bailleur ×
 * département they gather): a short digest that moves when any of them moves — with a live event,
 * a convention version or a finished import of those bailleurs only — and says nothing of what
 * they are made of.
 */
export const etiquetteVersions = (versions: readonly string[]): string =>
  createHash('sha256').update(versions.join('\n')).digest('base64url').slice(0, 22);

export const perimetreDe = (d: DemandeFigures): Perimetre => ({
  bailleur: d.bailleur,
  departement: d.departement,
  ...(d.au !== undefined ? { au: d.au } : {}),
});

interface Entree {
  /** The data version it was computed under. */
  version: string;
  resultat: Promise<CorpsEvaluation>;
  calculeEnMs?: number;
  /** The body serialised once per version (a cached answer is not stringified per request). */
  json?: string;
  /** Its UTF-8 bytes, encoded once per version too (what is sent). */
  octets?: Buffer;
}

/** The figures of one version, and their JSON text (serialised at the first call, then kept). */
export interface Figures {
  corps: CorpsEvaluation;
  version: string;
  json: () => string;
  /** The JSON text's UTF-8 bytes, kept with it. */
  octets: () => Buffer;
}

const figuresDe = (e: Entree, corps: CorpsEvaluation, version: string): Figures => {
  const json = () => (e.json ??= JSON.stringify(corps));
  return { corps, version, json, octets: () => (e.octets ??= Buffer.from(json(), 'utf8')) };
};

/** The figures of a bailleur × département, recomputed when the data's version moved. */
export class CacheFigures {
  private readonly entrees = new Map<string, Entree>();
  /** The conventions and the parc of each bailleur × département written once, kept per version. */
  private readonly gardees: EntreesGardees;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly taille = 64,
  ) {
    this.gardees = new EntreesGardees(db);
  }

  /** `lue`: the data version of `d` already read in this request (`expressionVersion`). */
  async figures(d: DemandeFigures, lue?: string): Promise<Figures> {
    const cle = JSON.stringify([d.bailleur, d.departement, d.annee, d.date ?? '', d.au ?? '']);
    const version = lue ?? (await versionDonnees(this.db, d));
    const connue = this.entrees.get(cle);
    if (connue?.version === version) {
      return figuresDe(connue, await connue.resultat, version);
    }
    const resultat = this.calculer(d, version);
    const entree: Entree = { version, resultat };
    this.entrees.delete(cle);
    this.entrees.set(cle, entree);
    // A failed evaluation is not kept: the next request tries again.
    resultat.catch(() => this.entrees.delete(cle));
    while (this.entrees.size > this.taille) {
      const premiere = this.entrees.keys().next().value;
      if (premiere === undefined) break;
      this.entrees.delete(premiere);
    }
    return figuresDe(entree, await resultat, version);
  }

  /** Removes the kept inputs (the process's exit does it too). */
  close(): void {
    this.gardees.close();
  }

  private async calculer(d: DemandeFigures, version: string): Promise<CorpsEvaluation> {
    const r = await this.gardees.avec(perimetreDe(d), partieFixe(version), (e) =>
      evaluerEntrees(e, d),
    );
    return corpsEvaluation(r.evaluation);
  }
}
