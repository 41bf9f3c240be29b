/** CSV views of a simulation (RFC 4180, comma, dot decimals): conventions, objectives, alerts. */
import { toCsv } from '../explain/evaluation-csv.js';
import type { AlerteComparee, ResultatSimulation } from './resultat-simulation.js';

export function conventionsSimulationCsv(r: ResultatSimulation): string {
  return toCsv(
    [
      'annee',
      'convention',
      'reservataire',
      'avec_projet',
      'version_en_vigueur',
      'version_projet',
      'part_en_vigueur',
      'part_projet',
      'flux_en_vigueur',
      'flux_projet',
      'du_en_vigueur',
      'du_projet',
      'ecart_du',
      'realise_en_vigueur',
      'realise_projet',
      'ecart_realise',
      'taux_en_vigueur',
      'taux_projet',
      'alertes_en_vigueur',
      'alertes_projet',
    ],
    r.conventions.map((c) => [
      r.annee,
      c.id,
      c.reservataire.id,
      c.avec_projet,
      c.en_vigueur.version,
      c.projet.version,
      c.en_vigueur.part,
      c.projet.part,
      c.en_vigueur.flux_annuel,
      c.projet.flux_annuel,
      c.en_vigueur.du,
      c.projet.du,
      c.ecart.du,
      c.en_vigueur.realise,
      c.projet.realise,
      c.ecart.realise,
      c.en_vigueur.taux,
      c.projet.taux,
      c.en_vigueur.alertes,
      c.projet.alertes,
    ]),
  );
}

export function objectifsSimulationCsv(r: ResultatSimulation): string {
  return toCsv(
    [
      'convention',
      'nature',
      'libelle',
      'territoire',
      'cible_en_vigueur',
      'cible_projet',
      'realise_en_vigueur',
      'realise_projet',
      'statut_en_vigueur',
      'statut_projet',
      'bascule',
    ],
    r.conventions.flatMap((c) =>
      c.objectifs.map((o) => [
        c.id,
        o.nature,
        o.libelle,
        o.territoire,
        o.en_vigueur?.cible,
        o.projet?.cible,
        o.en_vigueur?.realise,
        o.projet?.realise,
        o.en_vigueur?.statut,
        o.projet?.statut,
        o.bascule,
      ]),
    ),
  );
}

export function alertesSimulationCsv(r: ResultatSimulation): string {
  // The code's words (libelle) beside it, as the text tables and --json's libelles_alertes.
  const rows = (k: string, liste: readonly AlerteComparee[]) =>
    liste.map((a) => [
      k,
      a.code,
      r.alertes.libelles_alertes[a.code] ?? a.code,
      a.convention,
      a.logement,
      a.date,
      a.file,
      a.line,
      a.message,
    ]);
  return toCsv(
    [
      'changement',
      'code',
      'libelle',
      'convention',
      'logement',
      'date',
      'fichier',
      'ligne',
      'message',
    ],
    [...rows('apparue', r.alertes.apparues), ...rows('disparue', r.alertes.disparues)],
  );
}
