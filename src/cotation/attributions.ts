/**
 * Past attributions (`--attributions`): typologie, commune, date_depot, date_attribution. The
 * average waiting time of a kind of request is the mean, over the attributions of that kind
 * (same typologie, same commune) made in the 12 months up to the scoring date, of the whole
 * months from the request's filing to its attribution.
 */
import { resolve } from 'node:path';
import { addDays, addMonths } from '../convention/calendar.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { tableDiagnostic } from '../input/line-reader.js';
import { readTable } from '../input/read-table.js';
import { territoires } from '../reference/territoires.js';
import { refuserColonnesPersonnelles } from './colonnes-personnelles.js';
import { communeCourante } from './commune-courante.js';
import { codeCommune, enBarres, lireDate, montrer } from './demande.js';
import { DatesEnOrdre } from '../input/dates-en-ordre.js';
import { moisEntiers } from './mois-entiers.js';
import { genre } from './rang.js';

export interface DelaiMoyen {
  /** Mean whole months, to one decimal. */
  mois: number;
  attributions: number;
  /** The window's first and last days, both counted (the day after `date` − 12 months, `date`). */
  du: string;
  au: string;
}

export interface Attributions {
  delai(typologie: string | undefined, commune: string | undefined): DelaiMoyen | undefined;
  diagnostics: Diagnostic[];
}

const COLUMNS = {
  allowed: ['typologie', 'commune', 'date_depot', 'date_attribution'],
  required: ['typologie', 'commune', 'date_depot', 'date_attribution'],
  aliases: { commune: ['code_commune', 'code_insee'] },
};

const cellule = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

export async function lireAttributions(
  path: string,
  date: string,
  lang: Lang,
  cwd: string,
): Promise<Attributions> {
  const file = displayPath(resolve(cwd, path), cwd);
  const du = addMonths(date, -12);
  const sums = new Map<string, { mois: number; n: number }>();
  const diagnostics: Diagnostic[] = [];
  const t = territoires();
  const courante = (code: string): string => communeCourante(t, code);
  // JJ/MM/AAAA dates read as the requests' (one reader, which tells the file's day/month order).
  const dates = new DatesEnOrdre(
    (row, line, position) => {
      const depot = lireDate(cellule(row['date_depot']));
      const attribution = lireDate(cellule(row['date_attribution']));
      const typologie = cellule(row['typologie']).toLowerCase();
      const commune = codeCommune(row['commune']);
      // A typologie or a commune no request can have (t9, 99999, a name) was taken silently
      // as a kind of its own: the row counted for nobody and the file passed as good.
      const bad = !/^t[1-6]$/.test(typologie)
        ? 'typologie'
        : !t.communes.has(commune) && !t.anciens.has(commune)
          ? 'commune'
          : !depot
            ? 'date_depot'
            : !attribution || attribution < depot
              ? 'date_attribution'
              : undefined;
      if (bad) {
        const attendu =
          bad === 'typologie'
            ? 't1, t2, t3, t4, t5, t6'
            : bad === 'commune'
              ? lang === 'fr'
                ? 'un code commune INSEE en vigueur'
                : 'a current INSEE commune code'
              : bad === 'date_attribution' && attribution && depot
                ? lang === 'fr'
                  ? `une date d’attribution au plus tôt celle du dépôt (${depot}) : une demande n’est pas attribuée avant d’être déposée`
                  : `an attribution date no earlier than the filing (${depot}): a request is not attributed before it is filed`
                : enBarres(cellule(row[bad]))
                  ? lang === 'fr'
                    ? 'une date AAAA-MM-JJ ou JJ/MM/AAAA : une date du fichier a un deuxième nombre supérieur à 12, ses dates sont donc au format américain MM/JJ/AAAA, que convflux ne lit pas'
                    : 'a date YYYY-MM-DD or DD/MM/YYYY: a date of the file has a second number above 12, so its dates are American (MM/DD/YYYY), which convflux does not read'
                  : lang === 'fr'
                    ? 'une date du calendrier (année de 1900 à 2199)'
                    : 'a calendar date (year 1900 to 2199)';
        diagnostics.push(
          tableDiagnostic(
            file,
            lang,
            'COTATION_ATTRIBUTION_INVALIDE',
            // Never the cell itself: a name written in a date's column would be quoted.
            { champ: bad, valeur: montrer(cellule(row[bad]), lang), attendu },
            line,
            position.column(bad),
          ),
        );
        return;
      }
      if (!attribution || !depot || attribution <= du || attribution > date) return;
      const key = genre(typologie, commune, courante);
      const s = sums.get(key) ?? { mois: 0, n: 0 };
      s.mois += moisEntiers(depot, attribution);
      s.n++;
      sums.set(key, s);
    },
    ['date_depot', 'date_attribution'],
  );
  const read = await readTable(
    resolve(cwd, path),
    { lang, file, columns: COLUMNS, communes: ['commune'] },
    (row, line, position) => {
      dates.ligne(row, line, position);
    },
  );
  diagnostics.push(...dates.fin(file, lang));
  // A name or an address column is refused as in the requests file (it was a mere warning).
  diagnostics.push(
    ...refuserColonnesPersonnelles([...read.fileDiagnostics, ...read.diagnostics], lang),
  );
  return {
    diagnostics,
    delai(typologie, commune) {
      const s = sums.get(genre(typologie, commune, courante));
      if (!s) return undefined;
      return {
        mois: Math.round((s.mois / s.n) * 10) / 10,
        attributions: s.n,
        du: addDays(du, 1),
        au: date,
      };
    },
  };
}
