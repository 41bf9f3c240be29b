/** The échéancier as an iCalendar feed (RFC 5545): one all-day event per deadline. */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDays } from '../convention/calendar.js';
import type { Echeance } from './echeance.js';

const TITRES: Record<Echeance['nature'], string> = {
  delai_designation: 'Délai de désignation',
  orientation_logement: 'Logement à orienter',
  bilan_annuel: 'Bilan annuel (R. 441-5-1)',
  fin_derogation: 'Fin de dérogation',
  fin_convention: 'Fin de convention',
};

const jour = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function titre(e: Echeance): string {
  const objet = e.logement ?? e.convention ?? `${e.bailleur} / ${e.departement}`;
  return `${TITRES[e.nature]} : ${objet}`;
}

/** `dtstamp`: the evaluation date (no wall clock: the same inputs give the same feed). */
export function echeancierIcs(echeances: readonly Echeance[], date: string, nom: string): string {
  const cal = ical({
    name: nom,
    prodId: { company: 'convflux', product: 'echeancier', language: 'FR' },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const e of echeances)
    cal.createEvent({
      id: `${e.id}@convflux`,
      start: jour(e.date),
      end: jour(addDays(e.date, 1)),
      allDay: true,
      stamp: jour(date),
      summary: titre(e),
      description: e.reference
        ? `${e.phrase}\n${e.reference.article} : « ${e.reference.texte} »`
        : e.phrase,
    });
  return cal.toString();
}
