/** CSV views of the sections some conventions have (periods of an avenant year, agents, conversion). */
import type { Evaluation } from '../engine/evaluation.js';
import { toCsv } from './evaluation-csv.js';

/** One row per version in force in the year of an avenant (conventions with one version: none). */
export function periodesCsv(e: Evaluation): string {
  return toCsv(
    ['annee', 'convention', 'version', 'debut', 'fin', 'part', 'flux', 'du', 'realise'],
    e.conventions.flatMap((c) =>
      (c.periodes ?? []).map((p) => [
        e.annee,
        c.id,
        p.version,
        p.debut,
        p.fin,
        p.part,
        p.flux,
        p.du,
        p.realise,
      ]),
    ),
  );
}

export function agentsCsv(e: Evaluation): string {
  return toCsv(
    ['annee', 'convention', 'part', 'du', 'realise', 'taux'],
    e.conventions.flatMap((c) =>
      c.agents
        ? [[e.annee, c.id, c.agents.part, c.agents.du, c.agents.realise, c.agents.taux]]
        : [],
    ),
  );
}

export function conversionCsv(e: Evaluation): string {
  return toCsv(
    [
      'annee',
      'convention',
      'volume_initial',
      'debut_annee',
      'consomme',
      'restant',
      'attendu',
      'en_retard',
    ],
    e.conventions.flatMap((c) => {
      const x = c.conversion;
      return x
        ? [
            [
              e.annee,
              c.id,
              x.volume_initial,
              x.debut_annee,
              x.consomme,
              x.restant,
              x.attendu,
              x.en_retard,
            ],
          ]
        : [];
    }),
  );
}
