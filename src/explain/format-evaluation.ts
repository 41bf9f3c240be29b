/** The readable table of `convflux evaluate` (the default output). */
import type { Lang } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format-text.js';
import { libelleAlerte } from '../diagnostics/libelles-alertes.js';
import type { Alerte, ConventionResultat, Evaluation } from '../engine/evaluation.js';
import { libelle } from './libelles.js';
import { sectionsConventions } from './format-sections-conventions.js';
import { anterieurs, sectionPluriannuelle } from './format-pluriannuel.js';

/** «, N non lu(s) » when rows of the file could not be read at all. */
const nonLus = (n: number, lang: 'fr' | 'en'): string =>
  n === 0 ? '' : lang === 'fr' ? `, ${String(n)} non lu(s)` : `, ${String(n)} not read`;

export const num = (x: number, lang: Lang, digits = 1): string =>
  x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: Number.isInteger(x) ? 0 : digits,
    maximumFractionDigits: digits,
  });
/**
 * A number of flats that may be a fraction (dû, réalisé, cible, écart): up to two decimals, as the
 * alerts, the other tables of `evaluate` and the bilan print them (1,25 is not shown as 1,3).
 */
const logements = (x: number, lang: Lang): string =>
  x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 });
export const pct = (x: number | null, lang: Lang): string =>
  x === null ? '—' : `${num(Math.round(x * 1000) / 10, lang)} %`;

/** Display width in code points (table cells hold French text, no emoji). */
const width = (s: string): number => Array.from(s).length;

export function table(rows: string[][], right: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(c));
        return right.has(i) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

const T = {
  fr: {
    titre: (e: Evaluation) =>
      `Évaluation ${String(e.annee)} au ${e.date} — ${String(e.conventions.length)} convention(s)`,
    cols: [
      'convention',
      'v',
      'réservataire',
      'flux',
      'dû',
      'réalisé',
      'taux',
      'orient.',
      'logts attr.',
      'déc. attr.',
      'baux',
      'refus',
      'repr.',
      'alertes',
    ],
    objectifs: 'Objectifs contractuels à la traîne',
    colsObjectifs: ['convention', 'objectif', 'nature', 'cible', 'réalisé', 'écart', 'statut'],
    seuilObjectifs:
      '  écart : cible − réalisé (ce qui manque) ; statut « en retard » / « non atteint » dès que le réalisé est sous la cible ; alerte à partir d’un logement d’écart.',
    colonnesAttribution:
      'logts attr. : logements attribués (un logement attribué deux fois dans l’année compte une fois, pour la partie de sa dernière attribution) ; déc. attr. : décisions d’attribution de la CALEOL.',
    publics: 'Attributions par public (CCH art. L. 441-1, résumé : rédaction en vigueur non lue)',
    colsPublics: [
      'convention',
      'obligation',
      'part cible',
      'base',
      'réalisé',
      'taux',
      'non renseigné',
      'statut',
    ],
    colsHorsAssiette: ['motif', 'logements', 'décisions d’attribution'],
    alertes: 'Alertes',
    rejets: 'Lignes rejetées',
    autres: (n: number) => `… et ${String(n)} autre(s) : voir --json ou --out.`,
    entrees: (e: Evaluation) =>
      `Entrées : ${String(e.entrees.logements.lignes)} logement(s) (${String(e.entrees.logements.rejetees)} rejeté(s)${nonLus(e.entrees.logements.non_lues, 'fr')}, ${String(e.entrees.logements.hors_conventions)} hors conventions), ${String(e.entrees.evenements.lignes)} événement(s) (${String(e.entrees.evenements.utilisees)} utilisé(s)${anterieurs(e, 'fr')}, ${String(e.entrees.evenements.hors_periode)} après le ${e.date}, ${String(e.entrees.evenements.rejetees)} rejeté(s)${nonLus(e.entrees.evenements.non_lues, 'fr')}).`,
    horsConventions: (liste: string) =>
      `Logements hors conventions (leur bailleur n’a aucune convention dans leur département, ils n’entrent dans aucun flux) : ${liste}.`,
    horsAssiette: 'Hors assiette (CCH art. R. 441-5 I)',
    stock: (e: Evaluation) =>
      `Stock (hors flux) : ${String(Object.values(e.stock.logements).reduce((a, b) => a + b, 0))} logement(s), ${String(e.stock.liberations)} libération(s), ${String(e.stock.mises_en_service)} mise(s) en service, ${String(e.stock.attributions)} décision(s) d’attribution, ${String(e.stock.baux)} bail(aux).`,
    exemple: 'ex.',
  },
  en: {
    titre: (e: Evaluation) =>
      `Evaluation ${String(e.annee)} as of ${e.date} — ${String(e.conventions.length)} convention(s)`,
    cols: [
      'convention',
      'v',
      'réservataire',
      'flux',
      'due',
      'achieved',
      'rate',
      'orient.',
      'flats attr.',
      'attr. dec.',
      'leases',
      'refusals',
      'repr.',
      'alerts',
    ],
    objectifs: 'Contractual objectives behind',
    colsObjectifs: ['convention', 'objective', 'nature', 'target', 'achieved', 'gap', 'status'],
    seuilObjectifs:
      '  gap: target − achieved (what is missing); status « behind » / « not met » as soon as the achieved is below the target; alert from one flat behind.',
    colonnesAttribution:
      'flats attr.: flats attributed (a flat attributed twice in the year counts once, for the party of its last attribution); attr. dec.: CALEOL attribution decisions.',
    publics: 'Attributions by public (CCH art. L. 441-1, summary: current wording not read)',
    colsPublics: [
      'convention',
      'obligation',
      'target share',
      'base',
      'achieved',
      'rate',
      'not given',
      'status',
    ],
    colsHorsAssiette: ['reason', 'flats', 'attribution decisions'],
    alertes: 'Alerts',
    rejets: 'Rejected rows',
    autres: (n: number) => `… and ${String(n)} more: see --json or --out.`,
    entrees: (e: Evaluation) =>
      `Inputs: ${String(e.entrees.logements.lignes)} flat(s) (${String(e.entrees.logements.rejetees)} rejected${nonLus(e.entrees.logements.non_lues, 'en')}, ${String(e.entrees.logements.hors_conventions)} outside any convention), ${String(e.entrees.evenements.lignes)} event(s) (${String(e.entrees.evenements.utilisees)} used${anterieurs(e, 'en')}, ${String(e.entrees.evenements.hors_periode)} after ${e.date}, ${String(e.entrees.evenements.rejetees)} rejected${nonLus(e.entrees.evenements.non_lues, 'en')}).`,
    horsConventions: (liste: string) =>
      `Flats outside any convention (their bailleur has none in their département, they enter no flux): ${liste}.`,
    horsAssiette: 'Outside the assiette (CCH art. R. 441-5 I)',
    stock: (e: Evaluation) =>
      `Stock (outside the flux): ${String(Object.values(e.stock.logements).reduce((a, b) => a + b, 0))} flat(s), ${String(e.stock.liberations)} freed, ${String(e.stock.mises_en_service)} first letting(s), ${String(e.stock.attributions)} attribution decision(s), ${String(e.stock.baux)} lease(s).`,
    exemple: 'e.g.',
  },
};

