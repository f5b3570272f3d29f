/**
 * Shared by the real-time benchmarks (fidelity.ts, precise-wait.ts): one process-mode run
 * measured (CPU, wall, load), the configurations they run, and what they read back from a run
 * folder (delivery offsets, client invocations).
 */
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { challengeTestOptions } from "../maelstrom/challenge-runner.js";
import { CHALLENGES } from "../maelstrom/challenges.js";
import { type PreciseWait, realScheduler } from "../maelstrom/clock.js";
import { processEngine } from "../maelstrom/hosts/process.js";
import { isClient } from "../maelstrom/net/network.js";
import { type TestOptions, testOptions } from "../maelstrom/options.js";
import { isClientOp, type Op } from "../maelstrom/output/history.js";
import {
  decodeJournalEvent,
  decodeOp,
  HISTORY_FILE,
  JOURNAL_FILE,
  readJsonLines,
} from "../maelstrom/output/jsonl.js";
import { RunLog } from "../maelstrom/output/log.js";
import { runTest, type TestRun } from "../maelstrom/run-test.js";

export const ROOT = resolve(import.meta.dirname, "../..");

/** `--NAME N` from the command line, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

export interface Measured {
  name: string;
  options: TestOptions;
  run: TestRun;
  results: Record<string, unknown>;
  history: Op[];
  cpuS: number;
  wallS: number;
  load: number;
}

/** Runs one test; a run that aborts (nodes too slow to start on a busy machine) is retried. */
export async function measure(
  name: string,
  options: TestOptions,
  preciseWait?: PreciseWait,
): Promise<Measured> {
  for (let attempt = 1; ; attempt++) {
    const measured = await measureOnce(name, options, preciseWait);
    if (measured.run.analysis) return measured;
    if (attempt === 3) return { ...measured, name: `${name} (aborted: ${measured.run.dir})` };
    process.stderr.write(`  ${name} aborted; trying again\n`);
  }
}

async function measureOnce(
  name: string,
  options: TestOptions,
  preciseWait: PreciseWait | undefined,
): Promise<Measured> {
  const load = loadavg()[0]!;
  const engine = preciseWait
    ? { ...processEngine(options), scheduler: realScheduler({ preciseWait }) }
    : processEngine(options);
  process.stderr.write(`${name}: ${commandLine(options)}\n`);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const run = await runTest({ test: options, log: new RunLog({ quiet: true }), engine });
  const used = process.cpuUsage(cpu);
  const history = run.analysis ? [...readJsonLines(join(run.dir, HISTORY_FILE), decodeOp)] : [];
  const results = (run.analysis?.json ?? {}) as Record<string, unknown>;
  if (run.exitCode !== 0) process.stderr.write(`  ${name} exited ${run.exitCode} (${run.dir})\n`);
  return {
    name,
    options,
    run,
    results,
    history,
    cpuS: (used.user + used.system) / 1e6,
    wallS: (performance.now() - wall) / 1000,
    load,
  };
}

/** The equivalent `bin/maelstrom test` line (paths relative to the project root). */
export function commandLine(o: TestOptions): string {
  const bin = o.bin.startsWith(ROOT) ? o.bin.slice(ROOT.length + 1) : o.bin;
  const parts = [`-w ${o.workload} --bin ${bin} --node-count ${o.nodes.length}`];
  parts.push(`--time-limit ${o.timeLimitS} --rate ${o.rate} --latency ${o.latencyMs}`);
  if (o.topology !== "grid") parts.push(`--topology ${o.topology}`);
  if (o.nemesis.length > 0) parts.push(`--nemesis ${o.nemesis.join(",")}`);
  if (o.availability) parts.push(`--availability ${o.availability}`);
  if (o.nodeNiceness) parts.push(`--node-niceness ${o.nodeNiceness}`);
  if (o.nodeIdle) parts.push("--node-idle");
  const env = Object.entries(o.nodeEnv).map(([k, v]) => `${k}=${v} `);
  return `${env.join("")}bin/maelstrom test ${parts.join(" ")} --seed ${o.seed}`;
}

/**
 * The benchmarks' configurations, in a fresh temporary store; `--node-idle` on the command line
 * runs their nodes under SCHED_IDLE instead of at niceness 10.
 */
export function configurations(seed: number) {
  const store = mkdtempSync(join(tmpdir(), "treecast-timing-"));
  const fixture = (name: string) => join(ROOT, "test/support/fixtures", name);
  const nodeIdle = process.argv.includes("--node-idle");
  const challenge = (id: string) => {
    const found = CHALLENGES.find((c) => c.id === id);
    if (!found) throw new Error(`no challenge ${id}`);
    const options = challengeTestOptions(found, resolve(ROOT, found.bin), {
      storeDir: store,
      seed,
    });
    return testOptions({ ...options, nodeIdle });
  };
  return {
    challenge,
    /** The flood fixture on a 25-node line, 10 ms hops: 24 hops end to end. */
    floodLine: testOptions({
      workload: "broadcast",
      bin: fixture("flood-broadcast.mjs"),
      nodeCount: 25,
      topology: "line",
      latencyMs: 10,
      rate: 100,
      timeLimitS: 20,
      nodeNiceness: 10,
      nodeIdle,
      storeDir: store,
      seed,
    }),
    /** A node that sends everything to each neighbour every 200 ms, in 3b's shape. */
    periodic: testOptions({
      ...challenge("3b"),
      bin: fixture("periodic-broadcast.mjs"),
      nodeEnv: {},
    }),
  };
}

/** Delivery offsets (ms) of every delivered server message, sorted. */
export function deliveryOffsets(dir: string): number[] {
  const due = new Map<number, number>();
  const offsets: number[] = [];
  for (const event of readJsonLines(join(dir, JOURNAL_FILE), decodeJournalEvent)) {
    const { message } = event;
    if (isClient(message.src) || isClient(message.dest)) continue;
    if (event.type === "send" && event.deadline !== undefined) due.set(message.id, event.deadline);
    if (event.type === "recv" && due.has(message.id))
      offsets.push((event.time - due.get(message.id)!) / 1e6);
  }
  return offsets.sort((a, b) => a - b);
}

export const quantile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
export const clientInvokes = (history: Op[]) =>
  history.filter((op) => isClientOp(op) && op.type === "invoke");
/** Main-phase invocations (the final reads excluded). */
export const mainPhaseInvokes = (history: Op[]) => clientInvokes(history).filter((op) => !op.final);
export const fixed = (value: number, digits = 2) => value.toFixed(digits);
export const pct = (value: number) => `${value.toFixed(1)} %`;

export function table(head: string[], rows: string[][]): string {
  return [head, head.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`).join("\n");
}
