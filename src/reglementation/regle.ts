import type { LegalReference, Severity } from '../diagnostics/diagnostic.js';
import type { Portee } from './portee.js';
import type { EngineRule } from './rules-engine.js';

/** A rule of rules/reglementation/regles/, as loaded. */
export interface Regle extends EngineRule {
  titre: string;
  severity: Severity;
  /** Law, coherence, or local practice (applied with its severity only in its départements). */
  portee: Portee;
  reference: LegalReference;
  /** Absolute pointer, or relative to each element when `pourChaque` is set. */
  pointeur: string;
  pourChaque?: string;
  messages: { fr: string; en: string };
  file: string;
}

export const severiteVersSeverity: Record<string, Severity> = {
  erreur: 'error',
  avertissement: 'warning',
  info: 'info',
};
