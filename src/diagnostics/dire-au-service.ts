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
  const service = catalogue[d.code]?.service;
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
