#!/usr/bin/env node
/**
 * bin/maelstrom: a JVM-free Maelstrom.
 *
 *   maelstrom test -w WORKLOAD --bin PATH [options] [node args…]
 *   maelstrom challenge 1|2|3a|3b|3c|3d|3e|3d-partition|3e-partition|all [--bin PATH] [--maelstrom PATH] [--seed N]
 *
 * Exit codes as Maelstrom: 0 valid, 1 invalid, 2 unknown, 254 bad arguments, 255 crash.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runChallenges } from "./challenge-runner.js";
import { ALL_CHALLENGES, CHALLENGES } from "./challenges.js";
import { parseTestOptions, UsageError } from "./options.js";
import { RunLog } from "./output/log.js";
import { terminalProgress } from "./output/progress.js";
import { headline } from "./output/summary.js";
import { runTest } from "./run-test.js";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const USAGE = `Usage:
  maelstrom test -w echo|unique-ids|broadcast|g-set --bin PATH [--node-count N] [--time-limit S]
                 [--rate R] [--concurrency C|Kn] [--latency MS] [--latency-dist constant|uniform|exponential]
                 [--nemesis partition] [--nemesis-interval S] [--topology line|grid|tree|tree2|tree3|tree4|total]
                 [--availability total|A] [--log-stderr] [--seed N] [--store DIR] [node args…]
  maelstrom challenge ${[...CHALLENGES.map((c) => c.id), "all"].join("|")} [--bin PATH] [--maelstrom PATH] [--seed N]`;

async function test(argv: string[]): Promise<number> {
  const options = parseTestOptions(argv);
  const run = await runTest(options, new RunLog(), terminalProgress());
  if (run.analysis) process.stdout.write(`${headline(run.analysis)}\n`);
  process.stdout.write(`Results in ${run.dir}\n`);
  for (const fault of run.faults) process.stdout.write(`${fault.kind}: ${fault.detail}\n`);
  process.stdout.write(
    {
      0: "Everything looks good! ヽ(‘ー`)ノ",
      1: "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻",
      2: "Errors occurred during analysis, but no anomalies found. ಠ~ಠ",
      255: "The test crashed.",
    }[run.exitCode] ?? "",
  );
  process.stdout.write("\n");
  return run.exitCode;
}

async function challenge(argv: string[]): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof CHALLENGE_OPTIONS; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: CHALLENGE_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const ids = parsed.positionals.flatMap((id) => (id === "all" ? ALL_CHALLENGES : [id]));
  if (ids.length === 0) throw new UsageError("name a challenge, or all");
  for (const id of ids)
    if (!CHALLENGES.some((c) => c.id === id)) throw new UsageError(`unknown challenge ${id}`);
  const { bin, maelstrom, seed, store } = parsed.values;
  if (seed !== undefined && !/^\d+$/.test(seed))
    throw new UsageError(`--seed must be an integer, got ${seed}`);
  return runChallenges({
    ids,
    ...(bin ? { bin: resolve(bin) } : {}),
    ...(maelstrom ? { maelstrom: resolve(maelstrom) } : {}),
    ...(seed !== undefined ? { seed: Number(seed) } : {}),
    storeDir: store,
    projectRoot: PROJECT_ROOT,
  });
}

const CHALLENGE_OPTIONS = {
  bin: { type: "string" },
  maelstrom: { type: "string" },
  seed: { type: "string" },
  store: { type: "string", default: "store" },
} as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "test") return await test(rest);
    if (command === "challenge") return await challenge(rest);
    throw new UsageError(command === undefined ? "missing command" : `unknown command ${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 254;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return 255;
  }
}

// Anything that escapes (a stream error, a throw in a timer) is a crash, not a verdict.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error) => {
    process.stderr.write(`internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(255);
  });
}
const code = await main(process.argv.slice(2));
// Exit even if a stray handle (say, a pipe held open by a node's orphaned child) would linger.
process.stdout.write("", () => process.exit(code));
