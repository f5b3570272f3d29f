/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * A sweep's worker thread: runs the jobs it is sent, one at a time, and posts back results.
 */
import { parentPort } from "node:worker_threads";
import { runSweepJob, type SweepJob } from "./sweep-job.js";

parentPort?.on("message", async (job: SweepJob) => {
  try {
    parentPort?.postMessage({ ok: true, result: await runSweepJob(job) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: (error as Error).stack ?? String(error) });
  }
});
