/**
 * Reimplements `maelstrom.net/latency-dist` (docs/MAELSTROM.md#latency).
 * Inter-server latency draws, in whole milliseconds.
 */
import type { Random } from "../../src/lib/random.js";

export const LATENCY_DISTS = ["constant", "uniform", "exponential"] as const;
export type LatencyDist = (typeof LATENCY_DISTS)[number];

export function latencySampler(dist: LatencyDist, meanMs: number, random: Random): () => number {
  switch (dist) {
    case "constant":
      return () => meanMs;
    case "uniform":
      // An integer in [0, 2·mean): its true mean is mean − 0.5, as in Maelstrom.
      if (meanMs <= 0) throw new Error("--latency-dist uniform needs --latency > 0");
      return () => random.int(2 * meanMs);
    case "exponential":
      if (meanMs <= 0) throw new Error("--latency-dist exponential needs --latency > 0");
      return () => Math.floor(random.exponential(meanMs));
  }
}
