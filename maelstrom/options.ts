/**
 * `maelstrom test` options with Maelstrom's names, defaults and validation (maelstrom-spec §2),
 * plus `--seed`. Positional arguments anywhere on the line become the node binary's argv.
 */
import { parseArgs } from "node:util";
import type { LatencyDist } from "./net/latency.js";
import { TOPOLOGY_NAMES, type TopologyName } from "./net/topologies.js";
import { WORKLOAD_NAMES, type WorkloadName } from "./workloads/index.js";

export interface TestOptions {
  workload: WorkloadName;
  bin: string;
  args: string[];
  nodes: string[];
  timeLimitS: number;
  rate: number;
  concurrency: number;
  latencyMs: number;
  latencyDist: LatencyDist;
  nemesis: boolean;
  nemesisIntervalS: number;
  topology: TopologyName;
  availability: "total" | number | undefined;
  logStderr: boolean;
  seed: number;
  storeDir: string;
  /** Niceness of node processes (0, as Maelstrom, unless `--node-niceness`). */
  nodeNiceness: number;
  /** Extra environment for node processes (not a Maelstrom flag; the challenge runner sets it). */
  nodeEnv: Record<string, string>;
}

/** Bad command-line arguments: Maelstrom exits 254. */
export class UsageError extends Error {}

const OPTION_SPEC = {
  workload: { type: "string", short: "w", default: "lin-kv" },
  bin: { type: "string" },
  "node-count": { type: "string" },
  node: { type: "string", short: "n", multiple: true },
  nodes: { type: "string" },
  "time-limit": { type: "string", default: "60" },
  rate: { type: "string", default: "5" },
  concurrency: { type: "string", default: "1n" },
  latency: { type: "string", default: "0" },
  "latency-dist": { type: "string", default: "constant" },
  nemesis: { type: "string" },
  "nemesis-interval": { type: "string", default: "10" },
  topology: { type: "string", default: "grid" },
  availability: { type: "string" },
  "log-stderr": { type: "boolean", default: false },
  seed: { type: "string" },
  store: { type: "string", default: "store" },
  "node-niceness": { type: "string", default: "0" },
} as const;

function integer(name: string, text: string, min: number): number {
  if (!/^-?\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${text}`);
  return Number(text);
}

function number(name: string, text: string, check: (n: number) => boolean, what: string): number {
  // Clojure's read-string accepts fractions like 1/2 for --nemesis-interval.
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || !check(value))
    throw new UsageError(`--${name} must be ${what}, got ${text}`);
  return value;
}

function niceness(text: string): number {
  const value = integer("node-niceness", text, 0);
  if (value > 19) throw new UsageError(`--node-niceness must be at most 19, got ${text}`);
  return value;
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  if (!allowed.includes(text as T))
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got ${text}`);
  return text as T;
}

export function parseTestOptions(argv: readonly string[]): TestOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTION_SPEC; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTION_SPEC,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  if (!v.bin) throw new UsageError("Expected a --bin PATH_TO_BINARY to test");
  const workload = oneOf("workload", v.workload, WORKLOAD_NAMES);

  let nodes = ["n1", "n2", "n3", "n4", "n5"];
  if (v["node-count"] !== undefined) {
    const count = integer("node-count", v["node-count"], 1);
    nodes = Array.from({ length: count }, (_, i) => `n${i}`);
  } else if (v.nodes !== undefined) {
    nodes = v.nodes.split(",").filter((name) => name !== "");
  } else if (v.node !== undefined) {
    nodes = v.node;
  }
  if (nodes.length === 0) throw new UsageError("no nodes");
  for (const node of nodes) {
    // Maelstrom would treat such a node as a client (no latency, no partitions): refuse it.
    if (node.startsWith("c"))
      throw new UsageError(`node name ${node} starts with c, which Maelstrom reserves for clients`);
    if (!/^[\w.-]+$/.test(node))
      throw new UsageError(`node name ${node} must be letters, digits, _ . -`);
  }

  const concurrencyMatch = /^(\d+)(n?)$/.exec(v.concurrency);
  if (!concurrencyMatch)
    throw new UsageError(`--concurrency must look like 5 or 2n, got ${v.concurrency}`);
  const concurrency = Number(concurrencyMatch[1]) * (concurrencyMatch[2] ? nodes.length : 1);
  if (concurrency < 1) throw new UsageError("--concurrency must be at least 1");

  const latencyDist = oneOf("latency-dist", v["latency-dist"], [
    "constant",
    "uniform",
    "exponential",
  ] as const);
  const latencyMs = integer("latency", v.latency, 0);
  if (latencyDist !== "constant" && latencyMs === 0)
    throw new UsageError(`--latency-dist ${latencyDist} needs --latency > 0`);

  const faults = (v.nemesis ?? "").split(",").filter((fault) => fault !== "");
  for (const fault of faults) oneOf("nemesis", fault, ["partition"] as const);

  let availability: TestOptions["availability"];
  if (v.availability !== undefined) {
    availability =
      v.availability === "total"
        ? "total"
        : number(
            "availability",
            v.availability,
            (a) => a >= 0 && a <= 1,
            "total or a number in [0, 1]",
          );
  }

  return {
    workload,
    bin: v.bin,
    args: parsed.positionals,
    nodes,
    timeLimitS: integer("time-limit", v["time-limit"], 1),
    rate: number("rate", v.rate, (r) => r >= 0, "a number ≥ 0"),
    concurrency,
    latencyMs,
    latencyDist,
    nemesis: faults.includes("partition"),
    nemesisIntervalS: number(
      "nemesis-interval",
      v["nemesis-interval"],
      (s) => s > 0,
      "a positive number",
    ),
    topology: oneOf("topology", v.topology, TOPOLOGY_NAMES),
    availability,
    logStderr: v["log-stderr"],
    seed: v.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : integer("seed", v.seed, 0),
    storeDir: v.store,
    nodeNiceness: niceness(v["node-niceness"]),
    nodeEnv: {},
  };
}
