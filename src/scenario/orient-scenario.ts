/**
 * `commande: orient` scenarios: the inline parc and events are written as real CSV files and go
 * through the real reader, loader, engine and orientation aid; the suggestion is compared with
 * what the scenario expects (rank order, constraints, reasons, positions, filière flags).
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { ecrireEntrees } from './scenario-inputs.js';
import { Orientation } from '../orientation/orienter.js';
import { EFFET_FILIERE } from '../orientation/residence.js';
import type { CandidatOrientation, Suggestion } from '../orientation/suggestion.js';
import type { OrientationAttendue, Scenario } from './scenario.js';

const show = (v: unknown): string => JSON.stringify(v);

export async function runOrientScenario(s: Scenario, root: string, lang: Lang): Promise<string[]> {
  const { parc, events } = await ecrireEntrees(s, root);
  const o = await Orientation.ouvrir({
    rules: [root],
    parc,
    evenements: events,
    lang,
    cwd: root,
    filiere: { ...EFFET_FILIERE, ...s.entrees.filiere },
    ...(s.entrees.date !== undefined ? { date: s.entrees.date } : {}),
    ...(s.entrees.signees ? { signees: true } : {}),
  });
  const out = o.diagnostics.map(
    (d) => `entrée invalide : ${d.file}:${String(d.line)} ${d.code} ${d.message}`,
  );
  const r = await o.suggerer(s.entrees.logement ?? '');
  comparer(
    s.sorties.orientation ?? {},
    r.suggestion,
    r.diagnostics.map((d) => d.code),
    out,
  );
  return out;
}

function comparer(
  x: OrientationAttendue,
  s: Suggestion | undefined,
  codes: string[],
  out: string[],
): void {
  const attendus = x.diagnostics ?? [];
  if (show([...attendus].sort()) !== show([...codes].sort()))
    out.push(`diagnostics : attendu ${show(attendus)}, obtenu ${show(codes)}`);
  if (!s) return;
  const par = new Map<string, CandidatOrientation>(s.candidats.map((c) => [c.id, c]));
  if (x.suggestion !== undefined && x.suggestion !== s.suggestion)
    out.push(`suggestion : attendu ${show(x.suggestion)}, obtenu ${show(s.suggestion)}`);
  const classement = s.candidats.filter((c) => c.rang > 0).map((c) => c.id);
  if (x.classement && show(x.classement) !== show(classement))
    out.push(`classement : attendu ${show(x.classement)}, obtenu ${show(classement)}`);
  for (const [id, texte] of Object.entries(x.contraintes ?? {})) {
    const c = par.get(id);
    if (!c?.contraintes.some((t) => t.includes(texte)))
      out.push(`contraintes de ${id} : « ${texte} » attendu, obtenu ${show(c?.contraintes)}`);
  }
  for (const [id, texte] of Object.entries(x.raisons ?? {})) {
    const c = par.get(id);
    if (!c?.raisons.includes(texte))
      out.push(`raisons de ${id} : « ${texte} » attendu, obtenu ${show(c?.raisons)}`);
  }
  const filiere = s.candidats.filter((c) => c.filiere).map((c) => c.id);
  if (x.filiere && show([...x.filiere].sort()) !== show(filiere.sort()))
    out.push(`filière : attendu ${show(x.filiere)}, obtenu ${show(filiere)}`);
  for (const [id, territoires] of Object.entries(x.positions ?? {}))
    for (const [t, valeurs] of Object.entries(territoires)) {
      const p = par.get(id)?.positions.find((q) => q.territoire === t);
      if (!p) {
        out.push(`position de ${id} sur ${t} absente`);
        continue;
      }
      for (const [k, v] of Object.entries(valeurs)) {
        const obtenu = (p as unknown as Record<string, unknown>)[k];
        const egal =
          typeof v === 'number' && typeof obtenu === 'number'
            ? Math.abs(v - obtenu) < 1e-6
            : v === obtenu;
        if (!egal) out.push(`${id} ${t} ${k} : attendu ${show(v)}, obtenu ${show(obtenu)}`);
      }
    }
}
