/**
 * The one comparison of two conventions' data, key by key (`convflux diff` prints it, the avenant
 * checks its amended articles against it). Pure: two parsed, valid conventions in, a list of
 * changes out, in the order of the new version's keys.
 *
 * - The version's own metadata (version, statut, empreinte, signatures, date_effet, format) is
 *   not a change of the convention: the new date d'effet is when every change takes effect.
 * - Defaults are made explicit: a key absent from one version counts with the value its default
 *   gives (src/convention/defauts.ts). Writing a default that already applied is
 *   `defaut_explicite`, not a change in effect; and a default that follows another key (the delay
 *   after a refusal is the designation delay) changes when that key changes.
 * - Lists whose items have an identity (src/compare/identites.ts) are compared item by item.
 */
import { DEFAUTS, valeurA, valeurEffective, type JsonValue } from '../convention/defauts.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { childPointer, parsePointer } from '../source/json-pointer.js';
import type { Changement, Comparaison, NatureChangement } from './changement.js';
import { canonique, IDENTITES } from './identites.js';
import { libelleCle } from './libelles-cles.js';
import { partiesDe } from './parties-cles.js';

/** Keys of a version that are not stipulations of the convention. */
export const METADONNEES: ReadonlySet<string> = new Set([
  'version',
  'statut',
  'empreinte',
  'signatures',
  'date_effet',
  'format',
]);

const AVEC_DEFAUT: ReadonlySet<string> = new Set(DEFAUTS.map((d) => d.cle));

type Objet = { [key: string]: JsonValue };
const estObjet = (v: JsonValue | undefined): v is Objet =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const egal = (a: JsonValue | undefined, b: JsonValue | undefined): boolean =>
  canonique(a) === canonique(b);
const generique = (pointeur: string): string => {
  const s = parsePointer(pointeur).map((x) => (/^\d+$/.test(x) ? '*' : x));
  return s.length ? `/${s.join('/')}` : '';
};

interface Contexte {
  a: unknown;
  b: unknown;
  lang: Lang;
  dateEffet: string;
}

interface Options {
  ancien_par_defaut?: boolean;
  nouveau_par_defaut?: boolean;
  element?: string;
}

function changement(
  ctx: Contexte,
  nature: NatureChangement,
  pointeur: string,
  ancien: JsonValue | undefined,
  nouveau: JsonValue | undefined,
  o: Options = {},
): Changement {
  return {
    pointeur,
    nature,
    ...(ancien !== undefined ? { ancien } : {}),
    ...(nouveau !== undefined ? { nouveau } : {}),
    ...(o.ancien_par_defaut ? { ancien_par_defaut: true } : {}),
    ...(o.nouveau_par_defaut ? { nouveau_par_defaut: true } : {}),
    libelle: libelleCle(pointeur, ctx.lang),
    ...(o.element !== undefined ? { element: o.element } : {}),
    date_effet: ctx.dateEffet,
    parties: partiesDe(pointeur),
  };
}

const effective = (data: unknown, pointeur: string): JsonValue | undefined =>
  valeurEffective(data, pointeur) as JsonValue | undefined;

/** A key written on one side only, that has a default: compare with the default. */
function parDefaut(
  ctx: Contexte,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  pointeur: string,
  o: Options,
): Changement[] | undefined {
  if (!AVEC_DEFAUT.has(pointeur) || (a === undefined) === (b === undefined)) return undefined;
  if (a === undefined) {
    const defaut = effective(ctx.a, pointeur);
    if (defaut === undefined) return undefined;
    if (egal(defaut, b)) return [changement(ctx, 'defaut_explicite', pointeur, defaut, b, o)];
    return comparer(ctx, defaut, b, pointeur, { ...o, ancien_par_defaut: true });
  }
  const defaut = effective(ctx.b, pointeur);
  if (defaut === undefined) return undefined;
  if (egal(a, defaut)) return [changement(ctx, 'defaut_implicite', pointeur, a, defaut, o)];
  return comparer(ctx, a, defaut, pointeur, { ...o, nouveau_par_defaut: true });
}

/**
 * An object written on one side only: its keys one by one (some may be defaults made explicit),
 * gathered back into one change when they all say the same.
 */
function objetSeul(
  ctx: Contexte,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  pointeur: string,
  o: Options,
): Changement[] {
  const present = (a ?? b) as Objet;
  const enfants = Object.keys(present).flatMap((k) =>
    comparer(
      ctx,
      a === undefined ? undefined : present[k],
      b === undefined ? undefined : present[k],
      childPointer(pointeur, k),
      o,
    ),
  );
  const nature = enfants[0]?.nature;
  if (enfants.length > 1 && enfants.every((c) => c.nature === nature) && nature !== 'modifie')
    return [
      changement(
        ctx,
        nature ?? 'ajoute',
        pointeur,
        nature === 'ajoute' ? undefined : a,
        nature === 'supprime' ? undefined : b,
        o,
      ),
    ];
  return enfants;
}

