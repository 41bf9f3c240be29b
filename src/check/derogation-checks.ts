/**
 * The prefectoral derogation applied to the État's caps (CCH art. R. 441-5-2 I, second alinéa):
 * an État part above 30 % (ETAT_PART_MAX), or an agents' part above 5 % (ETAT_AGENTS_PART_MAX),
 * is accepted while arrêtés of the département cover every day the version applies, each
 * allowing that part. Then the error becomes a note naming the arrêtés; when they cover only
 * part of the period, the error stays with a warning naming the first day left uncovered.
 */
import { addDays } from '../convention/calendar.js';
import { arretesDe, premiereLacune, type Arrete } from '../convention/arrete.js';
import type { Convention } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { CheckedFile } from './check-convention.js';

interface Plafond {
  code: 'ETAT_PART_MAX' | 'ETAT_AGENTS_PART_MAX';
  quoi: { fr: string; en: string };
  valeur: (c: Convention) => number | undefined;
  permise: (a: Arrete) => number;
}

const PLAFONDS: Plafond[] = [
  {
    code: 'ETAT_PART_MAX',
    quoi: { fr: 'de l’État', en: 'State' },
    valeur: (c) => c.flux.part,
    permise: (a) => a.part_max,
  },
  {
    code: 'ETAT_AGENTS_PART_MAX',
    quoi: { fr: 'des agents de l’État', en: 'State agents’' },
    valeur: (c) => c.flux.dont_agents_etat,
    permise: (a) => a.dont_agents_max,
  },
];

/** The days a version applies: from its date d'effet to the day before the next one, or the term. */
function periode(c: Convention, versions: readonly Convention[]): { debut: string; fin: string } {
  const suivante = versions
    .filter((v) => v.id === c.id && v.date_effet > c.date_effet)
    .map((v) => v.date_effet)
    .sort()[0];
  const fin = suivante && addDays(suivante, -1) < c.duree.fin ? addDays(suivante, -1) : c.duree.fin;
  return { debut: c.date_effet, fin };
}

/** "l’arrêté préfectoral n° 2025-0042 du 2024-12-12" / "les arrêtés préfectoraux n° … et n° …". */
export function nommerArretes(arretes: readonly Arrete[]): string {
  const noms = arretes.map((a) => `n° ${a.numero} du ${a.date}`);
  if (noms.length === 1) return `l’arrêté préfectoral ${noms[0] ?? ''}`;
  return `les arrêtés préfectoraux ${noms.slice(0, -1).join(', ')} et ${noms.at(-1) ?? ''}`;
}

function appliquer(
  f: CheckedFile,
  arretes: readonly Arrete[],
  versions: readonly Convention[],
  lang: Lang,
): void {
  const c = f.convention;
  if (!c || c.reservataire.type !== 'etat') return;
  const propres = arretesDe(arretes, c);
  if (!propres.length) return;
  const { debut, fin } = periode(c, versions);
  const report = new FileReport(f.file, lang);
  const remplaces = new Set<Diagnostic>();
  for (const p of PLAFONDS) {
    const d = f.diagnostics.find((x) => x.code === p.code);
    const part = p.valeur(c);
    if (!d || part === undefined) continue;
    const permet = (a: Arrete): boolean => p.permise(a) >= part - 1e-9;
    const utiles = propres.filter((a) => permet(a) && a.debut <= fin && a.fin >= debut);
    if (!utiles.length) continue;
    const at = { line: d.line, column: d.column };
    const lacune = premiereLacune(propres, debut, fin, permet);
    const params = { quoi: p.quoi[lang], part, debut, fin };
    if (!lacune) {
      remplaces.add(d);
      const limite = d.params['limite'] ?? '';
      report.add(
        'ETAT_PART_DEROGATION',
        { ...params, limite, arretes: nommerArretes(utiles) },
        d.pointer,
        at,
      );
    } else
      report.add(
        'ETAT_DEROGATION_INSUFFISANTE',
        { ...params, lacune_debut: lacune.debut, lacune_fin: lacune.fin },
        d.pointer,
        at,
      );
  }
  f.diagnostics = [...f.diagnostics.filter((d) => !remplaces.has(d)), ...report.diagnostics];
}

/** Applies the arrêtés found among the checked files to the État conventions asked for. */
export function appliquerDerogations(checked: CheckedFile[], lang: Lang): void {
  const arretes = checked.flatMap((f) => (f.arrete ? [f.arrete] : []));
  if (!arretes.length) return;
  const versions = checked.flatMap((f) => (f.convention ? [f.convention] : []));
  for (const f of checked) if (f.requested) appliquer(f, arretes, versions, lang);
}
