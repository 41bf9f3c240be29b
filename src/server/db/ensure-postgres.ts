/**
 * `npm test` runs the server suite against a real PostgreSQL: this makes sure Debian's
 * `postgresql` binaries are there, installing them when missing and run as root with apt-get;
 * otherwise it prints the exact command and fails (the tests never skip PostgreSQL).
 */
import { execFileSync } from 'node:child_process';
import { binairesPostgres, INSTALLER_POSTGRES } from './postgres-local.js';

function installer(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
  } catch {
    return false;
  }
  console.log('PostgreSQL est absent : installation du paquet Debian postgresql');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  return binairesPostgres() !== undefined;
}

if (!binairesPostgres() && !installer()) {
  console.error(
    `PostgreSQL est requis par les tests du service (npm test) et n’est pas installé. Installez-le : ${INSTALLER_POSTGRES}`,
  );
  process.exit(1);
}
