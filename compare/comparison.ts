/**
 * Runs the comparison: every row on every seed, in each configuration, writing table.md,
 * table.json and pareto.svg into `<store>/compare/<time>/` again after each row, so a later
 * failure or interruption loses nothing already measured.
 */
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { NemesisKind } from "../maelstrom/options.js";
import type { Progress } from "../maelstrom/output/progress.js";
import { storeTimestamp } from "../maelstrom/output/store.js";
import { renderPareto } from "./pareto.js";
import { RunPool } from "./run-pool.js";
import { type RunResult, runRow, WORKLOAD } from "./run-row.js";
import { STRATEGIES, type Strategy } from "./strategies.js";
import { dominance, type Row, summarize, type Table, tableMarkdown } from "./table.js";

export interface Configuration {
  name: string;
  nemesis: NemesisKind[];
}

export const CONFIGURATIONS: readonly Configuration[] = [
  { name: "3d/3e", nemesis: [] },
  { name: "3d/3e + partitions", nemesis: ["partition"] },
];

/** A row to run, or one that cannot run at all (its cause goes in the table). */
export type Entry = { strategy: Strategy } | { name: string; unrunnable: string };

export interface ComparisonOptions {
  entries: Entry[];
  seeds: number[];
  /** Also run every row under partitions. */
  nemesis: boolean;
  /** In-process rows as real processes too. */
  processes: boolean;
  /** Every run writes its report too (`--report`). @default false */
  runReports?: boolean;
  timeLimitS: number;
  storeDir: string;
  projectRoot: string;
  /** The command line, for the table's heading. */
  command: string;
  progress?: Progress;
  /** In-process runs at once. @default the number of cores */
  parallelism?: number;
  /** Wall-clock bound of one run. @default inProcessBoundMs / processRunBoundMs */
  boundMs?: number;
  /** One line per event worth telling (a failed row, …). */
  report?: (line: string) => void;
}

export interface Comparison {
  dir: string;
  table: Table;
}

/** Why an executable cannot be run, or undefined if it can. */
export function binProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
  } catch {
    return `${path} does not exist`;
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return `${path} is not executable`;
  }
  return undefined;
}

export async function runComparison(options: ComparisonOptions): Promise<Comparison> {
  const { seeds, progress, report = () => {} } = options;
  const dir = resolve(options.storeDir, "compare", storeTimestamp(new Date()));
  mkdirSync(dir, { recursive: true });
  const configurations = CONFIGURATIONS.slice(0, options.nemesis ? 2 : 1);
  const table: Table = {
    command: options.command,
    workload: `${WORKLOAD.nodeCount} nodes, rate ${WORKLOAD.rate}, latency ${WORKLOAD.latencyMs} ms, ${options.timeLimitS} s`,
    seeds,
    mode: options.processes ? "processes" : "virtual time",
    rows: [],
    dominance: [],
  };

  // One job per row and seed. In-process runs share the cores; process runs (25 node
  // processes each) go one at a time afterwards, so they do not disturb each other's timing.
  const rows = configurations.flatMap((configuration) =>
    options.entries.map((entry) => ({ entry, configuration, runs: new Map<number, RunResult>() })),
  );
  const jobs = rows.flatMap((row) => seeds.map((seed): Job => ({ row, seed })));
  const inProcess = (entry: Entry) =>
    "strategy" in entry && entry.strategy.program !== undefined && !options.processes;
  const pool = new RunPool(options.parallelism);
  const started = performance.now();
  let done = 0;
  let current = "";
  const show = () => {
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? `, ETA ${Math.ceil((elapsed / done) * (jobs.length - done))} s` : "";
    progress?.update(
      `compare: ${done}/${jobs.length} runs, ${elapsed.toFixed(0)} s${eta}; ${current}`,
    );
  };
  const describe = (job: Job) =>
    `${nameOf(job.row.entry)} (${job.row.configuration.name}, seed ${job.seed})`;
  // Rows finish in any order; the files are rewritten one row at a time, in table order.
  let writing = Promise.resolve();
  const finish = (job: Job, result: RunResult) => {
    job.row.runs.set(job.seed, result);
    done++;
    show();
    if (job.row.runs.size < seeds.length) return writing;
    const row = summarizeEntry(
      job.row.entry,
      job.row.configuration,
      seeds.map((seed) => job.row.runs.get(seed)!),
    );
    if (row.failure) report(`row ${row.strategy} (${row.configuration}) failed: ${row.failure}`);
    table.rows.push(row);
    table.rows.sort((a, b) => rowIndex(a) - rowIndex(b));
    table.dominance = dominance(table.rows);
    writing = writing.then(() => write(dir, table));
    return writing;
  };
  const rowIndex = (row: Row) =>
    rows.findIndex(
      (r) => nameOf(r.entry) === row.strategy && r.configuration.name === row.configuration,
    );
  const run = (job: Job) =>
    runEntry(job.row.entry, job.row.configuration, job.seed, dir, options, pool);

  const ticker = setInterval(show, 1000);
  try {
    current = "in-process runs";
    const queue = new RunQueue(jobs.filter((job) => inProcess(job.row.entry)));
    // One loop per worker, each taking the costliest job left, so no long run is left for last.
    await Promise.all(
      Array.from({ length: pool.size }, async () => {
        for (let job = queue.next(); job; job = queue.next()) {
          const startedAt = performance.now();
          const result = await run(job);
          queue.took(job, performance.now() - startedAt);
          await finish(job, result);
        }
      }),
    );
    for (const job of jobs.filter((j) => !inProcess(j.row.entry))) {
      current = describe(job);
      show();
      await finish(job, await run(job));
    }
    await writing;
  } finally {
    clearInterval(ticker);
    await pool.close();
    progress?.done();
  }
  return { dir, table };
}

