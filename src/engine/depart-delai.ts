/**
 * From which event the designation delay runs (`/designation/a_compter_de`): the orientation
 * (default) or the notification of the flat to the réservataire (event `notification`). As rules,
 * so that json-rules-engine and the compiled path decide it alike: with `orientation`, the
 * orientation opens the cycle and starts the delay; with `notification`, the orientation opens it
 * without a delay and the cycle's first notification starts the delay (cycle.ts asks the rules
 * for that first notification only).
 */
import type { ConditionProperties } from 'json-rules-engine';
import type { Convention } from '../convention/convention.js';
import { departDelaiDesignation } from '../convention/defauts-vie-logement.js';
import type { ActionParams, CycleRule } from './convention-rules.js';

type Regle = (
  name: string,
  priority: number,
  all: ConditionProperties[],
  params: ActionParams,
) => CycleRule;
type Condition = (value: string) => ConditionProperties;

export function reglesDepartDelai(c: Convention, rule: Regle, type: Condition): CycleRule[] {
  const delai = c.designation.delai;
  if (departDelaiDesignation(c) === 'orientation')
    return [
      rule('orientation', 90, [type('orientation')], {
        action: 'ouvrir',
        points: 0,
        cle: '/designation/delai',
        delai,
      }),
    ];
  return [
    rule('orientation', 90, [type('orientation')], {
      action: 'ouvrir',
      points: 0,
      cle: '/designation/a_compter_de',
    }),
    rule('notification', 85, [type('notification')], {
      action: 'relancer',
      points: 0,
      cle: '/designation/a_compter_de',
      delai,
    }),
  ];
}
