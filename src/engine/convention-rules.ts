/**
 * The decompte, designation and refus clauses of one convention version, as json-rules-engine
 * rules. They are the reference semantics of the flux engine: `compile-conditions.ts` turns the
 * same JSON into plain functions for the hot path, and a property test proves both agree.
 *
 * Facts: `evenement` ({ type, decision, par }; `notification` starts the delay when
 * `/designation/a_compter_de` says so, see depart-delai.ts; the engine adds three synthetic types,
 * `expiration` when a designation delay lapses, `evaluation` at the evaluation date and at each
 * 31 December crossed before it, and `fin_cycle` when a cycle that scored provisionally at an
 * earlier year's end ends without its fait générateur) and `cycle`
 * ({ attribue, compte }: a CALEOL attribution is standing / the cycle currently scores).
 * Each rule's event carries one action for the cycle state machine (`cycle.ts`), the points it
 * gives and the JSON pointer of the convention clause it comes from (for explanations).
 */
import type { ConditionProperties, TopLevelCondition } from 'json-rules-engine';
import type { Convention } from '../convention/convention.js';
import {
  aExpiration,
  ponderation,
  provisoireSansSuite,
  regleRefus,
} from '../convention/clauses.js';
import { estParDefaut } from '../convention/defauts.js';
import { reglesDepartDelai } from './depart-delai.js';

export type Action =
  | 'annuler'
  | 'ouvrir'
  | 'designer'
  | 'relancer'
  | 'compter'
  | 'clore'
  | 'signaler'
  | 'provisoire'
  | 'terminer'
  | 'reprendre'
  | 'regulariser';

/** Order in which the state machine applies the actions of one event (engine order is not used). */
export const ORDRE_ACTIONS: readonly Action[] = [
  'annuler',
  'ouvrir',
  'designer',
  'relancer',
  'compter',
  'clore',
  'signaler',
  'provisoire',
  'terminer',
  'reprendre',
  'regulariser',
];

export interface ActionParams {
  action: Action;
  /** Points the cycle scores when this action sets its outcome. */
  points: number;
  /** JSON pointer of the clause of the convention that decides it. */
  cle: string;
  /** For ouvrir/relancer: the designation delay that starts (e.g. "1 mois"). */
  delai?: string;
}

export interface CycleRule {
  name: string;
  priority: number;
  conditions: TopLevelCondition;
  event: { type: string; params: ActionParams };
}

export type PartieRegle = 'candidat' | 'caleol' | 'reservataire' | 'bailleur';
export const PARTIES: readonly PartieRegle[] = ['candidat', 'caleol', 'reservataire', 'bailleur'];

const type = (value: string) => ({ fact: 'evenement', path: '$.type', operator: 'equal', value });
const fieldIs = (path: string, value: string) => ({
  fact: 'evenement',
  path: `$.${path}`,
  operator: 'equal',
  value,
});
const cycleIs = (path: string, value: boolean) => ({
  fact: 'cycle',
  path: `$.${path}`,
  operator: 'equal',
  value,
});

function rule(
  name: string,
  priority: number,
  all: ConditionProperties[],
  params: ActionParams,
): CycleRule {
  return { name, priority, conditions: { all }, event: { type: params.action, params } };
}

/** The rules of one convention version. Pure: same convention, same JSON. */
export function conventionRules(c: Convention): CycleRule[] {
  const p = ponderation(c);
  const rules: CycleRule[] = [];

  rules.push(
    ...reglesDepartDelai(c, rule, type),
    rule('designation', 80, [type('designation')], {
      action: 'designer',
      points: 0,
      cle: '/designation/delai',
    }),
  );

  const fait = c.decompte.fait_generateur;
  const faitConditions =
    fait === 'attribution'
      ? [type('caleol'), fieldIs('decision', 'attribution')]
      : fait === 'bail_signe'
        ? [type('bail_signe')]
        : [type('orientation')];
  rules.push(
    rule(`fait_generateur_${fait}`, 70, faitConditions, {
      action: 'compter',
      points: p.attribution,
      cle: '/decompte/fait_generateur',
    }),
  );

  for (const partie of PARTIES) {
    // Defaults from the registry (src/convention/defauts.ts); the clause is the key either way.
    const regle = regleRefus(c, partie);
    // Explanations point at the written clause, or at `/refus` when the default applies.
    const stipule = !estParDefaut(c, `/refus/${partie}`);
    const cle = stipule ? `/refus/${partie}` : '/refus';
    const quand =
      partie === 'caleol'
        ? [type('caleol'), fieldIs('decision', 'refus')]
        : [type('refus'), fieldIs('par', partie)];
    // A refusal after the CALEOL's attribution voids it (documented default semantics).
    if (fait === 'attribution')
      rules.push(
        rule(`refus_${partie}_apres_attribution`, 100, [...quand, cycleIs('attribue', true)], {
          action: 'annuler',
          points: 0,
          cle,
        }),
      );
    rules.push(
      regle.nouvelle_designation
        ? rule(`refus_${partie}`, 60, quand, {
            action: 'relancer',
            points: 0,
            cle: stipule ? `${cle}/nouvelle_designation` : cle,
            delai: regle.delai,
          })
        : rule(`refus_${partie}`, 60, quand, {
            action: 'clore',
            points: regle.decompte ? p.attribution : 0,
            cle: stipule ? `${cle}/decompte` : cle,
          }),
    );
  }

  const expiration = aExpiration(c);
  const ae = c.designation.a_expiration;
  const cleExpiration = (key: 'decompte' | 'reprise_pour_un_tour'): string =>
    ae?.[key] !== undefined
      ? `/designation/a_expiration/${key}`
      : ae
        ? '/designation/a_expiration'
        : '/designation';
  rules.push(
    expiration.reprise_pour_un_tour
      ? rule('delai_expire', 50, [type('expiration')], {
          action: 'clore',
          points: expiration.decompte ? p.attribution : 0,
          cle: cleExpiration('decompte'),
        })
      : rule('delai_expire', 50, [type('expiration')], {
          action: 'signaler',
          points: 0,
          cle: cleExpiration('reprise_pour_un_tour'),
        }),
    rule('bail_signe', 40, [type('bail_signe')], {
      action: 'terminer',
      points: 0,
      cle: '/decompte/fait_generateur',
    }),
    rule('reprise', 40, [type('reprise')], {
      action: 'reprendre',
      points: 0,
      cle: cleExpiration('reprise_pour_un_tour'),
    }),
    rule('cycle_ouvert_a_la_date', 30, [type('evaluation'), cycleIs('compte', false)], {
      action: 'provisoire',
      points: p.orientation,
      cle: '/decompte/ponderation',
    }),
    // A cycle that scored provisionally at an earlier year's end ends without its fait générateur.
    rule('provisoire_sans_suite', 20, [type('fin_cycle')], {
      action: 'regulariser',
      points: provisoireSansSuite(c) === 'acquis' ? p.orientation : 0,
      cle: '/decompte/ponderation/provisoire_sans_suite',
    }),
  );
  return rules;
}
