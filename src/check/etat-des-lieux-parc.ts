/**
 * The état des lieux of a stock conversion against the parc (review I11, C10; `check --parc`):
 * every flat must be in the parc, of the convention's bailleur, with the same commune, typologie
 * and financement (the turnover rate depends on them), and must not be a stock flat (défense,
 * sécurité intérieure, santé: `hors_flux` in the parc), which cannot carry a droit de suite of
 * the réservataire. In format 2, `rpls` is the 10-character RPLS id (arrêté du 5 janvier 2010)
 * and `logement` the parc id; in format 1, `rpls` holds the parc id.
 */
import { resolve } from 'node:path';
import type { Convention, LogementReserve } from '../convention/convention.js';
import { estRpls, rplsDe } from '../convention/rpls.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { displayPath } from '../display-path.js';
import type { Logement } from '../flux/logement.js';
import { LECTURE_PARC, parseLogement } from '../input/parse-logement.js';
import { readTable } from '../input/read-table.js';
import { STDIN } from '../input/table-source.js';
import type { CheckedFile } from './check-convention.js';
import type { Emit } from './corpus-checks.js';

/** A flat of the parc as the cross-check needs it (with its optional RPLS id). */
type LogementParc = Logement & { rpls?: string };

/** Format 2: an `rpls` that is not 10 characters is an error (without a parc). */
export function checkRplsFormat2(report: FileReport, c: Convention): void {
  if (c.format !== 2) return;
  (c.conversion_stock?.etat_des_lieux ?? []).forEach((l, i) => {
    if (l.rpls !== undefined && !estRpls(l.rpls))
      report.add(
        'CONVERSION_RPLS_INVALIDE',
        { rpls: l.rpls, longueur: [...l.rpls].length },
        `/conversion_stock/etat_des_lieux/${String(i)}/rpls`,
      );
  });
}

type AvecConversion = CheckedFile & { convention: Convention & { conversion_stock: object } };

const aConvertir = (f: CheckedFile): f is AvecConversion =>
  f.requested && f.convention?.conversion_stock !== undefined;

/** The parc id a flat of the état des lieux names (format 2: `logement`; format 1: `rpls`). */
function idParc(c: Convention, l: LogementReserve): string | undefined {
  if (l.logement !== undefined) return l.logement;
  return c.format === 2 ? undefined : l.rpls;
}

interface ParcLu {
  parLogement: Map<string, LogementParc>;
  parRpls: Map<string, LogementParc>;
  diagnostics: Diagnostic[];
}

/** Reads only the parc rows the états des lieux name (a parc may hold millions of flats). */
async function lireParc(
  path: string,
  file: string,
  lang: Lang,
  ids: Set<string>,
  rpls: Set<string>,
): Promise<ParcLu> {
  const lu: ParcLu = { parLogement: new Map(), parRpls: new Map(), diagnostics: [] };
  const r = await readTable(path, { lang, file, ...LECTURE_PARC }, (row, line, position) => {
    const id = typeof row['logement'] === 'string' ? row['logement'] : '';
    const code = typeof row['rpls'] === 'string' ? row['rpls'] : '';
    if (!ids.has(id) && !rpls.has(code)) return;
    const parsed = parseLogement(row, line, file, lang, position);
    if (!parsed.ok) {
      lu.diagnostics.push(...parsed.diagnostics);
      return;
    }
    const l = parsed.value as LogementParc;
    if (!lu.parLogement.has(l.logement)) lu.parLogement.set(l.logement, l);
    if (l.rpls !== undefined && !lu.parRpls.has(l.rpls)) lu.parRpls.set(l.rpls, l);
  });
  lu.diagnostics.push(...r.fileDiagnostics);
  return lu;
}

function comparer(f: AvecConversion, parc: ParcLu, parcFile: string, emit: Emit): void {
  const c = f.convention;
  c.conversion_stock?.etat_des_lieux.forEach((l, i) => {
    const at = `/conversion_stock/etat_des_lieux/${String(i)}`;
    const id = idParc(c, l);
    const rpls = rplsDe(c, l);
    const trouve =
      (id !== undefined ? parc.parLogement.get(id) : undefined) ??
      (rpls !== undefined ? parc.parRpls.get(rpls) : undefined);
    const nom = id ?? rpls ?? '';
    if (!trouve) {
      emit(
        f,
        'ETAT_DES_LIEUX_LOGEMENT_INCONNU',
        { logement: nom, parc: parcFile },
        `${at}/${l.logement !== undefined ? 'logement' : 'rpls'}`,
      );
      return;
    }
    const ecarts: [string, string | undefined, string | undefined, string][] = [
      ['bailleur', c.bailleur.siren, trouve.bailleur, '/bailleur/siren'],
      ['commune', l.commune, trouve.commune, `${at}/commune`],
      ['typologie', l.typologie, trouve.typologie, `${at}/typologie`],
      ['financement', l.financement, trouve.financement, `${at}/financement`],
      ['rpls', rpls, rpls === undefined ? undefined : (trouve.rpls ?? rpls), `${at}/rpls`],
    ];
    for (const [champ, valeur, dansParc, pointer] of ecarts)
      if (valeur !== dansParc)
        emit(
          f,
          'ETAT_DES_LIEUX_ECART',
          { logement: nom, champ, valeur: valeur ?? '', parc: dansParc ?? '' },
          champ === 'bailleur' ? at : pointer,
        );
    if (trouve.hors_flux !== undefined)
      emit(
        f,
        'ETAT_DES_LIEUX_HORS_FLUX',
        { logement: nom, hors_flux: trouve.hors_flux, reservataire: c.reservataire.nom },
        at,
      );
  });
}

/**
 * `check --parc`: reads the parc once, for the flats the requested états des lieux name, and
 * cross-checks them. Returns the parc file's own problems (missing file, bad header, bad rows).
 */
export async function checkEtatDesLieuxParc(
  parc: string,
  files: readonly CheckedFile[],
  o: { lang: Lang; cwd: string },
  emit: Emit,
): Promise<Diagnostic[]> {
  const conversions = files.filter(aConvertir);
  const ids = new Set<string>();
  const rpls = new Set<string>();
  for (const f of conversions)
    for (const l of f.convention.conversion_stock?.etat_des_lieux ?? []) {
      const id = idParc(f.convention, l);
      if (id !== undefined) ids.add(id);
      const r = rplsDe(f.convention, l);
      if (r !== undefined) rpls.add(r);
    }
  const path = parc === STDIN ? STDIN : resolve(o.cwd, parc);
  const file = parc === STDIN ? parc : displayPath(path, o.cwd);
  const lu = await lireParc(path, file, o.lang, ids, rpls);
  // A parc that cannot be read (missing, bad header) would make every flat « unknown ».
  if (lu.diagnostics.some((d) => d.severity === 'error')) return lu.diagnostics;
  for (const f of conversions) comparer(f, lu, file, emit);
  return lu.diagnostics;
}
