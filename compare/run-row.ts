/**
 * One run of one row: the 3d/3e workload on one seed, in virtual time in-process
 * (`simulate`) or as real processes (a child `bin/maelstrom test`, killed if it outlives its
 * time bound), reduced to the figures the table shows. A run that crashes, hangs or cannot
 * start comes back as a failure with its cause; it never throws.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { judge } from "../maelstrom/challenge-runner.js";
import { CHALLENGES, lookup } from "../maelstrom/challenges.js";
import type { NemesisKind, TestOptionsInput } from "../maelstrom/options.js";
import { RunLog } from "../maelstrom/output/log.js";
import { simulate } from "../maelstrom/simulate.js";
import { journalServerBytes } from "./journal-bytes.js";
import type { Strategy } from "./strategies.js";

/** Fly.io's 3d/3e workload, as the challenge runner runs it. */
export const WORKLOAD = { nodeCount: 25, rate: 100, latencyMs: 100, timeLimitS: 20 } as const;

export interface RunSpec {
  strategy: Strategy;
  nemesis: NemesisKind[];
  seed: number;
  /** Where this run's folder goes (`<dir>/broadcast/<time>/`). */
  storeDir: string;
  processes: boolean;
  timeLimitS: number;
  projectRoot: string;
  /**
   * Write the run's report (index.html, messages.html, charts). The table needs only
   * results.json and the journal, and a report costs about as much CPU as the run it shows.
   */
  report: boolean;
  /** Process runs: wall-clock bound. @default processRunBoundMs(timeLimitS) */
  boundMs?: number;
}

export interface RunFigures {
  msgsPerOp: number;
  bytesPerOp: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  lost: number;
  stale: number;
  /** Maelstrom's `valid?`. */
  valid: boolean | "unknown";
  pass3d: boolean;
  pass3e: boolean;
}

export type RunResult =
  | { seed: number; ok: true; dir: string; figures: RunFigures }
  | { seed: number; ok: false; dir?: string; cause: string };

const FAULT_LINE = /NODE CRASHED|NODE OUTPUT STOPPED|Test aborted|internal error|^Error/;

/** Wall-clock bound for a process run: setup, main phase, the 10 s recovery, teardown, slack. */
export function processRunBoundMs(timeLimitS: number): number {
  return (2 * (timeLimitS + 10) + 60) * 1000;
}

export async function runRow(spec: RunSpec): Promise<RunResult> {
  try {
    return spec.processes || spec.strategy.program === undefined
      ? await runAsProcesses(spec)
      : await runInProcess(spec);
  } catch (error) {
    return { seed: spec.seed, ok: false, cause: `crashed: ${(error as Error).message}` };
  }
}

function testInput(spec: RunSpec): TestOptionsInput {
  return {
    workload: "broadcast",
    nodeCount: WORKLOAD.nodeCount,
    rate: WORKLOAD.rate,
    latencyMs: WORKLOAD.latencyMs,
    timeLimitS: spec.timeLimitS,
    nemesis: spec.nemesis,
    seed: spec.seed,
    storeDir: spec.storeDir,
    report: spec.report,
  };
}

async function runInProcess(spec: RunSpec): Promise<RunResult> {
  const program = spec.strategy.program!;
  // The row's executable and settings as well, so its test.json and the report's repro line are
  // the `maelstrom test --sim` command that runs the same Program.
  const { bin, args, env } = spec.strategy.process;
  const test = { ...testInput(spec), bin, args, nodeEnv: env, sim: true };
  const run = await simulate({ test, program, log: new RunLog({ quiet: true }) });
  if (run.analysis === null || run.exitCode === 255) {
    const fault = run.faults[0];
    return {
      seed: spec.seed,
      ok: false,
      dir: run.dir,
      cause: fault
        ? `${fault.kind}: ${fault.detail}`
        : `aborted (see ${join(run.dir, "jepsen.log")})`,
    };
  }
  return finish(spec.seed, run.dir, run.analysis.json, run.exitCode);
}

