/**
 * The printed numbers of the articles and annexes that state a change ("articles/decompte" →
 * "article 6", "annexes/objectifs" → "annexe 1"), as the new version prints them (the old one
 * for what the new version no longer has).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import type { ConventionView } from '../render/view-model.js';

function numero(partiel: string, view: ConventionView): string | undefined {
  const [dossier, nom = ''] = partiel.split('/');
  if (dossier === 'articles') {
    const a = (view.articles as Record<string, { numero: number | string } | undefined>)[nom];
    return a ? `article ${String(a.numero)}` : undefined;
  }
  if (dossier !== 'annexes') return undefined;
  const n =
    nom === 'objectifs'
      ? view.annexes.numeros.objectifs
      : nom === 'conversion-stock'
        ? view.annexes.numeros.conversion
        : 0;
  return n > 0 ? `annexe ${String(n)}` : undefined;
}

/** "article 5", "annexe 1" for the partials of a change (those a version prints). */
export function articlesImprimes(
  parties: readonly string[],
  views: readonly ConventionView[],
  lang: Lang,
): string[] {
  const out: string[] = [];
  for (const p of parties) {
    const n = views.map((v) => numero(p, v)).find((x) => x !== undefined);
    if (n)
      out.push(lang === 'fr' ? n : n.replace(/^article/, 'article').replace(/^annexe/, 'annex'));
  }
  return out;
}
