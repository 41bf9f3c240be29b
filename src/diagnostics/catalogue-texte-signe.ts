import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the checks on what a signed text must say (final legal reading of issue 10): the
 * avenant's date d'effet against its signature (src/check/avenant-effet-checks.ts), Action
 * Logement's identification (src/check/action-logement-checks.ts), the act and date of the local
 * instruments the visas cite (src/check/visas-locaux-checks.ts).
 */
export const catalogueTexteSigne: Record<string, CatalogueEntry> = {
  AVENANT_EFFET_AVANT_SIGNATURE: {
    severity: 'warning',
    fr: 'La version {version} prend effet le {date_effet}, avant sa dernière signature ({signature}), sans que l’avenant le stipule : son texte la fait prendre effet à son entrée en vigueur, le {signature}, alors que evaluate l’applique dès le {date_effet}. Si les parties en sont convenues, écrivez effet_avant_signature: true (l’avenant le dira) ; sinon, reportez date_effet.',
    en: 'Version {version} takes effect on {date_effet}, before its last signature ({signature}), and the avenant does not stipulate it: its text makes it take effect on its entry into force, {signature}, while evaluate applies it from {date_effet}. If the parties agreed, write effet_avant_signature: true (the avenant will say so); else move date_effet.',
  },
  ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE: {
    severity: 'warning',
    fr: 'Action Logement Services n’est pas identifiée comme une signature le demande : {cles} à renseigner (société par actions simplifiée, CCH art. L. 313-19 ; SIREN 824 541 148 au RCS de Paris).',
    en: 'Action Logement Services is not identified as a signature requires: {cles} to fill in (a société par actions simplifiée, CCH art. L. 313-19; SIREN 824 541 148, Paris trade register).',
    reference: { article: 'CCH art. L. 313-19' },
  },
  VISA_LOCAL_SANS_ACTE: {
    severity: 'warning',
    fr: 'Les visas citent {instrument} sans son acte ni sa date : renseignez {cle} (acte, date), imprimés « (arrêté … du …) ».',
    en: 'The visas cite {instrument} without its act and date: fill in {cle} (acte, date), printed "(arrêté … du …)".',
  },
};
