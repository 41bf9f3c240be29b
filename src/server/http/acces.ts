/** Route guards over the policy: 404 for what the principal cannot see, 403 for what it cannot do. */
import type { Request } from 'express';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { organisationVue, peut, voit, type Ressource } from '../policy.js';
import { ErreurHttp } from './erreur-http.js';

export function introuvable(req: Request): ErreurHttp {
  return new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: req.baseUrl + req.path });
}

/** Throws 404 unless the resource is visible, then 403 unless the action is allowed. */
export function exiger(req: Request, p: Principal, permission: Permission, r: Ressource): void {
  if (!voit(p, r)) throw introuvable(req);
  if (!peut(p, permission, r))
    throw new ErreurHttp(403, 'SERVICE_INTERDIT', {
      permission,
      organisation: organisationVue(p, r),
    });
}

export function exigerAdmin(p: Principal): void {
  if (!p.admin) throw new ErreurHttp(403, 'SERVICE_ADMIN_REQUIS');
}
