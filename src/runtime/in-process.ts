/**
 * Binds a program to an in-memory transport and a virtual clock: the adapter used by tests and
 * by in-process simulations. Outgoing messages go to `deliver`; incoming ones are handed to
 * `node.receive`.
 */
import type { Random } from "../lib/random.js";
import type { Env } from "./env.js";
import { MaelstromNode, type Program } from "./node.js";
import type { Message } from "./protocol.js";

/** Any virtual time source (VirtualClock here; the harness adapts its scheduler). */
export type Clock = Pick<Env, "now" | "setTimer">;

export interface InProcessOptions {
  clock: Clock;
  random: Random;
  deliver(message: Message): void;
  log?(line: string): void;
  /**
   * Whether `deliver` gets a deep copy of each message, so that sender and receiver never share
   * mutable objects (as over a real wire). @default true. The harness turns it off: its network
   * encodes every message once and hands each receiver a copy decoded from that text.
   */
  copy?: boolean;
}

export function inProcessEnv(options: InProcessOptions): Env {
  return {
    now: () => options.clock.now(),
    setTimer: (delayMs, callback) => options.clock.setTimer(delayMs, callback),
    send:
      options.copy === false
        ? (message) => options.deliver(message)
        : (message) => options.deliver(structuredClone(message)),
    random: () => options.random.next(),
    log: options.log ?? (() => {}),
  };
}

export function startInProcess(program: Program, options: InProcessOptions): MaelstromNode {
  const node = new MaelstromNode(inProcessEnv(options));
  program(node);
  return node;
}
