/**
 * Binds a program to a real process: messages from stdin, replies to stdout, logs to stderr,
 * real timers and wall-clock time. The only module under src/ that touches process I/O.
 */
import { Console } from "node:console";
import { realpathSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
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

/**
 * Stdout carries protocol lines only, but libraries (yjs, through lib0's logging) and a node's
 * own debugging print with console.log: every console method writes to stderr from now on.
 */
function routeConsoleToStderr(): void {
  const toStderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  const methods = console as unknown as Record<string, unknown>;
  for (const [name, method] of Object.entries(toStderr)) {
    if (typeof method === "function" && typeof methods[name] === "function") methods[name] = method;
  }
}

/**
 * Runs `program` over stdin/stdout until stdin closes. From the call on, `console` writes to
 * stderr, so nothing but protocol lines reaches stdout.
 */
export function runOverStdio(program: Program): MaelstromNode {
  routeConsoleToStderr();
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
    // Through symlinks: bin/echo is a link to dist/bin/echo.js.
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

/**
 * An executable's entry: when its module is the main one, runs the program `start` returns over
 * stdio. Imported (by `maelstrom test --sim`), it does nothing, and the module's exported Program
 * runs in-process instead.
 */
export function runIfMain(moduleUrl: string, start: () => Program): void {
  if (isMainModule(moduleUrl)) runOverStdio(start());
}
