// Whole tests in virtual time with in-process nodes: deterministic, so they may assert numbers.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TestOptionsInput } from "../../maelstrom/options.js";
import type { Op } from "../../maelstrom/output/history.js";
import { decodeOp, HISTORY_FILE, readJsonLines } from "../../maelstrom/output/jsonl.js";
import { simulate } from "../../maelstrom/simulate.js";
import { echo } from "../../src/programs/echo.js";
import type { Program } from "../../src/runtime/node.js";
import { requireField } from "../../src/runtime/protocol.js";

const store = mkdtempSync(join(tmpdir(), "treecast-sim-"));
/** A simulated run of `program` on the test described by `test` (stored in a scratch folder). */
const sim = (test: TestOptionsInput, program: Program) =>
  simulate({ test: { ...test, storeDir: store }, program });
const history = (dir: string): Op[] => [...readJsonLines(join(dir, HISTORY_FILE), decodeOp)];

/** Fire-and-forget flooding over Maelstrom's topology, skipping the sender. */
const flood: Program = (node) => {
  const seen = new Set<unknown>();
  let neighbours: string[] = [];
  const learn = (value: unknown, from: string | null) => {
    if (seen.has(value)) return;
    seen.add(value);
    for (const n of neighbours) if (n !== from) node.send(n, { type: "gossip", message: value });
  };
  node.on("topology", ({ body }) => {
    neighbours =
      requireField<Record<string, string[]>>(body, "topology", "object")[node.nodeId] ?? [];
    return { type: "topology_ok" };
  });
  node.on("broadcast", ({ body }) => {
    learn(body.message, null);
    return { type: "broadcast_ok" };
  });
  node.on("gossip", ({ src, body }) => {
    learn(body.message, src);
    return undefined;
  });
  node.on("read", () => ({ type: "read_ok", messages: [...seen] }));
};

/** Gossips a heartbeat to every other node forever, as some real nodes do. */
const heartbeat: Program = (node) => {
  const beat = () => {
    for (const other of node.nodeIds) if (other !== node.nodeId) node.send(other, { type: "beat" });
    node.env.setTimer(50, beat);
  };
  node.onInit(() => node.env.setTimer(50, beat));
  node.on("beat", () => undefined);
  node.on("echo", ({ body }) => ({ type: "echo_ok", echo: body.echo }));
};

describe("virtual-time runs", () => {
  it("stop counting at teardown even when nodes never go quiet", async () => {
    const test: TestOptionsInput = {
      workload: "echo",
      nodeCount: 3,
      timeLimitS: 3,
      rate: 10,
      latencyMs: 5,
      seed: 9,
    };
    const [a, b] = [await sim(test, heartbeat), await sim(test, heartbeat)];
    expect(a.exitCode).toBe(0);
    const servers = (run: typeof a) => (run.analysis!.json.net as any).servers["msg-count"];
    expect(servers(a)).toBe(servers(b));
    // 6 directed pairs, one beat every 50 ms, for the 3 s of the test (and its setup and drain).
    expect(servers(a)).toBeGreaterThan(6 * 55);
    expect(servers(a)).toBeLessThan(6 * 70);
  });

  it("are deterministic for a seed", async () => {
    const test: TestOptionsInput = {
      workload: "broadcast",
      nodeCount: 5,
      timeLimitS: 10,
      rate: 50,
      latencyMs: 30,
      nemesis: ["partition"],
      seed: 5,
    };
    const [a, b] = [await sim(test, flood), await sim(test, flood)];
    const strip = (ops: Op[]) =>
      ops.map(({ time, type, process, f, value }) => [time, type, process, f, value]);
    expect(strip(history(a.dir))).toEqual(strip(history(b.dir)));
    expect(a.analysis!.json).toEqual(b.analysis!.json);
  });

  it("follow the stagger and time limit: about rate × time-limit ops, one thread per node", async () => {
    const run = await sim(
      { workload: "echo", nodeCount: 3, timeLimitS: 20, rate: 100, seed: 2 },
      echo,
    );
    const invokes = history(run.dir).filter((op) => op.type === "invoke");
    expect(invokes.length).toBeGreaterThan(1900);
    expect(invokes.length).toBeLessThan(2100);
    expect(new Set(invokes.map((op) => op.process))).toEqual(new Set([0, 1, 2]));
    expect(Math.max(...invokes.map((op) => op.time))).toBeLessThan(20e9);
    expect(run.exitCode).toBe(0);
  });

  it("start partitioning at once, heal before a 10 s recovery, then read once per thread", async () => {
    const run = await sim(
      {
        workload: "broadcast",
        nodeCount: 5,
        timeLimitS: 10,
        rate: 20,
        latencyMs: 10,
        nemesis: ["partition"],
        seed: 3,
      },
      flood,
    );
    const ops = history(run.dir);
    const nemesis = ops.filter((op) => op.process === "nemesis");
    expect(nemesis[0]).toMatchObject({ f: "start-partition", type: "info" });
    expect(nemesis[0]!.time).toBeLessThan(1e6);
    const heal = nemesis.at(-1)!;
    expect(heal).toMatchObject({ f: "stop-partition", value: "network-healed" });
    const finals = ops.filter((op) => op.final && op.type === "invoke");
    expect(finals).toHaveLength(5);
    for (const read of finals) expect(read.time - heal.time).toBeGreaterThanOrEqual(10e9);
    // Flooding with no retries loses what a partition dropped; the checker must notice.
    expect(run.analysis!.json["valid?"]).toBe(false);
  });

  it("count n−1 server messages per broadcast when flooding a tree", async () => {
    const run = await sim(
      {
        workload: "broadcast",
        nodeCount: 7,
        topology: "tree",
        timeLimitS: 5,
        rate: 40,
        latencyMs: 5,
        seed: 4,
      },
      flood,
    );
    const broadcasts = history(run.dir).filter(
      (op) => op.type === "invoke" && op.f === "broadcast",
    ).length;
    const net = (run.analysis!.json.net as any).servers;
    expect(net["msg-count"]).toBe(6 * broadcasts);
    expect(run.exitCode).toBe(0);
  });
});
