/**
 * The classification of every row of an events file against a parc and conventions — what the
 * service's import and live recording say of each row, for a file on disk: valid, anomalous
 * (with the alerts `evaluate` reports on it) or invalid (with the reason `evaluate` rejects it).
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { loadConventions } from '../engine/load-conventions.js';
import type { Logement } from '../flux/logement.js';
import { DatesEnOrdre } from '../input/dates-en-ordre.js';
import { EVENEMENT_COLUMNS } from '../input/parse-evenement.js';
import { LECTURE_PARC, parseLogement } from '../input/parse-logement.js';
import { readTable } from '../input/read-table.js';
import type { Classement } from './classer-evenement.js';
import { Classeur } from './classeur.js';

export interface LigneClassee {
  line: number;
  /** The row's event id, when it has one. */
  id?: string;
  classement: Classement;
  diagnostics: Diagnostic[];
}

export interface ClasserFichierOptions {
  rules: readonly string[];
  parc: string;
  evenements: string;
  lang: Lang;
  cwd: string;
  /** Names of the files in messages (default: the paths). */
  nomParc?: string;
  nomEvenements?: string;
}

/** The valid rows of a parc file, by flat id (the first row of an id). */
export async function lireParc(
  path: string,
  lang: Lang,
  file = path,
): Promise<{ logements: Map<string, Logement>; diagnostics: Diagnostic[] }> {
  const logements = new Map<string, Logement>();
  const diagnostics: Diagnostic[] = [];
  const lu = await readTable(path, { lang, file, ...LECTURE_PARC }, (row, line, pos) => {
    const p = parseLogement(row, line, file, lang, pos);
    if (!p.ok) diagnostics.push(...p.diagnostics);
    else if (!logements.has(p.value.logement)) logements.set(p.value.logement, p.value);
  });
  diagnostics.push(...lu.fileDiagnostics, ...lu.diagnostics);
  return { logements, diagnostics };
}

export async function classerFichier(o: ClasserFichierOptions): Promise<{
  lignes: LigneClassee[];
  fichiers: Diagnostic[];
}> {
  const { index, diagnostics } = await loadConventions(o.rules, { lang: o.lang, cwd: o.cwd });
  const parc = await lireParc(o.parc, o.lang, o.nomParc);
  const file = o.nomEvenements ?? o.evenements;
  const classeur = new Classeur({
    index,
    lang: o.lang,
    file,
    logement: (id) => parc.logements.get(id),
  });
  const lignes: LigneClassee[] = [];
  // JJ/MM/AAAA dates read as `evaluate` and the service's imports read them, in the file's order.
  const dates = new DatesEnOrdre((row, line) => {
    const id = typeof row['id'] === 'string' ? row['id'] : undefined;
    const r = classeur.classer(row, line);
    lignes.push({
      line,
      ...(id ? { id } : {}),
      classement: r.classement,
      diagnostics: r.diagnostics,
    });
  });
  const lu = await readTable(
    o.evenements,
    { lang: o.lang, file, columns: EVENEMENT_COLUMNS },
    (row, line, pos) => {
      dates.ligne(row, line, pos);
    },
  );
  for (const d of dates.fin(file, o.lang))
    lignes.push({ line: d.line, classement: 'invalide', diagnostics: [d] });
  for (const d of lu.diagnostics)
    lignes.push({ line: d.line, classement: 'invalide', diagnostics: [d] });
  lignes.sort((a, b) => a.line - b.line);
  return { lignes, fichiers: [...diagnostics, ...parc.diagnostics, ...lu.fileDiagnostics] };
}
