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

export interface OrientationAttendue {
  suggestion?: string | null;
  /** Exactly the candidates that can receive the flat, in rank order. */
  classement?: string[];
  /** Candidate → a text its constraints contain. */
  contraintes?: Record<string, string>;
  /** Candidate → a text its sentence of reasons contains. */
  raisons?: Record<string, string>;
  /** Exactly the candidates flagged for the « effet filière ». */
  filiere?: string[];
  /** Candidate → territory → expected values. */
  positions?: Record<string, Record<string, Record<string, unknown>>>;
  /** Exactly these diagnostic codes. */
  diagnostics?: string[];
}

export interface Scenario {
  nom: string;
  reference?: string;
  commande?: 'check' | 'evaluate' | 'orient';
  entrees: {
    convention?: ContenuConvention;
    conventions?: Record<string, ContenuConvention>;
    /** evaluate */
    annee?: number;
    date?: string;
    signees?: boolean;
    logements?: Record<string, unknown>[];
    evenements?: Record<string, unknown>[];
    /** orient: the freed flat, and the « effet filière » threshold. */
    logement?: string;
    filiere?: { part?: number; fenetre?: number };
  };
  sorties: {
    diagnostics?: DiagnosticAttendu[];
    /** evaluate: expected values per convention id (only the given keys are compared). */
    conventions?: Record<string, Record<string, unknown>>;
    alertes?: AlerteAttendue[];
    rejets?: RejetAttendu[];
    /** orient: what the suggestion should say. */
    orientation?: OrientationAttendue;
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
