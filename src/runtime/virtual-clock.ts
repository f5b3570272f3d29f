/**
 * Virtual time for the in-process adapter and simulations: timers fire in (time, creation)
 * order when the clock is advanced, and 20 s of node time take milliseconds.
 */
import { PriorityQueue } from "../lib/priority-queue.js";
import type { Timer } from "./env.js";

interface Scheduled {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private readonly queue = new PriorityQueue<Scheduled>(
    (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq),
  );

  /** Starts at 1 ms: TTL caches (e.g. lru-cache) treat a start time of 0 as "unset". */
  constructor(start = 1) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    const entry: Scheduled = {
      at: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      callback,
      cancelled: false,
    };
    this.queue.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  }

  /** Fires every timer due at or before `time`, in order, then sets the clock to `time`. */
  advanceTo(time: number): void {
    for (;;) {
      const head = this.queue.peek();
      if (!head || head.at > time) break;
      this.queue.pop();
      if (head.cancelled) continue;
      this.current = Math.max(this.current, head.at);
      head.callback();
    }
    this.current = Math.max(this.current, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
