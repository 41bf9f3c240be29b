/**
 * Defaults of the tools' parameters that no convention key sets: the « effet filière » threshold
 * of the orientation aid (issue 12). Not a rule of law nor a stipulation: how convflux reads the
 * reform's wish to end « filières » in a residence, labelled « interprétation convflux » wherever
 * it is printed. Part of the registry of defaults (src/convention/defauts.ts); a command-line
 * option overrides each one (`--filiere-part`, `--filiere-fenetre`).
 */

/** The label printed with a value that is convflux's reading. */
export const INTERPRETATION_CONVFLUX = 'interprétation convflux';

export interface DefautOutil {
  /** `/commande/parametre`, e.g. `/orient/filiere_part`. */
  cle: string;
  valeur: number;
  /** The option that overrides it. */
  option: string;
  fondement: { nature: 'interpretation_convflux'; libelle: typeof INTERPRETATION_CONVFLUX };
  explication: { fr: string; en: string };
}

const INTERPRETATION = {
  nature: 'interpretation_convflux',
  libelle: INTERPRETATION_CONVFLUX,
} as const;

export const DEFAUTS_OUTILS: readonly DefautOutil[] = [
  {
    cle: '/orient/filiere_part',
    valeur: 0.5,
    option: '--filiere-part',
    fondement: INTERPRETATION,
    explication: {
      fr: 'Effet filière : un contingent ne devrait pas tenir plus de la moitié des dernières attributions d’un programme.',
      en: '« Effet filière »: one contingent should not hold more than half of a programme’s last attributions.',
    },
  },
  {
    cle: '/orient/filiere_fenetre',
    valeur: 10,
    option: '--filiere-fenetre',
    fondement: INTERPRETATION,
    explication: {
      fr: 'Effet filière : on regarde les 10 dernières attributions du programme.',
      en: '« Effet filière »: the programme’s last 10 attributions are looked at.',
    },
  },
];

/** The default of a tool parameter (throws on an unknown key: a programming error). */
export function defautOutil(cle: string): number {
  const d = DEFAUTS_OUTILS.find((x) => x.cle === cle);
  if (!d) throw new Error(`no default for ${cle}`);
  return d.valeur;
}
