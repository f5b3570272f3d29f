/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * One run of a sweep: a scenario and a seed over the base test, simulated with the `--bin`
 * module's Program, condensed to what the summary table needs. Used in the sweep's worker
 * threads and, with one worker, in the sweep's own thread.
 */
import { rmSync } from "node:fs";
import type { Program } from "../../src/runtime/node.js";
import { lookup } from "../challenges.js";
import { loadProgram } from "../hosts/program-module.js";
import { type TestOptions, testOptions } from "../options.js";
import { simulate } from "../simulate.js";

export interface SweepJob {
  scenario: string;
  /** The whole test of this run, seed included. */
  test: TestOptions;
  /** Keep the run's folder even if it passed. */
  keep: boolean;
}

/** How a run ended: Maelstrom's verdicts, by exit code. */
export type Verdict = "valid" | "invalid" | "unknown" | "crashed";

export interface SweepResult {
  scenario: string;
  seed: number;
  verdict: Verdict;
  /** What went wrong, in a few words ("lost 3"), or "" for a valid run. */
  reason: string;
  msgsPerOp: number | null;
  medianLatencyMs: number | null;
  maxLatencyMs: number | null;
  /** The run's folder (removed when it passed, unless kept). */
  dir: string;
}

const VERDICTS: Record<number, Verdict> = { 0: "valid", 1: "invalid", 2: "unknown" };
const programs = new Map<string, Promise<Program>>();

/** The Program for a test's --bin, its environment and args, loaded once per thread. */
function programFor(test: TestOptions): Promise<Program> {
  const key = JSON.stringify([test.bin, test.nodeEnv, test.args]);
  let program = programs.get(key);
  if (!program) {
    program = loadProgram(test.bin, { ...process.env, ...test.nodeEnv }, test.args);
    programs.set(key, program);
  }
  return program;
}

export async function runSweepJob(job: SweepJob): Promise<SweepResult> {
  const test = testOptions(job.test);
  const run = await simulate({ test, program: await programFor(test) });
  const json = run.analysis?.json ?? {};
  const number = (path: string[]) => {
    const value = lookup(json, path);
    return typeof value === "number" ? value : null;
  };
  const verdict = VERDICTS[run.exitCode] ?? "crashed";
  if (verdict === "valid" && !job.keep) rmSync(run.dir, { recursive: true, force: true });
  return {
    scenario: job.scenario,
    seed: test.seed,
    verdict,
    reason:
      verdict === "valid"
        ? ""
        : failureReason(
            json,
            run.faults.map((f) => f.detail),
          ),
    msgsPerOp: number(["net", "servers", "msgs-per-op"]),
    medianLatencyMs: number(["workload", "stable-latencies", "0.5"]),
    maxLatencyMs: number(["workload", "stable-latencies", "1"]),
    dir: run.dir,
  };
}

/** The checkers that failed, with their counts where they have one. */
function failureReason(json: Record<string, unknown>, faults: string[]): string {
  if (faults.length > 0) return faults[0]!.slice(0, 80);
  const parts: string[] = [];
  for (const [name, result] of Object.entries(json)) {
    if (typeof result !== "object" || result === null) continue;
    const checker = result as Record<string, unknown>;
    if (checker["valid?"] === true) continue;
    const counts = ["lost-count", "duplicated-count", "unexpected-count"]
      .filter((key) => typeof checker[key] === "number" && (checker[key] as number) > 0)
      .map((key) => `${key.replace("-count", "")} ${checker[key]}`);
    parts.push(counts.length > 0 ? `${name}: ${counts.join(", ")}` : name);
  }
  return parts.join("; ") || "no analysis";
}
