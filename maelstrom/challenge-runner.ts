/**
 * Treecast's own (docs/MAELSTROM.md#challenges).
 * `maelstrom challenge 1|2|3a|…|all`: runs Fly.io's parameter sets on the local harness (or on
 * a real Maelstrom launcher with --maelstrom) and judges them: valid for all, plus Fly.io's
 * efficiency thresholds for 3d and 3e. Prints one table; fails if any row fails.
 */
import { spawn } from "node:child_process";
import { existsSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CHALLENGES, type Challenge, lookup } from "./challenges.js";
import { parseTestOptions, type TestOptions } from "./options.js";
import { RunFileError } from "./output/jsonl.js";
import { RunLog } from "./output/log.js";
import { RESULTS_EDN, readResults } from "./output/outputs.js";
import { terminalProgress } from "./output/progress.js";
import { faultWarnings } from "./output/summary.js";
import { runTest } from "./run-test.js";

const CHALLENGE_NODE_NICENESS = 10;

export interface ChallengeOptions {
  ids: string[];
  bin?: string;
  maelstrom?: string;
  seed?: number;
  storeDir: string;
  projectRoot: string;
  /** Where a real Maelstrom runs (it writes store/ under its working directory). */
  cwd?: string;
}

interface Row {
  challenge: Challenge;
  valid: unknown;
  figures: Array<{ label: string; value: unknown; below: number; unit: string; ok: boolean }>;
  dir: string;
  ok: boolean;
  /** What Maelstrom's verdict does not show (`faultWarnings`); a passing row with any is WARN. */
  warnings: string[];
}

export async function runChallenges(options: ChallengeOptions): Promise<number> {
  const rows: Row[] = [];
  for (const id of options.ids) {
    const challenge = CHALLENGES.find((c) => c.id === id);
    if (!challenge) throw new Error(`unknown challenge ${id}`);
    const bin = options.bin ?? resolve(options.projectRoot, challenge.bin);
    process.stderr.write(
      `\n== ${challenge.id} ${challenge.title}: -w ${challenge.workload} ${challenge.args.join(" ")}\n`,
    );
    const { results, dir, exitCode, warnings, missing } = options.maelstrom
      ? await runRealMaelstrom(options.maelstrom, challenge, bin, options.cwd ?? process.cwd())
      : await runLocal(challenge, bin, options);
    rows.push(judge(challenge, results, dir, exitCode, warnings, missing));
  }
  printTable(rows);
  return rows.every((row) => row.ok) ? 0 : 1;
}

/** The `maelstrom test` options the local harness runs a challenge with. */
export function challengeTestOptions(
  challenge: Challenge,
  bin: string,
  options: { storeDir: string; seed?: number },
): TestOptions {
  const argv = [
    "-w",
    challenge.workload,
    "--bin",
    bin,
    ...challenge.args,
    "--store",
    options.storeDir,
    // Nodes yield the CPU to the harness, so its network keeps time on a small machine.
    "--node-niceness",
    String(CHALLENGE_NODE_NICENESS),
  ];
  if (options.seed !== undefined) argv.push("--seed", String(options.seed));
  return { ...parseTestOptions(argv), nodeEnv: challenge.env ?? {} };
}

async function runLocal(challenge: Challenge, bin: string, options: ChallengeOptions) {
  const testOptions = challengeTestOptions(challenge, bin, options);
  process.stderr.write(`   seed ${testOptions.seed} (repeat with --seed ${testOptions.seed})\n`);
  const run = await runTest({
    test: testOptions,
    log: new RunLog({ quiet: true }),
    progress: terminalProgress(),
  });
  return {
    results: run.analysis?.json ?? null,
    dir: run.dir,
    exitCode: run.exitCode,
    warnings: faultWarnings(run.faults),
    missing: "no results (the test did not finish)",
  };
}

/** Runs `<launcher> test …` in the current directory and reads its store/latest/results.edn. */
async function runRealMaelstrom(launcher: string, challenge: Challenge, bin: string, cwd: string) {
  const args = ["test", "-w", challenge.workload, "--bin", bin, ...challenge.args];
  const started = Date.now();
  const child = spawn(launcher, args, {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...challenge.env },
  });
  const exitCode = await new Promise<number>((done) => {
    child.on("error", (error) => {
      process.stderr.write(`cannot run ${launcher}: ${error.message}\n`);
      done(255);
    });
    child.on("close", (code) => done(code ?? 255));
  });
  const dir = resolve(cwd, "store", "latest");
  // Only a run this launch wrote counts: store/latest may still point at an older one.
  const fresh = existsSync(dir) && statSync(realpathSync(dir)).mtimeMs >= started - 1000;
  const ran = { dir, exitCode, warnings: [] as string[] };
  if (!fresh) return { ...ran, results: null, missing: "no results (no new store/latest)" };
  try {
    const results = readResults(join(dir, RESULTS_EDN));
    return { ...ran, results, missing: `no results (no ${RESULTS_EDN})` };
  } catch (error) {
    if (!(error instanceof RunFileError)) throw error;
    return { ...ran, results: null, missing: `unreadable results: ${error.message}` };
  }
}

/**
 * A row passes if the run exited 0 (valid, and nothing crashed) and every figure is in bounds.
 * Warnings do not fail it (Maelstrom's verdict stands) but mark it WARN. Without results,
 * `missing` says why.
 */
export function judge(
  challenge: Challenge,
  results: unknown,
  dir: string,
  exitCode: number,
  warnings: string[] = [],
  missing = "no results",
): Row {
  const found = results === null ? missing : lookup(results, ["valid?"]);
  const valid = exitCode === 0 ? found : `${String(found)} (exit ${exitCode})`;
  const figures = challenge.thresholds.map((threshold) => {
    const value = lookup(results, threshold.path);
    return { ...threshold, value, ok: typeof value === "number" && value < threshold.below };
  });
  return {
    challenge,
    valid,
    figures,
    dir,
    ok: exitCode === 0 && found === true && figures.every((f) => f.ok),
    warnings,
  };
}

/** PASS, FAIL, or WARN with what it warns of. */
export function verdict(row: Row): string {
  if (!row.ok) return "FAIL";
  return row.warnings.length === 0 ? "PASS" : `WARN: ${row.warnings.join("; ")}`;
}

function printTable(rows: Row[]): void {
  const lines = [["challenge", "valid?", "figures (value < threshold)", "verdict", "results"]];
  for (const row of rows) {
    const figures = row.figures
      .map(
        (f) =>
          `${f.label} ${typeof f.value === "number" ? round(f.value) : "—"}${f.unit} < ${f.below}${f.unit}${f.ok ? "" : " ✗"}`,
      )
      .join(", ");
    lines.push([row.challenge.id, String(row.valid), figures || "—", verdict(row), row.dir]);
  }
  const widths = lines[0]!.map((_, col) => Math.max(...lines.map((line) => line[col]!.length)));
  const out = lines.map((line) =>
    line
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join("  ")
      .trimEnd(),
  );
  out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  process.stdout.write(`\n${out.join("\n")}\n`);
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
