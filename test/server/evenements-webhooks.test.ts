/**
 * A recorded event (`POST /api/bailleurs/:siren/evenements`) is told to the webhooks of the
 * bailleur and of the réservataire it names, never to another réservataire's; the answer does not
 * wait for the delivery; the payload holds the event's facts only. Through the real process
 * started with `--exemple`, a receiver on 127.0.0.1, on SQLite and PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membreExemple } from './exemple-comptes.js';
import { BASES, demarrerServeur, expectStatus, nouvelleBase, type Serveur } from './harness.js';

interface Recu {
  chemin: string;
  corps: { type: string; organisation: string; donnees: Record<string, unknown> };
}

/** Records every POST by path (one path per organisation); answers slowly (after 1.5 s). */
function recepteur(): Promise<{ server: Server; url: string; recus: Recu[] }> {
  const recus: Recu[] = [];
  const server = createServer((req, res) => {
    let corps = '';
    req.on('data', (b: Buffer) => (corps += b.toString()));
    req.on('end', () => {
      recus.push({ chemin: req.url ?? '', corps: JSON.parse(corps) as Recu['corps'] });
      setTimeout(() => res.writeHead(204).end(), 1500);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${String(port)}`, recus });
    });
  });
}

async function attendre(cond: () => boolean, ms = 15_000): Promise<void> {
  const fin = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > fin) throw new Error('attente dépassée');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SIREN = '552046484';
/** A flat of the example's parc with no event in its events file. */
const LOGEMENT = '93-552046484-00001';

describe.each(BASES)('événements saisis → webhooks (%s)', (nom) => {
  let s: Serveur;
  let rec: Awaited<ReturnType<typeof recepteur>>;
  beforeAll(async () => {
    rec = await recepteur();
    s = await demarrerServeur(nom, [...(await nouvelleBase(nom)), '--exemple'], {
      CONVFLUX_WEBHOOK_BACKOFF_MS: '150',
      CONVFLUX_WEBHOOK_BALAYAGE_MS: '300',
    });
  }, 120_000);
  afterAll(async () => {
    await s.stop();
    rec.server.close();
  });

  it('tells the bailleur’s and the addressee’s webhooks, not another réservataire’s, without waiting', async () => {
    const orgs = ['bailleur:552046484', 'reservataire:etat-93', 'reservataire:montreuil'];
    const clients = [];
    for (const org of orgs) {
      const c = await membreExemple(s, org);
      const url = `${rec.url}/${org.replace(':', '-')}`;
      expectStatus(await c.post('/api/webhooks', { organisation: org, url }), 201);
      clients.push(c);
    }
    const [bailleur] = clients;
    if (!bailleur) throw new Error('pas de bailleur');
    const debut = Date.now();
    const lib = await bailleur.post<{ classement: string }>(`/api/bailleurs/${SIREN}/evenements`, {
      id: 'W1',
      date: '2025-12-01',
      type: 'liberation',
      logement: LOGEMENT,
    });
    expectStatus(lib, 201);
    const ori = await bailleur.post<{ classement: string }>(
      `/api/bailleurs/${SIREN}/evenements?confirmer=true`,
      {
        id: 'W2',
        date: '2025-12-02',
        type: 'orientation',
        logement: LOGEMENT,
        reservataire: 'etat-93',
      },
    );
    expectStatus(ori, 201);
    // The receiver answers after 1.5 s: the two recordings did not wait for it.
    expect(Date.now() - debut).toBeLessThan(1500);
    const de = (chemin: string) => rec.recus.filter((r) => r.chemin === chemin);
    await attendre(
      () => de('/bailleur-552046484').length === 2 && de('/reservataire-etat-93').length === 1,
    );
    const auBailleur = de('/bailleur-552046484').map((r) => r.corps);
    expect(auBailleur.map((c) => c.type)).toEqual(['evenement.enregistre', 'evenement.enregistre']);
    expect(auBailleur.map((c) => (c.donnees['evenement'] as { id: string }).id).sort()).toEqual([
      'W1',
      'W2',
    ]);
    const aEtat = de('/reservataire-etat-93')[0]?.corps;
    expect(aEtat?.donnees).toEqual({
      bailleur: SIREN,
      evenement: {
        id: 'W2',
        date: '2025-12-02',
        type: 'orientation',
        logement: LOGEMENT,
        reservataire: 'etat-93',
        classement: ori.body.classement,
      },
    });
    // Another réservataire hears nothing (give the deliverer a few sweeps).
    await new Promise((r) => setTimeout(r, 1500));
    expect(de('/reservataire-montreuil')).toEqual([]);
    // No personal data: only the event's facts.
    for (const r of rec.recus)
      for (const k of Object.keys(r.corps.donnees['evenement'] as object))
        expect(['id', 'date', 'type', 'logement', 'reservataire', 'classement']).toContain(k);
  }, 60_000);

  it('says why a delivery to a receiver that is down failed (ECONNREFUSED), and keeps it to retry', async () => {
    // Before: « TypeError », the class of fetch's error, which says nothing to the administrator.
    const ferme = createServer();
    await new Promise<void>((r) => ferme.listen(0, '127.0.0.1', r));
    const { port } = ferme.address() as AddressInfo;
    await new Promise((r) => ferme.close(r));
    const c = await membreExemple(s, 'reservataire:saint-denis');
    const w = await c.post<{ id: string }>('/api/webhooks', {
      organisation: 'reservataire:saint-denis',
      url: `http://127.0.0.1:${String(port)}/hook`,
    });
    expectStatus(w, 201);
    expectStatus(await c.post(`/api/webhooks/${w.body.id}/test`), 202);
    let livraisons: { statut: string; tentatives: number; derniere_reponse: string | null }[] = [];
    for (const fin = Date.now() + 15_000; Date.now() < fin;) {
      const l = await c.get<{ livraisons: typeof livraisons }>(
        `/api/webhooks/${w.body.id}/livraisons`,
      );
      livraisons = l.body.livraisons;
      if (livraisons[0]?.derniere_reponse != null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(livraisons[0]).toMatchObject({ statut: 'a_livrer', derniere_reponse: 'ECONNREFUSED' });
  });
});
