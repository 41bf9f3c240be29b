/**
 * The sub-articles of the « Refus » article: heading and situation of each case. The bailleur
 * does not refuse a complete file (only the CALEOL attributes, CCH art. L. 441-2 and R. 441-3):
 * `refus.bailleur` prints the procedure of an incomplete file left uncompleted.
 */
import type { PartieRegle } from '../engine/convention-rules.js';

export interface SituationRefus {
  titre: string;
  situation: string;
  cas: { candidat: boolean; caleol: boolean; reservataire: boolean; bailleur: boolean };
}

function cas(partie: PartieRegle): SituationRefus['cas'] {
  return {
    candidat: partie === 'candidat',
    caleol: partie === 'caleol',
    reservataire: partie === 'reservataire',
    bailleur: partie === 'bailleur',
  };
}

const TEXTES: Record<PartieRegle, { titre: string; situation: string }> = {
  candidat: {
    titre: 'Refus du candidat',
    situation:
      'Lorsque le ménage désigné refuse le logement qui lui est proposé et qu’aucun autre candidat classé par la CALEOL ne peut en bénéficier',
  },
  caleol: {
    titre: 'Refus de la commission d’attribution',
    situation:
      'Lorsque la commission d’attribution des logements et d’examen de l’occupation des logements (CALEOL) ne retient aucun des candidats désignés par le réservataire',
  },
  reservataire: {
    titre: 'Refus du réservataire',
    situation: 'Lorsque le réservataire décline le logement qui lui a été orienté',
  },
  bailleur: {
    titre: 'Dossier incomplet',
    situation: 'Lorsque le dossier signalé incomplet n’a pas été complété dans ce délai',
  },
};

export function situationRefus(partie: PartieRegle): SituationRefus {
  return { ...TEXTES[partie], cas: cas(partie) };
}
