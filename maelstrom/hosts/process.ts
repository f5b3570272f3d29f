/**
 * Reimplements `maelstrom.process` (docs/MAELSTROM.md#node-processes).
 * Runs one node as an OS process, as Maelstrom does: the binary is
 * spawned directly with cwd = the OS tmpdir; delivered messages are written to stdin as JSON
 * lines; stdout lines are validated and sent into the network; stderr goes to
 * node-logs/<node>.log.
 *
 * Maelstrom's quirk is kept: the first invalid stdout line (not JSON, wrong shape, unknown src
 * or dest — typically a late reply to a closed client) stops the node's stdout reader for good.
 * We log that loudly with the node's last lines, instead of only a WARN as Maelstrom does.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, createWriteStream } from "node:fs";
import { setPriority, tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Body } from "../../src/runtime/protocol.js";
import { realScheduler } from "../clock.js";
import type { Network } from "../net/network.js";
import { type TestOptions, UsageError } from "../options.js";
import { parseExactJson } from "../output/exact-json.js";
import type { RunLog } from "../output/log.js";
import { type Engine, type NodeFault, type NodeHost, remember } from "./host.js";

export interface ProcessNodeOptions {
  bin: string;
  args: readonly string[];
  env: Record<string, string>;
  network: Network;
  logDir: string;
  log: RunLog;
  logStderr: boolean;
  /** Niceness for the node process (0: as Maelstrom; see `--node-niceness`). */
  niceness: number;
  /** util-linux's chrt, to start the node under SCHED_IDLE (`--node-idle`); none: as Maelstrom. */
  chrt?: string;
  onFault(fault: NodeFault): void;
}

/** Checks one stdout line against Maelstrom's closed message schema. */
function parseNodeLine(line: string): { src: string; dest: string; body: Body } | string {
  let raw: unknown;
  try {
    raw = parseExactJson(line);
  } catch {
    return "not JSON";
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "not a JSON object";
  const message = raw as Record<string, unknown>;
  const extra = Object.keys(message).filter((key) => !["src", "dest", "body", "id"].includes(key));
  if (extra.length > 0) return `unexpected top-level keys ${extra.join(", ")}`;
  if (typeof message.src !== "string") return "`src` is not a string";
  if (typeof message.dest !== "string") return "`dest` is not a string";
  if (!("body" in message)) return "missing `body`";
  if (message.id !== undefined && !Number.isInteger(message.id)) return "`id` is not an integer";
  return { src: message.src, dest: message.dest, body: message.body as Body };
}

export function startProcessNode(id: string, options: ProcessNodeOptions): NodeHost {
  const { network, log } = options;
  const lastStdout: string[] = [];
  const lastStderr: string[] = [];
  let exited: { code: number | null; signal: string | null } | null = null;
  let stopping = false;
  let readerStopped = false;

  // chrt execs the node in its own place: same pid, same argv.
  const [command, args] = options.chrt
    ? [options.chrt, ["--idle", "0", options.bin, ...options.args]]
    : [options.bin, [...options.args]];
  const child = spawn(command, args, {
    cwd: tmpdir(),
    env: { ...process.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
    // Not detached: a session of its own would put each node in its own scheduler autogroup,
    // where niceness no longer yields the CPU to the harness.
  });
  if (child.pid !== undefined && options.niceness !== 0) {
    try {
      setPriority(child.pid, options.niceness);
    } catch (error) {
      log.warn(`could not renice ${id}: ${(error as Error).message}`);
    }
  }
  let reportDeath: (reason: string) => void = () => {};
  const died = new Promise<string>((resolve) => {
    reportDeath = resolve;
  });
  const exit = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const fault = (kind: NodeFault["kind"], detail: string): NodeFault => ({
    node: id,
    kind,
    detail,
    lastStdout: [...lastStdout],
    lastStderr: [...lastStderr],
  });

  child.on("error", (error) => {
    exited = { code: null, signal: null };
    const reason = `could not start ${options.bin}: ${error.message}`;
    options.onFault(fault("crashed", reason));
    reportDeath(reason);
  });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    exited = { code, signal };
    const reason = `node ${id} exited with code ${code} signal ${signal}`;
    setImmediate(() => options.onFault(fault("crashed", reason)));
    reportDeath(reason);
  });
  child.stdin.on("error", () => {}); // a dead node's stdin; the exit is reported instead

  network.add(id, (_message, json) => {
    if (exited === null && child.stdin.writable) child.stdin.write(`${json}\n`);
  });

  createInterface({ input: child.stdout }).on("line", (line) => {
    remember(lastStdout, line);
    if (readerStopped) return;
    const parsed = parseNodeLine(line);
    let problem = typeof parsed === "string" ? parsed : null;
    if (typeof parsed !== "string") {
      try {
        network.send(parsed.src, parsed.dest, parsed.body);
      } catch (error) {
        problem = (error as Error).message;
      }
    }
    if (problem !== null) {
      readerStopped = true;
      options.onFault({
        ...fault(
          "stdout-reader-stopped",
          `${problem}; line: ${line.slice(0, 300)}. Maelstrom ignores everything ${id} prints after this.`,
        ),
        refused: { cause: problem, line: line.slice(0, 300) },
      });
    }
  });

  const logFile = createWriteStream(join(options.logDir, `${id}.log`), { flags: "a" }); // restarts append
  logFile.on("error", (error) => log.warn(`cannot write ${id}'s log: ${error.message}`));
  createInterface({ input: child.stderr }).on("line", (line) => {
    remember(lastStderr, line);
    logFile.write(`${line}\n`);
    if (options.logStderr) log.info(`${id} stderr: ${line}`);
  });

  const signal = (name: "SIGSTOP" | "SIGCONT") => {
    if (exited === null) child.kill(name);
  };
  return {
    id,
    died,
    pause: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    async stop() {
      const crashed = exited !== null;
      stopping = true;
      if (!crashed) child.kill("SIGKILL");
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      // A grandchild (a wrapper script's node, say) may still hold the pipes open: let go.
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.destroy();
      await new Promise((resolve) => logFile.end(resolve));
      return crashed
        ? fault(
            "crashed",
            `node ${id} had exited with code ${exited?.code} signal ${exited?.signal}`,
          )
        : null;
    },
  };
}

/**
 * Where `chrt` is, for `--node-idle`. Under Linux's EEVDF scheduler a niced node that is running
 * keeps its CPU until its slice ends (1–4 ms), however late the harness's timer; a SCHED_IDLE
 * node gives it up at once (docs/BENCHMARKS.md#harness-fidelity-and-overhead).
 */
function findChrt(): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "chrt");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new UsageError("--node-idle needs chrt (util-linux) on the PATH, and it is not there");
}

/** Real time and one OS process per node: how Maelstrom runs a test. */
export function processEngine(options: TestOptions): Engine {
  const bin = resolve(options.bin);
  const chrt = options.nodeIdle ? findChrt() : undefined;
  return {
    scheduler: realScheduler(),
    launch: (node, context) =>
      startProcessNode(node, {
        ...context,
        bin,
        args: options.args,
        env: options.nodeEnv,
        logStderr: options.logStderr,
        niceness: options.nodeNiceness,
        ...(chrt ? { chrt } : {}),
      }),
  };
}
