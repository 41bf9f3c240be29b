/**
 * The draft editor's two calls: a YAML text checked exactly as its upload would be (same check,
 * same stored versions, same permission `rediger` on its parties, same masking of the other
 * parties' conventions), and printed as a stored version's HTML is; nothing is stored.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { cheminRegles } from '../conventions/arbre-temporaire.js';
import { apercuBrouillon } from '../conventions/brouillon.js';
import { placeDuYaml, verifierDepot, type Place } from '../conventions/depot.js';
import { ressourceConvention } from '../conventions/versions-stockees.js';
import { exiger } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { diagnosticRequete, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import { voit } from '../policy.js';

/** A JSON-encoded YAML of the upload's 2 MB: mounted before the application's 1 MB parser. */
export const corpsBrouillon = express.json({ limit: '3mb' });
export const CHEMINS_BROUILLON = ['/api/conventions/controle', '/api/conventions/apercu'];

interface Controle {
  yaml: string;
  place: Place | undefined;
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The caller is of the bailleur (or the draft names no place): diagnostics in full. */
  duBailleur: boolean;
}

/** The upload's checks, in its order: `rediger` on the parties the text names, then `check`. */
async function controler(ctx: Contexte, req: Request, p: Principal): Promise<Controle> {
  const { yaml } = valider(req, 'brouillon');
  const place = placeDuYaml(yaml);
  if (place) exiger(req, p, 'rediger', ressourceConvention(place));
  const duBailleur = !place || voit(p, { type: 'bailleur', siren: place.bailleur });
  const r = await verifierDepot(ctx.base.db, yaml, place, langue(req), duBailleur);
  if (place || !r.ok) return { yaml, place, ok: r.ok, diagnostics: r.diagnostics, duBailleur };
  const sansPlace = diagnosticRequete(req, 'SERVICE_CONVENTION_SANS_PLACE', {});
  return { yaml, place, ok: false, diagnostics: [...r.diagnostics, sansPlace], duBailleur };
}

const convention = (place: Place | undefined) =>
  place
    ? {
        id: place.id,
        version: place.version,
        departement: place.departement,
        bailleur: place.bailleur,
        reservataire: place.reservataire,
        statut: place.statut,
        fichier: cheminRegles(place),
      }
    : null;

export function routesBrouillon(ctx: Contexte): Router {
  const r = Router();

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/conventions/controle',
      groupe: 'conventions',
      resume:
        'Vérifie un projet de texte YAML comme son dépôt le serait, sans rien enregistrer : { ok, convention, diagnostics } avec chaque diagnostic à sa ligne et colonne.',
      acces: 'rediger',
      portee: 'bailleur ou réservataire nommé dans le YAML',
      corps: 'brouillon',
    },
    async (req: Request, res: Response) => {
      const c = await controler(ctx, req, principal(res));
      res.json({ ok: c.ok, convention: convention(c.place), diagnostics: c.diagnostics });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/conventions/apercu',
      groupe: 'conventions',
      resume:
        'Le texte imprimé (HTML de convflux render) d’un projet YAML, sans rien enregistrer ; 422 avec ses diagnostics quand il ne peut pas être imprimé.',
      acces: 'rediger',
      portee: 'bailleur ou réservataire nommé dans le YAML',
      corps: 'brouillon',
      produit: ['text/html'],
    },
    async (req: Request, res: Response) => {
      const c = await controler(ctx, req, principal(res));
      if (!c.place || !c.ok) {
        res.status(422).json({ diagnostics: c.diagnostics });
        return;
      }
      const a = await apercuBrouillon(ctx.base.db, c.yaml, c.place, langue(req), c.duBailleur);
      if (a.ok) res.type('text/html; charset=utf-8').send(Buffer.from(a.html));
      else res.status(422).json({ diagnostics: a.diagnostics });
    },
  );
  return r;
}
