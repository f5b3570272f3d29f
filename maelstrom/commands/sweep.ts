/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * `maelstrom sweep`: one test, simulated over many seeds × scenarios in parallel; exits 1 if any
 * run fails, printing each failing run's repro command (and with --shrink a smaller one).
 */
import { availableParallelism } from "node:os";
import { type FlagHelp, flagUsage, parseTestInput, TEST_FLAGS, UsageError } from "../options.js";
import { SCENARIO_NAMES, SCENARIOS, scenario } from "../sim/scenarios.js";
import { runSweep, summaryTable } from "../sim/sweep.js";
import type { Command } from "./command.js";

interface SweepFlag extends FlagHelp {
  key: "scenarios" | "seeds" | "firstSeed" | "workers" | "shard" | "shrink" | "keepRuns";
}

const FLAGS: readonly SweepFlag[] = [
  {
    name: "scenarios",
    key: "scenarios",
    value: "A,B,…|all",
    help: `scenario presets (default all): ${SCENARIO_NAMES.join(", ")}`,
  },
  { name: "seeds", key: "seeds", value: "N", help: "seeds per scenario (default 20)" },
  {
    name: "first-seed",
    key: "firstSeed",
    value: "S",
    help: "the first seed (default 1): seeds S…S+N-1",
  },
  { name: "workers", key: "workers", value: "K", help: "worker threads (default: one per core)" },
  {
    name: "shard",
    key: "shard",
    value: "I/N",
    help: "run only the I-th of N slices of the seeds (1-based), for CI matrices",
  },
  { name: "shrink", key: "shrink", help: "for each failing run, find a smaller failing test" },
  {
    name: "keep-runs",
    key: "keepRuns",
    help: "keep the folders of passing runs (default: failing only)",
  },
];

/** Takes the sweep's own flags out of `argv`; the rest are `maelstrom test` flags. */
function splitArgv(argv: readonly string[]) {
  const own: Partial<Record<SweepFlag["key"], string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    const [name, inline] = token.startsWith("--") ? token.slice(2).split(/=(.*)/s) : [];
    const flag = FLAGS.find((f) => f.name === name);
    if (!flag) {
      rest.push(token);
      continue;
    }
    if (!flag.value) own[flag.key] = "true";
    else if (inline !== undefined) own[flag.key] = inline;
    else if (i + 1 < argv.length) own[flag.key] = argv[++i]!;
    else throw new UsageError(`--${flag.name} needs a value`);
  }
  return { own, rest };
}

function count(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${text}`);
  return Number(text);
}

export const sweepCommand: Command = {
  name: "sweep",
  summary: "simulate one test over many seeds × scenarios in parallel; repro lines for failures",
  usage: () =>
    `Usage: maelstrom sweep -w WORKLOAD --bin MODULE [sweep options] [test options]\n\n` +
    `Sweep options:\n${flagUsage(FLAGS)}\n\nTest options (as maelstrom test; --sim is implied, --seed is replaced):\n${flagUsage(TEST_FLAGS)}`,
  async run(argv) {
    const { own, rest } = splitArgv(argv);
    const base = parseTestInput(rest);
    const names =
      own.scenarios === undefined || own.scenarios === "all"
        ? SCENARIO_NAMES
        : own.scenarios.split(",").filter((n) => n !== "");
    const scenarios = names.map((name) => {
      const found = scenario(name);
      if (!found)
        throw new UsageError(`unknown scenario ${name}; known: ${SCENARIO_NAMES.join(", ")}`);
      return found;
    });
    const seedCount = count("seeds", own.seeds, 20, 1);
    const firstSeed = count("first-seed", own.firstSeed, 1, 0);
    let seeds = Array.from({ length: seedCount }, (_, i) => firstSeed + i);
    if (own.shard !== undefined) {
      const match = /^(\d+)\/(\d+)$/.exec(own.shard);
      const [index, total] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
      if (!match || total < 1 || index < 1 || index > total)
        throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, got ${own.shard}`);
      seeds = seeds.filter((_, i) => i % total === index - 1);
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const report = await runSweep({
      base,
      scenarios: scenarios.length > 0 ? scenarios : SCENARIOS,
      seeds,
      workers: count("workers", own.workers, availableParallelism(), 1),
      shrink: own.shrink !== undefined,
      keep: own.keepRuns !== undefined,
      out,
    });
    out(summaryTable(report));
    out(
      `${report.results.length} runs, ${report.failures.length} failed, ${report.wallS.toFixed(1)} s wall`,
    );
    for (const failure of report.failures) {
      out(
        `\n${failure.scenario} seed ${failure.seed}: ${failure.verdict} (${failure.reason}), in ${failure.dir}`,
      );
      out(`  repro:   ${failure.repro}`);
      if (failure.smaller) out(`  smaller: ${failure.smaller}`);
    }
    return report.failures.length > 0 ? 1 : 0;
  },
};