const refus = (c: ConventionResultat): number =>
  c.refus.candidat + c.refus.caleol + c.refus.reservataire + c.refus.bailleur;

function alertSummary(alertes: readonly Alerte[], lang: Lang): string[] {
  const byCode = new Map<string, Alerte[]>();
  for (const a of alertes) (byCode.get(a.code) ?? byCode.set(a.code, []).get(a.code))?.push(a);
  return [...byCode].map(([code, list]) => {
    const first = list[0];
    const where =
      first && first.line > 0 ? ` (${T[lang].exemple} ${first.file}:${String(first.line)})` : '';
    // One alert: its message; several: the words of their code (the bilan's).
    const mots = list.length === 1 && first ? first.message : libelleAlerte(code, lang);
    return `    ${String(list.length).padStart(5)} × ${code}${where} — ${mots}`;
  });
}

/** The shares by public, when some attribution of the input carries a public flag. */
function sectionPublics(e: Evaluation, lang: Lang): string[] {
  const t = T[lang];
  const renseigne = (c: ConventionResultat): boolean =>
    c.publics !== undefined && c.publics.non_renseigne < c.publics.attributions;
  if (!e.conventions.some(renseigne)) return [];
  const rows = e.conventions
    .filter((c) => (c.publics?.attributions ?? 0) > 0)
    .flatMap((c) =>
      (c.publics?.obligations ?? []).map((o) => [
        c.id,
        libelle(o.code, lang),
        pct(o.part_cible, lang),
        num(o.base, lang),
        num(o.realise, lang),
        pct(o.taux, lang),
        num(c.publics?.non_renseigne ?? 0, lang),
        libelle(o.statut, lang),
      ]),
    );
  if (!rows.length) return [];
  return [
    '',
    `${t.publics}${lang === 'fr' ? ' :' : ':'}`,
    ...table([t.colsPublics, ...rows], new Set([2, 3, 4, 5, 6])).map((l) => `  ${l}`),
  ];
}

