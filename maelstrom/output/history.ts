/**
 * Reimplements `jepsen.history.Op` and the journal events (docs/MAELSTROM.md#outputs).
 * The shapes every part of the harness agrees on: history operations (Jepsen ops) and network
 * journal events. Times are integer nanoseconds since the test origin.
 */
import type { Message } from "../../src/runtime/protocol.js";

export type OpType = "invoke" | "ok" | "fail" | "info";

/**
 * An error as Jepsen records it: a keyword (`"net-timeout"` stands for `:net-timeout`) or a
 * keyword with a text (`["temporarily-unavailable", "text"]` for `[:temporarily-unavailable "text"]`).
 */
export type OpError = string | [string, string | null];

export interface OpException {
  /** Like a Java class name, e.g. "clojure.lang.ExceptionInfo". */
  class: string;
  message: string;
}

export interface Op {
  /** Dense, in the order the interpreter recorded ops. */
  index: number;
  /** Nanoseconds since the test origin. */
  time: number;
  type: OpType;
  /** Client processes are integers; the nemesis is "nemesis". */
  process: number | "nemesis";
  /** The operation, e.g. "broadcast", "read", "echo", "generate", "start-partition". */
  f: string;
  /** JSON value: the request value on invoke, the result on completion. */
  value: unknown;
  error?: OpError;
  final?: boolean;
  exception?: OpException;
}

export interface JournalEvent {
  /** A global event counter from 0. */
  id: number;
  /** Nanoseconds since the test origin (Maelstrom stores absolute nanoTime; stats ignore it). */
  time: number;
  type: "send" | "recv";
  message: Message & { id: number };
  /** On sends: when the message is due (send time + drawn latency). Not in Maelstrom's journal. */
  deadline?: number;
  /** On sends harmed by a `--nemesis` fault: lost, a duplicate copy, or on a slowed link. */
  fault?: "loss" | "duplicate" | "delay";
}

export function isClientOp(op: Op): op is Op & { process: number } {
  return typeof op.process === "number";
}
