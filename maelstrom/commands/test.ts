/**
 * Reimplements the `test` command of `maelstrom.core` (docs/MAELSTROM.md#cli).
 * `maelstrom test`: one run, Maelstrom's verdict and exit code; `--sim` runs it in virtual time.
 */
import { loadProgram } from "../hosts/program-module.js";
import {
  flagUsage,
  parseTestOptions,
  reproCommand,
  TEST_FLAGS,
  type TestOptions,
} from "../options.js";
import { RunLog } from "../output/log.js";
import { terminalProgress } from "../output/progress.js";
import { headline, verdictLine } from "../output/summary.js";
import { runTest, type TestRun } from "../run-test.js";
import { firstDifference } from "../sim/determinism.js";
import { simulate } from "../simulate.js";
import type { Command } from "./command.js";

export const testCommand: Command = {
  name: "test",
  summary: "run one test of a node binary, as `maelstrom test` (--sim: in virtual time)",
  usage: () =>
    `Usage: maelstrom test -w WORKLOAD --bin PATH [options] [node args…]\n\n${flagUsage(TEST_FLAGS)}`,
  async run(argv) {
    const options = parseTestOptions(argv);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const run = options.sim ? await runSimulated(options, out) : await runProcesses(options);
    if (run.analysis) out(headline(run.analysis, run.faults));
    out(`Results in ${run.dir}`);
    for (const fault of run.faults) out(`${fault.kind}: ${fault.detail}`);
    out(`Seed ${options.seed}; repro: ${reproCommand({ ...options, checkDeterminism: false })}`);
    out(verdictLine(run.exitCode, run.faults));
    return run.exitCode;
  },
};

function runProcesses(options: TestOptions): Promise<TestRun> {
  return runTest({ test: options, progress: terminalProgress() });
}

async function runSimulated(options: TestOptions, out: (line: string) => void): Promise<TestRun> {
  const program = await loadProgram(
    options.bin,
    { ...process.env, ...options.nodeEnv },
    options.args,
  );
  const first = await simulate({ test: options, program, log: new RunLog() });
  if (!options.checkDeterminism) return first;
  const second = await simulate({ test: options, program });
  const difference = firstDifference(first.dir, second.dir);
  if (difference === null) {
    out(`Deterministic: ${second.dir} matches ${first.dir}`);
    return first;
  }
  out(`NOT DETERMINISTIC: ${second.dir} differs from ${first.dir}: ${difference}`);
  return { ...first, exitCode: first.exitCode === 0 ? 1 : first.exitCode };
}
