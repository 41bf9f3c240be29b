/**
 * The accounts `convflux serve --exemple` prints, and signing in as one of them (its one-time
 * password changed).
 */
import { Client, expectStatus, MOT_DE_PASSE, type Serveur } from './harness.js';

/** The accounts printed: organisation id → [address, one-time password]. */
export function comptes(sortie: string): Map<string, [string, string]> {
  const m = new Map<string, [string, string]>();
  for (const x of sortie.matchAll(
    /^Exemple : (\S+) — compte (\S+), mot de passe à usage unique (\S+)$/gm,
  ))
    if (x[1] && x[2] && x[3]) m.set(x[1], [x[2], x[3]]);
  return m;
}

/** Signs in as the member of the organisation printed at start (`bailleur:552046484`…). */
export async function membreExemple(s: Serveur, organisation: string): Promise<Client> {
  const compte = comptes(s.sortie()).get(organisation);
  if (!compte) throw new Error(`pas de compte imprimé pour ${organisation}`);
  const [email, provisoire] = compte;
  const c = new Client(s.url);
  expectStatus(await c.connecter(email, provisoire), 201);
  expectStatus(
    await c.post('/api/moi/mot-de-passe', { actuel: provisoire, nouveau: MOT_DE_PASSE }),
    204,
  );
  return c;
}
