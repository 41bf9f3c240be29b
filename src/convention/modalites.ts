/**
 * The `modalites` of a convention as they apply: the written value, else the registry's default
 * (src/convention/defauts-modalites.ts). The printed text reads them from here only.
 */
import type { Convention, Modalites } from './convention.js';
import { valeurEffective } from './defauts.js';

export interface ModalitesApplicables {
  notification: {
    delai: string;
    a_compter_de: 'conge' | 'liberation';
    jours: 'calendaires' | 'ouvres';
    date_reference: 'envoi' | 'reception';
    canal: string;
  };
  publics: { part_attributions?: number; outil: string; eligibilite: string };
  delaiCompletude: string;
  delaiCaleol: string;
  delaiBaux: string;
  gestion: NonNullable<Modalites['gestion']>;
  delegataire?: string;
  /** The État's agents' designation channel (undefined for the other réservataires). */
  serviceAgents?: string;
}

function lire(c: Convention, cle: string): unknown {
  return valeurEffective(c, `/modalites/${cle}`);
}

function texte(c: Convention, cle: string): string {
  return lire(c, cle) as string;
}

export function modalitesApplicables(c: Convention): ModalitesApplicables {
  return {
    notification: {
      delai: texte(c, 'notification/delai'),
      a_compter_de: lire(c, 'notification/a_compter_de') as 'conge' | 'liberation',
      jours: lire(c, 'notification/jours') as 'calendaires' | 'ouvres',
      date_reference: lire(c, 'notification/date_reference') as 'envoi' | 'reception',
      canal: texte(c, 'notification/canal'),
    },
    publics: {
      part_attributions: lire(c, 'publics_prioritaires/part_attributions') as number | undefined,
      outil: texte(c, 'publics_prioritaires/outil'),
      eligibilite: texte(c, 'publics_prioritaires/eligibilite'),
    },
    delaiCompletude: texte(c, 'dossiers/delai_completude'),
    delaiCaleol: texte(c, 'information_caleol/delai'),
    delaiBaux: texte(c, 'information_baux/delai'),
    gestion: lire(c, 'gestion') as ModalitesApplicables['gestion'],
    delegataire: c.modalites?.delegataire,
    serviceAgents: lire(c, 'agents_etat/service_designataire') as string | undefined,
  };
}
