import type { Convention } from './convention.js';
import { valeurEffective } from './defauts.js';

/** The contract's nature as the parties state it, else the registry's default for the type. */
export function natureContrat(c: Convention): 'administratif' | 'prive' {
  return valeurEffective(c, '/juridiction/nature_contrat') === 'prive' ? 'prive' : 'administratif';
}
