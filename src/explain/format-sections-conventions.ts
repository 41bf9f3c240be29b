/**
 * Sections of `convflux evaluate`'s text output about some conventions only: the periods of the
 * year of an avenant (I16), the État's agents' share (I6), the consumption of converted stock
 * rights (`conversion_stock`).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { ConventionResultat } from '../engine/evaluation.js';
import { num, pct, table } from './format-evaluation.js';

const T = {
  fr: {
    periodes: 'Périodes de l’année (une par version en vigueur ; le total est leur somme)',
    colsPeriodes: ['convention', 'version', 'du', 'au', 'part', 'flux', 'dû', 'réalisé'],
    agents: 'Agents civils et militaires de l’État (au sein de la part de l’État)',
    colsAgents: ['convention', 'part', 'dû', 'réalisé', 'taux'],
    conversion: 'Droits uniques de la conversion du stock',
    colsConversion: [
      'convention',
      'volume',
      'au 1er janvier',
      'consommés',
      'restants',
      'attendus',
      'retard',
    ],
    oui: 'oui',
    non: 'non',
  },
  en: {
    periodes: 'Periods of the year (one per version in force; the total is their sum)',
    colsPeriodes: ['convention', 'version', 'from', 'to', 'part', 'flux', 'due', 'achieved'],
    agents: 'State civil and military staff (within the State’s part)',
    colsAgents: ['convention', 'part', 'due', 'achieved', 'rate'],
    conversion: 'Droits uniques of the stock conversion',
    colsConversion: [
      'convention',
      'volume',
      'at 1 January',
      'consumed',
      'remaining',
      'expected',
      'behind',
    ],
    oui: 'yes',
    non: 'no',
  },
};

const titre = (s: string, lang: Lang): string => `${s}${lang === 'fr' ? ' :' : ':'}`;
const indent = (lines: string[]): string[] => lines.map((l) => `  ${l}`);

export function sectionsConventions(
  conventions: readonly ConventionResultat[],
  lang: Lang,
): string[] {
  const t = T[lang];
  const out: string[] = [];
  const periodes = conventions.flatMap((c) =>
    (c.periodes ?? []).map((p, i) => [
      i === 0 ? c.id : '',
      String(p.version),
      p.debut,
      p.fin,
      pct(p.part, lang),
      String(p.flux),
      num(p.du, lang, 2),
      num(p.realise, lang, 2),
    ]),
  );
  if (periodes.length)
    out.push(
      '',
      titre(t.periodes, lang),
      ...indent(table([t.colsPeriodes, ...periodes], new Set([1, 4, 5, 6, 7]))),
    );
  const agents = conventions.flatMap((c) =>
    c.agents
      ? [
          [
            c.id,
            pct(c.agents.part, lang),
            num(c.agents.du, lang, 2),
            num(c.agents.realise, lang, 2),
            pct(c.agents.taux, lang),
          ],
        ]
      : [],
  );
  if (agents.length)
    out.push(
      '',
      titre(t.agents, lang),
      ...indent(table([t.colsAgents, ...agents], new Set([1, 2, 3, 4]))),
    );
  const conversion = conventions.flatMap((c) => {
    const x = c.conversion;
    return x
      ? [
          [
            c.id,
            num(x.volume_initial, lang, 2),
            num(x.debut_annee, lang, 2),
            num(x.consomme, lang, 2),
            num(x.restant, lang, 2),
            x.attendu === undefined ? '—' : num(x.attendu, lang, 2),
            x.en_retard ? t.oui : t.non,
          ],
        ]
      : [];
  });
  if (conversion.length)
    out.push(
      '',
      titre(t.conversion, lang),
      ...indent(table([t.colsConversion, ...conversion], new Set([1, 2, 3, 4, 5]))),
    );
  return out;
}
