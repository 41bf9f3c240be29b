/**
 * `convflux orient` as a library: the year is read and evaluated once (the engine, with an
 * observer that keeps what the aid needs), then each suggestion is a few look-ups. The bailleur
 * decides; the suggestion never changes the events.
 */
import { isIsoDate } from '../convention/calendar.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import {
  aggregationOptions,
  baseOptions,
  calculerPartie,
  EvaluateUsageError,
  lirePartie,
  nomEntree,
  nomsEvenements,
  type Lecture,
  type PartieOptions,
} from '../engine/evaluate.js';
import { versionAt } from '../engine/convention-index.js';
import { loadConventions, type LoadedConventions } from '../engine/load-conventions.js';
import { positionEvenement } from '../engine/fichiers-evenements.js';
import { LECTURE_PARC } from '../input/parse-logement.js';
import { readTable } from '../input/read-table.js';
import { AnneeOrientation, type LogementLibere } from './annee-orientation.js';
import { EFFET_FILIERE, type Filiere } from './residence.js';
import { suggerer, type Suggestion } from './suggestion.js';

export interface OrientOptions {
  rules: readonly string[];
  parc: string;
  evenements: string | readonly string[];
  /** The date of the suggestion (default: the last event's date). Never the wall clock. */
  date?: string;
  lang?: Lang;
  cwd?: string;
  signees?: boolean;
  /** The « effet filière » threshold (default EFFET_FILIERE). */
  filiere?: Filiere;
}

export interface SuggestionResult {
  suggestion?: Suggestion;
  /** Why there is none (an unknown flat, a flat not freed, a date outside the conventions). */
  diagnostics: Diagnostic[];
}

type Base = Omit<PartieOptions, 'index'>;

export class Orientation {
  private constructor(
    private readonly lecture: Lecture,
    private readonly base: Base,
    private readonly annee: AnneeOrientation,
    private readonly filiere: Filiere,
    /** The conventions' and input files' errors (the year is evaluated without them). */
    readonly diagnostics: Diagnostic[],
  ) {}

  get date(): string {
    return this.base.date;
  }

  /** Reads the conventions and the files, and evaluates the year up to the date, once. */
  static async ouvrir(o: OrientOptions): Promise<Orientation> {
    const lang = o.lang ?? 'fr';
    const cwd = o.cwd ?? process.cwd();
    const loading = loadConventions(o.rules, {
      lang,
      cwd,
      ...(o.signees ? { signees: true } : {}),
    });
    const entrees = { parc: o.parc, evenements: o.evenements, lang, cwd };
    let base: Base;
    let lecture: Lecture;
    if (o.date !== undefined) {
      if (!isIsoDate(o.date)) throw EvaluateUsageError.du('USAGE_DATE_INVALIDE', { date: o.date });
      base = baseOptions({ ...entrees, annee: Number(o.date.slice(0, 4)), date: o.date });
      lecture = await lirePartie(base);
    } else {
      lecture = await lirePartie(baseOptions({ ...entrees, annee: 2100 }));
      const d = derniereDate(lecture);
      base = baseOptions({ ...entrees, annee: Number((d ?? '2100').slice(0, 4)), date: d });
    }
    const loaded = await loading;
    const annee = new AnneeOrientation(loaded.index, {
      debut: `${base.date.slice(0, 4)}-01-01`,
      date: base.date,
      horsQpvMin: base.horsQpvMin,
      territoires: aggregationOptions(base).territoires,
    });
    await calculerPartie(lecture, loaded.index, base, annee.observer);
    return new Orientation(
      lecture,
      base,
      annee,
      o.filiere ?? EFFET_FILIERE,
      erreurs(loaded, lecture),
    );
  }

  /** The suggestion for one flat, or the diagnostics that say why there is none. */
  async suggerer(logement: string): Promise<SuggestionResult> {
    const libere = this.annee.logements.get(logement);
    if (!libere) return { diagnostics: [await this.absent(logement)] };
    const refus = this.refus(libere);
    if (refus) return { diagnostics: [refus] };
    return {
      suggestion: suggerer(this.annee, libere, this.date, this.filiere),
      diagnostics: [],
    };
  }

  /** Every freed flat not yet oriented at the date (in the flux of some convention), with its suggestion. */
  ouverts(): Suggestion[] {
    return [...this.annee.logements.values()]
      .filter(
        (x) =>
          x.etat === 'libre' &&
          x.logement.hors_flux === undefined &&
          this.annee.index.covering(x.logement).some((e) => versionAt(e, this.date)),
      )
      .sort((a, b) =>
        a.liberation < b.liberation
          ? -1
          : a.liberation > b.liberation
            ? 1
            : a.logement.logement.localeCompare(b.logement.logement),
      )
      .map((x) => suggerer(this.annee, x, this.date, this.filiere));
  }

