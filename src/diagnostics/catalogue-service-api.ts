import type { CatalogueEntry } from './catalogue.js';

/** Messages of the service's HTTP layer beyond the foundation's (src/server/http/). */
export const catalogueServiceApi: Record<string, CatalogueEntry> = {
  SERVICE_CONFLIT: {
    severity: 'error',
    fr: 'Conflit : une écriture concurrente a déjà enregistré cette ressource ; relisez-la avant de réessayer.',
    en: 'Conflict: a concurrent write has already recorded this resource; read it again before retrying.',
  },
  SERVICE_METHODE_NON_PERMISE: {
    severity: 'error',
    fr: 'Méthode {methode} non permise à cette adresse (méthodes permises : {permises}).',
    en: 'Method {methode} is not allowed at this address (allowed methods: {permises}).',
  },
  SERVICE_PARAMETRE_INCONNU: {
    severity: 'error',
    fr: 'Paramètre {parametre} inconnu de cette route (paramètres reconnus : {connus}) : rien n’a été fait.',
    en: 'Parameter {parametre} is unknown to this route (known parameters: {connus}): nothing was done.',
  },
};
