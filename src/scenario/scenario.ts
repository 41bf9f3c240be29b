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

export interface AlerteAttendue {
  code: string;
  logement?: string;
  date?: string;
  convention?: string;
}

export interface RejetAttendu {
  code: string;
  ligne?: number;
  fichier?: 'logements' | 'evenements';
}

export interface Scenario {
  nom: string;
  reference?: string;
  commande?: 'check' | 'evaluate';
  entrees: {
    convention?: ContenuConvention;
    conventions?: Record<string, ContenuConvention>;
    /** evaluate */
    annee?: number;
    date?: string;
    signees?: boolean;
    logements?: Record<string, unknown>[];
    evenements?: Record<string, unknown>[];
  };
  sorties: {
    diagnostics?: DiagnosticAttendu[];
    /** evaluate: expected values per convention id (only the given keys are compared). */
    conventions?: Record<string, Record<string, unknown>>;
    alertes?: AlerteAttendue[];
    rejets?: RejetAttendu[];
  };
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
