/**
 * The checks of a grid beyond its schema: its place (SIREN and version of the folder and file),
 * unique identifiers, fields and computed fields, conditions (fields the grid declares, tests
 * that fit the field, conjunctions no value satisfies), weights (present, in range, of the
 * grid's kind) and exclusive values that one request could both meet.
 */
import type { FileReport } from '../../diagnostics/file-report.js';
import type { Territoires } from '../../reference/territoires.js';
import { childPointer } from '../../source/json-pointer.js';
import { conditionImpossible, domaineDuTest, estVide, seChevauchent } from './domaines.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import {
  CHAMPS_INTEGRES,
  COLONNES_DE_BASE,
  champ,
  type Champ,
  testsOf,
  type Condition,
  type Critere,
  type Grille,
  type Groupe,
} from './grille.js';
import type { CotationLayout } from '../cotation-layout.js';
import { estColonnePersonnelle } from '../../cotation/colonnes-personnelles.js';

/** Bounds of a coefficient (lecture retenue par convflux, see the README). */
export const COEFFICIENT_MIN = 1;
export const COEFFICIENT_MAX = 3;

function checkPlace(g: Grille, r: FileReport, t: Territoires, layout?: CotationLayout): void {
  if (layout && g.epci.siren !== layout.siren)
    r.add(
      'COTATION_SIREN_INCOHERENT',
      { siren: g.epci.siren, dossier: layout.siren },
      '/epci/siren',
    );
  if (layout && g.version !== layout.version)
    r.add(
      'COTATION_VERSION_INCOHERENTE',
      { version: g.version, fichier: layout.version },
      '/version',
    );
  if (t.groupements.get(g.epci.siren)?.nature !== 'epci')
    r.add('COTATION_EPCI_INCONNU', { siren: g.epci.siren }, '/epci/siren');
}

function checkChamps(g: Grille, r: FileReport): void {
  for (const [nom, c] of Object.entries(g.champs)) {
    const at = childPointer('/champs', nom);
    // A declared field is read from the requests file: never a name nor an address.
    if (estColonnePersonnelle(nom))
      r.add('COTATION_CHAMP_PERSONNEL', { champ: nom }, at, { atKey: true });
    // A column every request has, or a built-in field: declared again it would be read twice,
    // with two meanings, and every row would be rejected by one of them.
    if (
      (COLONNES_DE_BASE as readonly string[]).includes(nom) ||
      Object.hasOwn(CHAMPS_INTEGRES, nom)
    )
      r.add('COTATION_CHAMP_RESERVE', { champ: nom }, at, { atKey: true });
    if (c.type === 'enum' && !c.valeurs)
      r.add('COTATION_VALEURS_REQUISES', {}, at, { atKey: true });
    if (c.min !== undefined && c.max !== undefined && c.min > c.max)
      r.add('COTATION_BORNES_INVERSEES', { min: c.min, max: c.max }, childPointer(at, 'min'));
    const operandes = c.calcul?.ecart_absolu ?? c.calcul?.difference ?? [];
    // A difference is a number: a yes/no or a code would never meet its tests, and a whole
    // number needs two whole numbers (else `superieur_a: 5, inferieur_a: 6` is not impossible).
    const entiers = operandes.every(
      (o) => !Object.hasOwn(g.champs, o) || g.champs[o]?.type !== 'nombre',
    );
    if (
      c.calcul &&
      (c.type === 'booleen' || c.type === 'enum' || (c.type === 'entier' && !entiers))
    )
      r.add('COTATION_CALCUL_TYPE', { champ: nom, type: c.type }, childPointer(at, 'type'));
    operandes.forEach((o, i) => {
      const source = Object.hasOwn(g.champs, o) ? g.champs[o] : undefined;
      const numerique =
        source && (source.type === 'nombre' || source.type === 'entier') && !source.calcul;
      if (!numerique)
        r.add(
          'COTATION_CALCUL_INVALIDE',
          { champ: o },
          `${at}/calcul/${c.calcul?.ecart_absolu ? 'ecart_absolu' : 'difference'}/${String(i)}`,
        );
    });
  }
}

/** Whose condition is checked: what an impossible test means for it. */
type Sujet = 'critere' | 'valeur' | 'priorite' | 'cas';

const EFFETS: Record<Sujet, Record<Lang, string>> = {
  critere: { fr: 'le critère ne serait jamais rempli', en: 'the criterion would never be met' },
  valeur: { fr: 'cette valeur ne s’appliquerait jamais', en: 'this value would never apply' },
  priorite: {
    fr: 'aucune demande ne serait prioritaire par cette condition',
    en: 'no request would be priority by this condition',
  },
  cas: {
    fr: 'ce cas de une_de ne serait jamais vrai, seuls les autres cas compteraient',
    en: 'this case of une_de would never hold, only the other cases would count',
  },
};

