import type { ParsedYaml } from '../source/parse-yaml.js';
import type { SourceText } from '../source/source-text.js';
import { catalogue, hints } from './catalogue.js';
import type { Diagnostic, DiagnosticParams, Lang, LegalReference, Severity } from './diagnostic.js';
import { renderTemplate } from './render-message.js';

function withHint(message: string, params: DiagnosticParams, lang: Lang): string {
  const hint = typeof params['indice'] === 'string' ? hints[params['indice']] : undefined;
  return hint ? `${message} ${hint[lang]}` : message;
}

export interface AddOptions {
  /** Point at the key of the pointed value rather than at the value. */
  atKey?: boolean;
  /** Explicit position (offsets from the parser, or line/column from the decoder). */
  offset?: number;
  line?: number;
  column?: number;
  /** For rule diagnostics: overrides of the catalogue. */
  severity?: Severity;
  messages?: { fr: string; en: string };
  reference?: LegalReference;
  rule?: string;
}

/** Collects the diagnostics of one file, resolving positions only for what is reported. */
export class FileReport {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    readonly lang: Lang,
    private readonly source?: SourceText,
    private readonly parsed?: ParsedYaml,
  ) {}

  add(code: string, params: DiagnosticParams, pointer = '', opts: AddOptions = {}): Diagnostic {
    const entry = catalogue[code];
    const messages = opts.messages ?? entry ?? { fr: code, en: code };
    let line = opts.line ?? 0;
    let column = opts.column ?? 0;
    if (opts.line === undefined && this.source) {
      const offset =
        opts.offset ??
        (this.parsed ? this.parsed.locate(pointer, { key: opts.atKey ?? false }) : undefined);
      if (offset !== undefined) ({ line, column } = this.source.position(offset));
    }
    const diagnostic: Diagnostic = {
      code,
      severity: opts.severity ?? entry?.severity ?? 'error',
      file: this.file,
      line,
      column,
      pointer,
      message: withHint(renderTemplate(messages[this.lang], params, this.lang), params, this.lang),
      params,
    };
    const reference = opts.reference ?? entry?.reference;
    if (reference) diagnostic.reference = reference;
    if (opts.rule) diagnostic.rule = opts.rule;
    if (this.source && line > 0) diagnostic.excerpt = this.source.lineText(line);
    this.diagnostics.push(diagnostic);
    return diagnostic;
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
