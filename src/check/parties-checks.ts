/**
 * What a signature needs (B1) and the signing workflow (I2): the parties' identification, one
 * named and empowered signatory per party, and the recorded signatures. On a `format: 2`
 * version that is `arretee` or `signee` a gap is an error, on a format-2 `projet` a warning; a
 * file without `format` (format 1) keeps validating, with one warning that lists the gaps.
 */
import type { Convention, Signataire } from '../convention/convention.js';
import { partiesNonSignataires } from '../convention/entree-en-vigueur.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { Severity } from '../diagnostics/diagnostic.js';

const NOM_PARTIE = { bailleur: 'du bailleur', reservataire: 'du réservataire' } as const;

/** Which act empowers a signatory, by party (printed in the message). */
function acteAttendu(c: Convention, s: Signataire): string {
  if (s.partie === 'bailleur') return 'délibération du conseil d’administration ou délégation';
  switch (c.reservataire.type) {
    case 'etat':
      return 'délégation de signature du préfet';
    case 'action_logement':
    case 'employeur':
      return 'délégation';
    case 'etablissement_public':
    case 'organisme_desinteresse':
      return 'délibération ou délégation';
    default:
      return 'délibération de l’assemblée délibérante, avec son numéro';
  }
}

/** The préfet signs the État's convention in his own right (R. 441-5-2): no act to cite. */
function agitEnPropre(c: Convention, s: Signataire): boolean {
  return (
    s.partie === 'reservataire' &&
    c.reservataire.type === 'etat' &&
    /^préf[eè]te?\s+(de|du|des|d’|d')/i.test(s.qualite)
  );
}

function checkSignataire(
  report: FileReport,
  c: Convention,
  s: Signataire,
  i: number,
  severity: Severity,
): void {
  const pointer = `/signataires/${String(i)}`;
  if (/^(Le|La|Les|L’|L')\s?[a-zàâçéèêëîïôûù]/.test(s.nom))
    report.add('PARTIE_SIGNATAIRE_NON_NOMME', { nom: s.nom }, `${pointer}/nom`, { severity });
  if (!s.habilitation) {
    if (!agitEnPropre(c, s))
      report.add(
        'PARTIE_HABILITATION_ABSENTE',
        { nom: s.nom, attendu: acteAttendu(c, s) },
        pointer,
        { severity },
      );
  } else if (s.habilitation.nature === 'deliberation' && !s.habilitation.numero)
    report.add('PARTIE_DELIBERATION_SANS_NUMERO', { nom: s.nom }, `${pointer}/habilitation`, {
      severity,
    });
}

function checkIdentification(report: FileReport, c: Convention, severity: Severity): void {
  if (!c.bailleur.forme_juridique)
    report.add('PARTIE_FORME_JURIDIQUE_ABSENTE', {}, '/bailleur', { severity, atKey: true });
  if (!c.bailleur.siege)
    report.add(
      'PARTIE_SIEGE_ABSENT',
      { partie: NOM_PARTIE.bailleur, cle: 'bailleur.siege' },
      '/bailleur',
      { severity, atKey: true },
    );
  if (!c.reservataire.siege && c.reservataire.type !== 'etat')
    report.add(
      'PARTIE_SIEGE_ABSENT',
      { partie: NOM_PARTIE.reservataire, cle: 'reservataire.siege' },
      '/reservataire',
      { severity, atKey: true },
    );
}

function checkSignataires(report: FileReport, c: Convention, severity: Severity): void {
  const signataires = c.signataires ?? [];
  // A format-1 signed version already gets SIGNATAIRES_MANQUANTS (an error) for this.
  const dejaSignale = c.statut === 'signee' && c.format !== 2;
  for (const partie of ['bailleur', 'reservataire'] as const)
    if (!dejaSignale && !signataires.some((s) => s.partie === partie))
      report.add(
        'PARTIE_SIGNATAIRE_ABSENT',
        { partie: NOM_PARTIE[partie] },
        c.signataires ? '/signataires' : '',
        { severity, atKey: true },
      );
  signataires.forEach((s, i) => {
    checkSignataire(report, c, s, i, severity);
  });
}

/** The recorded signatures (`signatures`) against the statut. */
function checkSignatures(report: FileReport, c: Convention): void {
  const signatures = c.signatures ?? [];
  if (c.statut === 'projet' && signatures.length)
    report.add('SIGNATURES_SUR_PROJET', {}, '/signatures', { atKey: true });
  const vues = new Set<string>();
  signatures.forEach((s, i) => {
    const pointer = `/signatures/${String(i)}`;
    if (vues.has(s.partie))
      report.add('SIGNATURE_PARTIE_DOUBLE', { partie: NOM_PARTIE[s.partie] }, `${pointer}/partie`);
    vues.add(s.partie);
    if (s.date > c.duree.fin)
      report.add(
        'SIGNATURE_APRES_TERME',
        { partie: NOM_PARTIE[s.partie], date: s.date, fin: c.duree.fin },
        `${pointer}/date`,
      );
  });
  const manquantes = partiesNonSignataires(c);
  if (c.statut === 'signee' && c.format === 2 && manquantes.length)
    report.add(
      'SIGNATURE_PARTIE_MANQUANTE',
      { parties: manquantes.map((p) => NOM_PARTIE[p].replace(/^du /, 'le ')).join(', ') },
      c.signatures ? '/signatures' : '/statut',
      { atKey: c.signatures !== undefined },
    );
}

/** What each per-item code lacks, for the one summary warning of a format-1 file. */
const MANQUES: Record<string, { fr: string; en: string }> = {
  PARTIE_FORME_JURIDIQUE_ABSENTE: {
    fr: 'forme juridique du bailleur',
    en: 'the bailleur’s legal form',
  },
  PARTIE_SIEGE_ABSENT: { fr: 'siège {partie}', en: 'registered office of {partie}' },
  PARTIE_SIGNATAIRE_ABSENT: { fr: 'signataire {partie}', en: 'signatory of {partie}' },
  PARTIE_SIGNATAIRE_NON_NOMME: {
    fr: 'nom de la personne qui signe pour « {nom} »',
    en: 'name of the person who signs as "{nom}"',
  },
  PARTIE_HABILITATION_ABSENTE: { fr: 'habilitation de « {nom} »', en: 'habilitation of "{nom}"' },
  PARTIE_DELIBERATION_SANS_NUMERO: {
    fr: 'numéro de la délibération de « {nom} »',
    en: 'number of the délibération of "{nom}"',
  },
};

/**
 * A format-1 file keeps validating as before: what format 2 requires is said once, as one
 * warning listing what is missing, rather than one warning per item.
 */
function resumeFormat1(report: FileReport, c: Convention): void {
  const scratch = new FileReport(report.file, report.lang);
  checkIdentification(scratch, c, 'warning');
  checkSignataires(scratch, c, 'warning');
  const manques = scratch.diagnostics.map((d) =>
    (MANQUES[d.code]?.[report.lang] ?? d.code).replace(/\{(\w+)\}/g, (_, k: string) =>
      String(d.params[k] ?? ''),
    ),
  );
  if (manques.length)
    report.add('FORMAT_1_SIGNATURE_INCOMPLETE', { manques: manques.join(' ; ') }, '/version', {
      atKey: true,
    });
}

export function checkParties(report: FileReport, c: Convention): void {
  if (c.format === 2) {
    const severity: Severity = c.statut === 'projet' ? 'warning' : 'error';
    checkIdentification(report, c, severity);
    checkSignataires(report, c, severity);
  } else resumeFormat1(report, c);
  checkSignatures(report, c);
}
