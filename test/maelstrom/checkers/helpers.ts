/** Builds histories concisely for checker tests: times in ms, stored as integer ns. */
import type { JournalEvent, Op, OpType } from "../../../maelstrom/output/history.js";

export const ms = (t: number): number => Math.round(t * 1e6);

type Extras = Pick<Op, "error" | "final" | "exception">;

export class HistoryBuilder {
  readonly ops: Op[] = [];

  op(
    type: OpType,
    process: Op["process"],
    f: string,
    value: unknown,
    atMs: number,
    extras: Extras = {},
  ): Op {
    const op: Op = { index: this.ops.length, time: ms(atMs), type, process, f, value, ...extras };
    this.ops.push(op);
    return op;
  }

  invoke(process: Op["process"], f: string, value: unknown, atMs: number, extras?: Extras): Op {
    return this.op("invoke", process, f, value, atMs, extras);
  }
  ok(process: Op["process"], f: string, value: unknown, atMs: number, extras?: Extras): Op {
    return this.op("ok", process, f, value, atMs, extras);
  }
  fail(process: Op["process"], f: string, value: unknown, atMs: number, extras?: Extras): Op {
    return this.op("fail", process, f, value, atMs, extras);
  }
  info(process: Op["process"], f: string, value: unknown, atMs: number, extras?: Extras): Op {
    return this.op("info", process, f, value, atMs, extras);
  }

  /** A broadcast invoked at `atMs` and acked (ok) at `ackMs`. */
  broadcast(process: number, value: unknown, atMs: number, ackMs: number): [Op, Op] {
    return [
      this.invoke(process, "broadcast", value, atMs),
      this.ok(process, "broadcast", value, ackMs),
    ];
  }

  /** A read invoked at `atMs` that completes ok at `doneMs` with `values`. */
  read(process: number, atMs: number, doneMs: number, values: unknown[]): [Op, Op] {
    return [this.invoke(process, "read", null, atMs), this.ok(process, "read", values, doneMs)];
  }
}

let eventId = 0;

/** A journal event; `msg` is the message id (shared by a send and its recv). */
export function event(type: "send" | "recv", src: string, dest: string, msg: number): JournalEvent {
  return {
    id: eventId++,
    time: 0,
    type,
    message: { id: msg, src, dest, body: { type: "x" } },
  };
}
