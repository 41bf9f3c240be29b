/**
 * Pages are Handlebars templates (`templates/web/pages/<nom>.hbs`) inside one layout
 * (`templates/web/layout.hbs`), with the partials of `templates/web/partials/`. Compiled once per
 * process. Helpers: `t` (page strings), `nombre`, `pct`, `date`, `deux_points` and `point_virgule`
 * (« : », « ; » in French, ":", ";" in English), `eq`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Request, Response } from 'express';
import Handlebars from 'handlebars';
import type { Lang } from '../diagnostics/diagnostic.js';
import { packagePath } from '../package-path.js';
import type { Principal } from '../server/auth/principal.js';
import { dateEnMots, locale } from './formats.js';
import { t } from './i18n/messages.js';
import { langue } from './langue.js';
import { navigation } from './navigation.js';

const DOSSIER = packagePath('templates', 'web');

type Gabarit = Handlebars.TemplateDelegate;

const nombreFr = (n: number, d: number, lang: Lang) =>
  new Intl.NumberFormat(locale(lang), {
    maximumFractionDigits: d,
    minimumFractionDigits: 0,
  }).format(n);

function creerMoteur(): typeof Handlebars {
  const hb = Handlebars.create();
  const lang = (o: Handlebars.HelperOptions): Lang =>
    (o.data as { root?: { lang?: Lang } }).root?.lang ?? 'fr';
  hb.registerHelper('t', (cle: string, o: Handlebars.HelperOptions) => t(lang(o), cle));
  hb.registerHelper('nombre', (n: unknown, ...r: unknown[]) => {
    const o = r[r.length - 1] as Handlebars.HelperOptions;
    const d = typeof r[0] === 'number' ? r[0] : 2;
    return typeof n === 'number' ? nombreFr(n, d, lang(o)) : '—';
  });
  hb.registerHelper('pct', (n: unknown, o: Handlebars.HelperOptions) =>
    // « 30 % » in French (narrow no-break space), "30%" in English.
    typeof n === 'number'
      ? `${nombreFr(n * 100, 1, lang(o))}${lang(o) === 'en' ? '' : '\u202f'}%`
      : '—',
  );
  hb.registerHelper(
    'date',
    (d: unknown, o: Handlebars.HelperOptions) => dateEnMots(lang(o), d) ?? d ?? '—',
  );
  // « Alerte : » in French, "Alert:" in English: the colon after a label, spaced as each language.
  hb.registerHelper('deux_points', (o: Handlebars.HelperOptions) =>
    lang(o) === 'en' ? ':' : ' :',
  );
  hb.registerHelper('point_virgule', (o: Handlebars.HelperOptions) =>
    lang(o) === 'en' ? ';' : ' ;',
  );
  // « nom » in French, “name” in English: a quoted name, with each language's quotation marks.
  hb.registerHelper('guillemets', (x: unknown, o: Handlebars.HelperOptions) =>
    lang(o) === 'en' ? `“${String(x)}”` : `« ${String(x)} »`,
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ou', (...r: unknown[]) => r.slice(0, -1).some(Boolean));
  for (const f of readdirSync(join(DOSSIER, 'partials')).filter((n) => n.endsWith('.hbs')))
    hb.registerPartial(basename(f, '.hbs'), readFileSync(join(DOSSIER, 'partials', f), 'utf8'));
  return hb;
}

let moteur: typeof Handlebars | undefined;
const gabarits = new Map<string, Gabarit>();

function gabarit(chemin: string): Gabarit {
  moteur ??= creerMoteur();
  let g = gabarits.get(chemin);
  if (!g) {
    g = moteur.compile(readFileSync(join(DOSSIER, chemin), 'utf8'), { strict: false });
    gabarits.set(chemin, g);
  }
  return g;
}

export interface OptionsPage {
  titre: string;
  status?: number;
  /** Browser bundles of `dist/web/assets/js/` this page loads (progressive enhancement). */
  scripts?: string[];
}

/** Renders a page in the layout and sends it. */
export function page(
  req: Request,
  res: Response,
  nom: string,
  vue: Record<string, unknown>,
  o: OptionsPage,
): void {
  const lang = langue(req, res);
  const p = res.locals['principal'] as Principal | undefined;
  const racine = {
    ...vue,
    lang,
    titre: o.titre,
    principal: p,
    csrf: p?.csrf,
    navigation: p && !p.doit_changer ? navigation(p, lang) : [],
    chemin: req.originalUrl,
    autreLangue: autreLangue(req, lang),
    scripts: o.scripts ?? [],
  };
  const contenu = gabarit(`pages/${nom}.hbs`)(racine);
  const html = gabarit('layout.hbs')({ ...racine, contenu });
  res
    .status(o.status ?? 200)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(html);
}

/** The same address with the other language. */
function autreLangue(req: Request, lang: Lang): string {
  const url = new URL(req.originalUrl, 'http://x');
  url.searchParams.set('lang', lang === 'fr' ? 'en' : 'fr');
  return url.pathname + url.search;
}
