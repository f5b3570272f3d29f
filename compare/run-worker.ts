/**
 * A worker thread that runs in-process rows for the pool (run-pool.ts): it gets a run's spec
 * with the strategy by name, runs it, and posts the result back.
 */
import { parentPort } from "node:worker_threads";
import { type RunSpec, runRow } from "./run-row.js";
import { STRATEGIES } from "./strategies.js";

export type WorkerSpec = Omit<RunSpec, "strategy"> & { strategy: string };

parentPort?.on("message", async (spec: WorkerSpec) => {
  const strategy = STRATEGIES.find((s) => s.name === spec.strategy);
  const result = strategy
    ? await runRow({ ...spec, strategy })
    : { seed: spec.seed, ok: false as const, cause: `no built-in strategy ${spec.strategy}` };
  parentPort?.postMessage(result);
});
