// Jepsen's dispatch rules in virtual time (docs/MAELSTROM.md#generator-and-phases): the thread rotation and
// its shares, invocations stamped when dispatched with stagger lateness that accumulates, history
// times that never go back, and a seeded final-read order. Deterministic, so numbers are asserted.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JVM_WAKE_UP_NS, NS_PER_S } from "../../maelstrom/clock.js";
import type { TestOptionsInput } from "../../maelstrom/options.js";
import { isClientOp, type Op } from "../../maelstrom/output/history.js";
import { simulate } from "../../maelstrom/simulate.js";
import { PROFILES } from "../../src/programs/broadcast/config.js";
import { broadcast } from "../../src/programs/broadcast.js";
import { echo } from "../../src/programs/echo.js";
import { uniqueIds } from "../../src/programs/unique-ids.js";
import type { Program } from "../../src/runtime/node.js";

const store = mkdtempSync(join(tmpdir(), "treecast-dispatch-"));

async function history(test: TestOptionsInput, program: Program): Promise<Op[]> {
  const run = await simulate({ test: { ...test, storeDir: store }, program });
  expect(run.exitCode).toBe(0);
  return readFileSync(join(run.dir, "history.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

const invocations = (ops: Op[]) => ops.filter((op) => isClientOp(op) && op.type === "invoke");

/** Each thread's share of the client invocations, in percent (thread = process mod threads). */
function threadShares(ops: Op[], threads: number): number[] {
  const counts = new Array<number>(threads).fill(0);
  for (const op of invocations(ops)) counts[(op.process as number) % threads]!++;
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((count) => (100 * count) / total);
}

/** Jepsen's shares with fast ops: thread 0 gets the nemesis slot's turn too, 2/(c+1). */
const jepsenShares = (threads: number) =>
  Array.from({ length: threads }, (_, t) => (100 * (t === 0 ? 2 : 1)) / (threads + 1));

/**
 * Replays Jepsen's free-thread rule over a history (an independent oracle): every main-phase
 * client invocation must land on the first free thread at or after the rotation index, else the
 * lowest free one, the index moving on by one per dispatch, modulo threads + the nemesis slot.
 */
function expectJepsenRotation(ops: Op[], threads: number): void {
  const busy = new Set<number>();
  let index = 0;
  let nemesisInvoke = true;
  for (const op of ops) {
    if (op.final) return; // each-thread reads are not rotated
    if (op.process === "nemesis") {
      if (nemesisInvoke) index = (index + 1) % (threads + 1);
      nemesisInvoke = !nemesisInvoke;
      continue;
    }
    const thread = (op.process as number) % threads;
    if (op.type !== "invoke") {
      busy.delete(thread);
      continue;
    }
    const free = Array.from({ length: threads }, (_, t) => t).filter((t) => !busy.has(t));
    expect(thread).toBe(free.find((t) => t >= index) ?? free[0]);
    busy.add(thread);
    index = (index + 1) % (threads + 1);
  }
}

const SHAPE_3D = { nodeCount: 25, timeLimitS: 20, rate: 100, latencyMs: 100 } as const;
const SHAPE_3B = { nodeCount: 5, timeLimitS: 20, rate: 10 } as const;

describe("op dispatch", () => {
  it("gives thread 0 about 2/(c+1) of the ops when ops are fast (3d's shape with echo, and 3b)", async () => {
    const fast3d = await history({ workload: "echo", ...SHAPE_3D, seed: 3 }, echo);
    const run3b = await history(
      { workload: "broadcast", ...SHAPE_3B, seed: 3 },
      broadcast(PROFILES.default),
    );
    for (const [ops, threads] of [
      [fast3d, 25],
      [run3b, 5],
    ] as const) {
      const expected = jepsenShares(threads);
      threadShares(ops, threads).forEach((share, t) => {
        expect(Math.abs(share - expected[t]!)).toBeLessThanOrEqual(1.5);
      });
      expectJepsenRotation(ops, threads);
    }
  });

  it("follows Jepsen's rule when the hub's ops are slow (3d broadcast: head-of-line blocking at n0)", async () => {
    const ops = await history(
      { workload: "broadcast", ...SHAPE_3D, nemesis: ["partition"], seed: 3 },
      broadcast(PROFILES.default),
    );
    expectJepsenRotation(ops, 25);
    // n0 waits behind gossip it is sleeping on, so the rotation often finds it busy and moves
    // on to thread 1: its share falls short of 2/(c+1), as it would under Jepsen.
    const [hub, next] = threadShares(ops, 25);
    expect(hub).toBeGreaterThan(100 / 26);
    expect(next).toBeGreaterThan(100 / 26);
  }, 30_000);

  it("stamps an op when it is dispatched and draws the next gap from then, so lateness accumulates", async () => {
    // Challenge 2's shape: at rate 1000 the JVM's ~0.1 ms wake-up lateness per op costs ~9 %.
    const fast = invocations(
      await history(
        { workload: "unique-ids", nodeCount: 3, timeLimitS: 10, rate: 1000, seed: 4 },
        uniqueIds,
      ),
    );
    const fraction = fast.length / (1000 * 10);
    expect(fraction).toBeGreaterThanOrEqual(0.83);
    expect(fraction).toBeLessThanOrEqual(0.95);
    // No two ops closer than the wake-up lateness: each gap starts at the previous dispatch.
    const gaps = fast.slice(1).map((op, i) => op.time - fast[i]!.time);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(JVM_WAKE_UP_NS);
    const meanGapNs = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(meanGapNs).toBeGreaterThan(1e6 + 0.9 * JVM_WAKE_UP_NS);
    expect(meanGapNs).toBeLessThan(1e6 + 1.5 * JVM_WAKE_UP_NS);

    // At rate 100 the lateness is 1 % of a gap: the op count stays about rate × time.
    const slow = invocations(
      await history({ workload: "echo", nodeCount: 3, timeLimitS: 20, rate: 100, seed: 4 }, echo),
    );
    expect(slow.length).toBeGreaterThan(1900);
    expect(slow.length).toBeLessThan(2100);
  }, 30_000);

  it("never lets history times decrease with the index, nemesis and final reads included", async () => {
    const ops = await history(
      {
        workload: "broadcast",
        ...SHAPE_3B,
        timeLimitS: 10,
        rate: 50,
        latencyMs: 20,
        nemesis: ["partition"],
        nemesisIntervalS: 1,
        seed: 6,
      },
      broadcast(PROFILES.default),
    );
    expect(ops.some((op) => op.process === "nemesis")).toBe(true);
    for (let i = 1; i < ops.length; i++) {
      expect(ops[i]!.index).toBe(i);
      expect(ops[i]!.time).toBeGreaterThanOrEqual(ops[i - 1]!.time);
    }
    expect(ops.at(-1)!.time).toBeGreaterThan(10 * NS_PER_S);
  });

  it("dispatches the final reads in a seeded random order", async () => {
    const finalOrder = async (seed: number) =>
      invocations(
        await history(
          { workload: "broadcast", nodeCount: 5, timeLimitS: 1, rate: 10, seed },
          broadcast(PROFILES.default),
        ),
      )
        .filter((op) => op.final)
        .map((op) => op.process as number);
    const orders = await Promise.all([1, 2, 3, 4, 5].map(finalOrder));
    for (const order of orders) expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    // Not always the last thread last (the old rule), and the same seed gives the same order.
    expect(new Set(orders.map((order) => order.at(-1))).size).toBeGreaterThan(1);
    expect(await finalOrder(3)).toEqual(orders[2]);
  });
});
