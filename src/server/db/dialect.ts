/** The two databases the service runs on, and the few column types that differ between them. */
export type Dialecte = 'sqlite' | 'postgres';

export interface TypesColonnes {
  /** An auto-incremented integer primary key. */
  serial: 'integer' | 'serial';
  /** Raw bytes. */
  octets: 'blob' | 'bytea';
}

export function typesColonnes(dialecte: Dialecte): TypesColonnes {
  return dialecte === 'sqlite'
    ? { serial: 'integer', octets: 'blob' }
    : { serial: 'serial', octets: 'bytea' };
}
