/**
 * Starts the service: opens (and migrates) the database, creates the first administrator if
 * there is no account, and listens. Several processes may share one PostgreSQL database: all
 * state (sessions, rate-limit counters, caches) is in the database or rebuilt from it.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { creerApplication } from './app.js';
import type { Contexte } from './contexte.js';
import { openDatabase, type Base } from './db/open-database.js';
import { marquerImportsInterrompus } from './flux/imports-interrompus.js';
import { chargerExemple } from './exemple/charger-exemple.js';
import { EMAIL_ADMIN, premierAdmin } from './premier-admin.js';
import { annoncerEcheances } from './webhooks/annonces.js';
import { demarrerLivreur } from './webhooks/livraisons.js';

/** How long an idle keep-alive connection stays open (above a proxy's usual 60 s). */
const KEEP_ALIVE_MS = 65_000;

export interface ServeOptions {
  data: string;
  port: number;
  host: string;
  database?: string;
  cookiesSecurises?: boolean;
  /** Load the bundled example on an empty database (`--exemple`). */
  exemple?: boolean;
  /** Start-up messages (never personal data). */
  log: (line: string) => void;
}

export interface Service {
  url: string;
  base: Base;
  close(): Promise<void>;
}

function ecouter(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function demarrer(o: ServeOptions): Promise<Service> {
  const base = await openDatabase({
    data: o.data,
    ...(o.database ? { database: o.database } : {}),
  });
  const ctx: Contexte = {
    base,
    maintenant: () => new Date(),
    cookiesSecurises: o.cookiesSecurises ?? false,
  };
  const motDePasse = await premierAdmin(base.db, ctx.maintenant());
  const interrompus = await marquerImportsInterrompus(base);
  const exemple = o.exemple ? await chargerExemple(base, ctx.maintenant()) : [];
  const app = creerApplication(ctx);
  const http = createServer(app);
  // An idle keep-alive connection is closed after a minute, not Node's 5 s: a client (or a proxy)
  // that sends its next request as the server closes the socket gets no answer at all; a server
  // busy computing for seconds closes late its sockets already due, as the next request comes.
  http.keepAliveTimeout = KEEP_ALIVE_MS;
  http.headersTimeout = KEEP_ALIVE_MS + 1000;
  let adresse: AddressInfo;
  try {
    adresse = await ecouter(http, o.port, o.host);
  } catch (e) {
    await base.close();
    throw e;
  }
  const livreur = demarrerLivreur(ctx, () =>
    annoncerEcheances(ctx, ctx.maintenant().toISOString().slice(0, 10)),
  );
  const host = adresse.family === 'IPv6' ? `[${adresse.address}]` : adresse.address;
  const url = `http://${host}:${String(adresse.port)}`;
  if (motDePasse)
    o.log(
      `Premier démarrage : compte administrateur ${EMAIL_ADMIN}, mot de passe à usage unique ${motDePasse} (à changer à la première connexion).`,
    );
  if (interrompus)
    o.log(
      `Imports interrompus (arrêt brutal pendant l’import, rien n’en a été écrit) : ${String(interrompus)}, marqués « interrompu ».`,
    );
  exemple.forEach((l) => {
    o.log(l);
  });
  // Last line: the service is ready at this address.
  o.log(`convflux serve : ${url} (base ${base.dialecte} : ${base.description})`);
  return {
    url,
    base,
    close: async () => {
      livreur.arreter();
      // The connections answering now close as soon as they are idle: no minute's wait.
      http.keepAliveTimeout = 1;
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve();
        }),
      );
      await base.close();
    },
  };
}