  private rapport(fichier: string): FileReport {
    return new FileReport(fichier, this.base.lang);
  }

  private get parc(): string {
    return nomEntree(this.base.parc, this.base.cwd);
  }

  /** A flat with no liberation up to the date: not in the parc, rejected, or not freed. */
  private async absent(logement: string): Promise<Diagnostic> {
    const params = { option: '--logement', logement, date: this.date };
    const n = this.lecture.store.flatNumber(logement);
    const rejete = this.lecture.rejetes.get(logement);
    if (rejete !== undefined)
      return this.rapport(this.parc).add(
        'ORIENT_LOGEMENT_REJETE',
        { ...params, ligne: rejete },
        '',
        {
          line: rejete,
          column: 0,
        },
      );
    if (n !== undefined && this.lecture.logements[n]) {
      const lignes = this.lecture.store.lines(n);
      const p = positionEvenement(lignes[lignes.length - 1] ?? 0);
      const fichier = nomsEvenements(this.base)[p.fichier] ?? '';
      return this.rapport(fichier).add('ORIENT_LOGEMENT_NON_LIBERE', params, '', {
        line: p.line,
        column: 0,
      });
    }
    const ligne = n === undefined ? await ligneDuParc(this.base, logement) : undefined;
    if (ligne !== undefined)
      return this.rapport(this.parc).add('ORIENT_LOGEMENT_NON_LIBERE', params, '', {
        line: ligne,
        column: 0,
      });
    return this.rapport(this.parc).add('ORIENT_LOGEMENT_INCONNU', params);
  }

  /** The events file and line of the flat's first event on a date other than a liberation. */
  private ligneEvenement(logement: string, date: string): { fichier: string; line: number } {
    const n = this.lecture.store.flatNumber(logement);
    const e =
      n === undefined
        ? undefined
        : this.lecture.store
            .events(n)
            .events.find((x) => x.date === date && x.type !== 'liberation');
    const p = positionEvenement(e?.line ?? 0);
    return { fichier: nomsEvenements(this.base)[p.fichier] ?? '', line: p.line };
  }

  /** A freed flat the aid cannot suggest for: let again, no convention, none in force. */
  private refus(libere: LogementLibere): Diagnostic | undefined {
    const l = libere.logement;
    const params = { option: '--logement', logement: l.logement, date: this.date };
    if (libere.etat === 'reloue') {
      const { fichier, line } = this.ligneEvenement(l.logement, libere.depuis ?? '');
      return this.rapport(fichier).add(
        'ORIENT_LOGEMENT_RELOUE',
        { ...params, liberation: libere.liberation, depuis: libere.depuis ?? '' },
        '',
        { line, column: 0 },
      );
    }
    if (l.hors_flux !== undefined) return undefined;
    const couvrantes = this.annee.index.covering(l);
    if (!couvrantes.length)
      return this.rapport(this.parc).add('ORIENT_SANS_CONVENTION', {
        ...params,
        bailleur: l.bailleur,
        departement: l.departement,
      });
    if (couvrantes.some((e) => versionAt(e, this.date))) return undefined;
    const fichier = couvrantes[0]?.versions[couvrantes[0].versions.length - 1]?.file ?? '';
    return this.rapport(fichier).add(
      'ORIENT_DATE_HORS_CONVENTIONS',
      {
        ...params,
        option: '--date',
        conventions: couvrantes
          .map((e) => {
            const d = e.versions[e.versions.length - 1]?.convention.duree;
            return d ? `${e.id} du ${d.debut} au ${d.fin}` : e.id;
          })
          .join(', '),
      },
      '/duree',
    );
  }
}

/** The last event's date, when no --date is given (the state of the files as exported). */
function derniereDate(lecture: Lecture): string | undefined {
  let d: string | undefined;
  for (let n = 0; n < lecture.store.flats.length; n++)
    for (const e of lecture.store.events(n).events) if (d === undefined || e.date > d) d = e.date;
  if (d === undefined) throw EvaluateUsageError.du('ORIENT_DATE_REQUISE', {});
  return d;
}

/** The conventions that could not be read and the input files' own errors. */
function erreurs(loaded: LoadedConventions, lecture: Lecture): Diagnostic[] {
  return [...loaded.diagnostics, ...lecture.fichiers].filter((d) => d.severity === 'error');
}

/** The line of a flat in the parc (only when it has no event: the error path). */
async function ligneDuParc(base: Base, logement: string): Promise<number | undefined> {
  let ligne: number | undefined;
  await readTable(
    base.parc,
    { lang: base.lang, file: nomEntree(base.parc, base.cwd), ...LECTURE_PARC },
    (row, line) => {
      if (ligne === undefined && row['logement'] === logement) ligne = line;
    },
  );
  return ligne;
}
