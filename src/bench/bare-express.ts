/**
 * The floor of the service benchmark's figures: a bare express route returning a JSON value of
 * the same size as the figures response (the same value when the route exists), serialised on
 * each request as `res.json` does — no authentication, no database, no engine.
 *   node dist/bench/bare-express.js PAYLOAD.json      (prints its address, serves GET /figures)
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

const fichier = process.argv[2];
if (!fichier) {
  console.error('usage : node dist/bench/bare-express.js PAYLOAD.json');
  process.exit(2);
}
const valeur: unknown = JSON.parse(readFileSync(fichier, 'utf8'));
const app = express();
app.get('/figures', (_req, res) => {
  res.json(valeur);
});
const server = app.listen(0, '127.0.0.1', () => {
  const a = server.address() as AddressInfo;
  console.log(`http://127.0.0.1:${String(a.port)}`);
});
process.once('SIGTERM', () => {
  server.close();
  process.exit(0);
});
