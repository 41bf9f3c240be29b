/**
 * A diagnostic of the library said to the service's user: the catalogue's `service` wording where
 * the CLI's names what only a command line user typed (`--parc`, `--date`…), from the same code
 * and parameters, in `lang`; the `option` parameter (the CLI's option the message started with) is
 * left out. A code without a service wording is returned as it is (`traduireDiagnostic` says a
 * French one again in English).
 */
import { catalogue, hints } from './catalogue.js';
import type { Diagnostic, Lang } from './diagnostic.js';
import { renderTemplate } from './render-message.js';
import { traduireDiagnostic } from './traduire-diagnostic.js';

export function direAuService<D extends Diagnostic>(d: D, lang: Lang): D {
  return dire(d, lang, catalogue[d.code]?.service);
}

/** The file's own reading of a row whose fields were read from other columns (an RPLS file). */
export interface ColonnesDuFichier {
  /** Each parc field's column, as the file's header writes it (« FINAN_CODE » for `financement`). */
  colonnes: ReadonlyMap<string, string>;
  /** What the file's column may hold, when not the field's own values (NBPIECE: rooms, not T1…T6). */
  valeurs?: (champ: string, lang: Lang) => string | undefined;
}

/** A JSON pointer's token (RFC 6901: « ~ » and « / » escaped). */
const jeton = (nom: string): string => nom.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A diagnostic of what the service refuses (a posted event, a row of an import), in its words: the
 * catalogue's `refus` wording where the CLI's and `service`'s say « ignoré », else `direAuService`.
 * `fichier` names the file's own columns where the row was read from others (an RPLS file): its
 * `champ` parameter and its `pointer` say the file's column, `champ_parc` the parc field it is
 * read as, and `permises` what that column may hold.
 */
export function refusDuService<D extends Diagnostic>(
  d: D,
  lang: Lang,
  fichier?: ColonnesDuFichier,
): D {
  const entree = catalogue[d.code];
  const service = entree?.refus ?? entree?.service;
  if (!fichier) return dire(d, lang, service);
  const duPointeur = d.pointer.startsWith('/')
    ? fichier.colonnes.get(d.pointer.slice(1))
    : undefined;
  const champ = d.params['champ'];
  const colonne = typeof champ === 'string' ? fichier.colonnes.get(champ) : undefined;
  const valeurs =
    colonne !== undefined && typeof champ === 'string' && 'permises' in d.params
      ? fichier.valeurs?.(champ, lang)
      : undefined;
  const renomme: D = {
    ...d,
    ...(duPointeur === undefined ? {} : { pointer: `/${jeton(duPointeur)}` }),
    params:
      colonne === undefined
        ? d.params
        : {
            ...d.params,
            champ: colonne,
            champ_parc: champ,
            ...(valeurs === undefined ? {} : { permises: valeurs }),
          },
  };
  // A message that names the file's column is rendered again from the catalogue's wording.
  return dire(renomme, lang, service ?? (colonne === undefined ? undefined : entree));
}

function dire<D extends Diagnostic>(
  d: D,
  lang: Lang,
  service: { fr: string; en: string } | undefined,
): D {
  if (!service) return d;
  const params = Object.fromEntries(Object.entries(d.params).filter(([k]) => k !== 'option'));
  const indice = typeof params['indice'] === 'string' ? hints[params['indice']] : undefined;
  const message = renderTemplate(service[lang], params, lang);
  return { ...d, params, message: indice ? `${message} ${indice[lang]}` : message };
}

/** A diagnostic computed in French, said in `lang` (`traduireDiagnostic`) and in the service's words. */
export function traduireAuService<D extends Diagnostic>(d: D, lang: Lang): D {
  return direAuService(traduireDiagnostic(d, lang), lang);
}

/** The service's words for a message of the catalogue (a refusal's `motif`). */
export function messageDuService(
  code: string,
  params: Diagnostic['params'],
  lang: Lang,
): string | undefined {
  const e = catalogue[code];
  if (!e) return undefined;
  return renderTemplate((e.service ?? e)[lang], params, lang);
}
