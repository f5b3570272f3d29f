/**
 * Treecast's own (docs/MAELSTROM.md#virtual-time).
 * A whole `maelstrom test` in virtual time, with a node Program running in-process: the same
 * interpreter, network, checkers and outputs as a process run, deterministic for a given seed,
 * and far faster than real time.
 */
import { seededRandom } from "../src/lib/random.js";
import type { Program } from "../src/runtime/node.js";
import { inProcessLauncher } from "./hosts/in-process.js";
import { type TestOptions, type TestOptionsInput, testOptions } from "./options.js";
import { RunLog } from "./output/log.js";
import { runTest, type TestRun } from "./run-test.js";
import { VirtualScheduler } from "./virtual-scheduler.js";

export interface SimulateOptions {
  /** The test: full options, or the fields to change from the defaults (see `testOptions`). */
  test: TestOptions | TestOptionsInput;
  /** The node: every node of the test runs this Program in-process. */
  program: Program;
  /** @default a quiet RunLog (jepsen.log only) */
  log?: RunLog;
}

export async function simulate(run: SimulateOptions): Promise<TestRun> {
  const options = testOptions(run.test);
  const { program, log = new RunLog({ quiet: true }) } = run;
  const scheduler = new VirtualScheduler();
  const nodeRandom = seededRandom(options.seed ^ 0x5eed5);
  const engine = { scheduler, launch: inProcessLauncher(program, scheduler, nodeRandom) };
  return scheduler.runUntilSettled(runTest({ test: options, log, engine }));
}
