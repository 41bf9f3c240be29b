/**
 * `node dist/render/ensure-chromium.js`: makes sure the Chromium that `convflux render` drives is
 * there, before `npm run demo` and `npm test` need it.
 *
 * - CONVFLUX_CHROMIUM, else /usr/bin/chromium, exists: nothing to do (exit 0, silent).
 * - Missing, running as root with apt-get (a fresh Debian machine, CI): `apt-get update` then
 *   `apt-get install -y chromium`, non-interactive; exit 0 when the binary is then there.
 * - Missing otherwise: prints the exact command to run (or CONVFLUX_CHROMIUM to set) and exits 1.
 *
 * Nothing is ever downloaded but Debian's package: puppeteer-core never fetches a browser.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromiumPath, DEFAULT_CHROMIUM } from './chromium-process.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    if (dir && executable(`${dir}/${command}`)) return `${dir}/${command}`;
  }
  return undefined;
}

function run(command: string, args: string[]): boolean {
  console.error(`convflux : ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0;
}

export function ensureChromium(): number {
  const path = chromiumPath();
  if (executable(path)) return 0;
  const custom = process.env['CONVFLUX_CHROMIUM'];
  if (custom) {
    console.error(
      `convflux : CONVFLUX_CHROMIUM=${custom} n’est pas un exécutable. Corrigez ce chemin, ou ` +
        `retirez la variable pour utiliser le Chromium de Debian (${DEFAULT_CHROMIUM}).`,
    );
    return 1;
  }
  const root = process.getuid?.() === 0;
  const aptGet = onPath('apt-get');
  if (root && aptGet) {
    console.error(
      `convflux : Chromium manquant (${path}), installation du paquet Debian chromium…`,
    );
    if (run(aptGet, ['update', '-qq']) && run(aptGet, ['install', '-y', '-qq', 'chromium'])) {
      if (executable(path)) {
        console.error(`convflux : Chromium installé (${path}).`);
        return 0;
      }
    }
    console.error(
      `convflux : l’installation de Chromium a échoué (${path} toujours absent). ` +
        'Relancez `apt-get update && apt-get install -y chromium` et lisez son message.',
    );
    return 1;
  }
  const why = !aptGet
    ? 'apt-get est introuvable (système non Debian/Ubuntu)'
    : 'ce processus n’est pas root';
  console.error(
    `convflux : Chromium manquant (${path}) et ${why} : il n’est pas installé automatiquement.\n` +
      (aptGet
        ? '  Installez-le : sudo apt-get update && sudo apt-get install -y chromium\n'
        : '  Installez un Chromium ou Chrome, puis : export CONVFLUX_CHROMIUM=/chemin/vers/chromium\n') +
      '  (ou indiquez un autre binaire dans CONVFLUX_CHROMIUM). Le rendu PDF et ses tests en ont besoin.',
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = ensureChromium();
}