/** What a number field lets through before any test, when it says why no value is left. */
function domaineDuChamp(c: Champ, lang: Lang): string {
  if (c.type !== 'nombre' && c.type !== 'entier') return '';
  const fr = lang === 'fr';
  const nombre = (v: number): string => (fr ? String(v).replace('.', ',') : String(v));
  const bornes =
    c.min !== undefined && c.max !== undefined
      ? fr
        ? ` de ${nombre(c.min)} à ${nombre(c.max)}`
        : ` from ${nombre(c.min)} to ${nombre(c.max)}`
      : c.min !== undefined
        ? fr
          ? ` d’au moins ${nombre(c.min)}`
          : ` of at least ${nombre(c.min)}`
        : c.max !== undefined
          ? fr
            ? ` d’au plus ${nombre(c.max)}`
            : ` of at most ${nombre(c.max)}`
          : '';
  const calcule = c.calcul?.ecart_absolu
    ? fr
      ? ', un écart jamais négatif'
      : ', a gap never negative'
    : '';
  if (c.type === 'entier')
    return fr ? ` (nombre entier${bornes}${calcule})` : ` (whole number${bornes}${calcule})`;
  return bornes || calcule
    ? fr
      ? ` (nombre${bornes}${calcule})`
      : ` (number${bornes}${calcule})`
    : '';
}

/** Reports the problems of one condition; true when a field's tests were found impossible. */
function checkCondition(
  g: Grille,
  r: FileReport,
  cond: Condition,
  at: string,
  sujet: Sujet,
): boolean {
  let impossible = false;
  for (const [nom, test] of testsOf(cond)) {
    const fieldAt = childPointer(at, nom);
    const c = champ(g, nom);
    if (!c) {
      const permis = [...Object.keys(g.champs), ...Object.keys(CHAMPS_INTEGRES)].join(', ');
      r.add('COTATION_CHAMP_INCONNU', { champ: nom, permis }, fieldAt, { atKey: true });
      continue;
    }
    const { domaine, problemes } = domaineDuTest(c, test);
    for (const p of problemes)
      r.add(p.code, p.params, childPointer(fieldAt, p.cle), { atKey: true });
    if (!problemes.length && estVide(domaine)) {
      r.add(
        'COTATION_CONDITION_IMPOSSIBLE',
        { champ: nom, domaine: domaineDuChamp(c, r.lang), effet: EFFETS[sujet][r.lang] },
        fieldAt,
        { atKey: true },
      );
      impossible = true;
    }
  }
  cond.une_de?.forEach((alt, i) => {
    if (checkCondition(g, r, alt, `${at}/une_de/${String(i)}`, 'cas')) impossible = true;
  });
  return impossible;
}

function checkWeight(
  g: Grille,
  r: FileReport,
  owner: { coefficient?: number; points?: number },
  at: string,
): void {
  const multiplicative = g.combinaison === 'multiplicative';
  const c = owner.coefficient;
  if (c !== undefined && multiplicative && !(c >= COEFFICIENT_MIN && c <= COEFFICIENT_MAX))
    r.add(
      'COTATION_COEFFICIENT_HORS_BORNES',
      { valeur: c, min: COEFFICIENT_MIN, max: COEFFICIENT_MAX },
      `${at}/coefficient`,
    );
  // A malus is lawful (R. 441-2-10, 11° lets a refusal have effects on the score, and a grid may
  // state others), so an additive grid may take points away: said, not refused, since a sign
  // slip would lower the score of every request meeting the criterion.
  if (!multiplicative && owner.points !== undefined && owner.points < 0)
    r.add('COTATION_POINTS_NEGATIFS', { valeur: owner.points }, `${at}/points`);
  // The arithmetic is done in thousandths: a weight finer than that would be rounded in the
  // formula and the score while the grid, the JSON and the documents show it unrounded.
  const w = multiplicative ? c : owner.points;
  if (w !== undefined && Math.abs(w * 1000 - Math.round(w * 1000)) > 1e-6)
    r.add(
      'COTATION_POIDS_PRECISION',
      { valeur: w },
      `${at}/${multiplicative ? 'coefficient' : 'points'}`,
    );
  const stray = multiplicative ? 'points' : 'coefficient';
  if (owner[stray] !== undefined)
    r.add(
      'COTATION_POIDS_INUTILE',
      { cle: stray, combinaison: g.combinaison, poids: multiplicative ? 'coefficient' : 'points' },
      `${at}/${stray}`,
      { atKey: true },
    );
}

