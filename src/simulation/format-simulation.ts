/** The readable table of `convflux simulate` (French, or English with `--lang en`). */
import type { Lang } from '../diagnostics/diagnostic.js';
import { libelleAlerte } from '../diagnostics/libelles-alertes.js';
import { libelle } from '../explain/libelles.js';
import { num, pct, table } from '../explain/format-evaluation.js';
import type {
  ChiffresObjectif,
  ComparaisonConvention,
  ComparaisonObjectif,
  ProjetSimule,
  ResultatSimulation,
} from './resultat-simulation.js';

const T = {
  fr: {
    titre: (r: ResultatSimulation) =>
      r.mode === 'reorientation'
        ? `Simulation ${String(r.annee)} au ${r.date} — les libérations réorientées par l’aide à l’orientation`
        : `Simulation ${String(r.annee)} au ${r.date} — les mêmes événements recomptés sous le projet`,
    reorientation: (n: number, changes: number, tous: number | undefined, ids: string[]) =>
      `${String(n)} libération(s) de l’année suivant la première suggestion ; ${String(changes)} logement(s) orienté(s) changent de réservataire${tous === undefined ? '' : ` vers ou depuis ${ids.length <= 3 ? ids.join(', ') : `les ${String(ids.length)} conventions rapportées`} (${String(tous)} avec les conventions lues pour le contexte)`}. « en vig. » : l’année observée ; « projet » : l’année réorientée.`,
    projet: (p: ProjetSimule) =>
      `Projet : ${p.convention} v${String(p.version)} (${p.source}), en vigueur à partir du ${p.date_effet}${p.remplace.length ? ` à la place de la version ${p.remplace.join(', ')}` : ''} ; les versions antérieures s’appliquent avant.`,
    cols: [
      'convention',
      'réservataire',
      'dû en vig.',
      'dû projet',
      'écart',
      'réalisé en vig.',
      'réalisé projet',
      'écart',
      'taux en vig.',
      'taux projet',
      'alertes',
    ],
    etoile: '* convention modifiée par le projet ; « en vig. » : les conventions de --rules.',
    autres: (n: number) =>
      `${String(n)} convention(s) d’autres bailleurs ou départements, inchangée(s) : voir --json ou --csv.`,
    objectifs: 'Objectifs dont les chiffres changent',
    aucunObjectif: 'Aucun objectif ne change.',
    colsObjectifs: ['convention', 'objectif', 'nature', 'cible', 'réalisé', 'statut', 'bascule'],
    absent: 'absent',
    oui: 'oui',
    apparues: 'Alertes qui apparaissent',
    disparues: 'Alertes qui disparaissent',
    aucuneAlerte: 'Aucune alerte n’apparaît ni ne disparaît.',
    colsAlertes: ['alerte', 'convention', 'logement', 'date', 'ligne'],
  },
  en: {
    titre: (r: ResultatSimulation) =>
      r.mode === 'reorientation'
        ? `Simulation ${String(r.annee)} at ${r.date} — the liberations re-oriented by the orientation aid`
        : `Simulation ${String(r.annee)} at ${r.date} — the same events counted again under the draft`,
    reorientation: (n: number, changes: number, tous: number | undefined, ids: string[]) =>
      `${String(n)} liberation(s) of the year following the first suggestion; ${String(changes)} oriented flat(s) change réservataire${tous === undefined ? '' : ` to or from ${ids.length <= 3 ? ids.join(', ') : `the ${String(ids.length)} conventions reported`} (${String(tous)} with the conventions read as context)`}. « in force »: the observed year; « draft »: the re-oriented year.`,
    projet: (p: ProjetSimule) =>
      `Draft: ${p.convention} v${String(p.version)} (${p.source}), in force from ${p.date_effet}${p.remplace.length ? ` instead of version ${p.remplace.join(', ')}` : ''}; the earlier versions apply before it.`,
    cols: [
      'convention',
      'réservataire',
      'due in force',
      'due draft',
      'diff.',
      'achieved in force',
      'achieved draft',
      'diff.',
      'rate in force',
      'rate draft',
      'alerts',
    ],
    etoile: '* convention changed by the draft; « in force »: the conventions of --rules.',
    autres: (n: number) =>
      `${String(n)} convention(s) of other bailleurs or départements, unchanged: see --json or --csv.`,
    objectifs: 'Objectives whose figures change',
    aucunObjectif: 'No objective changes.',
    colsObjectifs: ['convention', 'objective', 'nature', 'target', 'achieved', 'status', 'flips'],
    absent: 'absent',
    oui: 'yes',
    apparues: 'Alerts that appear',
    disparues: 'Alerts that vanish',
    aucuneAlerte: 'No alert appears or vanishes.',
    colsAlertes: ['alert', 'convention', 'flat', 'date', 'row'],
  },
};

const signe = (x: number, lang: Lang): string => (x > 0 ? `+${num(x, lang, 2)}` : num(x, lang, 2));
const fleche = (a: string, b: string): string => (a === b ? a : `${a} → ${b}`);

