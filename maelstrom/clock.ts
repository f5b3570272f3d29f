/**
 * The harness's notion of time. Everything in the core (network, interpreter, nemesis) asks the
 * Scheduler, so a virtual-time engine can replace the real one without touching the core.
 * Times are integer nanoseconds since the scheduler was made; they never jump. (History times
 * are relative to the test origin instead: the interpreter subtracts it.)
 */
import { TimerQueue } from "../src/lib/timer-queue.js";

export type Cancel = () => void;

export interface Scheduler {
  /** Nanoseconds since the scheduler was made. */
  now(): number;
  /** Runs `callback` once the clock reaches `timeNs` (on a later turn if it has). */
  at(timeNs: number, callback: () => void): Cancel;
  /** Resolves once the clock reaches `timeNs`. */
  sleepUntil(timeNs: number): Promise<void>;
  /**
   * Waits for work outside the simulated world (writing files, stopping nodes). Real time
   * simply waits; virtual time stands still until it settles, so a run stays deterministic.
   */
  offClock<T>(work: Promise<T>): Promise<T>;
}

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/**
 * How late a JVM thread wakes from a timed sleep or poll (Maelstrom's `Thread/sleep`, Jepsen's
 * interpreter waiting for its next op): about 0.1 ms on Linux. The harness's own threads wake
 * this late on purpose, in real and virtual time alike; at rate 1000 this lateness is what keeps
 * a run below its nominal op count, as in Maelstrom.
 */
export const JVM_WAKE_UP_NS = 100_000;

/** When a JVM thread that sleeps until `timeNs` runs again. */
export const jvmWakeTime = (timeNs: number): number => timeNs + JVM_WAKE_UP_NS;

/**
 * How long before a timer is due the real scheduler stops relying on setTimeout (whole
 * milliseconds, often a millisecond late) and instead checks the clock on every event-loop turn.
 */
export const SPIN_WINDOW_NS = 2 * NS_PER_MS;

/**
 * Real time, to a few microseconds: one setTimeout wakes the loop shortly before the earliest
 * timer, then setImmediate turns (which still serve I/O) poll the clock until it is due. The
 * spin costs harness CPU for about the last two milliseconds before each wake-up
 * (docs/BENCHMARKS.md measures it; `spinWindowNs: 0` turns it off, for comparison).
 */
export function realScheduler(options: { spinWindowNs?: number } = {}): Scheduler {
  const { spinWindowNs = SPIN_WINDOW_NS } = options;
  const origin = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - origin);
  const timers = new TimerQueue();
  let coarse: { wakeAt: number; handle: NodeJS.Timeout } | null = null;
  let spinning = false;

  const spin = () => {
    spinning = false;
    for (let due = timers.takeNext(now()); due; due = timers.takeNext(now())) due.callback();
    arm();
  };
  const arm = () => {
    const next = timers.nextAt();
    if (next === undefined || spinning) return;
    const wakeAt = next - spinWindowNs;
    if (wakeAt <= now()) {
      spinning = true;
      setImmediate(spin);
      return;
    }
    if (coarse && coarse.wakeAt <= wakeAt) return;
    if (coarse) clearTimeout(coarse.handle);
    const handle = setTimeout(
      () => {
        coarse = null;
        arm();
      },
      Math.floor((wakeAt - now()) / NS_PER_MS),
    );
    coarse = { wakeAt, handle };
  };
  const at = (timeNs: number, callback: () => void): Cancel => {
    const cancel = timers.add(timeNs, callback);
    arm();
    return cancel;
  };
  return {
    now,
    at,
    sleepUntil: (timeNs) => new Promise((resolve) => at(timeNs, resolve)),
    offClock: (work) => work,
  };
}
