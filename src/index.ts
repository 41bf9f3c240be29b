/** convflux as a library: the CLI and the server are thin shells over these functions. */
export { checkPaths, type CheckOptions, type CheckResult } from './check/check-paths.js';
export { sealFile, type SealResult } from './convention/seal.js';
export { migrateFile, type MigrateResult } from './convention/migrate.js';
export { contentHash } from './convention/content-hash.js';
export { dateEntreeEnVigueur, partiesNonSignataires } from './convention/entree-en-vigueur.js';
export { addMonths, echeance, parseDelai } from './convention/calendar.js';
export type { Convention, ConversionStock } from './convention/convention.js';
export { convertirStock, type Conversion } from './convention/conversion-stock.js';
export {
  DEFAUTS,
  casPour,
  valeurEffective,
  type Defaut,
  type CasDefaut,
  type Fondement,
} from './convention/defauts.js';
export { squelette, TYPES_RESERVATAIRE } from './convention/squelette.js';
export type { Portee } from './reglementation/portee.js';
export type { Diagnostic, Lang, LegalReference, Severity } from './diagnostics/diagnostic.js';
export { formatDiagnostic } from './diagnostics/format-text.js';
export { loadReglementation, type Reglementation } from './reglementation/load-reglementation.js';
export { runScenarioFile, type ScenarioRun } from './scenario/run-scenarios.js';
export {
  evaluate,
  Simulation,
  type EvaluateOptions,
  type EvaluateResult,
  type Explication,
  type Moteur,
} from './engine/evaluate.js';
export type {
  Evaluation,
  ConventionResultat,
  ObjectifResultat,
  Alerte,
} from './engine/evaluation.js';
export { loadConventions, type LoadedConventions } from './engine/load-conventions.js';
export { loadConventionSources, type SourceConvention } from './engine/load-conventions.js';
export { conventionRules, type CycleRule } from './engine/convention-rules.js';
export type { Logement } from './flux/logement.js';
export type { Evenement } from './flux/evenement.js';
export {
  renderPaths,
  type RenderOptions,
  type RenderResult,
  type RenderedDocument,
} from './render/render-conventions.js';
export {
  bilanDocuments,
  type BilanOptions,
  type BilanResult,
  type BilanDocument,
} from './bilan/bilan-render.js';
export {
  calculerPrevisionnel,
  type Previsionnel,
  type PrevisionnelOptions,
} from './previsionnel/calculer-previsionnel.js';
export {
  previsionnelDocuments,
  type PrevisionnelResult,
} from './previsionnel/previsionnel-render.js';
export {
  sectionPrevisionnel,
  previsionnelSectionHtml,
} from './previsionnel/previsionnel-section.js';
export { coterDemandes, type CoterOptions, type CoterResult } from './cotation/coter.js';
export { chargerGrille, type GrilleChargee } from './check/grille/load-grille.js';
export { creerNoteur, formule, type Cotation, type Noteur } from './cotation/noter.js';
export { expliquer, lignesExplication, type LigneExplication } from './cotation/format-cotation.js';
export { Orientation, type OrientOptions, type SuggestionResult } from './orientation/orienter.js';
export type {
  Suggestion,
  CandidatOrientation,
  PositionAffichee,
} from './orientation/suggestion.js';
export { EFFET_FILIERE, type Filiere, type Residence } from './orientation/residence.js';
export {
  classer,
  BAILLEUR,
  type Candidat,
  type PositionTerritoire,
} from './orientation/classement.js';
export { simuler, type SimulateOptions, type SimulateResult } from './simulation/simuler.js';
export { reorienter } from './simulation/reorienter.js';
export type {
  AlerteComparee,
  ComparaisonConvention,
  ComparaisonObjectif,
  LogementReoriente,
  ModeSimulation,
  ProjetSimule,
  Reorientation,
  ResultatSimulation,
} from './simulation/resultat-simulation.js';
export { formatSimulation } from './simulation/format-simulation.js';
export {
  alertesSimulationCsv,
  conventionsSimulationCsv,
  objectifsSimulationCsv,
} from './simulation/simulation-csv.js';
export { diffFichiers, type DiffOptions, type DiffResult } from './compare/diff-fichiers.js';
export { comparerConventions } from './compare/comparer-conventions.js';
export { lignesDiff, ligneChangement } from './compare/lignes-diff.js';
export {
  enEffet,
  type Changement,
  type Comparaison,
  type NatureChangement,
} from './compare/changement.js';
export {
  renderAvenant,
  type AvenantOptions,
  type AvenantResult,
} from './avenant/render-avenant.js';
export type { Grille } from './check/grille/grille.js';
export {
  documentOpenapi,
  cheminOpenapi,
  type DocumentOpenapi,
} from './server/openapi/document-openapi.js';
export { matricePermissions } from './server/openapi/matrice-permissions.js';
export { routesDuService } from './server/openapi/routes-du-service.js';
export type { RouteSpec, Acces } from './server/http/route.js';
export {
  calculerEcheancier,
  HORIZON_DEFAUT,
  type Echeancier,
  type EcheancierOptions,
} from './echeancier/calculer-echeancier.js';
export { echeancierIcs } from './echeancier/echeancier-ics.js';
export { formatEcheancier } from './echeancier/format-echeancier.js';
export { NATURES_ECHEANCE, type Echeance, type NatureEcheance } from './echeancier/echeance.js';
export {
  classerEvenement,
  type Classement,
  type ContexteClassement,
  type ResultatClassement,
} from './saisie/classer-evenement.js';
export { Classeur, type ClasseurOptions } from './saisie/classeur.js';
export {
  classerFichier,
  lireParc,
  type ClasserFichierOptions,
  type LigneClassee,
} from './saisie/classer-fichier.js';
export {
  tableauDeBord,
  type TableauDeBord,
  type EvaluationPilotage,
  type LignePilotage,
  type CommunePilotage,
  type TypologiePilotage,
  type HorsQpvPilotage,
  type PointMensuel,
} from './pilotage/tableau-de-bord.js';
export { evaluerPilotage } from './pilotage/evaluer-pilotage.js';
export { finsDeMois } from './pilotage/mois.js';
export { graphiquesPilotage } from './pilotage/graphiques-pilotage.js';
export type { Graphique, TableauGraphique } from './graphiques/graphique.js';
