/**
 * Binds a program to a real process: messages from stdin, replies to stdout, logs to stderr,
 * real timers and wall-clock time. The only module under src/ that touches process I/O.
 */
import { realpathSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { routeConsoleToStderr } from "./console-to-stderr.js";
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

/** True when the module at `moduleUrl` is the process's entry point, not an import. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    // Through symlinks: bin/echo is a link to dist/src/bin/echo.js.
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * An executable's entry: when its module is the main one, routes the console to stderr and runs
 * the program `start` returns over stdio. Imported (by `maelstrom test --sim`), it does nothing,
 * and the module's exported Program runs in-process instead.
 */
export function runIfMain(moduleUrl: string, start: () => Program): void {
  if (!isMainModule(moduleUrl)) return;
  routeConsoleToStderr();
  runOverStdio(start());
}
