/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * Virtual time for the harness core: callbacks run in (time, creation) order and the clock jumps
 * between them, so a whole test can run in-process in milliseconds. Between instants it yields
 * to the real event loop so that promise continuations settle, and async code (the interpreter)
 * behaves as under real time.
 *
 * One yield per instant, not per event: every event due at the same virtual time runs in one
 * batch (continuations then run after the batch, still at that time). A yield costs a trip
 * round Node's event loop, and busy runs have many events per instant.
 */
import { TimerQueue } from "../src/lib/timer-queue.js";
import { type Cancel, JVM_WAKE_UP_NS, type Scheduler } from "./clock.js";

/** A turn of the event loop longer than this was spent working, not waiting. */
const BUSY_TURN_MS = 50;

/**
 * Requests the OS is still carrying out for this thread (file writes and reads, mostly), by
 * their names in `process.getActiveResourcesInfo()`; long-lived handles (a TTY, a worker's
 * message port, timers) are not among them.
 */
const IO_REQUEST = /Req|^(WriteWrap|ShutdownWrap|Zlib)$/;
const ioInFlight = () => process.getActiveResourcesInfo().some((name) => IO_REQUEST.test(name));

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
    // Times are whole nanoseconds, as with hrtime: a node's fractional-millisecond timer must not
    // make history and journal times fractional.
    return this.timers.add(Math.max(this.time, Math.ceil(timeNs)), callback);
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

  private takeNext(until?: number) {
    return this.holds > 0 ? undefined : this.timers.takeNext(until);
  }

  /** Moves the clock to the next event's time and runs every event due then; false if none. */
  private runInstant(): boolean {
    const first = this.takeNext();
    if (!first) return false;
    this.time = first.at;
    first.callback();
    for (let next = this.takeNext(this.time); next; next = this.takeNext(this.time))
      next.callback();
    return true;
  }

  /**
   * Runs events until `work` settles. While no event is due it keeps yielding to the real event
   * loop, so file I/O inside `work` can finish; it gives up after `stallMs` of real time in which
   * the run made no progress: no event ran, nothing was awaited off the clock, no turn of the
   * loop was long (the thread busy with `work` itself: a large run's checkers) and no I/O request
   * was in flight. Waiting for the disk is progress too: with two workers flushing large journals
   * at once, a run's last writes can take longer than `stallMs`, and that is no stall.
   */
  async runUntilSettled<T>(work: Promise<T>, stallMs = 30_000): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    let idleSince = performance.now();
    let lastTurn = idleSince;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      const ran = this.runInstant();
      const now = performance.now();
      // An event ran, real work is awaited off the clock, or the turn itself was work.
      if (ran || this.holds > 0 || now - lastTurn > BUSY_TURN_MS) idleSince = now;
      else if (now - idleSince > stallMs) {
        // Asked only when the run looks stalled: listing resources is not free.
        if (ioInFlight()) idleSince = now;
        else
          throw new Error(
            `virtual run stalled: nothing scheduled, off the clock or in flight for ${stallMs} ms of real time`,
          );
      }
      lastTurn = now;
    }
    return work;
  }

  /** Runs events until none is left. */
  async run(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // let promise chains settle
      if (!this.runInstant() && this.holds === 0) return;
    }
  }
}
