/**
 * Treecast's own (docs/MAELSTROM.md#sweeps-and-faults).
 * Named scenario presets for `maelstrom sweep`: each changes a few fields of the sweep's base
 * test. Together they cover every grudge kind, every latency distribution, small and larger
 * clusters, and partitions shorter and longer than a typical retry timeout (3 s).
 */
import type { PartitionKind } from "../net/nemesis.js";
import { PARTITION_KINDS } from "../net/nemesis.js";
import type { TestOptionsInput } from "../options.js";

export interface Scenario {
  name: string;
  summary: string;
  /** Fields set over the base test. */
  test: Omit<TestOptionsInput, "workload">;
}

const grudge = (kind: PartitionKind): Scenario => ({
  name: `grudge-${kind}`,
  summary: `partitions of the ${kind} kind only`,
  test: { nemesis: ["partition"], partitionKinds: [kind] },
});

export const SCENARIOS: readonly Scenario[] = [
  { name: "calm", summary: "no faults", test: {} },
  ...PARTITION_KINDS.map(grudge),
  { name: "latency-constant", summary: "100 ms latency", test: { latencyMs: 100 } },
  {
    name: "latency-uniform",
    summary: "latency uniform around 100 ms",
    test: { latencyMs: 100, latencyDist: "uniform" },
  },
  {
    name: "latency-exponential",
    summary: "latency exponential, mean 100 ms",
    test: { latencyMs: 100, latencyDist: "exponential" },
  },
  { name: "nodes-5", summary: "5 nodes", test: { nodeCount: 5 } },
  { name: "nodes-25", summary: "25 nodes", test: { nodeCount: 25 } },
  {
    name: "partitions-short",
    summary: "partitions of about 1 s (shorter than a 3 s retry timeout)",
    test: { nemesis: ["partition"], nemesisIntervalS: 1 },
  },
  {
    name: "partitions-long",
    summary: "partitions of about 8 s (longer than a 3 s retry timeout)",
    test: { nemesis: ["partition"], nemesisIntervalS: 8 },
  },
];

export const SCENARIO_NAMES = SCENARIOS.map((scenario) => scenario.name);

export function scenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
