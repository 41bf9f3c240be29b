/**
 * `npm run gen -- --region idf|france`: a synthetic region for `convflux evaluate`.
 *
 *   --region idf|france   Île-de-France (8 départements, ≈ 150 bailleurs, ≈ 1.3 M flats) or
 *                         France (métropole and DROM, ≈ 570 bailleurs, ≈ 5.3 M flats); idf
 *   --out DIR             output folder; gen/<region>
 *   --seed N              PRNG seed; 2020
 *   --annee YYYY          (last) year of events; 2024
 *   --annees K            years of events N-K+1 … N (one file a year when K > 1); 1
 *   --format csv|ndjson   parc and events format; csv
 *   --echelle F           scale on bailleurs and flats (0.01 for quick tests); 1
 *
 * Writes DIR/rules/conventions/<dép>/<SIREN>/<réservataire>/v<N>.yaml, DIR/logements.<format>
 * and DIR/evenements.<format> (K = 1) or DIR/evenements-<year>.<format> (sorted by date, then
 * id; cycles run on from one year into the next), then prints a summary.
 * Exit code: 0, or 2 for a usage or internal error.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateFlux, type FluxOptions, type FluxSummary } from './generate-flux.js';

const USAGE =
  'usage : npm run gen -- [--region idf|france] [--out DIR] [--seed N] [--annee AAAA] ' +
  '[--annees K] [--format csv|ndjson] [--echelle F]';

class UsageError extends Error {}

function options(argv: string[]): FluxOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string', default: 'idf' },
      out: { type: 'string' },
      seed: { type: 'string', default: '2020' },
      annee: { type: 'string', default: '2024' },
      annees: { type: 'string', default: '1' },
      format: { type: 'string', default: 'csv' },
      echelle: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const region = values.region;
  if (region !== 'idf' && region !== 'france')
    throw new UsageError(`--region : idf ou france, pas « ${region} »`);
  const format = values.format;
  if (format !== 'csv' && format !== 'ndjson')
    throw new UsageError(`--format : csv ou ndjson, pas « ${format} »`);
  if (!/^[0-9]{1,10}$/.test(values.seed) || Number(values.seed) > 0xffffffff)
    throw new UsageError(`--seed : un entier de 0 à 4294967295, pas « ${values.seed} »`);
  if (
    !/^[0-9]{4}$/.test(values.annee) ||
    Number(values.annee) < 2000 ||
    Number(values.annee) > 2100
  )
    throw new UsageError(`--annee : une année de 2000 à 2100, pas « ${values.annee} »`);
  if (
    !/^[0-9]{1,2}$/.test(values.annees) ||
    Number(values.annees) < 1 ||
    Number(values.annees) > 10
  )
    throw new UsageError(`--annees : de 1 à 10, pas « ${values.annees} »`);
  const echelle = Number(values.echelle);
  if (!Number.isFinite(echelle) || echelle <= 0 || echelle > 4)
    throw new UsageError(`--echelle : un nombre > 0 et ≤ 4, pas « ${values.echelle} »`);
  return {
    region,
    out: values.out ?? join('gen', region),
    seed: Number(values.seed),
    annee: Number(values.annee),
    annees: Number(values.annees),
    format,
    echelle,
  };
}

const entier = (n: number): string => n.toLocaleString('fr-FR').replace(/\u202f/g, ' ');
const decimal = (n: number, digits = 1): string =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mo = (bytes: number): string => `${decimal(bytes / (1024 * 1024))} Mio`;
const pct = (part: number, total: number): string => `${decimal((100 * part) / (total || 1))} %`;

function print(s: FluxSummary): void {
  const o = s.options;
  const premiere = o.annee - (o.annees ?? 1) + 1;
  const types = Object.entries(s.parType)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${type} ${entier(count)}`);
  const rssMo = process.resourceUsage().maxRSS / 1024;
  console.log(
    [
      `convflux gen : région ${o.region}, année${premiere < o.annee ? `s ${String(premiere)}–` : ' '}${String(o.annee)}, graine ${String(o.seed)}, échelle ${String(o.echelle)}, format ${o.format}`,
      `  conventions : ${entier(s.bailleurs)} bailleurs, ${entier(s.implantations)} bailleur × département, ` +
        `${entier(s.conventions)} conventions, ${entier(s.conventionFiles)} fichiers (${mo(s.conventionBytes)}) → ${s.conventionsDir}`,
      `  parc        : ${entier(s.logements)} logements (hors flux ${pct(s.horsFlux, s.logements)}, ` +
        `QPV ${pct(s.qpv, s.logements)}) → ${s.logementsFile} (${mo(s.logementsBytes)})`,
      `  événements  : ${entier(s.evenements)} → ${s.evenementsFiles.join(', ')} (${mo(s.evenementsBytes)})`,
      `                ${types.join(', ')}`,
      `  cycles      : ${entier(s.liberations)} libérations de ${String(premiere)} à ${String(o.annee)}, dont ${entier(s.liberationsAnnee)} en ${String(o.annee)} (${pct(s.liberationsAnnee, s.logements)} du parc), ` +
        `${entier(s.cyclesDecembre)} commencés en décembre ${String(premiere - 1)}, ` +
        `${entier(s.cyclesOuverts)} sans bail au 31/12`,
      `  attributions: ${entier(s.attributions)} décisions d’attribution en CALEOL, ${entier(s.baux)} baux signés`,
      `  durée       : ${decimal(s.secondes.total, 1)} s (conventions ${decimal(s.secondes.conventions, 1)} s, ` +
        `parc et événements ${decimal(s.secondes.generation, 1)} s, écriture triée ${decimal(s.secondes.ecriture, 1)} s), ` +
        `mémoire max ${entier(Math.round(rssMo))} Mio`,
    ].join('\n'),
  );
}

function main(): void {
  let opts: FluxOptions | undefined;
  try {
    opts = options(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (!opts) {
    console.log(USAGE);
    return;
  }
  try {
    print(generateFlux(opts));
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  }
}

main();