function checkCritere(g: Grille, r: FileReport, grp: Groupe, c: Critere, at: string): void {
  const key = g.combinaison === 'multiplicative' ? 'coefficient' : 'points';
  checkWeight(g, r, c, at);
  /** Reports an impossible condition; true when it is one. */
  const check = (cond: Condition, condAt: string, nom: string, sujet: Sujet): boolean => {
    if (checkCondition(g, r, cond, condAt, sujet)) return true;
    if (!conditionImpossible(g, cond)) return false;
    const objet =
      r.lang === 'fr'
        ? `la condition ${sujet === 'valeur' ? 'de la valeur' : 'du critère'} « ${nom} »`
        : `the condition of the ${sujet === 'valeur' ? 'value' : 'criterion'} "${nom}"`;
    r.add('COTATION_CRITERE_IMPOSSIBLE', { critere: nom, objet }, condAt, { atKey: true });
    return true;
  };
  const critereImpossible = check(c.si, `${at}/si`, c.id, 'critere');
  if (!c.valeurs) {
    if (c[key] === undefined && grp[key] === undefined)
      r.add(
        'COTATION_POIDS_MANQUANT',
        { critere: c.id, poids: key, combinaison: g.combinaison },
        at,
        { atKey: true },
      );
    return;
  }
  c.valeurs.forEach((v, i) => {
    const vAt = `${at}/valeurs/${String(i)}`;
    checkWeight(g, r, v, vAt);
    // A value applies when the criterion's condition and its own both hold: one that
    // contradicts the criterion's (criterion `egal: a`, value `egal: b`) never applies.
    if (!check(v.si, `${vAt}/si`, `${c.id}.${v.id}`, 'valeur') && !critereImpossible)
      if (!seChevauchent(g, c.si, v.si))
        r.add('COTATION_VALEUR_IMPOSSIBLE', { critere: c.id, valeur: v.id }, `${vAt}/si`, {
          atKey: true,
        });
    if (v[key] === undefined && c[key] === undefined && grp[key] === undefined)
      r.add(
        'COTATION_POIDS_MANQUANT',
        { critere: `${c.id}.${v.id}`, poids: key, combinaison: g.combinaison },
        vAt,
        { atKey: true },
      );
    for (const w of c.valeurs?.slice(0, i) ?? [])
      if (seChevauchent(g, c.si, w.si, v.si))
        r.add('COTATION_VALEURS_CHEVAUCHANTES', { critere: c.id, a: w.id, b: v.id }, `${vAt}/si`, {
          atKey: true,
        });
  });
}

function checkIds(g: Grille, r: FileReport): void {
  const seen = new Set<string>();
  const note = (id: string, at: string): void => {
    if (seen.has(id)) r.add('COTATION_ID_DOUBLE', { id }, `${at}/id`);
    seen.add(id);
  };
  g.groupes.forEach((grp, i) => {
    note(grp.id, `/groupes/${String(i)}`);
    grp.criteres.forEach((c, j) => {
      note(c.id, `/groupes/${String(i)}/criteres/${String(j)}`);
      const values = new Set<string>();
      c.valeurs?.forEach((v, k) => {
        if (values.has(v.id))
          r.add(
            'COTATION_ID_DOUBLE',
            { id: v.id },
            `/groupes/${String(i)}/criteres/${String(j)}/valeurs/${String(k)}/id`,
          );
        values.add(v.id);
      });
    });
  });
}

export function verifierGrille(
  g: Grille,
  r: FileReport,
  t: Territoires,
  layout?: CotationLayout,
): void {
  checkPlace(g, r, t, layout);
  // The applicant is told the criteria with their legal basis: a grid that cites none is
  // checked, but its public document would have no « Références » section.
  if (!g.references?.length)
    r.add('COTATION_SANS_REFERENCES', {}, g.references ? '/references' : '');
  checkChamps(g, r);
  checkIds(g, r);
  // The priority's condition as a criterion's: each field's tests, then the cases together.
  if (
    g.priorite &&
    !checkCondition(g, r, g.priorite.si, '/priorite/si', 'priorite') &&
    conditionImpossible(g, g.priorite.si)
  )
    r.add(
      'COTATION_CRITERE_IMPOSSIBLE',
      {
        critere: 'priorite',
        objet: r.lang === 'fr' ? 'la condition de priorité' : 'the priority condition',
      },
      '/priorite/si',
      { atKey: true },
    );
  g.groupes.forEach((grp, i) => {
    const at = `/groupes/${String(i)}`;
    checkWeight(g, r, grp, at);
    grp.criteres.forEach((c, j) => {
      checkCritere(g, r, grp, c, `${at}/criteres/${String(j)}`);
    });
  });
}
