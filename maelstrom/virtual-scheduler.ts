/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * Virtual time for the harness core: callbacks run in (time, creation) order and the clock jumps
 * between them, so a whole test can run in-process in milliseconds. `run()` lets promise
 * continuations settle between events, so async code (the interpreter) behaves as under real
 * time.
 */
import { TimerQueue } from "../src/lib/timer-queue.js";
import { type Cancel, JVM_WAKE_UP_NS, type Scheduler } from "./clock.js";

export class VirtualScheduler implements Scheduler {
  private time = 0;
  /** Virtual time is never late, so the harness's sleeps add the JVM's lateness themselves. */
  readonly addedWakeUpNs = JVM_WAKE_UP_NS;
  private readonly timers = new TimerQueue();
  /** How many `offClock` waits are pending; the clock stands still while any is. */
  private holds = 0;

  now(): number {
    return this.time;
  }

  at(timeNs: number, callback: () => void): Cancel {
    return this.timers.add(Math.max(this.time, timeNs), callback);
  }

  sleepUntil(timeNs: number): Promise<void> {
    return new Promise((resolve) => this.at(timeNs, resolve));
  }

  async offClock<T>(work: Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await work;
    } finally {
      this.holds--;
    }
  }

  private takeNext() {
    return this.holds > 0 ? undefined : this.timers.takeNext();
  }

  /**
   * Runs events until `work` settles. While no event is due it keeps yielding to the real event
   * loop, so file I/O inside `work` can finish; it gives up after `stallMs` of real time.
   */
  async runUntilSettled<T>(work: Promise<T>, stallMs = 10_000): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idleSince = performance.now();
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = this.takeNext();
      if (next) {
        idleSince = performance.now();
        this.time = next.at;
        next.callback();
      } else if (this.holds > 0) {
        idleSince = performance.now(); // waiting on real work, not stalled
      } else if (performance.now() - idleSince > stallMs) {
        throw new Error(`virtual run stalled: nothing scheduled for ${stallMs} ms of real time`);
      }
    }
    return work;
  }

  /** Runs events until none is left. */
  async run(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // let promise chains settle
      const next = this.takeNext();
      if (!next) {
        if (this.holds === 0) return;
        continue;
      }
      this.time = next.at;
      next.callback();
    }
  }
}
