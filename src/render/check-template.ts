/**
 * Static check of Handlebars templates against the view-model shape, before any rendering:
 * every field a template reads must exist in the view (with its nesting), every block helper
 * must be a known one, every partial must exist. A template that reads `{{flux.partt}}` fails
 * when the templates are compiled, with the file, line and the fields available there.
 */
import type { Shape } from './view-model.js';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Expression = hbs.AST.Expression;
type PathExpression = hbs.AST.PathExpression;

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${file}:${String(line)}:${String(column)} : ${message}`);
    this.name = 'TemplateError';
  }
}

/** Built-in helpers allowed in templates (Handlebars' own; no custom helper is registered). */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const DATA_VARIABLES = new Set(['index', 'first', 'last', 'key']);

interface Scope {
  shape: Shape;
  parent: Scope | undefined;
  /** Inside #each: @index, @first, @last are defined. */
  iteration: boolean;
}

export interface TemplateSource {
  file: string;
  ast: Program;
}

/** Handlebars leaves `hash` undefined when a statement has no hash argument. */
function hashSize(hash: hbs.AST.Hash | undefined): number {
  return hash?.pairs.length ?? 0;
}

function describe(shape: Shape): string {
  if (shape === 'valeur') return 'une valeur';
  if (Array.isArray(shape)) return 'une liste';
  return 'un objet';
}

function fields(shape: Shape): string {
  if (shape === 'valeur' || Array.isArray(shape)) return '(aucun)';
  return Object.keys(shape).sort().join(', ');
}

export class TemplateChecker {
  private readonly checking = new Set<string>();

  constructor(
    private readonly root: Shape,
    private readonly partials: ReadonlyMap<string, TemplateSource>,
  ) {}

  check(template: TemplateSource): void {
    this.program(template.ast, template.file, {
      shape: this.root,
      parent: undefined,
      iteration: false,
    });
  }

  private fail(file: string, node: Node, message: string): never {
    const loc = node.loc as hbs.AST.SourceLocation | undefined;
    throw new TemplateError(message, file, loc?.start.line ?? 0, (loc?.start.column ?? 0) + 1);
  }

  private program(program: Program | undefined, file: string, scope: Scope): void {
    if (!program) return;
    if (program.blockParams?.length)
      this.fail(file, program, 'les paramètres de bloc (as |x|) ne sont pas pris en charge');
    for (const statement of program.body) this.statement(statement, file, scope);
  }

  private statement(node: hbs.AST.Statement, file: string, scope: Scope): void {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression')
          this.fail(file, m, 'une valeur littérale ne peut pas être affichée telle quelle');
        const path = m.path as PathExpression;
        if (m.params.length || hashSize(m.hash))
          this.fail(
            file,
            m,
            `assistant inconnu « ${path.original} » (aucun assistant n’est déclaré)`,
          );
        const shape = this.resolve(path, file, scope);
        if (shape !== 'valeur')
          this.fail(
            file,
            m,
            `« ${path.original} » est ${describe(shape)} : seule une valeur s’affiche`,
          );
        return;
      }
      case 'BlockStatement': {
        const b = node as hbs.AST.BlockStatement;
        const name = b.path.original;
        if (!BLOCK_HELPERS.has(name))
          this.fail(
            file,
            b,
            `bloc inconnu « #${name} » (autorisés : ${[...BLOCK_HELPERS].join(', ')})`,
          );
        if (b.params.length !== 1 || hashSize(b.hash))
          this.fail(file, b, `« #${name} » attend exactement un champ`);
        const param = b.params[0] as Expression;
        if (param.type !== 'PathExpression') this.fail(file, b, `« #${name} » attend un champ`);
        const shape = this.resolve(param as PathExpression, file, scope);
        const original = (param as PathExpression).original;
        if (name === 'each') {
          if (!Array.isArray(shape))
            this.fail(
              file,
              b,
              `« #each ${original} » : le champ est ${describe(shape)}, pas une liste`,
            );
          const element = (shape as readonly [Shape])[0];
          this.program(b.program, file, { shape: element, parent: scope, iteration: true });
        } else if (name === 'with') {
          if (shape === 'valeur' || Array.isArray(shape))
            this.fail(
              file,
              b,
              `« #with ${original} » : le champ est ${describe(shape)}, pas un objet`,
            );
          this.program(b.program, file, { shape, parent: scope, iteration: false });
        } else {
          this.program(b.program, file, scope);
        }
        this.program(b.inverse, file, scope);
        return;
      }
      case 'PartialStatement': {
        const p = node as hbs.AST.PartialStatement;
        if (p.name.type !== 'PathExpression') this.fail(file, p, 'nom de modèle partiel dynamique');
        const name = p.name.original;
        const partial = this.partials.get(name);
        if (!partial) this.fail(file, p, `modèle partiel inconnu « ${name} »`);
        if (hashSize(p.hash) || p.params.length > 1)
          this.fail(file, p, `« > ${name} » : seul un champ de contexte est accepté`);
        let inner = scope;
        const context = p.params[0];
        if (context) {
          if (context.type !== 'PathExpression')
            this.fail(file, p, `« > ${name} » attend un champ`);
          const shape = this.resolve(context as PathExpression, file, scope);
          inner = { shape, parent: scope, iteration: false };
        }
        if (this.checking.has(name)) this.fail(file, p, `modèle partiel récursif « ${name} »`);
        this.checking.add(name);
        try {
          this.program(partial.ast, partial.file, inner);
        } finally {
          this.checking.delete(name);
        }
        return;
      }
      default:
        this.fail(file, node, `construction non prise en charge (${node.type})`);
    }
  }

  private resolve(path: PathExpression, file: string, scope: Scope): Shape {
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root') return this.walk(this.root, rest, path, file);
      if (head !== undefined && DATA_VARIABLES.has(head) && rest.length === 0) {
        if (!scope.iteration) this.fail(file, path, `« @${head} » hors d’un bloc #each`);
        return 'valeur';
      }
      this.fail(file, path, `variable inconnue « @${path.parts.join('.')} »`);
    }
    let current: Scope | undefined = scope;
    for (let i = 0; i < path.depth; i++) current = current?.parent;
    if (!current) this.fail(file, path, `« ${path.original} » remonte au-delà des données`);
    return this.walk(current.shape, path.parts, path, file);
  }

  private walk(shape: Shape, parts: readonly string[], path: PathExpression, file: string): Shape {
    let current = shape;
    const seen: string[] = [];
    for (const part of parts) {
      if (Array.isArray(current) && part === 'length') return 'valeur';
      if (current === 'valeur' || Array.isArray(current))
        this.fail(
          file,
          path,
          `champ inconnu « ${path.original} » : « ${seen.join('.') || 'this'} » est ${describe(current)}`,
        );
      const next = (current as Record<string, Shape>)[part];
      if (next === undefined || !Object.hasOwn(current, part))
        this.fail(
          file,
          path,
          `champ inconnu « ${path.original} » (champs disponibles${seen.length ? ` dans « ${seen.join('.')} »` : ''} : ${fields(current)})`,
        );
      seen.push(part);
      current = next;
    }
    return current;
  }
}
