/**
 * Reimplements the analysis step of `jepsen.core/run!` (docs/MAELSTROM.md#checkers).
 * Runs every checker over a finished test and condenses the verdict.
 */
import { checkTest, type TestResults } from "../checkers/compose.js";
import type { NetStatsFold } from "../checkers/net.js";
import type { TestOptions } from "../options.js";
import { toJsonValue } from "./edn.js";
import type { Op } from "./history.js";

export interface Analysis {
  /** The results map with EDN keywords, for results.edn. */
  results: TestResults;
  /** The same map as plain JSON, for results.json and the challenge runner. */
  json: Record<string, unknown>;
  valid: "true" | "false" | "unknown";
}

export function analyze(
  options: Pick<TestOptions, "workload" | "availability">,
  history: readonly Op[],
  net: NetStatsFold,
): Analysis {
  const results = checkTest({
    workload: options.workload,
    history,
    net,
    availability: options.availability,
  });
  const json = toJsonValue(results) as Record<string, unknown>;
  const valid = json["valid?"] === true ? "true" : json["valid?"] === false ? "false" : "unknown";
  return { results, json, valid };
}