async function runAsProcesses(spec: RunSpec): Promise<RunResult> {
  const { strategy, seed } = spec;
  const input = testInput(spec);
  const bin = resolve(spec.projectRoot, strategy.process.bin);
  const argv = [
    "test",
    ...["-w", "broadcast", "--bin", bin, "--node-count", String(input.nodeCount)],
    ...["--time-limit", String(input.timeLimitS), "--rate", String(input.rate)],
    ...["--latency", String(input.latencyMs), "--seed", String(seed), "--store", spec.storeDir],
    // As the challenge runner: nodes yield the CPU to the harness, which keeps its timing.
    ...["--node-niceness", "10"],
    ...(spec.nemesis.length > 0 ? ["--nemesis", spec.nemesis.join(",")] : []),
    ...(spec.report ? [] : ["--no-report"]),
    ...strategy.process.args,
  ];
  const maelstrom = resolve(spec.projectRoot, "bin/maelstrom");
  const boundMs = spec.boundMs ?? processRunBoundMs(spec.timeLimitS);
  const { code, timedOut, stderr } = await new Promise<{
    code: number;
    timedOut: boolean;
    stderr: string;
  }>((done) => {
    // Its own process group, so a hung run is killed together with its nodes.
    const child = spawn(process.execPath, [maelstrom, ...argv], {
      env: { ...process.env, ...strategy.process.env },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    // The harness's own account of what went wrong, else its last words.
    let tail = "";
    const faults: string[] = [];
    child.stderr.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      for (const line of chunk.toString().split("\n"))
        if (FAULT_LINE.test(line) && faults.length < 2) faults.push(line.trim());
    });
    const stderr = () =>
      faults.length > 0 ? faults.join(" / ") : tail.trim().split("\n").slice(-3).join(" / ");
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, boundMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ code: 255, timedOut, stderr: error.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code: code ?? 255, timedOut, stderr: stderr() });
    });
  });
  const latest = join(spec.storeDir, "latest");
  const dir = existsSync(latest) ? realpathSync(latest) : undefined;
  if (timedOut)
    return {
      seed,
      ok: false,
      ...(dir ? { dir } : {}),
      cause: `hung: killed after ${boundMs / 1000} s`,
    };
  const resultsPath = dir ? join(dir, "results.json") : "";
  if (code === 255 || code === 254 || !dir || !existsSync(resultsPath)) {
    const last = stderr.trim().split("\n").slice(-3).join(" / ");
    return {
      seed,
      ok: false,
      ...(dir ? { dir } : {}),
      cause: `exit ${code}: ${last || "no output"}`,
    };
  }
  return finish(seed, dir, JSON.parse(readFileSync(resultsPath, "utf8")), code);
}

async function finish(
  seed: number,
  dir: string,
  results: unknown,
  exitCode: number,
): Promise<RunResult> {
  const figure = (...path: string[]) => Number(lookup(results, path) ?? Number.NaN);
  const challenge = (id: string) => CHALLENGES.find((c) => c.id === id)!;
  const ops = figure("stats", "count");
  const valid = lookup(results, ["valid?"]);
  return {
    seed,
    ok: true,
    dir,
    figures: {
      msgsPerOp: figure("net", "servers", "msgs-per-op"),
      bytesPerOp: (await journalServerBytes(join(dir, "net-journal.jsonl"))) / ops,
      medianMs: figure("workload", "stable-latencies", "0.5"),
      p95Ms: figure("workload", "stable-latencies", "0.95"),
      maxMs: figure("workload", "stable-latencies", "1"),
      lost: figure("workload", "lost-count"),
      stale: figure("workload", "stale-count"),
      valid: valid === true || valid === false ? valid : "unknown",
      pass3d: judge(challenge("3d"), results, dir, exitCode).ok,
      pass3e: judge(challenge("3e"), results, dir, exitCode).ok,
    },
  };
}
