/**
 * The OpenAPI document and the README's permission matrix, both generated from the declared
 * routes (`routesDuService()`, no server): the document is valid OpenAPI 3.1 (checked by
 * @seriousme/openapi-schema-validator), holds every declared route with its path parameters, its
 * body's schema as the file under schemas/service/ and its access, and every `$ref` resolves. The
 * README's matrix is the one written from the specs (`UPDATE_README=1` rewrites it).
 * The document served by the real process is checked in permissions.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import {
  cheminOpenapi,
  documentOpenapi,
  parametresChemin,
} from '../../src/server/openapi/document-openapi.js';
import type { RouteSpec } from '../../src/server/http/route.js';
import { matricePermissions } from '../../src/server/openapi/matrice-permissions.js';
import { routesDuService } from '../../src/server/openapi/routes-du-service.js';
import { repoRoot } from '../helpers.js';

const specs = await routesDuService();
const doc = documentOpenapi(specs);
type Json = Record<string, unknown>;

/** Every `$ref` of the document, with where it stands. */
function refs(node: unknown, where = '#'): { ref: string; where: string }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => refs(n, `${where}/${String(i)}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [{ ref: v, where }] : refs(v, `${where}/${k}`),
  );
}

function resoudre(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const seg of ref.slice(2).split('/')) {
    const key = seg.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
  }
  return node;
}

describe('the OpenAPI document generated from the declared routes', () => {
  it('is valid OpenAPI 3.1', async () => {
    const r = await new Validator().validate(doc as unknown as Json);
    expect(r.errors ?? []).toEqual([]);
    expect(r.valid).toBe(true);
    // The validator does see a broken document (it is not one that accepts everything).
    const casse = structuredClone(doc) as unknown as Json;
    (casse['paths'] as Json)['/api/x'] = { get: { responses: { 200: { content: 3 } } } };
    expect((await new Validator().validate(casse)).valid).toBe(false);
  });

  it('holds every declared route, with its path parameters, access and tag', () => {
    expect(specs.length).toBeGreaterThanOrEqual(10);
    for (const s of specs) {
      const op = doc.paths[cheminOpenapi(s.chemin)]?.[s.methode];
      expect(op, `${s.methode} ${s.chemin}`).toBeDefined();
      const params = ((op?.['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'path');
      expect(params.map((p) => p['name'])).toEqual(parametresChemin(s.chemin));
      expect(op?.['x-convflux-acces']).toMatchObject({ acces: s.acces });
      expect(op?.['tags']).toEqual([s.groupe]);
      expect(doc.tags.map((t) => t.name)).toContain(s.groupe);
      if (s.acces === 'public') expect(op?.['security']).toEqual([]);
      else expect(Object.keys(op?.['responses'] as Json)).toEqual(expect.arrayContaining(['401']));
    }
    const operations = Object.values(doc.paths).flatMap((p) => Object.keys(p));
    expect(operations).toHaveLength(specs.length);
    expect(
      new Set(
        Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o['operationId'])),
      ).size,
    ).toBe(specs.length);
  });

  it('describes an import (the upload’s answer and GET /api/imports/{id}) by its file under schemas/service/', () => {
    const fichier = JSON.parse(
      readFileSync(join(repoRoot, 'schemas/service/import.schema.json'), 'utf8'),
    ) as Json;
    const schema = (doc.components['schemas'] as Record<string, Json>)['import'];
    expect(Object.keys(schema?.['properties'] as Json)).toEqual(
      Object.keys(fichier['properties'] as Json),
    );
    expect(schema?.['required']).toEqual(fichier['required']);
    expect((schema?.['properties'] as Record<string, Json>)['remarques']?.['items']).toEqual({
      $ref: '#/components/schemas/Diagnostic',
    });
    for (const [chemin, methode, statut] of [
      ['/api/imports/{id}', 'get', '200'],
      ['/api/bailleurs/{siren}/imports', 'post', '201'],
    ] as const) {
      const r = (doc.paths[chemin]?.[methode]?.['responses'] as Record<string, Json>)[statut];
      expect(r?.['content'], chemin).toEqual({
        'application/json': { schema: { $ref: '#/components/schemas/import' } },
      });
    }
  });

  it('keeps a suffix after a path parameter (.yaml, .html, .pdf) in the OpenAPI path', () => {
    for (const [chemin, params] of [
      ['/api/conventions/{cid}/versions/{v}.yaml', ['cid', 'v']],
      ['/api/conventions/{cid}/versions/{v}.html', ['cid', 'v']],
      ['/api/conventions/{cid}/versions/{v}.pdf', ['cid', 'v']],
      ['/api/conventions/{cid}/versions/{v}/signatures.pdf', ['cid', 'v']],
      ['/api/conventions/{cid}/avenant.html', ['cid']],
      ['/api/conventions/{cid}/avenant.pdf', ['cid']],
    ] as const) {
      const op = doc.paths[chemin]?.['get'];
      expect(op, chemin).toBeDefined();
      const enChemin = ((op?.['parameters'] ?? []) as Json[]).filter((p) => p['in'] === 'path');
      expect(enChemin.map((p) => p['name'])).toEqual(params);
    }
    expect(Object.keys(doc.paths).filter((c) => /\{[^}]*[.:][^}]*\}|:[A-Za-z]/.test(c))).toEqual(
      [],
    );
    // The avenant's query parameters are listed beside its path parameter.
    const avenant = doc.paths['/api/conventions/{cid}/avenant.pdf']?.['get'];
    const enRequete = ((avenant?.['parameters'] ?? []) as Json[]).filter(
      (p) => p['in'] === 'query',
    );
    expect(enRequete.map((p) => p['name'])).toEqual(['de', 'a']);
  });

  it('takes each body’s schema from its file under schemas/service/', () => {
    const schemas = doc.components['schemas'] as Json;
    for (const s of specs.filter((x) => x.corps)) {
      const fichier = readFileSync(
        join(repoRoot, 'schemas', 'service', `${String(s.corps)}.schema.json`),
        'utf8',
      );
      expect(schemas[String(s.corps)]).toEqual(JSON.parse(fichier));
      const op = doc.paths[cheminOpenapi(s.chemin)]?.[s.methode];
      expect(JSON.stringify(op?.['requestBody'])).toContain(
        `#/components/schemas/${String(s.corps)}`,
      );
    }
    expect(schemas['Diagnostic']).toEqual(
      JSON.parse(readFileSync(join(repoRoot, 'schemas/service/diagnostic.schema.json'), 'utf8')),
    );
  });

  it('describes query parameters, raw bodies and their errors when a route declares them', async () => {
    const imports: RouteSpec = {
      methode: 'post',
      chemin: '/bailleurs/:siren/imports',
      groupe: 'flux',
      resume: 'Importe un parc.',
      acces: 'saisir',
      portee: 'le bailleur',
      requete: { nature: 'parc ou evenements' },
      corpsBrut: ['text/csv'],
      statut: 201,
    };
    const d = documentOpenapi([...specs, imports]);
    const op = d.paths['/api/bailleurs/{siren}/imports']?.['post'];
    expect(op?.['parameters']).toEqual([
      { name: 'siren', in: 'path', required: true, schema: { type: 'string' } },
      {
        name: 'nature',
        in: 'query',
        required: false,
        description: 'parc ou evenements',
        schema: { type: 'string' },
      },
      { $ref: '#/components/parameters/Csrf' },
    ]);
    expect(Object.keys(op?.['requestBody'] as Json)).toEqual(['required', 'content']);
    expect(Object.keys((op?.['requestBody'] as { content: Json }).content)).toEqual(['text/csv']);
    expect(Object.keys(op?.['responses'] as Json).sort()).toEqual(
      ['201', '400', '401', '403', '404', 'default'].sort(),
    );
    expect((await new Validator().validate(d as unknown as Json)).valid).toBe(true);
  });

  it('resolves every $ref inside the document', () => {
    const toutes = refs(doc);
    expect(toutes.length).toBeGreaterThan(specs.length);
    const cassees = toutes.filter((r) => resoudre(r.ref) === undefined);
    expect(cassees).toEqual([]);
    expect(resoudre('#/components/schemas/absent')).toBeUndefined();
  });

  it('is the same whatever the order in which routes were declared', () => {
    expect(documentOpenapi([...specs].reverse())).toEqual(doc);
  });
});

describe('the README’s permission matrix', () => {
  it('is the one written from the declared routes', () => {
    const bloc = matricePermissions(specs);
    for (const s of specs)
      expect(bloc).toContain(`\`${s.methode.toUpperCase()} ${cheminOpenapi(s.chemin)}\``);
    const chemin = join(repoRoot, 'README.md');
    const readme = readFileSync(chemin, 'utf8');
    const motif =
      /(<!-- matrice-permissions:debut[^>]*-->\n)([\s\S]*?)(\n<!-- matrice-permissions:fin -->)/;
    if (process.env['UPDATE_README'])
      writeFileSync(
        chemin,
        readme.replace(motif, (_m, a: string, _b, c: string) => `${a}${bloc}${c}`),
      );
    expect(motif.exec(readFileSync(chemin, 'utf8'))?.[2]).toBe(bloc);
  });
});
