/**
 * The scope of a regulation rule: the law (everywhere, with its severity), the internal coherence
 * of a convention (everywhere), or a local practice (its severity in the départements where it
 * was adopted; elsewhere a warning, whose message says it is local practice, not national law).
 */
import type { Severity } from '../diagnostics/diagnostic.js';

export type Portee =
  | { type: 'loi'; article: string }
  | { type: 'coherence' }
  | { type: 'pratique_locale'; territoire: string; departements: string[]; source: string };

export interface RegleAppliquee {
  severity: Severity;
  messages: { fr: string; en: string };
  /** Added to the diagnostic's params (data for `--json`). */
  params: Record<string, string>;
}

const HORS_TERRITOIRE = {
  fr: ' Il s’agit d’une pratique locale ({pratique_locale}), non de la loi nationale : hors de ce territoire, un simple avertissement.',
  en: ' This is a local practice ({pratique_locale}), not national law: outside that territory, only a warning.',
};

/** How a rule applies to a convention of a département (undefined: unknown). */
export function appliquerPortee(
  regle: { severity: Severity; messages: { fr: string; en: string }; portee: Portee },
  departement: unknown,
): RegleAppliquee {
  const { portee } = regle;
  if (portee.type !== 'pratique_locale')
    return { severity: regle.severity, messages: regle.messages, params: {} };
  const params = { pratique_locale: portee.territoire, pratique_source: portee.source };
  if (typeof departement === 'string' && portee.departements.includes(departement))
    return { severity: regle.severity, messages: regle.messages, params };
  return {
    severity: regle.severity === 'error' ? 'warning' : regle.severity,
    messages: {
      fr: regle.messages.fr + HORS_TERRITOIRE.fr,
      en: regle.messages.en + HORS_TERRITOIRE.en,
    },
    params,
  };
}
