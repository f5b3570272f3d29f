/**
 * Reimplements the workload table of `maelstrom.core` (docs/MAELSTROM.md#workloads).
 * The workloads this harness runs, by `-w` name.
 */
import { broadcast } from "./broadcast.js";
import { echo } from "./echo.js";
import { gSet } from "./g-set.js";
import { uniqueIds } from "./unique-ids.js";
import type { Workload, WorkloadName } from "./workload.js";

export type { OpRequest, Workload, WorkloadCheckOptions, WorkloadName } from "./workload.js";
export { schemaProblem } from "./workload.js";

export const WORKLOADS: Record<WorkloadName, Workload> = {
  echo,
  "unique-ids": uniqueIds,
  broadcast,
  "g-set": gSet,
};

export const WORKLOAD_NAMES = Object.keys(WORKLOADS) as readonly WorkloadName[];
