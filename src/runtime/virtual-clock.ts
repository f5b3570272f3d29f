/**
 * Virtual time for the in-process adapter and simulations: timers fire in (time, creation)
 * order when the clock is advanced, and 20 s of node time take milliseconds.
 */
import { TimerQueue } from "../lib/timer-queue.js";
import type { Timer } from "./env.js";

export class VirtualClock {
  private current: number;
  private readonly timers = new TimerQueue();

  /** Starts at 1 ms: TTL caches (e.g. lru-cache) treat a start time of 0 as "unset". */
  constructor(start = 1) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): Timer {
    return { cancel: this.timers.add(this.current + Math.max(0, delayMs), callback) };
  }

  /** Fires every timer due at or before `time`, in order, then sets the clock to `time`. */
  advanceTo(time: number): void {
    for (let due = this.timers.takeNext(time); due; due = this.timers.takeNext(time)) {
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = Math.max(this.current, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }
}