/** Two lists whose items have an identity: matched items compared, others added or removed. */
function listes(
  ctx: Contexte,
  a: JsonValue[],
  b: JsonValue[],
  pointeur: string,
  o: Options,
): Changement[] | undefined {
  const id = IDENTITES[generique(pointeur)];
  if (!id) return undefined;
  const paire = new Map<number, number>();
  const prises = new Set<number>();
  for (const cle of [id.cle, id.secours]) {
    if (!cle) continue;
    b.forEach((item, j) => {
      if (paire.has(j)) return;
      const k = cle(item);
      if (k === undefined) return;
      const i = a.findIndex((x, n) => !prises.has(n) && cle(x) === k);
      if (i >= 0) {
        paire.set(j, i);
        prises.add(i);
      }
    });
  }
  const out: Changement[] = [];
  b.forEach((item, j) => {
    const p = childPointer(pointeur, j);
    const element = id.nom(item, ctx.lang);
    const i = paire.get(j);
    if (i === undefined) out.push(changement(ctx, 'ajoute', p, undefined, item, { ...o, element }));
    else out.push(...comparer(ctx, a[i], item, p, { ...o, element }));
  });
  a.forEach((item, i) => {
    if (prises.has(i)) return;
    const element = id.nom(item, ctx.lang);
    out.push(
      changement(ctx, 'supprime', childPointer(pointeur, i), item, undefined, { ...o, element }),
    );
  });
  return out;
}

function comparer(
  ctx: Contexte,
  a: JsonValue | undefined,
  b: JsonValue | undefined,
  pointeur: string,
  o: Options = {},
): Changement[] {
  if (egal(a, b)) return [];
  const defaut = parDefaut(ctx, a, b, pointeur, o);
  if (defaut) return defaut;
  if (estObjet(a) && estObjet(b)) {
    const cles = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    return cles
      .filter((k) => pointeur !== '' || !METADONNEES.has(k))
      .flatMap((k) => comparer(ctx, a[k], b[k], childPointer(pointeur, k), o));
  }
  if ((a === undefined && estObjet(b)) || (b === undefined && estObjet(a)))
    return objetSeul(ctx, a, b, pointeur, o);
  if ((Array.isArray(a) || a === undefined) && (Array.isArray(b) || b === undefined)) {
    const parItem = listes(ctx, a ?? [], b ?? [], pointeur, o);
    if (parItem) return parItem;
  }
  const nature: NatureChangement =
    a === undefined ? 'ajoute' : b === undefined ? 'supprime' : 'modifie';
  return [changement(ctx, nature, pointeur, a, b, o)];
}

/**
 * A default that means nothing in this convention: the delay of a refusal that gives no new
 * designation, the share founded on loan guarantees when there are none.
 */
function sansObjet(data: unknown, cle: string): boolean {
  if (cle === '/flux/part_garantie_emprunt')
    return valeurA(data, '/reservataire/garantie_emprunt') !== true;
  if (/^\/refus\/\w+\/delai$/.test(cle))
    return valeurA(data, cle.replace(/delai$/, 'nouvelle_designation')) === false;
  return false;
}

/**
 * Defaults that follow another key, unwritten on both sides: they change with that key (the
 * delay after a refusal follows the designation delay), and the diff says so.
 */
function defautsSuivis(ctx: Contexte, deja: ReadonlySet<string>): Changement[] {
  const out: Changement[] = [];
  for (const d of DEFAUTS) {
    if (deja.has(d.cle)) continue;
    if (valeurA(ctx.a, d.cle) !== undefined || valeurA(ctx.b, d.cle) !== undefined) continue;
    const parent = d.cle.slice(0, d.cle.lastIndexOf('/'));
    if (parent && (valeurA(ctx.a, parent) === undefined || valeurA(ctx.b, parent) === undefined))
      continue;
    if (sansObjet(ctx.a, d.cle) && sansObjet(ctx.b, d.cle)) continue;
    const x = effective(ctx.a, d.cle);
    const y = effective(ctx.b, d.cle);
    if (x === undefined || y === undefined || egal(x, y)) continue;
    out.push(
      changement(ctx, 'modifie', d.cle, x, y, {
        ancien_par_defaut: true,
        nouveau_par_defaut: true,
      }),
    );
  }
  return out;
}

const entete = (data: unknown): Comparaison['ancienne'] => {
  const v = (k: string): string => {
    const x = valeurA(data, `/${k}`);
    return typeof x === 'string' || typeof x === 'number' ? String(x) : '';
  };
  return {
    id: v('id'),
    version: Number(v('version') || 0),
    date_effet: v('date_effet'),
    statut: v('statut'),
  };
};

/** Compares two valid conventions (the parsed YAML of each file). */
export function comparerConventions(a: unknown, b: unknown, lang: Lang = 'fr'): Comparaison {
  const ancienne = entete(a);
  const nouvelle = entete(b);
  const ctx: Contexte = { a, b, lang, dateEffet: nouvelle.date_effet };
  const changements = comparer(ctx, a as JsonValue, b as JsonValue, '');
  const vus = new Set(changements.map((c) => c.pointeur));
  changements.push(...defautsSuivis(ctx, vus));
  return { ancienne, nouvelle, memeConvention: ancienne.id === nouvelle.id, changements };
}
