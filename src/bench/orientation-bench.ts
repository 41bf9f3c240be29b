/**
 * `npm run bench` (orientation part, also `npm run bench:orientation`): the ranking of the
 * orientation aid over a generated year of 10 000 freed flats of one bailleur (4 communes, the
 * État per commune, Action Logement per département, a commune in its commune, an EPCI over two
 * communes, the bailleur's rest; 5 % of hard constraints; random wishes and « effet filière »).
 *   (a) `orienterAnnee`: `classer` flat by flat, first suggestion followed, accounts kept;
 *   (b) a hand-written loop floor over the same year: arrays of accounts, largest gap first, no
 *       safety check, no ranking, no objects per flat.
 * Prints (a)/(b) as a ratio, and the time of one suggestion. No goal of its own (the goal,
 * one suggestion within 0,2× an in-process re-evaluation, is the `orient` command's); exit 0.
 * Options: --flats N (default 10000), --seed N.
 */
import { parseArgs } from 'node:util';
import { BAILLEUR } from '../orientation/classement.js';
import {
  orienterAnnee,
  type AnneeOrientation,
  type LogementAnnee,
} from '../orientation/sequence.js';
import { entierOption } from './run-bench.js';

const REPEAT = 5;
const PARTS = { etat: 0.3, al: 0.25, commune: 0.1, epci: 0.05 };

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function logement(i: number, r: () => number): LogementAnnee {
  const commune = 1 + Math.floor(r() * 4);
  const territoires: Record<string, string[]> = {
    etat: [`commune:${String(commune)}`],
    al: ['departement:93'],
  };
  if (commune === 1) territoires.commune = ['commune:1'];
  if (commune <= 2) territoires.epci = ['epci:1'];
  const ids = [...Object.keys(territoires), BAILLEUR];
  const contraintes: Record<string, string[]> = {};
  for (const id of Object.keys(territoires)) if (r() < 0.05) contraintes[id] = ['cycle ouvert'];
  return {
    id: `L${String(i)}`,
    territoires,
    contraintes,
    voeux: Object.fromEntries(ids.map((id) => [id, Math.floor(r() * 3)])),
    filiere: Object.fromEntries(ids.map((id) => [id, r() < 0.1])),
  };
}

function genererAnnee(n: number, seed: number): AnneeOrientation {
  const r = lcg(seed);
  return { parts: PARTS, logements: Array.from({ length: n }, (_, i) => logement(i, r)) };
}

/** (b) The floor: the same accounts in flat arrays, the largest gap first, nothing else. */
function plancher(annee: AnneeOrientation): number {
  const index = new Map<string, number>();
  const du: number[] = [];
  const oriente: number[] = [];
  let ecartMax = 0;
  for (const l of annee.logements) {
    const reserve = Object.keys(l.territoires).reduce((s, c) => s + (annee.parts[c] ?? 0), 0);
    let meilleur = -1;
    let meilleurEcart = -Infinity;
    const comptes: number[] = [];
    for (const [id, ts] of [...Object.entries(l.territoires), [BAILLEUR, ['bailleur']] as const]) {
      const cle = `${id} ${ts[0] ?? ''}`;
      let k = index.get(cle);
      if (k === undefined) {
        k = du.length;
        index.set(cle, k);
        du.push(0);
        oriente.push(0);
      }
      du[k] = (du[k] ?? 0) + (id === BAILLEUR ? 1 - reserve : (annee.parts[id] ?? 0));
      comptes.push(k);
      const ecart = (du[k] ?? 0) - (oriente[k] ?? 0);
      if ((l.contraintes?.[id] ?? []).length === 0 && ecart > meilleurEcart) {
        meilleur = k;
        meilleurEcart = ecart;
      }
    }
    if (meilleur >= 0) oriente[meilleur] = (oriente[meilleur] ?? 0) + 1;
    for (const k of comptes)
      ecartMax = Math.max(ecartMax, Math.abs((du[k] ?? 0) - (oriente[k] ?? 0)));
  }
  return ecartMax;
}

function mediane(mesure: () => number): { ms: number; resultat: number } {
  const temps: number[] = [];
  let resultat = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    resultat = mesure();
    temps.push(performance.now() - t0);
  }
  temps.sort((a, b) => a - b);
  return { ms: temps[Math.floor(REPEAT / 2)] ?? 0, resultat };
}

function main(): number {
  const { values } = parseArgs({
    options: {
      flats: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '12' },
    },
  });
  const n = entierOption('flats', values.flats, { positif: true });
  const seed = entierOption('seed', values.seed);
  if (typeof n === 'string' || typeof seed === 'string') {
    console.error(typeof n === 'string' ? n : seed);
    return 2;
  }
  const annee = genererAnnee(n, seed);
  const aide = mediane(() => Math.max(...orienterAnnee(annee).map((p) => p.ecart_max)));
  const sol = mediane(() => plancher(annee));
  const fr = (x: number, d = 1): string =>
    x.toLocaleString('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`\nOrientation : ${fr(n, 0)} logements libérés, médiane de ${String(REPEAT)} passes`);
  console.log(
    `  (a) classer + suivi des comptes : ${fr(aide.ms)} ms (${fr((aide.ms * 1000) / n)} µs par suggestion), plus grand écart ${fr(aide.resultat, 2)}`,
  );
  console.log(
    `  (b) boucle plancher (plus grand écart d’abord) : ${fr(sol.ms)} ms, plus grand écart ${fr(sol.resultat, 2)}`,
  );
  console.log(`  ratio (a)/(b) : ×${fr(aide.ms / sol.ms)}`);
  return 0;
}

process.exitCode = main();
