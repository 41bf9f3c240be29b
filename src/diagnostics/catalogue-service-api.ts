import type { CatalogueEntry } from './catalogue.js';

/** Messages of the service's HTTP layer beyond the foundation's (src/server/http/). */
export const catalogueServiceApi: Record<string, CatalogueEntry> = {
  SERVICE_CONFLIT: {
    severity: 'error',
    fr: 'Conflit : une écriture concurrente a déjà enregistré cette ressource ; relisez-la avant de réessayer.',
    en: 'Conflict: a concurrent write has already recorded this resource; read it again before retrying.',
  },
};
