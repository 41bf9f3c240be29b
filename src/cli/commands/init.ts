import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { TypeReservataire } from '../../convention/convention.js';
import { squelette, TYPES_RESERVATAIRE } from '../../convention/squelette.js';
import { packagePath } from '../../package-path.js';
import { isErrnoError, SystemError, systemErrorFrom } from '../../source/system-error.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';

export interface InitFlags {
  out?: string;
  departement?: string;
}

const DEPARTEMENT = /^([0-9]{2}|2A|2B|97[1-6])$/;

/** `convflux init TYPE`: the commented skeleton of a convention, on stdout or in a new file. */
export function runInit(args: string[], o: InitFlags, flags: Flags, io: CommandIo): number {
  const [type, ...rest] = args;
  const types = TYPES_RESERVATAIRE.join(', ');
  if (type === undefined || rest.length)
    throw new UsageError(
      flags.lang === 'fr'
        ? `init attend un type de réservataire (${types})`
        : `init expects one réservataire type (${types})`,
    );
  if (!(TYPES_RESERVATAIRE as readonly string[]).includes(type))
    throw new UsageError(
      flags.lang === 'fr'
        ? `type de réservataire inconnu « ${type} » (${types})`
        : `unknown réservataire type "${type}" (${types})`,
    );
  if (o.departement !== undefined && !DEPARTEMENT.test(o.departement))
    throw new UsageError(
      flags.lang === 'fr'
        ? `--departement attend un code de département (ex. 93, 2A, 974), reçu « ${o.departement} »`
        : `--departement expects a département code (e.g. 93, 2A, 974), got "${o.departement}"`,
    );
  const out = o.out === undefined ? undefined : resolve(io.cwd, o.out);
  const schema = relative(
    out ? dirname(out) : io.cwd,
    packagePath('schemas', 'convention.schema.json'),
  );
  const text = squelette({
    type: type as TypeReservataire,
    lang: flags.lang,
    schema,
    ...(o.departement !== undefined ? { departement: o.departement } : {}),
  });
  if (!out || o.out === undefined) {
    if (flags.json) io.out(JSON.stringify({ ok: true, contenu: text, diagnostics: [] }));
    else io.out(text.trimEnd());
    return 0;
  }
  try {
    // `wx`: an existing file is never overwritten.
    writeFileSync(out, text, { flag: 'wx' });
  } catch (error) {
    if (isErrnoError(error) && error.code === 'EEXIST')
      throw new SystemError('INIT_FICHIER_EXISTANT', { chemin: o.out }, o.out);
    if (isErrnoError(error)) throw systemErrorFrom(error, o.out, flags.lang, true);
    throw error;
  }
  if (flags.json) io.out(JSON.stringify({ ok: true, fichier: o.out, diagnostics: [] }));
  else io.out(flags.lang === 'fr' ? `${o.out} écrit.` : `${o.out} written.`);
  return 0;
}
