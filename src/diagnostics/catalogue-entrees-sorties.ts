import type { CatalogueEntry } from './catalogue.js';

/** Messages of the reading limits of convention sources and of the browser (entrées-sorties). */
export const catalogueEntreesSorties: Record<string, CatalogueEntry> = {
  YAML_TROP_PROFOND: {
    severity: 'error',
    fr: 'Imbrication YAML trop profonde (plus de {limite} niveaux) : fichier refusé ; une convention en compte une dizaine.',
    en: 'YAML nested too deep (over {limite} levels): file rejected; a convention has about ten.',
  },
  CHROMIUM_INTROUVABLE: {
    severity: 'error',
    fr: 'Chromium introuvable ({chemin}) : le rendu PDF en a besoin. Sur Debian ou Ubuntu : `sudo apt-get install -y chromium` (paquet chromium, qui fournit /usr/bin/chromium) ; ailleurs, indiquez le chemin du navigateur dans la variable CONVFLUX_CHROMIUM. `convflux render --html` produit le HTML sans navigateur.',
    en: 'Chromium not found ({chemin}): PDF rendering needs it. On Debian or Ubuntu: `sudo apt-get install -y chromium` (package chromium, which provides /usr/bin/chromium); elsewhere, set the browser’s path in the CONVFLUX_CHROMIUM variable. `convflux render --html` writes the HTML without a browser.',
  },
  CHROMIUM_EN_ECHEC: {
    severity: 'error',
    fr: 'Chromium en échec ({chemin}) : {detail}',
    en: 'Chromium failed ({chemin}): {detail}',
  },
};
