/**
 * The permission matrix of the README, written from the routes' specs: for each route, who may
 * call it. `npx vitest run test/server/openapi.test.ts` fails when the README's copy is out of
 * step (`UPDATE_README=1` rewrites it).
 */
import type { RouteSpec } from '../http/route.js';
import { cheminOpenapi } from './document-openapi.js';
import { qui } from './acces-lisible.js';

function cellule(texte: string): string {
  return texte.replaceAll('|', '\\|');
}

/** A Markdown table, one row per route, by group then path then method. */
export function matricePermissions(specs: readonly RouteSpec[]): string {
  const tries = [...specs].sort(
    (a, b) =>
      a.groupe.localeCompare(b.groupe) ||
      a.chemin.localeCompare(b.chemin) ||
      a.methode.localeCompare(b.methode),
  );
  const lignes = tries.map(
    (s) =>
      `| ${s.groupe} | \`${s.methode.toUpperCase()} ${cheminOpenapi(s.chemin)}\` | ${cellule(s.resume)} | ${cellule(qui(s))} |`,
  );
  return [
    '| Groupe | Route | Ce qu’elle fait | Qui peut l’appeler |',
    '| --- | --- | --- | --- |',
    ...lignes,
  ].join('\n');
}
