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
import { type RunResult, runRow, WORKLOAD } from "./run-row.js";
import type { Strategy } from "./strategies.js";
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
  timeLimitS: number;
  storeDir: string;
  projectRoot: string;
  /** The command line, for the table's heading. */
  command: string;
  progress?: Progress;
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

  const total = options.entries.length * configurations.length * seeds.length;
  let done = 0;
  const durations: number[] = [];
  for (const configuration of configurations) {
    for (const entry of options.entries) {
      const runs: RunResult[] = [];
      const name = "strategy" in entry ? entry.strategy.name : entry.name;
      for (const seed of seeds) {
        const started = performance.now();
        const show = () => {
          const mean = durations.length ? durations.reduce((a, b) => a + b) / durations.length : 0;
          const eta = mean
            ? `, ETA ${Math.ceil(((total - done) * mean - (performance.now() - started)) / 1000)} s`
            : "";
          progress?.update(
            `compare: run ${done + 1}/${total}: ${name} (${configuration.name}, seed ${seed}), ${((performance.now() - started) / 1000).toFixed(0)} s${eta}`,
          );
        };
        show();
        const ticker = setInterval(show, 1000);
        runs.push(await runEntry(entry, configuration, seed, dir, options));
        clearInterval(ticker);
        durations.push(performance.now() - started);
        done++;
      }
      const row = summarizeEntry(entry, configuration, runs);
      if (row.failure) report(`row ${row.strategy} (${configuration.name}) failed: ${row.failure}`);
      table.rows.push(row);
      table.dominance = dominance(table.rows);
      await write(dir, table);
    }
  }
  progress?.done();
  return { dir, table };
}

async function runEntry(
  entry: Entry,
  configuration: Configuration,
  seed: number,
  dir: string,
  options: ComparisonOptions,
): Promise<RunResult> {
  if (!("strategy" in entry)) return { seed, ok: false, cause: entry.unrunnable };
  const { strategy } = entry;
  const processes = options.processes || strategy.program === undefined;
  if (processes) {
    const problem = binProblem(resolve(options.projectRoot, strategy.process.bin));
    if (problem) return { seed, ok: false, cause: problem };
  }
  const slug = configuration.nemesis.length > 0 ? "partitions" : "plain";
  return runRow({
    strategy,
    nemesis: configuration.nemesis,
    seed,
    storeDir: join(dir, "runs", strategy.name, slug, `seed-${seed}`),
    processes,
    timeLimitS: options.timeLimitS,
    projectRoot: options.projectRoot,
  });
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
