/**
 * Reimplements the `test` command of `maelstrom.core` (docs/MAELSTROM.md#cli).
 * `maelstrom test`: one run, Maelstrom's verdict and exit code.
 */
import { flagUsage, parseTestOptions, TEST_FLAGS } from "../options.js";
import { terminalProgress } from "../output/progress.js";
import { headline, verdictLine } from "../output/summary.js";
import { runTest } from "../run-test.js";
import type { Command } from "./command.js";

export const testCommand: Command = {
  name: "test",
  summary: "run one test of a node binary, as `maelstrom test`",
  usage: () =>
    `Usage: maelstrom test -w WORKLOAD --bin PATH [options] [node args…]\n\n${flagUsage(TEST_FLAGS)}`,
  async run(argv) {
    const options = parseTestOptions(argv);
    const run = await runTest({ test: options, progress: terminalProgress() });
    if (run.analysis) process.stdout.write(`${headline(run.analysis, run.faults)}\n`);
    process.stdout.write(`Results in ${run.dir}\n`);
    for (const fault of run.faults) process.stdout.write(`${fault.kind}: ${fault.detail}\n`);
    process.stdout.write(`${verdictLine(run.exitCode, run.faults)}\n`);
    return run.exitCode;
  },
};
