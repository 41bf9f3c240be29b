/**
 * Appends every item of `from` to `into`. Unlike `into.push(...from)`, whose arguments all go on
 * the call stack (« Maximum call stack size exceeded » beyond ≈ 120 000 items), it holds for
 * any size: a worker's part of a million-event file carries that many alerts.
 */
export function appendAll<T>(into: T[], from: readonly T[]): void {
  for (const item of from) into.push(item);
}
