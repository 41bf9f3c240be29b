/**
 * `convflux bilan --prevision FICHIER`: the forecast of year N+1 (CCH art. R. 441-5 I) printed as
 * section 7 of the bilan of year N, after the year's results and alerts, before the annexes: the
 * bilan and the forecast go to the réservataires together, before 28 February of N+1. The
 * forecast is computed by `convflux previsionnel` (src/previsionnel/) from the same conventions,
 * parc and events; its parts become sub-sections 7.1 to 7.6. Only the forecast file's own
 * diagnostics are passed on (the bilan reports the other inputs itself); a forecast file in error
 * stops the bilan before anything is written.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { Previsionnel } from '../previsionnel/calculer-previsionnel.js';
import { sectionPrevisionnel } from '../previsionnel/previsionnel-section.js';
import { tableauxPrevisionnel, type TypeColonne } from '../previsionnel/previsionnel-tableaux.js';
import { loadYamlFile } from '../source/load-yaml-file.js';
import type { FormatColonne, Tableau } from './bilan-tableaux.js';
import { BILAN_TEMPLATES_DIR } from './bilan-templates.js';
import { SECTION_PREVISIONNEL } from './bilan-view.js';

export interface PrevisionBilanOptions {
  /** The forecast file, as given (diagnostics name it so). */
  prevision: string;
  rules: readonly string[];
  parc: string;
  evenements: string | readonly string[];
  /** The bilan's year N: the file must forecast N+1. */
  annee: number;
  lang: Lang;
  cwd: string;
  signees?: boolean;
}

/** The forecast as the bilan prints it, for its bailleur × département. */
export interface PrevisionBilan {
  previsionnel: Previsionnel;
  /** Sub-sections 7.1 to 7.6, not yet typeset (the bilan typesets its whole body once). */
  html: string;
  /** The row of the identification annex: rôle, fichier, détail, SHA-256. */
  entree: string[];
}

/** PREVISION_ANNEE_DIFFERENTE speaks of --annee: said again in the bilan's terms, same place. */
function enTermesDuBilan(d: Diagnostic, o: PrevisionBilanOptions): Diagnostic {
  if (d.code !== 'PREVISION_ANNEE_DIFFERENTE') return d;
  const report = new FileReport(d.file, o.lang);
  const r = report.add(
    'BILAN_PREVISION_ANNEE',
    { annee: d.params['annee'] ?? null, bilan: o.annee, attendue: o.annee + 1 },
    d.pointer,
    { line: d.line, column: d.column },
  );
  return d.excerpt !== undefined ? { ...r, excerpt: d.excerpt } : r;
}

/** Computes the forecast of N+1 and its section; no section when the file has an error. */
export async function previsionDuBilan(
  o: PrevisionBilanOptions,
): Promise<{ prevision?: PrevisionBilan; diagnostics: Diagnostic[] }> {
  const r = await sectionPrevisionnel(
    {
      rules: o.rules,
      parc: o.parc,
      evenements: o.evenements,
      prevision: o.prevision,
      annee: o.annee + 1,
      lang: o.lang,
      cwd: o.cwd,
      ...(o.signees ? { signees: true } : {}),
    },
    SECTION_PREVISIONNEL,
  );
  const diagnostics = r.diagnostics
    .filter((d) => d.file === o.prevision)
    .map((d) => enTermesDuBilan(d, o));
  if (!r.previsionnel || r.html === undefined) return { diagnostics };
  const fichier = r.previsionnel.fichiers[0];
  return {
    diagnostics,
    prevision: {
      previsionnel: r.previsionnel,
      html: r.html,
      entree: [
        'Prévision du bailleur (section 7)',
        basename(o.prevision),
        `année ${String(o.annee + 1)}`,
        fichier?.sha256 ?? '',
      ],
    },
  };
}

/** The forecast's bailleur × département has no bilan among those asked for: at its /bailleur. */
export async function previsionSansBilan(
  o: PrevisionBilanOptions,
  p: Previsionnel,
): Promise<Diagnostic> {
  const { report } = await loadYamlFile(resolve(o.cwd, o.prevision), o.prevision, o.lang);
  return report.add(
    'BILAN_PREVISION_SANS_BILAN',
    { bailleur: p.bailleur.siren, departement: p.departement, annee: o.annee },
    '/bailleur',
  );
}

/** The stylesheet of the section's own tables (added to the page only with the section). */
export function previsionCss(): string {
  return readFileSync(join(BILAN_TEMPLATES_DIR, 'previsionnel.css'), 'utf8');
}

const FORMAT: Record<TypeColonne, FormatColonne> = {
  texte: 'texte',
  entier: 'entier',
  decimal: 'decimal',
  taux: 'part',
};

/**
 * The forecast's tables (those of `previsionnel`'s CSVs) as sheets of the bilan's workbook,
 * « 7 … », after the bilan's own tables; the bilan's CSV is left as it is.
 */
export function feuillesPrevision(p: Previsionnel, nomCommune: (c: string) => string): Tableau[] {
  return tableauxPrevisionnel(p, nomCommune).map((t, i) => ({
    id: `previsionnel-${String(i + 1)}`,
    numero: SECTION_PREVISIONNEL,
    titre: `Prévisionnel ${String(p.annee)} – ${t.feuille}`,
    feuille: `${SECTION_PREVISIONNEL} ${t.feuille}`.slice(0, 31),
    chapeau: '',
    colonnes: t.colonnes.map((c) => ({ libelle: c.libelle, format: FORMAT[c.type] })),
    lignes: t.lignes,
  }));
}
