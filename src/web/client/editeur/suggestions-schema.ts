/**
 * What the convention's JSON schema allows at a path: the keys of an object (with their
 * description, required first) and the values of a key (its `enum`, `const` or booleans, or its
 * list items'). `$ref`, `allOf` and `if`/`then` are followed; nothing else is needed here.
 */

export interface NoeudSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, NoeudSchema>;
  required?: string[];
  items?: NoeudSchema;
  enum?: unknown[];
  const?: unknown;
  allOf?: NoeudSchema[];
  anyOf?: NoeudSchema[];
  oneOf?: NoeudSchema[];
  then?: NoeudSchema;
  definitions?: Record<string, NoeudSchema>;
  'x-attendu'?: string;
}

export interface Suggestion {
  libelle: string;
  type: 'cle' | 'valeur';
  detail?: string;
  info?: string;
  obligatoire?: boolean;
}

/** The node and the nodes it stands for (`$ref`, `allOf`, `anyOf`, `oneOf`, `then`), flattened. */
function aplatir(racine: NoeudSchema, n: NoeudSchema | undefined, vus = 0): NoeudSchema[] {
  if (!n || vus > 20) return [];
  const out: NoeudSchema[] = [n];
  if (n.$ref?.startsWith('#/definitions/'))
    out.push(...aplatir(racine, racine.definitions?.[n.$ref.slice(14)], vus + 1));
  for (const sous of [...(n.allOf ?? []), ...(n.anyOf ?? []), ...(n.oneOf ?? [])])
    out.push(...aplatir(racine, sous, vus + 1));
  if (n.then) out.push(...aplatir(racine, n.then, vus + 1));
  return out;
}

/** The nodes at a path (`[]` = an item of a list). */
export function noeudsA(racine: NoeudSchema, chemin: readonly string[]): NoeudSchema[] {
  let noeuds = aplatir(racine, racine);
  for (const s of chemin) {
    noeuds = noeuds.flatMap((n) =>
      aplatir(racine, s === '[]' ? n.items : (n.properties?.[s] ?? undefined)),
    );
    if (!noeuds.length) return [];
  }
  return noeuds;
}

const typeDe = (ns: NoeudSchema[]): string | undefined => {
  const t = ns.find((n) => n.type !== undefined)?.type;
  return Array.isArray(t) ? t.join(' | ') : t;
};

/** The keys an object at `chemin` may have (required ones first), less those already written. */
export function clesPossibles(
  racine: NoeudSchema,
  chemin: readonly string[],
  dejaLa: ReadonlySet<string> = new Set(),
): Suggestion[] {
  const noeuds = noeudsA(racine, chemin);
  const requises = new Set(noeuds.flatMap((n) => n.required ?? []));
  const vues = new Map<string, Suggestion>();
  for (const n of noeuds)
    for (const [cle, p] of Object.entries(n.properties ?? {})) {
      if (vues.has(cle) || dejaLa.has(cle)) continue;
      const ps = aplatir(racine, p);
      const info = ps.find((x) => x.description)?.description;
      const detail = typeDe(ps);
      vues.set(cle, {
        libelle: cle,
        type: 'cle',
        obligatoire: requises.has(cle),
        ...(detail ? { detail } : {}),
        ...(info ? { info } : {}),
      });
    }
  return [...vues.values()].sort(
    (a, b) => Number(b.obligatoire) - Number(a.obligatoire) || a.libelle.localeCompare(b.libelle),
  );
}

/** The values a key at `chemin` may take: its enum, const, booleans, or its items'. */
export function valeursPossibles(racine: NoeudSchema, chemin: readonly string[]): Suggestion[] {
  const noeuds = noeudsA(racine, chemin);
  const avecItems = [...noeuds, ...noeuds.flatMap((n) => aplatir(racine, n.items))];
  const valeurs = new Set<unknown>();
  for (const n of avecItems) {
    for (const v of n.enum ?? []) valeurs.add(v);
    if (n.const !== undefined) valeurs.add(n.const);
    if (n.type === 'boolean') {
      valeurs.add(true);
      valeurs.add(false);
    }
  }
  const info = noeuds.find((n) => n.description)?.description;
  return [...valeurs]
    .filter((v): v is string | number | boolean =>
      ['string', 'number', 'boolean'].includes(typeof v),
    )
    .map((v) => ({ libelle: String(v), type: 'valeur' as const, ...(info ? { info } : {}) }));
}
