/**
 * Binds a program to a real process: messages from stdin, replies to stdout, logs to stderr,
 * real timers and wall-clock time. The only module under src/ that touches process I/O.
 */
import { createInterface } from "node:readline";
import type { Env } from "./env.js";
import { MaelstromNode, type Program } from "./node.js";
import { formatMessage } from "./protocol.js";

export function stdioEnv(): Env {
  return {
    now: () => performance.timeOrigin + performance.now(),
    setTimer(delayMs, callback) {
      // unref: a node whose stdin has closed exits instead of waiting on its own timers.
      const handle = setTimeout(callback, delayMs).unref();
      return { cancel: () => clearTimeout(handle) };
    },
    send(message) {
      process.stdout.write(formatMessage(message));
    },
    random: Math.random,
    log(line) {
      process.stderr.write(`${line}\n`);
    },
  };
}

/** Runs `program` over stdin/stdout until stdin closes. */
export function runOverStdio(program: Program): MaelstromNode {
  const node = new MaelstromNode(stdioEnv());
  program(node);
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // The harness went away; there is nobody left to talk to.
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on("line", (line) => node.receiveLine(line));
  return node;
}
