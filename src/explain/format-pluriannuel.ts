/**
 * The years before the one evaluated, in `convflux evaluate`'s table: attainment since the
 * convention's start (cumul, arrears carried into the next year) and the regularisation of
 * provisional points. Shown when the input spans several years or a cycle was regularised.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { Evaluation } from '../engine/evaluation.js';

const num = (x: number, lang: Lang): string =>
  x.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: Number.isInteger(x) ? 0 : 1,
    maximumFractionDigits: 2,
  });

/** « dont N antérieur(s) au 1er janvier » in the inputs line, when the input has earlier years. */
export function anterieurs(e: Evaluation, lang: Lang): string {
  const n = e.entrees.evenements.anterieurs;
  if (!n) return '';
  return lang === 'fr'
    ? ` dont ${String(n)} antérieur(s) au 1er janvier ${String(e.annee)}`
    : ` of which ${String(n)} before 1 January ${String(e.annee)}`;
}

const COLS = {
  fr: ['convention', 'depuis', 'dû cumulé', 'réalisé cumulé', 'retard reporté', 'régularisation'],
  en: [
    'convention',
    'since',
    'due to date',
    'achieved to date',
    'arrears carried',
    'regularisation',
  ],
};

export function sectionPluriannuelle(e: Evaluation, lang: Lang): string[] {
  const fr = lang === 'fr';
  const shown = e.conventions.filter(
    (c) => (c.cumul?.annees.length ?? 0) > 1 || (c.regularisation?.logements ?? 0) > 0,
  );
  if (!shown.length) return [];
  const rows = [
    COLS[lang],
    ...shown.map((c) => {
      const reg = c.regularisation;
      return [
        c.id,
        c.cumul?.depuis ?? '',
        num(c.cumul?.du ?? 0, lang),
        num(c.cumul?.realise ?? 0, lang),
        num(c.cumul?.retard ?? 0, lang),
        reg && reg.logements
          ? `${reg.points > 0 ? '+' : ''}${num(reg.points, lang)} (${String(reg.logements)} ${fr ? 'logement(s)' : 'flat(s)'})`
          : '—',
      ];
    }),
  ];
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((r) => Array.from(r[i] ?? '').length))) ?? [];
  const line = (r: string[]): string =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - Array.from(cell).length);
        return i === 0 || i === 1 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  return [
    '',
    fr
      ? 'Atteinte sur la durée (depuis la prise d’effet ou la première année des événements) et régularisation des points provisoires :'
      : 'Attainment over the term (since the effect date or the first year of the events) and regularisation of provisional points:',
    ...rows.map((r) => `  ${line(r)}`),
  ];
}
