/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * `maelstrom sweep`: a test over many seeds and scenarios, each run simulated, spread over
 * worker threads; a summary table, the exact repro command of every failing run, and with
 * `shrink` a smaller failing case for each.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { reproCommand, type TestOptions, type TestOptionsInput, testOptions } from "../options.js";
import type { Scenario } from "./scenarios.js";
import { shrink } from "./shrink.js";
import { runSweepJob, type SweepJob, type SweepResult } from "./sweep-job.js";

export interface SweepOptions {
  /** The test every run starts from (before the scenario's changes and the seed). */
  base: TestOptionsInput;
  scenarios: readonly Scenario[];
  seeds: readonly number[];
  /** Worker threads (1: run in this thread). */
  workers: number;
  shrink: boolean;
  /** Keep the folders of passing runs too. */
  keep: boolean;
  out(line: string): void;
}

export interface SweepReport {
  results: SweepResult[];
  failures: Array<SweepResult & { repro: string; smaller?: string }>;
  wallS: number;
}

/** The test of one scenario and seed. */
export function scenarioTest(
  base: TestOptionsInput,
  scenario: Scenario,
  seed: number,
): TestOptions {
  // No HTML report per run (a soak makes thousands); a repro run writes one.
  const input: TestOptionsInput = { report: false, ...base, ...scenario.test, seed, sim: true };
  if (scenario.test.nodeCount !== undefined) delete input.nodes;
  // A scenario adds its faults to the base test's (`--nemesis loss` with a partition preset).
  input.nemesis = [...new Set([...(base.nemesis ?? []), ...(scenario.test.nemesis ?? [])])];
  return testOptions(input);
}

export async function runSweep(options: SweepOptions): Promise<SweepReport> {
  const started = performance.now();
  const jobs: SweepJob[] = options.scenarios.flatMap((scenario) =>
    options.seeds.map((seed) => ({
      scenario: scenario.name,
      test: scenarioTest(options.base, scenario, seed),
      keep: options.keep,
    })),
  );
  const tests = new Map(jobs.map((job) => [key(job.scenario, job.test.seed), job.test]));
  const onResult = (result: SweepResult) => {
    if (result.verdict !== "valid")
      options.out(
        `FAIL ${result.scenario} seed ${result.seed}: ${result.verdict}, ${result.reason}`,
      );
  };
  const results = await runJobs(jobs, options.workers, onResult);
  results.sort((a, b) => a.scenario.localeCompare(b.scenario) || a.seed - b.seed);

  const failures: SweepReport["failures"] = [];
  for (const result of results) {
    if (result.verdict === "valid") continue;
    const test = tests.get(key(result.scenario, result.seed))!;
    const failure: SweepReport["failures"][number] = { ...result, repro: reproCommand(test) };
    if (options.shrink) {
      const smaller = await shrink(
        test,
        async (variant) =>
          (await runSweepJob({ scenario: result.scenario, test: variant, keep: false })).verdict !==
          "valid",
      );
      if (smaller.test !== test) failure.smaller = reproCommand(smaller.test);
    }
    failures.push(failure);
  }
  return { results, failures, wallS: (performance.now() - started) / 1000 };
}

const key = (scenario: string, seed: number) => `${scenario}\u0000${seed}`;

/** Runs `jobs` on `workers` threads (or this one), in order of submission, results as they end. */
async function runJobs(
  jobs: readonly SweepJob[],
  workers: number,
  onResult: (result: SweepResult) => void,
): Promise<SweepResult[]> {
  const workerFile = fileURLToPath(new URL("./sweep-worker.js", import.meta.url));
  const results: SweepResult[] = [];
  // From TypeScript source (tests) there is no compiled worker: run in this thread.
  if (workers <= 1 || !existsSync(workerFile)) {
    for (const job of jobs) {
      const result = await runSweepJob(job);
      onResult(result);
      results.push(result);
    }
    return results;
  }
  let next = 0;
  const lane = async () => {
    const worker = new Worker(workerFile);
    try {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const reply = await new Promise<{ ok: boolean; result?: SweepResult; error?: string }>(
          (resolve, reject) => {
            worker.once("message", resolve);
            worker.once("error", reject);
            worker.postMessage(job);
          },
        );
        worker.removeAllListeners("error");
        if (!reply.ok)
          throw new Error(`sweep run ${job.scenario} seed ${job.test.seed} failed: ${reply.error}`);
        onResult(reply.result!);
        results.push(reply.result!);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, lane));
  return results;
}

/** The summary table: one row per scenario, then the total. */
export function summaryTable(report: SweepReport): string {
  const rows = new Map<string, SweepResult[]>();
  for (const result of report.results) {
    const list = rows.get(result.scenario) ?? [];
    list.push(result);
    rows.set(result.scenario, list);
  }
  const worst = (list: SweepResult[], field: "msgsPerOp" | "medianLatencyMs" | "maxLatencyMs") => {
    const values = list.map((r) => r[field]).filter((v): v is number => v !== null);
    if (values.length === 0) return "-";
    const value = Math.max(...values);
    return field === "msgsPerOp" ? value.toFixed(2) : String(value);
  };
  const line = (name: string, list: SweepResult[]) => {
    const count = (verdict: SweepResult["verdict"]) =>
      String(list.filter((r) => r.verdict === verdict).length);
    return [
      name,
      String(list.length),
      count("valid"),
      count("invalid"),
      count("unknown"),
      count("crashed"),
      worst(list, "msgsPerOp"),
      worst(list, "medianLatencyMs"),
      worst(list, "maxLatencyMs"),
    ];
  };
  const table = [
    [
      "scenario",
      "runs",
      "valid",
      "invalid",
      "unknown",
      "crashed",
      "worst msgs/op",
      "worst median ms",
      "worst max ms",
    ],
    ...[...rows].map(([name, list]) => line(name, list)),
    line("all", report.results),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  return table
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join("  "),
    )
    .join("\n");
}