interface Job {
  row: { entry: Entry; configuration: Configuration; runs: Map<number, RunResult> };
  seed: number;
}

/**
 * The in-process jobs, longest first as far as is known: a row's first run goes before any
 * row's second, then rows by how long their first run took (one seed costs about what another
 * does), so the runs left at the end are short ones and both workers finish together.
 */
class RunQueue {
  private readonly left: Job[];
  private readonly started = new Set<Job["row"]>();
  private readonly ms = new Map<Job["row"], number>();

  constructor(jobs: Job[]) {
    this.left = [...jobs];
  }

  next(): Job | undefined {
    const known = [...this.ms.values()];
    const typical = known.length > 0 ? known.reduce((a, b) => a + b) / known.length : 0;
    const cost = (job: Job) =>
      this.started.has(job.row) ? (this.ms.get(job.row) ?? typical) : Number.POSITIVE_INFINITY;
    let best = 0;
    for (let i = 1; i < this.left.length; i++)
      if (cost(this.left[i]!) > cost(this.left[best]!)) best = i;
    const [job] = this.left.splice(best, 1);
    if (job) this.started.add(job.row);
    return job;
  }

  took(job: Job, ms: number): void {
    if (!this.ms.has(job.row)) this.ms.set(job.row, ms);
  }
}

const nameOf = (entry: Entry) => ("strategy" in entry ? entry.strategy.name : entry.name);

async function runEntry(
  entry: Entry,
  configuration: Configuration,
  seed: number,
  dir: string,
  options: ComparisonOptions,
  pool: RunPool,
): Promise<RunResult> {
  if (!("strategy" in entry)) return { seed, ok: false, cause: entry.unrunnable };
  const { strategy } = entry;
  const processes = options.processes || strategy.program === undefined;
  if (processes) {
    const problem = binProblem(resolve(options.projectRoot, strategy.process.bin));
    if (problem) return { seed, ok: false, cause: problem };
  }
  const slug = configuration.nemesis.length > 0 ? "partitions" : "plain";
  const spec = {
    nemesis: configuration.nemesis,
    seed,
    storeDir: join(dir, "runs", strategy.name.replace(/[^\w.-]+/g, "-"), slug, `seed-${seed}`),
    processes,
    timeLimitS: options.timeLimitS,
    projectRoot: options.projectRoot,
    report: options.runReports ?? false,
  };
  // Workers know the built-in rows by name; another Program (a benchmark's) runs right here.
  if (processes || !STRATEGIES.includes(strategy))
    return runRow({ ...spec, strategy, boundMs: options.boundMs });
  return pool.run(
    { ...spec, strategy: strategy.name },
    options.boundMs ?? inProcessBoundMs(options.timeLimitS),
  );
}

/** Wall-clock bound for an in-process run: far beyond the few seconds one takes. */
export function inProcessBoundMs(timeLimitS: number): number {
  return (60 + 10 * timeLimitS) * 1000;
}

function summarizeEntry(entry: Entry, configuration: Configuration, runs: RunResult[]): Row {
  const partitions = configuration.nemesis.length > 0;
  if ("strategy" in entry) return summarize(entry.strategy, configuration.name, partitions, runs);
  const unknown: Strategy = {
    name: entry.name,
    family: "bin",
    design: entry.unrunnable,
    process: { bin: "", args: [], env: {} },
    partitionTolerant: false,
    published: [],
  };
  return summarize(unknown, configuration.name, partitions, runs);
}

async function write(dir: string, table: Table): Promise<void> {
  writeFileSync(join(dir, "table.json"), `${JSON.stringify(table, null, 2)}\n`);
  writeFileSync(join(dir, "table.md"), tableMarkdown(table, dir));
  const plain = table.rows.filter((row) => !row.partitions);
  const subtitle = `${table.workload}, no nemesis; means of seeds ${table.seeds.join(", ")} (${table.mode})`;
  writeFileSync(join(dir, "pareto.svg"), await renderPareto(plain, subtitle));
}
