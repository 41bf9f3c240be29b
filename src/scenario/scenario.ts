/** A scenario file: named inputs → expected outputs, written by domain people (OpenFisca style). */
export interface ContenuConvention {
  base?: string;
  modifications?: Record<string, unknown>;
  contenu?: Record<string, unknown>;
}

export interface DiagnosticAttendu {
  code: string;
  pointeur?: string;
  fichier?: string;
  severite?: 'erreur' | 'avertissement';
}

export interface Scenario {
  nom: string;
  reference?: string;
  commande?: 'check';
  entrees: { convention?: ContenuConvention; conventions?: Record<string, ContenuConvention> };
  sorties: { diagnostics: DiagnosticAttendu[] };
}

export interface ScenarioFile {
  description?: string;
  reference?: string;
  bases?: Record<string, string>;
  scenarios: Scenario[];
}

export interface ScenarioOutcome {
  file: string;
  line: number;
  nom: string;
  passed: boolean;
  /** What differed, in the requested language (empty when passed). */
  differences: string[];
}
