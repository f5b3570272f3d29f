// Whole `maelstrom test` runs against small fixture nodes (test/support/fixtures) and our own
// executables, with short time limits. The runs are independent, so they go concurrently.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestOptionsInput } from "../../maelstrom/options.js";
import type { Op } from "../../maelstrom/output/history.js";
import { decodeOp, HISTORY_FILE, readJsonLines } from "../../maelstrom/output/jsonl.js";
import { RunLog } from "../../maelstrom/output/log.js";
import { RESULTS_EDN, RESULTS_JSON, readResults } from "../../maelstrom/output/outputs.js";
import { runTest, type TestRun } from "../../maelstrom/run-test.js";

const ROOT = join(import.meta.dirname, "../..");
const fixture = (name: string) => join(ROOT, "test/support/fixtures", name);
const store = mkdtempSync(join(tmpdir(), "treecast-e2e-"));

/** A process-mode test of the executable `bin`. */
const run = (bin: string, test: TestOptionsInput): TestOptionsInput => ({ ...test, bin });

const RUNS = {
  flood: run(fixture("flood-broadcast.mjs"), {
    workload: "broadcast",
    nodeCount: 5,
    topology: "tree",
    rate: 30,
    timeLimitS: 3,
  }),
  floodLine: run(fixture("flood-broadcast.mjs"), {
    workload: "broadcast",
    nodeCount: 4,
    topology: "line",
    rate: 30,
    timeLimitS: 3,
    latencyMs: 20,
  }),
  lonely: run(fixture("lonely-broadcast.mjs"), {
    workload: "broadcast",
    nodeCount: 3,
    rate: 20,
    timeLimitS: 2,
  }),
  crashing: run(fixture("crashing-broadcast.mjs"), {
    workload: "broadcast",
    nodeCount: 1,
    rate: 20,
    timeLimitS: 2,
  }),
  chatty: run(fixture("chatty-broadcast.mjs"), {
    workload: "broadcast",
    nodeCount: 1,
    rate: 20,
    timeLimitS: 2,
  }),
  verboseEcho: run(fixture("verbose-echo.mjs"), {
    workload: "echo",
    nodeCount: 1,
    rate: 20,
    timeLimitS: 2,
  }),
  idleEcho: run(fixture("policy-echo.mjs"), {
    workload: "echo",
    nodeCount: 1,
    rate: 20,
    timeLimitS: 1,
    nodeIdle: true,
  }),
  plainPolicyEcho: run(fixture("policy-echo.mjs"), {
    workload: "echo",
    nodeCount: 1,
    rate: 20,
    timeLimitS: 1,
  }),
  echo: run(join(ROOT, "bin/echo"), { workload: "echo", nodeCount: 2, rate: 50, timeLimitS: 2 }),
  broadcast3b: run(join(ROOT, "bin/broadcast"), {
    workload: "broadcast",
    nodeCount: 5,
    rate: 20,
    timeLimitS: 4,
  }),
  broadcast3c: run(join(ROOT, "bin/broadcast"), {
    workload: "broadcast",
    nodeCount: 5,
    rate: 20,
    timeLimitS: 6,
    nemesis: ["partition"],
    nemesisIntervalS: 1,
    latencyMs: 10,
  }),
  snowflakes: run(fixture("snowflake-ids.mjs"), {
    workload: "unique-ids",
    nodeCount: 3,
    rate: 100,
    timeLimitS: 2,
  }),
  missingBinary: run("/nonexistent/treecast-node", {
    workload: "echo",
    nodeCount: 2,
    timeLimitS: 5,
  }),
  uniqueIds: run(join(ROOT, "bin/unique-ids"), {
    workload: "unique-ids",
    nodeCount: 3,
    rate: 300,
    timeLimitS: 3,
    availability: "total",
    nemesis: ["partition"],
    nemesisIntervalS: 1,
  }),
} satisfies Record<string, TestOptionsInput>;

const runs = {} as Record<keyof typeof RUNS, TestRun>;

beforeAll(async () => {
  await Promise.all(
    Object.entries(RUNS).map(async ([name, test]) => {
      runs[name as keyof typeof RUNS] = await runTest({
        // No reports: they are written synchronously when a run ends, which would stall the other
        // runs sharing this process's event loop (and their latencies). Reports have own tests.
        test: { ...test, storeDir: join(store, name), seed: 11, report: false },
        log: new RunLog({ quiet: true }),
      });
    }),
  );
}, 120_000);

const json = (run: TestRun) => run.analysis!.json as Record<string, any>;
const invokes = (run: TestRun, f?: string) =>
  readResultsHistory(run).filter(
    (op) => op.type === "invoke" && op.process !== "nemesis" && (!f || op.f === f),
  ).length;
function readResultsHistory(run: TestRun): Op[] {
  return [...readJsonLines(join(run.dir, HISTORY_FILE), decodeOp)];
}

