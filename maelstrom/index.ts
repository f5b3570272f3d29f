/**
 * Treecast's own (docs/MAELSTROM.md#as-a-library).
 * `treecast/harness`: the local Maelstrom as a library. `simulate` runs a whole test with a
 * node `Program` in-process on virtual time (deterministic for a seed); `runTest` runs one
 * against node executables as OS processes, as `bin/maelstrom test` does. Both take the test
 * as `testOptions` input: the workload and any fields to change from their documented defaults.
 *
 * ```ts
 * import { simulate } from "treecast/harness";
 * const run = await simulate({ test: { workload: "echo", nodeCount: 1, timeLimitS: 5 }, program });
 * console.log(run.exitCode, run.analysis?.valid);
 * ```
 *
 * @packageDocumentation
 */
export type { Cancel, Scheduler } from "./clock.js";
export { realScheduler } from "./clock.js";
export type { Engine, NodeFault, NodeHost, NodeLauncher } from "./hosts/host.js";
export { inProcessLauncher } from "./hosts/in-process.js";
export { processEngine } from "./hosts/process.js";
export type { ProgramModule } from "./hosts/program-module.js";
export { loadProgram, NotInProcessError } from "./hosts/program-module.js";
export type { FaultKind, FaultSettings } from "./net/faults.js";
export { FAULT_KINDS } from "./net/faults.js";
export type { LatencyDist } from "./net/latency.js";
export type { TopologyName } from "./net/topologies.js";
export type { NemesisKind, TestOptions, TestOptionsInput } from "./options.js";
export {
  NEMESIS_KINDS,
  parseTestOptions,
  reproCommand,
  testCommandLine,
  testOptions,
  UsageError,
} from "./options.js";
export type { Analysis } from "./output/analysis.js";
export type { Op, OpType } from "./output/history.js";
export { RunLog } from "./output/log.js";
export type { Progress } from "./output/progress.js";
export type { RunTestOptions, TestRun } from "./run-test.js";
export { runTest, TestAborted } from "./run-test.js";
export type { Scenario } from "./sim/scenarios.js";
export { SCENARIOS } from "./sim/scenarios.js";
export type { SweepOptions, SweepReport } from "./sim/sweep.js";
export { runSweep, summaryTable } from "./sim/sweep.js";
export type { SimulateOptions } from "./simulate.js";
export { simulate } from "./simulate.js";
export type { TeardownReport } from "./teardown.js";
export { VirtualScheduler } from "./virtual-scheduler.js";
export type { OpRequest, Workload, WorkloadName } from "./workloads/index.js";
export { WORKLOAD_NAMES, WORKLOADS } from "./workloads/index.js";
