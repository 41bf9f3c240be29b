/**
 * The bound of the service benchmark's recording: a bare express POST route (child process, as
 * bare-express.ts) that reads the JSON body and does exactly the floor's single-row INSERT
 * (insertion-unitaire.ts) through the same driver, then answers 201 — no authentication, no
 * classification, no batch. What any HTTP server in Node reaches on this machine: if even this is
 * under half the floor (which has no HTTP), the recording goal is out of reach for the route.
 *   node dist/bench/borne-saisie.js DATA [postgres://…]   (prints its address, serves POST /evenements)
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { openDatabase } from '../server/db/open-database.js';
import { insererUneLigne } from './insertion-unitaire.js';

const [data, database] = process.argv.slice(2);
if (!data) {
  console.error('usage : node dist/bench/borne-saisie.js DATA [postgres://…]');
  process.exit(2);
}
const base = await openDatabase({
  data,
  ...(database ? { database } : {}),
  sansMigrer: true,
});
let n = 0;
const app = express();
app.use(express.json());
app.post('/evenements', (req, res, next) => {
  insererUneLigne(base.db, `Q${String(++n)}`)
    .then(() => {
      res.status(201).json({ id: (req.body as { id?: unknown }).id });
    })
    .catch(next);
});
const server = app.listen(0, '127.0.0.1', () => {
  const a = server.address() as AddressInfo;
  console.log(`http://127.0.0.1:${String(a.port)}`);
});
process.once('SIGTERM', () => {
  server.close();
  void base.close().finally(() => process.exit(0));
});