describe("end to end through the harness", () => {
  it("runs nodes under SCHED_IDLE with --node-idle, through chrt, unchanged otherwise", () => {
    const run = runs.idleEcho;
    expect(run.exitCode).toBe(0);
    expect(json(run)["valid?"]).toBe(true);
    const log = readFileSync(join(run.dir, "node-logs", "n0.log"), "utf8");
    expect(log).toContain("scheduling policy 5");
    // Without the flag a node keeps the harness's policy (0, SCHED_OTHER), as under Maelstrom.
    const plain = readFileSync(join(runs.plainPolicyEcho.dir, "node-logs", "n0.log"), "utf8");
    expect(plain).toContain("scheduling policy 0");
  });

  it("judges a correct flooding node valid, and counts n−1 messages per broadcast on a tree", () => {
    const run = runs.flood;
    expect(run.exitCode).toBe(0);
    const results = json(run);
    expect(results["valid?"]).toBe(true);
    expect(results.workload["lost-count"]).toBe(0);
    const broadcasts = invokes(run, "broadcast");
    // Enough to count; under load fewer than nominal, since dispatch lateness accumulates.
    expect(broadcasts).toBeGreaterThan(10);
    expect(results.net.servers["msg-count"]).toBe(4 * broadcasts);
    expect(results.net.servers["msgs-per-op"]).toBeCloseTo((4 * broadcasts) / invokes(run), 5);
  });

  it("counts n−1 messages per broadcast on a line with latency too, and the set-full latencies show it", () => {
    const run = runs.floodLine;
    expect(run.exitCode).toBe(0);
    const results = json(run);
    expect(results.net.servers["msg-count"]).toBe(3 * invokes(run, "broadcast"));
    // Three hops of 20 ms bound how long a value is missing; the rest is slack for a loaded 2-core
    // box running a dozen such tests at once. A node that failed to forward would show seconds,
    // or lost values.
    expect(results.workload["stable-latencies"]["1"]).toBeLessThanOrEqual(200);
  });

  it("judges a node that never forwards invalid, with lost values", () => {
    expect(runs.lonely.exitCode).toBe(1);
    expect(json(runs.lonely).workload["lost-count"]).toBeGreaterThan(0);
  });

  it("reports a crashed node with its exit code and last stderr lines, and exits 255", () => {
    const run = runs.crashing;
    expect(run.exitCode).toBe(255);
    const fault = run.faults.find((f) => f.kind === "crashed");
    expect(fault?.detail).toMatch(/code 3/);
    expect(fault?.lastStderr).toContain("fixture: out of patience");
  });

  it("reads 64-bit integer ids exactly, as Maelstrom's Clojure reader does", () => {
    const run = runs.snowflakes;
    expect(run.exitCode).toBe(0);
    const results = readFileSync(join(run.dir, RESULTS_JSON), "utf8");
    expect(results).toMatch(/"range": \[\s*7000000000000000000,\s*70000000000020000\d\d\s*\]/);
  });

  it("aborts at once, with 255, when a node cannot even start", () => {
    const run = runs.missingBinary;
    expect(run.exitCode).toBe(255);
    expect(run.faults[0]?.detail).toMatch(/could not start .*nonexistent/);
    expect(run.analysis).toBeNull();
  });

  it("stops routing a node's output after a non-JSON line, as Maelstrom does, and says so", () => {
    const run = runs.chatty;
    const fault = run.faults.find((f) => f.kind === "stdout-reader-stopped");
    expect(fault?.detail).toMatch(/not JSON; line: hello from the fixture!/);
    expect(run.exitCode).not.toBe(0);
    expect(json(run).stats["info-count"] + json(run).stats["fail-count"]).toBeGreaterThan(0);
  });

  it("turns a reply with extra keys into :info with a malformed-response exception", () => {
    const results = json(runs.verboseEcho);
    expect(results.stats["ok-count"]).toBe(0);
    expect(results.exceptions.exceptions[0].example.exception.via[0].message).toMatch(
      /Malformed RPC response: disallowed keys note/,
    );
    expect(runs.verboseEcho.exitCode).toBe(1);
  });

  it("passes bin/echo and bin/unique-ids (the latter under partitions with total availability)", () => {
    expect(runs.echo.exitCode).toBe(0);
    expect(runs.uniqueIds.exitCode).toBe(0);
    expect(json(runs.uniqueIds).availability["ok-fraction"]).toBe(1);
    expect(readResultsHistory(runs.uniqueIds).some((op) => op.f === "start-partition")).toBe(true);
  });

  it("passes bin/broadcast in the 3b and 3c shapes (the latter under partitions)", () => {
    for (const run of [runs.broadcast3b, runs.broadcast3c]) {
      expect(run.exitCode).toBe(0);
      expect(json(run).workload["lost-count"]).toBe(0);
      expect(json(run).workload["stable-count"]).toBe(invokes(run, "broadcast"));
    }
    expect(readResultsHistory(runs.broadcast3c).some((op) => op.f === "start-partition")).toBe(
      true,
    );
  });

  it("writes a results.edn that reads back to the same figures as results.json", () => {
    const edn = readResults(join(runs.flood.dir, RESULTS_EDN)) as Record<string, any>;
    const results = json(runs.flood);
    expect(edn["valid?"]).toBe(true);
    expect(edn.net.servers["msgs-per-op"]).toBeCloseTo(results.net.servers["msgs-per-op"], 5);
    expect(edn.workload["stable-latencies"]).toEqual(results.workload["stable-latencies"]);
    expect(edn.workload["attempt-count"]).toBe(results.workload["attempt-count"]);
  });
});
