/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * The harness's notion of time. Everything in the core (network, interpreter, nemesis) asks the
 * Scheduler, so a virtual-time engine can replace the real one without touching the core.
 * Times are integer nanoseconds since the scheduler was made; they never jump. (History times
 * are relative to the test origin instead: the interpreter subtracts it.)
 */
export type Cancel = () => void;

export interface Scheduler {
  /** Nanoseconds since the scheduler was made. */
  now(): number;
  /** Runs `callback` once the clock reaches `timeNs` (at once if it has). */
  at(timeNs: number, callback: () => void): Cancel;
  /** Resolves once the clock reaches `timeNs`. */
  sleepUntil(timeNs: number): Promise<void>;
}

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/** Real time: process.hrtime and setTimeout (which has millisecond resolution). */
export function realScheduler(): Scheduler {
  const origin = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - origin);
  const at = (timeNs: number, callback: () => void): Cancel => {
    const waitMs = Math.ceil((timeNs - now()) / NS_PER_MS);
    if (waitMs <= 0) {
      const handle = setImmediate(callback);
      return () => clearImmediate(handle);
    }
    const handle = setTimeout(callback, waitMs);
    return () => clearTimeout(handle);
  };
  return {
    now,
    at,
    sleepUntil: (timeNs) => new Promise((resolve) => at(timeNs, resolve)),
  };
}
