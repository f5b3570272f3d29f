/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
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
  /**
   * What a harness thread's sleep must add to this clock's own lateness to wake as late as a
   * JVM thread (see `threadWakeTime`): 0 in real time, whose waits already lag about as much;
   * `JVM_WAKE_UP_NS` in virtual time, which is never late.
   */
  readonly addedWakeUpNs: number;
}

export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;

/**
 * How late a JVM thread wakes from a timed sleep or poll (Maelstrom's `Thread/sleep`, Jepsen's
 * interpreter waiting for its next op) on Linux: about 0.1 ms, mostly the kernel's 50 µs timer
 * slack. At rate 1000 this lateness is what keeps a run below its nominal op count.
 */
export const JVM_WAKE_UP_NS = 100_000;

/** When a Maelstrom or Jepsen thread that sleeps until `timeNs` runs again. */
export const threadWakeTime = (scheduler: Scheduler, timeNs: number): number =>
  timeNs + scheduler.addedWakeUpNs;

/**
 * How long before a timer is due the real scheduler stops relying on setTimeout (whole
 * milliseconds, often a millisecond late) and waits precisely instead.
 */
export const SPIN_WINDOW_NS = 2 * NS_PER_MS;

/**
 * The longest the futex wait blocks the event loop at a time; between blocks the loop serves
 * I/O (node output), so a line read from a node waits at most about this long.
 */
const MAX_BLOCK_NS = 200_000;

/**
 * How the real scheduler spends the last `SPIN_WINDOW_NS` before a timer:
 * - `futex`: event-loop turns alternate with short timed waits (`Atomics.wait`, a futex, as the
 *   JVM's sleep is), which overshoot by the kernel's timer slack, about as much as a JVM thread;
 * - `poll`: back-to-back event-loop turns (`setImmediate`), serving I/O all the while, at the
 *   cost of a busy core during the window;
 * - `timeout`: no window, setTimeout alone (whole milliseconds, up to about 1 ms late).
 * docs/BENCHMARKS.md compares them.
 */
export type PreciseWait = "futex" | "poll" | "timeout";
export const PRECISE_WAITS: readonly PreciseWait[] = ["futex", "poll", "timeout"];

/**
 * Real time: one setTimeout wakes the loop shortly before the earliest timer, then the
 * `preciseWait` strategy takes it to the deadline.
 */
export function realScheduler(options: { preciseWait?: PreciseWait } = {}): Scheduler {
  const { preciseWait = "futex" } = options;
  const windowNs = preciseWait === "timeout" ? 0 : SPIN_WINDOW_NS;
  const origin = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - origin);
  const timers = new TimerQueue();
  const futex = new Int32Array(new SharedArrayBuffer(4));
  let coarse: { wakeAt: number; handle: NodeJS.Timeout } | null = null;
  let turning = false;

  /** One event-loop turn near a deadline: run what is due, then wait a little, precisely. */
  const turn = () => {
    turning = false;
    let ran = false;
    for (let due = timers.takeNext(now()); due; due = timers.takeNext(now())) {
      due.callback();
      ran = true;
    }
    const next = timers.nextAt();
    if (next === undefined) return;
    const ahead = next - now();
    if (ahead > windowNs) return arm();
    // Block only on a turn that ran nothing: what just ran may have resolved promises, whose
    // continuations (the interpreter's next op, a client's reply) run once this turn returns.
    if (preciseWait === "futex" && !ran && ahead > 0)
      Atomics.wait(futex, 0, 0, Math.min(ahead, MAX_BLOCK_NS) / NS_PER_MS);
    turning = true;
    setImmediate(turn);
  };
  const arm = () => {
    const next = timers.nextAt();
    if (next === undefined || turning) return;
    const wakeAt = next - windowNs;
    if (wakeAt <= now()) {
      turning = true;
      setImmediate(turn);
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
    addedWakeUpNs: 0,
  };
}
