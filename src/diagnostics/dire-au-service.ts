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

/**
 * A diagnostic of what the service refuses (a posted event, a row of an import), in its words: the
 * catalogue's `refus` wording where the CLI's and `service`'s say « ignoré », else `direAuService`.
 * `colonnes` names the file's own columns where the row was read from others (an RPLS file:
 * « FINAN_CODE » for the parc's `financement`): its `champ` parameter says the file's column.
 */
export function refusDuService<D extends Diagnostic>(
  d: D,
  lang: Lang,
  colonnes?: ReadonlyMap<string, string>,
): D {
  const entree = catalogue[d.code];
  const champ = d.params['champ'];
  const colonne = typeof champ === 'string' ? colonnes?.get(champ) : undefined;
  if (colonne === undefined || !entree) return dire(d, lang, entree?.refus ?? entree?.service);
  const renomme = { ...d, params: { ...d.params, champ: colonne } };
  return dire(renomme, lang, entree.refus ?? entree.service ?? entree);
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
