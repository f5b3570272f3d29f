// The 3d/3e workloads (25 nodes, 100 ops/s, 100 ms latency, 20 s) in virtual time, delivered
// like Maelstrom's network (deadline queues with head-of-line blocking) and scored like set-full.
// The full runs against real processes live in the challenge runner; these guard the budgets.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/lib/random.js";
import { PROFILES } from "../../src/programs/broadcast/config.js";
import { BroadcastCluster, runWorkload } from "./broadcast-cluster.js";

const WORKLOAD = { rate: 100, durationMs: 20_000 };

function run(config = {}, seed = 1, onOp?: (c: BroadcastCluster, elapsedMs: number) => void) {
  const cluster = new BroadcastCluster({ nodes: 25, config, seed, maelstromQueues: true });
  const result = runWorkload(cluster, {
    ...WORKLOAD,
    seed,
    onOp: onOp && ((elapsed) => onOp(cluster, elapsed)),
  });
  return { cluster, result };
}

describe("message budget on the 3d/3e workload", () => {
  it("default profile: ≤ 1.5 msgs/op, median ≤ 350 ms, max ≤ 550 ms", () => {
    const { result, cluster } = run();
    expect(result.lost).toBe(0);
    expect(result.msgsPerOp).toBeLessThanOrEqual(1.5);
    expect(result.latencies.median).toBeLessThanOrEqual(350);
    expect(result.latencies.max).toBeLessThanOrEqual(550);
    // Acks ride on pushes: no retries at all, and bare acks are a few percent of messages.
    const stats = [...cluster.states.values()].map((s) => s.gossip.stats);
    expect(stats.reduce((sum, s) => sum + s.retries, 0)).toBe(0);
    expect(stats.reduce((sum, s) => sum + s.acks, 0)).toBeLessThan(0.03 * result.serverMessages);
  });

  it("efficient profile: ≤ 0.7 msgs/op, median < 900 ms, max < 1800 ms", () => {
    const { result } = run(PROFILES.efficient);
    expect(result.lost).toBe(0);
    expect(result.msgsPerOp).toBeLessThanOrEqual(0.7);
    expect(result.latencies.median).toBeLessThan(900);
    expect(result.latencies.max).toBeLessThan(1800);
  });

  it("costs the same number of messages with the plain replica", () => {
    const yjs = run({}, 2).result;
    const plain = run({ replica: "plain" }, 2).result;
    expect(Math.abs(plain.serverMessages - yjs.serverMessages)).toBeLessThanOrEqual(
      0.02 * yjs.serverMessages,
    );
  });

  it.each([
    ["default", PROFILES.default],
    ["efficient", PROFILES.efficient],
  ])("%s profile loses nothing under a partition nemesis", (_, config) => {
    // Every 5 s, alternately cut the cluster in two random groups or heal it.
    let phase = -1;
    const { result, cluster } = run(config, 3, (c, elapsed) => {
      const now = Math.floor(elapsed / 5000);
      if (now === phase) return;
      phase = now;
      if (now % 2 === 1) {
        c.heal();
        return;
      }
      const random = seededRandom(now);
      const shuffled = random.shuffle(c.ids);
      const cut = 1 + random.int(c.ids.length - 1);
      c.partition(shuffled.slice(0, cut), shuffled.slice(cut));
    });
    expect(result.lost).toBe(0);
    expect(result.broadcasts).toBeGreaterThan(900);
    expect(cluster.dropped).toBeGreaterThan(20);
  });
});