export function formatEvaluation(
  e: Evaluation,
  lang: Lang,
  color: boolean,
  maxRejets = 20,
): string {
  const t = T[lang];
  const out: string[] = [t.titre(e), ''];
  const rows = [t.cols];
  for (const c of e.conventions)
    rows.push([
      c.id,
      String(c.version) + (c.statut === 'projet' ? '*' : ''),
      c.reservataire.nom.length > 32 ? `${c.reservataire.nom.slice(0, 31)}…` : c.reservataire.nom,
      String(c.flux_annuel),
      logements(c.du, lang),
      logements(c.realise, lang),
      pct(c.taux, lang),
      String(c.orientations),
      String(c.logements_attribues ?? c.attributions),
      String(c.attributions),
      String(c.baux),
      String(refus(c)),
      String(c.reprises),
      String(c.alertes.length),
    ]);
  out.push(...table(rows, new Set([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])));
  if (e.conventions.some((c) => c.statut === 'projet'))
    out.push(lang === 'fr' ? '* version en projet (non signée)' : '* draft version (not signed)');
  out.push(t.colonnesAttribution);
  // Conventions computed with but not reported (a named file's siblings): said under the table.
  const contexte = (d: { code: string }) => d.code === 'CONVENTIONS_CONTEXTE';
  for (const d of e.diagnostics.filter(contexte))
    out.push(formatDiagnostic(d, { lang, color, details: true }));

  const behind = e.conventions.flatMap((c) =>
    c.objectifs
      .filter((o) => o.statut === 'en_retard' || o.statut === 'non_atteint')
      .map((o) => [
        c.id,
        o.libelle ?? o.territoire ?? libelle(o.nature, lang),
        libelle(o.nature, lang),
        logements(o.cible, lang),
        logements(o.realise, lang),
        logements(Math.round((o.cible - o.realise) * 1e6) / 1e6, lang),
        libelle(o.statut, lang),
      ]),
  );
  if (behind.length) {
    out.push('', `${t.objectifs}${lang === 'fr' ? ' :' : ':'}`);
    out.push(...table([t.colsObjectifs, ...behind], new Set([3, 4, 5])).map((l) => `  ${l}`));
    out.push(t.seuilObjectifs);
  }
  out.push(...sectionPublics(e, lang));
  out.push(...sectionsConventions(e.conventions, lang));
  const alertes = e.conventions.filter((c) => c.alertes.length);
  if (alertes.length || e.alertes.length) {
    out.push('', `${t.alertes}${lang === 'fr' ? ' :' : ':'}`);
    for (const c of alertes) out.push(`  ${c.id}`, ...alertSummary(c.alertes, lang));
    if (e.alertes.length)
      out.push(`  ${lang === 'fr' ? 'bailleur' : 'bailleur'}`, ...alertSummary(e.alertes, lang));
  }
  const ha = Object.entries(e.hors_assiette.logements);
  if (ha.length) {
    const attribues = e.hors_assiette.attributions as Partial<Record<string, number>>;
    const rows = ha.map(([m, n]) => [libelle(m, lang), String(n), String(attribues[m] ?? 0)]);
    out.push('', `${t.horsAssiette}${lang === 'fr' ? ' :' : ':'}`);
    out.push(...table([t.colsHorsAssiette, ...rows], new Set([1, 2])).map((l) => `  ${l}`));
  }
  out.push(...sectionPluriannuelle(e, lang));
  out.push('', t.stock(e));
  const diagnostics = e.diagnostics.filter((d) => !contexte(d));
  if (diagnostics.length) {
    out.push('');
    for (const d of diagnostics) out.push(formatDiagnostic(d, { lang, color, details: true }));
  }
  out.push(...lignesRejets(e, lang, color, maxRejets));
  out.push('', t.entrees(e));
  const hc = e.entrees.logements.bailleurs_hors_conventions;
  if (hc.length) {
    const shown = hc
      .slice(0, 10)
      .map((h) => `${h.bailleur} (${h.departement}) ${String(h.logements)}`);
    if (hc.length > 10) shown.push('…');
    out.push(t.horsConventions(shown.join(', ')));
  }
  return out.join('\n');
}

/** The rejected rows, the first `max` of them, under their heading (nothing when none). */
function lignesRejets(e: Evaluation, lang: Lang, color: boolean, max: number): string[] {
  if (!e.rejets.length) return [];
  const t = T[lang];
  const out = ['', `${t.rejets} (${String(e.rejets.length)})${lang === 'fr' ? ' :' : ':'}`];
  for (const d of e.rejets.slice(0, max))
    out.push(formatDiagnostic(d, { lang, color, details: false }));
  if (e.rejets.length > max) out.push(t.autres(e.rejets.length - max));
  return out;
}

/**
 * What `--csv` leaves out of its table, for the standard error: the files' diagnostics and notes,
 * the first rejected rows and the input counts (nothing when there is neither diagnostic nor
 * rejected row) — a run that exits 1 says why.
 */
export function formatSignalements(
  e: Evaluation,
  lang: Lang,
  color: boolean,
  maxRejets = 20,
): string | undefined {
  if (!e.diagnostics.length && !e.rejets.length) return undefined;
  const out = e.diagnostics.map((d) => formatDiagnostic(d, { lang, color, details: true }));
  out.push(...lignesRejets(e, lang, color, maxRejets), '', T[lang].entrees(e));
  return out.join('\n').replace(/^\n+/, '');
}
