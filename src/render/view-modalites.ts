/**
 * The implementation terms the État convention must settle (arrêté du 10 mars 2011, art. 1,
 * 3° to 9°, and art. 2; CCH art. R. 441-5-2 III), printed in every convention: the bailleur's
 * notification (délai, point de départ, canal, contenu), the publics prioritaires and how their
 * eligibility is recognised, the files, the information on CALEOL decisions, leases and
 * refusals, the mode of management and the channel of the État's agents.
 */
import { candidats } from '../convention/clauses.js';
import type { Convention } from '../convention/convention.js';
import { TYPES_QUART_PRIORITAIRES } from '../convention/defauts-modalites.js';
import { modalitesApplicables } from '../convention/modalites.js';
import { pourcent, pourcentEnLettres } from './typographie.js';
import { delai } from './view-delai.js';
import type { ArticleView, DelaiView, ShapeOf } from './view-model.js';

export interface ModalitesView {
  notification: {
    delai: DelaiView;
    /** « la réception du congé du locataire ». */
    depart: string;
    ouvres: boolean;
    reception: boolean;
    canal: string;
  };
  publics: {
    eligibilite: string;
    outil: string;
    partPresente: boolean;
    part: string;
    partEnLettres: string;
    /** The réservataire is one of those bound to the quarter (collectivités, Action Logement). */
    quartLegal: boolean;
  };
  dossiers: { delai: DelaiView };
  caleol: { delai: DelaiView };
  baux: { delai: DelaiView };
  gestion: {
    directe: boolean;
    presentation: boolean;
    deleguee: boolean;
    delegataire: string;
    delegataireAPreciser: boolean;
  };
  agents: { service: string };
  /** More than one candidate per flat: the R. 441-3 exceptions are printed. */
  candidats: { plusieurs: boolean };
}

const V = 'valeur';
const DELAI: ShapeOf<DelaiView> = { texte: V, deTexte: V, enMois: V, brut: V };

export const MODALITES_SHAPE: ShapeOf<ModalitesView> = {
  notification: { delai: DELAI, depart: V, ouvres: V, reception: V, canal: V },
  publics: {
    eligibilite: V,
    outil: V,
    partPresente: V,
    part: V,
    partEnLettres: V,
    quartLegal: V,
  },
  dossiers: { delai: DELAI },
  caleol: { delai: DELAI },
  baux: { delai: DELAI },
  gestion: {
    directe: V,
    presentation: V,
    deleguee: V,
    delegataire: V,
    delegataireAPreciser: V,
  },
  agents: { service: V },
  candidats: { plusieurs: V },
};

export function buildModalitesView(c: Convention): ModalitesView {
  const m = modalitesApplicables(c);
  const part = m.publics.part_attributions;
  return {
    notification: {
      delai: delai(m.notification.delai),
      depart:
        m.notification.a_compter_de === 'conge'
          ? 'la réception par le bailleur du congé donné par le locataire'
          : 'la libération effective du logement',
      ouvres: m.notification.jours === 'ouvres',
      reception: m.notification.date_reference === 'reception',
      canal: m.notification.canal,
    },
    publics: {
      eligibilite: m.publics.eligibilite,
      outil: m.publics.outil,
      partPresente: part !== undefined,
      part: part !== undefined ? pourcent(part) : '',
      partEnLettres: part !== undefined ? pourcentEnLettres(part) : '',
      quartLegal: TYPES_QUART_PRIORITAIRES.includes(c.reservataire.type),
    },
    dossiers: { delai: delai(m.delaiCompletude) },
    caleol: { delai: delai(m.delaiCaleol) },
    baux: { delai: delai(m.delaiBaux) },
    gestion: {
      directe: m.gestion === 'directe',
      presentation: m.gestion === 'presentation_par_bailleur',
      deleguee: m.gestion === 'deleguee',
      delegataire: m.delegataire ?? '……………………………………',
      delegataireAPreciser: m.delegataire === undefined,
    },
    agents: { service: m.serviceAgents ?? '' },
    candidats: { plusieurs: candidats(c) > 1 },
  };
}

/** The « Publics » article's heading: the État's contingent serves priority households only. */
export function titresModalites<T extends { publics: ArticleView }>(articles: T, etat: boolean): T {
  return {
    ...articles,
    publics: {
      ...articles.publics,
      titre: etat ? 'Publics bénéficiaires' : 'Publics prioritaires',
    },
  };
}
