/**
 * Callbacks due at given times, taken out in (time, scheduling order): the one queue under both
 * virtual clocks (the node runtime's `VirtualClock` and the harness's `VirtualScheduler`).
 * Cancelled entries stay in the heap and are skipped when they come out.
 */
import { PriorityQueue } from "./priority-queue.js";

interface Entry {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

export interface DueTimer {
  at: number;
  callback: () => void;
}

export class TimerQueue {
  private seq = 0;
  private readonly heap = new PriorityQueue<Entry>(
    (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq),
  );

  /** Schedules `callback` at `at`; the returned function cancels it. */
  add(at: number, callback: () => void): () => void {
    const entry: Entry = { at, seq: this.seq++, callback, cancelled: false };
    this.heap.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** When the earliest live timer is due, or undefined if none is left. */
  nextAt(): number | undefined {
    for (let head = this.heap.peek(); head; head = this.heap.peek()) {
      if (!head.cancelled) return head.at;
      this.heap.pop();
    }
    return undefined;
  }

  /** Removes and returns the earliest live timer due at or before `until`, if any. */
  takeNext(until = Number.POSITIVE_INFINITY): DueTimer | undefined {
    for (;;) {
      const head = this.heap.peek();
      if (!head || head.at > until) return undefined;
      this.heap.pop();
      if (!head.cancelled) return head;
    }
  }
}
