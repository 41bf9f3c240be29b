import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';

/** Where a command writes; the CLI passes the process streams, tests may pass buffers. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  cwd: string;
}

/** A mistake on the command line (exit 2), said in French and in English. */
export class UsageError extends Error {
  readonly en: string;
  /** What a pipeline can read without parsing the message (the option, the suggestion…). */
  readonly params: DiagnosticParams;
  constructor(fr: string, en?: string, params: DiagnosticParams = {}) {
    super(fr);
    this.en = en ?? fr;
    this.params = params;
  }

  text(lang: Lang): string {
    return lang === 'en' ? this.en : this.message;
  }
}
