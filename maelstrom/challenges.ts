/**
 * Treecast's own (docs/MAELSTROM.md#challenges).
 * Fly.io's Gossip Glomers parameter sets and the figures each is judged on.
 * Maelstrom itself checks only correctness; the 3d/3e thresholds are Fly.io's.
 */
export interface Threshold {
  label: string;
  /** Where the figure lives in the results map (JSON form, keys without colons). */
  path: string[];
  /** The figure must be strictly below this. */
  below: number;
  unit: string;
}

export interface Challenge {
  id: string;
  title: string;
  workload: string;
  /** Default --bin, relative to the project root. */
  bin: string;
  args: string[];
  /** Extra environment for the nodes (other nodes ignore it). */
  env?: Record<string, string>;
  thresholds: Threshold[];
}

const efficiency = (msgsPerOp: number, medianMs: number, maxMs: number): Threshold[] => [
  { label: "msgs-per-op", path: ["net", "servers", "msgs-per-op"], below: msgsPerOp, unit: "" },
  {
    label: "median latency",
    path: ["workload", "stable-latencies", "0.5"],
    below: medianMs,
    unit: " ms",
  },
  { label: "max latency", path: ["workload", "stable-latencies", "1"], below: maxMs, unit: " ms" },
];

const efficient = ["--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"];

export const CHALLENGES: readonly Challenge[] = [
  {
    id: "1",
    title: "Echo",
    workload: "echo",
    bin: "bin/echo",
    args: ["--node-count", "1", "--time-limit", "10"],
    thresholds: [],
  },
  {
    id: "2",
    title: "Unique ID Generation",
    workload: "unique-ids",
    bin: "bin/unique-ids",
    args: [
      "--time-limit",
      "30",
      "--rate",
      "1000",
      "--node-count",
      "3",
      "--availability",
      "total",
      "--nemesis",
      "partition",
    ],
    thresholds: [],
  },
  {
    id: "3a",
    title: "Single-Node Broadcast",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: ["--node-count", "1", "--time-limit", "20", "--rate", "10"],
    thresholds: [],
  },
  {
    id: "3b",
    title: "Multi-Node Broadcast",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: ["--node-count", "5", "--time-limit", "20", "--rate", "10"],
    thresholds: [],
  },
  {
    id: "3c",
    title: "Fault Tolerant Broadcast",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: ["--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition"],
    thresholds: [],
  },
  {
    id: "3d",
    title: "Efficient Broadcast, Part I",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: efficient,
    thresholds: efficiency(30, 400, 600),
  },
  {
    id: "3e",
    title: "Efficient Broadcast, Part II",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: efficient,
    env: { TREECAST_PROFILE: "efficient" },
    thresholds: efficiency(20, 1000, 2000),
  },
  {
    id: "3d-partition",
    title: "3d under partitions (correctness only)",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: [...efficient, "--nemesis", "partition"],
    thresholds: [],
  },
  {
    id: "3e-partition",
    title: "3e under partitions (correctness only)",
    workload: "broadcast",
    bin: "bin/broadcast",
    args: [...efficient, "--nemesis", "partition"],
    env: { TREECAST_PROFILE: "efficient" },
    thresholds: [],
  },
];

/** `all` is Fly.io's suite: 1, 2 and 3a–3e. */
export const ALL_CHALLENGES = ["1", "2", "3a", "3b", "3c", "3d", "3e"];

export function lookup(results: unknown, path: readonly string[]): unknown {
  let here: unknown = results;
  for (const key of path) {
    if (typeof here !== "object" || here === null) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return here;
}
