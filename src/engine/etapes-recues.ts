/**
 * The main thread's side of a shard worker's steps (echange-doublons.ts is the worker's): a
 * step's value may arrive before it is asked for (kept until then) or after (the asker waits);
 * once the worker has failed, every step asked for or waited on fails with it.
 */
export class EtapesRecues {
  private readonly recues = new Map<string, unknown>();
  private readonly attentes = new Map<
    string,
    { ok: (v: unknown) => void; ko: (e: unknown) => void }
  >();
  private echec: Error | undefined;

  /** The value of step `etape`, when it has come. */
  recevoir(etape: string): Promise<unknown> {
    if (this.recues.has(etape)) {
      const v = this.recues.get(etape);
      this.recues.delete(etape);
      return Promise.resolve(v);
    }
    if (this.echec) return Promise.reject(this.echec);
    return new Promise((ok, ko) => this.attentes.set(etape, { ok, ko }));
  }

  /** The worker sent step `etape`'s value. */
  arriver(etape: string, valeur: unknown): void {
    const a = this.attentes.get(etape);
    this.attentes.delete(etape);
    if (a) a.ok(valeur);
    else this.recues.set(etape, valeur);
  }

  /** The worker failed: what waits fails, and so will what is asked for later. */
  echouer(e: Error): void {
    this.echec = e;
    for (const a of this.attentes.values()) a.ko(e);
    this.attentes.clear();
  }
}