function ligneConvention(c: ComparaisonConvention, lang: Lang): string[] {
  const nom = c.reservataire.nom;
  return [
    c.id + (c.avec_projet ? ' *' : ''),
    nom.length > 28 ? `${nom.slice(0, 27)}…` : nom,
    num(c.en_vigueur.du, lang, 2),
    num(c.projet.du, lang, 2),
    signe(c.ecart.du, lang),
    num(c.en_vigueur.realise, lang, 2),
    num(c.projet.realise, lang, 2),
    signe(c.ecart.realise, lang),
    pct(c.en_vigueur.taux, lang),
    pct(c.projet.taux, lang),
    fleche(String(c.en_vigueur.alertes), String(c.projet.alertes)),
  ];
}

const change = (o: ComparaisonObjectif): boolean =>
  o.bascule ||
  o.en_vigueur?.cible !== o.projet?.cible ||
  o.en_vigueur?.realise !== o.projet?.realise;

function ligneObjectif(id: string, o: ComparaisonObjectif, lang: Lang): string[] {
  const t = T[lang];
  const val = (x: ChiffresObjectif | null, f: (y: ChiffresObjectif) => string): string =>
    x ? f(x) : t.absent;
  const chiffre = (y: ChiffresObjectif, k: 'cible' | 'realise'): string =>
    o.nature === 'indicatif' ? pct(y[k], lang) : num(y[k], lang, 2);
  return [
    id,
    o.libelle ?? o.territoire ?? libelle(o.nature, lang),
    libelle(o.nature, lang),
    fleche(
      val(o.en_vigueur, (y) => chiffre(y, 'cible')),
      val(o.projet, (y) => chiffre(y, 'cible')),
    ),
    fleche(
      val(o.en_vigueur, (y) => chiffre(y, 'realise')),
      val(o.projet, (y) => chiffre(y, 'realise')),
    ),
    fleche(
      val(o.en_vigueur, (y) => libelle(y.statut, lang)),
      val(o.projet, (y) => libelle(y.statut, lang)),
    ),
    o.bascule ? t.oui : '',
  ];
}

function sectionAlertes(r: ResultatSimulation, lang: Lang): string[] {
  const t = T[lang];
  const { apparues, disparues } = r.alertes;
  if (!apparues.length && !disparues.length) return ['', t.aucuneAlerte];
  const out: string[] = [];
  for (const [titre, liste] of [
    [t.apparues, apparues],
    [t.disparues, disparues],
  ] as const) {
    if (!liste.length) continue;
    // Each alert in the words of the one catalogue, its code beside (as evaluate --explain).
    const rows = liste.map((a) => [
      `${libelleAlerte(a.code, lang)} (${a.code})`,
      a.convention || 'bailleur',
      a.logement || '—',
      a.date,
      a.line > 0 ? `${a.file}:${String(a.line)}` : '—',
    ]);
    out.push('', `${titre} (${String(liste.length)})${lang === 'fr' ? ' :' : ':'}`);
    out.push(...table([t.colsAlertes, ...rows], new Set()).map((l) => `  ${l}`));
  }
  return out;
}

export function formatSimulation(r: ResultatSimulation, lang: Lang): string {
  const t = T[lang];
  const out: string[] = [t.titre(r)];
  for (const p of r.projets) {
    out.push(t.projet(p));
    for (const s of p.surcharges ?? [])
      out.push(
        `  ${s.cle}${lang === 'fr' ? ' :' : ':'} ${s.avant === undefined ? '—' : JSON.stringify(s.avant)} → ${JSON.stringify(s.apres)}`,
      );
  }
  const liees = new Set(
    r.conventions.filter((c) => c.avec_projet).map((c) => `${c.bailleur}|${c.departement}`),
  );
  if (r.reorientation)
    out.push(
      t.reorientation(
        r.reorientation.logements.length,
        r.reorientation.changements,
        r.reorientation.changements_contexte_inclus,
        r.conventions.map((c) => c.id),
      ),
    );
  const montrees = r.conventions.filter((c) =>
    r.reorientation
      ? c.en_vigueur.flux_annuel > 0 || c.projet.flux_annuel > 0
      : liees.has(`${c.bailleur}|${c.departement}`),
  );
  out.push(
    '',
    ...table(
      [t.cols, ...montrees.map((c) => ligneConvention(c, lang))],
      new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ),
  );
  if (r.projets.length) out.push(t.etoile);
  if (montrees.length < r.conventions.length)
    out.push(t.autres(r.conventions.length - montrees.length));
  const objectifs = r.conventions.flatMap((c) =>
    c.objectifs.filter(change).map((o) => ligneObjectif(c.id, o, lang)),
  );
  if (objectifs.length) {
    out.push('', `${t.objectifs}${lang === 'fr' ? ' :' : ':'}`);
    out.push(...table([t.colsObjectifs, ...objectifs], new Set([3, 4])).map((l) => `  ${l}`));
  } else out.push('', t.aucunObjectif);
  out.push(...sectionAlertes(r, lang));
  return out.join('\n');
}
