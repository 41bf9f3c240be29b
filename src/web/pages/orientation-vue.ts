/**
 * The orientation page's view of the API's suggestion: the ranked candidates first, those a hard
 * constraint excludes after (their constraint as their reason), and the choices the form offers —
 * the réservataires that can receive the flat (the bailleur's own contingent receives no
 * orientation event), the first suggestion checked unless the visitor chose another.
 */
import { BAILLEUR } from '../../orientation/classement.js';
import type { CandidatOrientation } from '../../orientation/suggestion.js';
import type { ReponseOrientation } from './logements-vues.js';

export interface SaisieOrientation {
  reservataire: string;
  date: string;
  /** The form was sent: what it carried is kept as it was (nothing checked for the visitor). */
  envoye: boolean;
  /** The event's id, drawn once when the form is shown: sending it twice records it once. */
  evenement: string;
}

const parRang = (a: CandidatOrientation, b: CandidatOrientation): number =>
  (a.rang || Infinity) - (b.rang || Infinity) || a.id.localeCompare(b.id);

export function vueOrientation(o: ReponseOrientation, saisie: SaisieOrientation) {
  const s = o.suggestion;
  if (!s) return { dateSuggestion: o.date, candidats: [], choix: [] };
  const candidats = [...s.candidats].sort(parRang).map((c) => ({
    ...c,
    classe: c.rang > 0,
    suggere: c.id === s.suggestion,
    bailleur: c.id === BAILLEUR,
    voeuxSatisfaits: c.voeux.filter((v) => v.satisfait).length,
  }));
  const possibles = candidats.filter((c) => c.classe && !c.bailleur);
  const retenu =
    possibles.find((c) => c.id === saisie.reservataire)?.id ??
    (saisie.reservataire || saisie.envoye ? undefined : possibles.find((c) => c.suggere)?.id);
  return {
    suggestion: s,
    dateSuggestion: o.date,
    candidats,
    bailleurSuggere: s.suggestion === BAILLEUR,
    choix: possibles.map((c, i) => ({
      id: c.id,
      nom: c.nom,
      rang: c.rang,
      suggere: c.suggere,
      coche: c.id === retenu,
      ident: i === 0 ? 'champ-reservataire' : `champ-reservataire-${String(i)}`,
    })),
    residence: s.residence
      ? {
          ...s.residence,
          total: s.residence.dernieres.length,
          contingents: Object.entries(s.residence.contingents)
            .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
            .map(([id, n]) => ({ id, n })),
        }
      : undefined,
    saisie: { ...saisie, date: saisie.date || o.date },
  };
}
