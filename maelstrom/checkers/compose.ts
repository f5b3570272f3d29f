/**
 * Reimplements `jepsen.checker/compose` and `check-safe` (docs/MAELSTROM.md#checkers).
 * The top-level result map: Maelstrom composes perf, timeline, exceptions,
 * stats, availability, net and the workload checker, then sets `valid?` by merging theirs
 * (false > :unknown > true). A checker that throws becomes `{valid? :unknown, error …}`
 * (Jepsen's `check-safe`).
 */
import type { JournalEvent, Op } from "../output/history.js";
import { WORKLOADS, type WorkloadCheckOptions, type WorkloadName } from "../workloads/index.js";
import {
  type AvailabilityGoal,
  type AvailabilityResult,
  checkAvailability,
} from "./availability.js";
import { mergeValid, unknownResult, type Validity } from "./common.js";
import { checkExceptions, type ExceptionsResult } from "./exceptions.js";
import { checkNet, type NetResult, NetStatsFold } from "./net.js";
import { checkStats, type StatsResult } from "./stats.js";

export interface CheckResult {
  "valid?": Validity;
}

/** What a throwing checker turns into. */
export interface CheckError {
  "valid?": Validity;
  error: string;
}

export type Checker<R extends CheckResult = CheckResult> = () => R;

export type Composed<T extends Record<string, Checker>> = {
  [K in keyof T]: ReturnType<T[K]> | CheckError;
} & { "valid?": Validity };

/** Runs one checker, turning a throw into `{valid? :unknown, error}`. */
export function checkSafe<R extends CheckResult>(checker: Checker<R>): R | CheckError {
  try {
    return checker();
  } catch (error) {
    return unknownResult(error);
  }
}

/** Jepsen's `compose`: each named result, in the given order, then the merged `valid?`. */
export function compose<T extends Record<string, Checker>>(checkers: T): Composed<T> {
  const results: Record<string, CheckResult> = {};
  for (const [name, checker] of Object.entries(checkers)) results[name] = checkSafe(checker);
  const valid = mergeValid(Object.values(results).map((r) => r["valid?"]));
  return { ...results, "valid?": valid } as Composed<T>;
}

export interface PerfResult {
  "latency-graph": CheckResult;
  "rate-graph": CheckResult;
  "valid?": Validity;
}

/** What perf reports when its graphs are written (drawing them is not a checker's job here). */
export function perfResult(): PerfResult {
  return { "latency-graph": { "valid?": true }, "rate-graph": { "valid?": true }, "valid?": true };
}

export interface TestCheckInput {
  workload: WorkloadName;
  history: readonly Op[];
  /** The journal: a fold fed during the run, or the events themselves. */
  net: NetStatsFold | Iterable<JournalEvent>;
  /** `--availability`. */
  availability?: AvailabilityGoal;
  workloadOptions?: WorkloadCheckOptions;
  /** Override to report graph/timeline writing (e.g. a failure); default `{valid? true}`. */
  perf?: Checker<PerfResult>;
  timeline?: Checker;
}

export interface TestResults {
  perf: PerfResult | CheckError;
  timeline: CheckResult | CheckError;
  exceptions: ExceptionsResult | CheckError;
  stats: StatsResult | CheckError;
  availability: AvailabilityResult | CheckError;
  net: NetResult | CheckError;
  workload: CheckResult;
  "valid?": Validity;
}

/** Every checker Maelstrom composes into a test's results, in results.edn order. */
export function checkTest(input: TestCheckInput): TestResults {
  const { history, net } = input;
  return compose({
    perf: input.perf ?? perfResult,
    timeline: input.timeline ?? (() => ({ "valid?": true })),
    exceptions: () => checkExceptions(history),
    stats: () => checkStats(history),
    availability: () => checkAvailability(history, input.availability),
    net: () => (net instanceof NetStatsFold ? net.result(history) : checkNet(net, history)),
    workload: () => WORKLOADS[input.workload].check(history, input.workloadOptions),
  });
}
