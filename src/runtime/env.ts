/**
 * Everything a node may learn from or do to the outside world. Node logic receives an Env and
 * never touches process streams, wall-clock time, real timers or Math.random directly, so the
 * same logic runs over stdio and inside a virtual-time simulator.
 */
import type { Message } from "./protocol.js";

export interface Timer {
  cancel(): void;
}

export interface Env {
  /** Milliseconds: wall-clock epoch time over stdio, virtual time in a simulator. */
  now(): number;
  /** Runs `callback` once after `delayMs`. */
  setTimer(delayMs: number, callback: () => void): Timer;
  /** Puts one message on the wire. */
  send(message: Message): void;
  /** Uniform in [0, 1). */
  random(): number;
  /** A diagnostic line (stderr over stdio). */
  log(line: string): void;
}
